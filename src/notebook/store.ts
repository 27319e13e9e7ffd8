/**
 * The notebook store: Zustand on `zustand/vanilla`, in three slices.
 *
 * - cells: the document (ordered cells, each a `CellState`) and deleted cells for undo;
 * - kernel: the kernel's status and the runs sent to it, in the order it runs them;
 * - ui: selection, command/edit mode, font size, theme, dialogs.
 *
 * Cells change only through `transition` (transitions.ts). The kernel is an
 * injected port, so tests drive the store with a fake and no browser.
 */
import { createStore, type StateCreator, type StoreApi } from "zustand/vanilla";
import type { FromWorker } from "../protocol.ts";
import { type CellDoc, type CellType, makeCell, type NotebookDoc } from "./model.ts";
import { type CellMessage, type CellState, cellState, transition } from "./transitions.ts";

/** What the store needs from the kernel (kernel-client.ts provides it in the page). */
export interface KernelPort {
  execute(runId: string, cellId: string, code: string): void;
  /** Clears the kernel's variables and counter without replacing the worker. */
  reset(): void;
  /** Terminates the worker, stopping any run, and starts a fresh one. */
  restart(): void;
  /** Drops runs the kernel has queued and not started; each comes back as `aborted`. */
  drop(runIds: readonly string[]): void;
  /**
   * Stops the running cell with KeyboardInterrupt and keeps the kernel's
   * variables. Returns false when this kernel cannot (the page is not
   * cross-origin isolated): the caller then lets the run finish, or restarts.
   */
  interruptKeepingState(upTo?: string): boolean;
  /** Answers a pending `input()` of the running cell (isolated pages only). */
  answerInput?(text: string): void;
}

/** A running cell waits in `input(prompt)` for the user's line. */
export interface StdinRequest {
  runId: string;
  cellId: string;
  prompt: string;
}

/** `dead`: the worker crashed or failed to load; only a restart brings it back. */
export type KernelStatus = "starting" | "idle" | "busy" | "dead";
export type Mode = "command" | "edit";
export type Theme = "system" | "light" | "dark";

export interface CellsSlice {
  metadata: Record<string, unknown>;
  order: string[];
  cells: Record<string, CellState>;
  /** Deleted cells, most recent last, with the index they had. */
  trash: { cell: CellState; index: number }[];
  load(doc: NotebookDoc): void;
  toDoc(): NotebookDoc;
  setSource(id: string, source: string): void;
  setType(id: string, cellType: CellType): void;
  /** Inserts a new cell above or below `id` (or at the end) and selects it. */
  insert(cellType: CellType, where: "above" | "below", id?: string): string;
  remove(id: string): void;
  undoRemove(): void;
  move(id: string, delta: -1 | 1): void;
  clearOutputs(): void;
}

export interface KernelRun {
  runId: string;
  cellId: string;
}

export interface KernelSlice {
  kernel: {
    status: KernelStatus;
    /** Runs sent to the kernel and not yet done; the first one is running. */
    runs: KernelRun[];
    /** A visible message about the kernel, e.g. after an interrupt. */
    notice: string | null;
  };
  run(id: string): void;
  /** Drops runs the kernel has not started (`KernelPort.drop`); each comes back as `aborted`. */
  dropRuns(runIds: string[]): void;
  /**
   * Stops the running run and keeps the kernel's variables, where the page can
   * (`KernelPort.interruptKeepingState`); with `upTo`, only if the running run is that one or an earlier one.
   */
  interruptKeepingState(upTo?: string): boolean;
  runAll(): void;
  interrupt(): void;
  restartKernel(): void;
  restartAndRunAll(): void;
  dismissNotice(): void;
  /** The pending `input()` request, shown as a text box under its cell. */
  stdin: StdinRequest | null;
  answerInput(text: string): void;
  /** Feed one validated message from the worker. */
  receive(message: FromWorker): void;
  /** The worker crashed: its runs are lost; Restart kernel starts a new one. */
  crashed(reason: string): void;
}

export interface UiSlice {
  ui: {
    selectedId: string | null;
    mode: Mode;
    fontSize: number;
    theme: Theme;
    helpOpen: boolean;
  };
  select(id: string | null): void;
  /** Moves the selection by `delta` cells, staying in bounds. */
  selectRelative(delta: number): void;
  setMode(mode: Mode): void;
  setFontSize(px: number): void;
  setTheme(theme: Theme): void;
  setHelpOpen(open: boolean): void;
}

export type NotebookState = CellsSlice & KernelSlice & UiSlice;
export type NotebookStore = StoreApi<NotebookState>;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface StoreOptions {
  kernel: KernelPort;
  storage?: KeyValueStorage;
  now?: () => number;
  newRunId?: () => string;
  newCellId?: () => string;
  /**
   * Runs `flush` once before the next paint; messages from the kernel wait for
   * it and are applied together, in order. Defaults to the next animation frame
   * (or 250 ms, whichever comes first, so a hidden tab still keeps up) where
   * there is one, else at once (tests, Node).
   */
  nextFrame?: ((flush: () => void) => void) | null;
}

/** The next animation frame, or 250 ms if frames are paused (a hidden tab); null outside a page. */
function defaultNextFrame(): ((flush: () => void) => void) | null {
  if (typeof globalThis.requestAnimationFrame !== "function") return null;
  return (flush) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      flush();
    };
    globalThis.requestAnimationFrame(once);
    setTimeout(once, 250);
  };
}

export const FONT_SIZES = { min: 12, max: 32, default: 16 } as const;
const FONT_KEY = "initlab.fontSize";
const THEME_KEY = "initlab.theme";

function readFontSize(storage: KeyValueStorage | undefined): number {
  const value = Number(storage?.getItem(FONT_KEY) ?? Number.NaN);
  return Number.isFinite(value) ? clampFont(value) : FONT_SIZES.default;
}

function clampFont(px: number): number {
  return Math.min(FONT_SIZES.max, Math.max(FONT_SIZES.min, Math.round(px)));
}

function readTheme(storage: KeyValueStorage | undefined): Theme {
  const value = storage?.getItem(THEME_KEY);
  return value === "light" || value === "dark" ? value : "system";
}

type Slice<T> = StateCreator<NotebookState, [], [], T>;

/** Applies one message to one cell; unknown ids are ignored. */
function update(
  cells: Record<string, CellState>,
  id: string,
  message: CellMessage,
): Record<string, CellState> {
  const cell = cells[id];
  if (cell === undefined) return cells;
  const next = transition(cell, message);
  return next === cell ? cells : { ...cells, [id]: next };
}

function cellsSlice(options: StoreOptions): Slice<CellsSlice> {
  const newCellId = options.newCellId;
  return (set, get) => ({
    metadata: {},
    order: [],
    cells: {},
    trash: [],
    load(doc) {
      const cells: Record<string, CellState> = {};
      for (const cell of doc.cells) cells[cell.id] = cellState(cell);
      const order = doc.cells.map((c) => c.id);
      set((s) => ({
        metadata: doc.metadata,
        order,
        cells,
        trash: [],
        ui: { ...s.ui, selectedId: order[0] ?? null, mode: "command" },
      }));
    },
    toDoc() {
      const { metadata, order, cells } = get();
      const docs: CellDoc[] = [];
      for (const id of order) {
        const cell = cells[id];
        if (cell !== undefined) docs.push(cell.doc);
      }
      return { metadata, cells: docs };
    },
    setSource(id, source) {
      set((s) => ({ cells: update(s.cells, id, { type: "edit", source }) }));
    },
    setType(id, cellType) {
      set((s) => ({ cells: update(s.cells, id, { type: "set-type", cellType }) }));
    },
    insert(cellType, where, id) {
      const doc = newCellId === undefined ? makeCell(cellType, "") : makeCell(cellType, "", newCellId());
      set((s) => {
        const at = id === undefined ? -1 : s.order.indexOf(id);
        const index = at < 0 ? s.order.length : where === "above" ? at : at + 1;
        const order = [...s.order.slice(0, index), doc.id, ...s.order.slice(index)];
        return {
          order,
          cells: { ...s.cells, [doc.id]: cellState(doc) },
          ui: { ...s.ui, selectedId: doc.id },
        };
      });
      return doc.id;
    },
    remove(id) {
      set((s) => {
        const index = s.order.indexOf(id);
        const cell = s.cells[id];
        if (index < 0 || cell === undefined) return {};
        const order = s.order.filter((x) => x !== id);
        const { [id]: _removed, ...cells } = s.cells;
        const selectedId =
          s.ui.selectedId === id ? (order[Math.min(index, order.length - 1)] ?? null) : s.ui.selectedId;
        return {
          order,
          cells,
          trash: [...s.trash, { cell, index }],
          ui: { ...s.ui, selectedId, mode: "command" },
        };
      });
    },
    undoRemove() {
      set((s) => {
        const last = s.trash[s.trash.length - 1];
        if (last === undefined) return {};
        const index = Math.min(last.index, s.order.length);
        const id = last.cell.doc.id;
        return {
          order: [...s.order.slice(0, index), id, ...s.order.slice(index)],
          cells: { ...s.cells, [id]: last.cell },
          trash: s.trash.slice(0, -1),
          ui: { ...s.ui, selectedId: id },
        };
      });
    },
    move(id, delta) {
      set((s) => {
        const index = s.order.indexOf(id);
        const target = index + delta;
        if (index < 0 || target < 0 || target >= s.order.length) return {};
        const order = [...s.order];
        const other = order[target];
        if (other === undefined) return {};
        order[target] = id;
        order[index] = other;
        return { order };
      });
    },
    clearOutputs() {
      set((s) => {
        let cells = s.cells;
        for (const id of s.order) cells = update(cells, id, { type: "clear-outputs" });
        return { cells };
      });
    },
  });
}

function kernelSlice(options: StoreOptions): Slice<KernelSlice> {
  const { kernel } = options;
  const now = options.now ?? (() => Date.now());
  let counter = 0;
  const newRunId = options.newRunId ?? (() => `run-${now().toString(36)}-${(counter++).toString(36)}`);
  const nextFrame = options.nextFrame === undefined ? defaultNextFrame() : options.nextFrame;
  /** Kernel messages waiting for the next frame, in arrival order. */
  let inbox: FromWorker[] = [];

  /** Cancels every run sent to the kernel; they will never report. */
  function cancelAll(s: NotebookState): Pick<NotebookState, "cells" | "stdin"> {
    let cells = s.cells;
    for (const r of s.kernel.runs) cells = update(cells, r.cellId, { type: "cancel", runId: r.runId });
    return { cells, stdin: null };
  }

  return (set, get) => {
    const slice: KernelSlice = {
      kernel: { status: "starting", runs: [], notice: null },
      stdin: null,
      answerInput(text) {
        if (get().stdin === null) return;
        kernel.answerInput?.(text);
        set({ stdin: null });
      },
      run(id) {
        const cell = get().cells[id];
        if (cell === undefined || cell.doc.cell_type !== "code") return;
        const runId = newRunId();
        // Running code after a crash starts a new worker, as Jupyter's auto-restart does.
        if (get().kernel.status === "dead") {
          kernel.restart();
          set((s) => ({ kernel: { ...s.kernel, status: "starting" } }));
        }
        set((s) => {
          let cells = update(s.cells, id, { type: "queue", runId });
          const runs = [...s.kernel.runs, { runId, cellId: id }];
          // The kernel runs in order, so a run that is first in line has started.
          if (runs.length === 1) cells = update(cells, id, { type: "start", runId, at: now() });
          const status = s.kernel.status === "idle" ? "busy" : s.kernel.status;
          return { cells, kernel: { ...s.kernel, runs, status } };
        });
        kernel.execute(runId, id, cell.doc.source);
      },
      dropRuns(runIds) {
        if (runIds.length > 0) kernel.drop(runIds);
      },
      interruptKeepingState(upTo) {
        return get().kernel.runs.length > 0 && kernel.interruptKeepingState(upTo);
      },
      runAll() {
        for (const id of get().order) get().run(id);
      },
      interrupt() {
        const runs = get().kernel.runs;
        if (runs.length === 0) return;
        if (kernel.interruptKeepingState()) {
          // The running cell raises KeyboardInterrupt; the kernel drops the runs queued behind it.
          kernel.drop(runs.slice(1).map((r) => r.runId));
          return;
        }
        kernel.restart();
        set((s) => ({
          ...cancelAll(s),
          kernel: {
            status: "starting",
            runs: [],
            notice:
              "Interrupted: this page is not cross-origin isolated, so the kernel was restarted to stop the running cell. Its variables are gone; run the cells above again.",
          },
        }));
      },
      restartKernel() {
        const busy = get().kernel.runs.length > 0 || get().kernel.status !== "idle";
        if (busy) kernel.restart();
        else kernel.reset();
        set((s) => ({
          ...cancelAll(s),
          kernel: {
            status: busy ? "starting" : "idle",
            runs: [],
            notice: "The kernel was restarted: variables are gone and counts start again at 1.",
          },
        }));
      },
      restartAndRunAll() {
        get().restartKernel();
        get().runAll();
      },
      dismissNotice() {
        set((s) => ({ kernel: { ...s.kernel, notice: null } }));
      },
      receive(message) {
        if (nextFrame === null) {
          apply(message);
          return;
        }
        inbox.push(message);
        if (inbox.length > 1) return;
        nextFrame(() => {
          const batch = inbox;
          inbox = [];
          for (const m of batch) apply(m);
        });
      },
      crashed(reason) {
        inbox = [];
        // No automatic restart: a worker that fails to load would fail again, in a loop.
        set((s) => ({
          ...cancelAll(s),
          kernel: {
            status: "dead",
            runs: [],
            notice: `The kernel stopped (${reason}). Press Restart kernel to start a new one; variables are gone.`,
          },
        }));
      },
    };

    /** Applies one kernel message to the store. */
    function apply(message: FromWorker): void {
      switch (message.op) {
        case "ready":
          set((s) => ({ kernel: { ...s.kernel, status: s.kernel.runs.length > 0 ? "busy" : "idle" } }));
          return;
        case "status":
          // "idle" can overtake runs the page has just sent; those still make the kernel busy.
          set((s) => ({
            kernel: {
              ...s.kernel,
              status: message.state === "idle" && s.kernel.runs.length > 0 ? "busy" : message.state,
            },
          }));
          return;
        case "output":
        case "progress": {
          const run = get().kernel.runs.find((r) => r.runId === message.runId);
          if (run === undefined) return; // a run we cancelled or never sent
          const cellMessage: CellMessage =
            message.op === "output"
              ? { type: "output", runId: message.runId, output: message.output }
              : { type: "progress", runId: message.runId, done: message.done, total: message.total };
          set((s) => ({ cells: update(s.cells, run.cellId, cellMessage) }));
          return;
        }
        case "done":
        case "aborted": {
          set((s) => {
            const run = s.kernel.runs.find((r) => r.runId === message.runId);
            if (run === undefined) return {};
            const at = now();
            let cells = update(
              s.cells,
              run.cellId,
              message.op === "done"
                ? {
                    type: "done",
                    runId: message.runId,
                    executionCount: message.executionCount,
                    ok: message.ok,
                    at,
                  }
                : { type: "cancel", runId: message.runId },
            );
            const runs = s.kernel.runs.filter((r) => r.runId !== message.runId);
            const next = runs[0];
            if (next !== undefined)
              cells = update(cells, next.cellId, { type: "start", runId: next.runId, at });
            const stdin = s.stdin?.runId === message.runId ? null : s.stdin;
            return { cells, stdin, kernel: { ...s.kernel, runs } };
          });
          return;
        }
        case "clear_output": {
          const run = get().kernel.runs.find((r) => r.runId === message.runId);
          if (run === undefined) return;
          const clear: CellMessage = { type: "clear-output", runId: message.runId, wait: message.wait };
          set((s) => ({ cells: update(s.cells, run.cellId, clear) }));
          return;
        }
        case "update_display": {
          const { displayId, data, metadata } = message;
          set((s) => {
            let cells = s.cells;
            for (const id of s.order)
              cells = update(cells, id, { type: "update-display", displayId, data, metadata });
            return { cells };
          });
          return;
        }
        case "input_request": {
          const run = get().kernel.runs.find((r) => r.runId === message.runId);
          if (run === undefined) return;
          set({ stdin: { runId: run.runId, cellId: run.cellId, prompt: message.prompt } });
          return;
        }
        default: {
          const unhandled: never = message;
          throw new Error(`unknown kernel message ${JSON.stringify(unhandled)}`);
        }
      }
    }
    return slice;
  };
}

function uiSlice(options: StoreOptions): Slice<UiSlice> {
  const { storage } = options;
  return (set, get) => ({
    ui: {
      selectedId: null,
      mode: "command",
      fontSize: readFontSize(storage),
      theme: readTheme(storage),
      helpOpen: false,
    },
    select(id) {
      set((s) => ({ ui: { ...s.ui, selectedId: id } }));
    },
    selectRelative(delta) {
      const { order, ui } = get();
      if (order.length === 0) return;
      const index = ui.selectedId === null ? -1 : order.indexOf(ui.selectedId);
      const target = Math.min(order.length - 1, Math.max(0, index + delta));
      set((s) => ({ ui: { ...s.ui, selectedId: order[target] ?? null } }));
    },
    setMode(mode) {
      set((s) => ({ ui: { ...s.ui, mode } }));
    },
    setFontSize(px) {
      const fontSize = clampFont(px);
      storage?.setItem(FONT_KEY, String(fontSize));
      set((s) => ({ ui: { ...s.ui, fontSize } }));
    },
    setTheme(theme) {
      storage?.setItem(THEME_KEY, theme);
      set((s) => ({ ui: { ...s.ui, theme } }));
    },
    setHelpOpen(helpOpen) {
      set((s) => ({ ui: { ...s.ui, helpOpen } }));
    },
  });
}

export function createNotebookStore(options: StoreOptions): NotebookStore {
  return createStore<NotebookState>()((...a) => ({
    ...cellsSlice(options)(...a),
    ...kernelSlice(options)(...a),
    ...uiSlice(options)(...a),
  }));
}
