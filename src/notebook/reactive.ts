/**
 * Reactive re-runs: when a parameter of a cell changes, that cell and every
 * cell downstream of it (deps.ts) re-run, in notebook order, each once.
 *
 * The scheduler sits on top of the notebook store and feeds the kernel one
 * run at a time, so that everything not yet sent can still be replaced by a
 * newer change (latest wins) and no cell ever waits in more than one run. A
 * run already in the kernel that a newer change makes stale is cancelled on
 * the page (`cancel` transition): the kernel finishes it, the page ignores
 * its outputs, and the cell runs again with the latest source.
 *
 * Cells waiting to re-run are `stale`. With auto-run off (Jupyter's manual
 * mode), only the changed cell re-runs and its dependents are only marked.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import { type AnalysisCache, createAnalysisCache } from "./deps.ts";
import { downstream, type RandomStatePolicy } from "./downstream.ts";
import type { NotebookState, NotebookStore } from "./store.ts";
import { transition } from "./transitions.ts";

export interface ReactiveState {
  /** Whether a parameter change re-runs the cells that depend on the changed cell. */
  autoRun: boolean;
  /** Cells whose outputs are out of date: waiting to re-run, or (auto-run off) needing a run. */
  stale: ReadonlySet<string>;
  /** Cells the scheduler will run, in notebook order (each once); a subset of `stale`. */
  pending: readonly string[];
}

export interface ReactiveScheduler {
  /** The scheduler's state, for the page to show. */
  state: StoreApi<ReactiveState>;
  /**
   * The source of `cellId` changed through a form or the scrubber: re-run it
   * (and, with auto-run on, its dependents). Code cells above it that have not
   * run in this kernel run first, so that the names it reads exist.
   */
  changed(cellId: string): void;
  setAutoRun(on: boolean): void;
  /** The kernel lost its variables (restart, reset, crash): every cell must run again. */
  kernelReset(): void;
  /** Cancels what has not been sent to the kernel; stale marks stay. */
  stop(): void;
  dispose(): void;
}

export interface ReactiveOptions {
  randomState?: RandomStatePolicy;
  autoRun?: boolean;
  /** Runs a callback later, outside the store's notification (tests pass a synchronous one). */
  defer?: (run: () => void) => void;
  cache?: AnalysisCache;
}

/** `ids` in notebook `order`, each once; ids not in the notebook are dropped. */
function inOrder(order: readonly string[], ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return order.filter((id) => wanted.has(id));
}

export function createReactiveScheduler(
  notebook: NotebookStore,
  options: ReactiveOptions = {},
): ReactiveScheduler {
  const randomState = options.randomState ?? "reseed";
  const cache = options.cache ?? createAnalysisCache();
  const defer = options.defer ?? ((run: () => void) => queueMicrotask(run));
  const state = createStore<ReactiveState>()(() => ({
    autoRun: options.autoRun ?? true,
    stale: new Set<string>(),
    pending: [],
  }));
  /** Cells that ran (with or without an error) since the kernel last started, by their last run. */
  const ranInKernel = new Map<string, string>();
  /** The source of each cell's latest run sent to the kernel: a change compares against it, statement by statement. */
  const sentSource = new Map<string, string>();
  /** Runs the scheduler sent and the kernel has not finished, by run id: their cell ids. */
  const ours = new Map<string, string>();
  /**
   * A superseded run the kernel had already started: new runs wait until it is over, since a
   * run that fails (or is interrupted) makes the kernel drop every run queued behind it.
   */
  let blocker: string | null = null;
  let dispatchQueued = false;
  /** The scheduler's own `run` may restart a dead kernel; that is not a reason to stop. */
  let dispatching = false;

  function setPending(pending: string[], stale: ReadonlySet<string>): void {
    state.setState({ pending, stale });
  }

  function codeCells(s: NotebookState) {
    return s.order.flatMap((id) => {
      const cell = s.cells[id];
      return cell === undefined ? [] : [{ id, source: cell.doc.source, cell_type: cell.doc.cell_type }];
    });
  }

  /** Marks the page side of kernel runs of `ids` as cancelled: their outputs will be ignored. */
  function supersede(ids: ReadonlySet<string>): void {
    const all = notebook.getState().kernel.runs;
    const runs = all.filter((r) => ids.has(r.cellId));
    if (runs.length === 0) return;
    const started = all[0];
    for (const r of runs) ours.delete(r.runId);
    const queued = runs.filter((r) => r !== started).map((r) => r.runId);
    // Not started: the kernel drops them (each comes back `aborted`).
    if (queued.length > 0) notebook.getState().dropRuns(queued);
    if (started !== undefined && ids.has(started.cellId)) {
      // Started: stopped where the page can keep the kernel's state, else it finishes and its outputs are ignored.
      // Only that run: if it ended as this was sent, the next one (maybe the new value's) goes on.
      notebook.getState().interruptKeepingState(started.runId);
      blocker = started.runId;
    }
    notebook.setState((s) => {
      const cells = { ...s.cells };
      for (const r of runs) {
        const cell = cells[r.cellId];
        if (cell !== undefined) cells[r.cellId] = transition(cell, { type: "cancel", runId: r.runId });
      }
      return { cells };
    });
  }

  function scheduleDispatch(): void {
    if (dispatchQueued) return;
    dispatchQueued = true;
    defer(() => {
      dispatchQueued = false;
      dispatch();
    });
  }

  /**
   * Sends every pending cell at once, in order: the kernel queues them and runs one after the
   * other without waiting for the page. A newer change drops those not yet started.
   */
  function dispatch(): void {
    const s = notebook.getState();
    if (blocker !== null && s.kernel.runs.some((r) => r.runId === blocker)) return;
    blocker = null;
    const { pending, stale } = state.getState();
    if (pending.length === 0) return;
    const nextStale = new Set(stale);
    for (const id of pending) nextStale.delete(id);
    setPending([], nextStale);
    dispatching = true;
    try {
      for (const id of pending) {
        const cell = notebook.getState().cells[id];
        if (cell === undefined || cell.doc.cell_type !== "code") continue;
        notebook.getState().run(id);
        const runId = notebook.getState().cells[id]?.run.runId ?? null;
        if (runId !== null) ours.set(runId, id);
      }
    } finally {
      dispatching = false;
    }
  }

  /** Follows the notebook: finished runs, manual runs, deleted cells. */
  function observe(s: NotebookState, prev: NotebookState): void {
    const lost =
      s.kernel.status !== prev.kernel.status &&
      (s.kernel.status === "starting" || s.kernel.status === "dead");
    // Interrupt, restart or crash: the kernel's variables are gone, and the user wanted it to stop.
    if (lost && !dispatching) reset();
    if (s.cells !== prev.cells) {
      for (const id of s.order) {
        const cell = s.cells[id];
        if (cell === undefined || cell === prev.cells[id]) continue;
        const { run } = cell;
        if (run.runId !== null && run.runId !== prev.cells[id]?.run.runId)
          sentSource.set(id, cell.doc.source);
        if (run.phase === "idle" && run.ok !== null && run.runId !== null) ranInKernel.set(id, run.runId);
      }
      const { pending, stale } = state.getState();
      let changed = false;
      const nextStale = new Set(stale);
      for (const id of stale) {
        const cell = s.cells[id];
        // Gone, or run by hand (Shift+Enter, Run all) with its current source: no longer stale.
        const runByHand =
          cell !== undefined &&
          (cell.run.phase === "queued" || cell.run.phase === "running") &&
          cell.run.runId !== prev.cells[id]?.run.runId &&
          !ours.has(cell.run.runId ?? "");
        if (cell === undefined || runByHand) {
          nextStale.delete(id);
          changed = true;
        }
      }
      if (changed)
        setPending(
          pending.filter((id) => nextStale.has(id)),
          nextStale,
        );
    }
    for (const [runId, cellId] of ours) {
      const cell = s.cells[cellId];
      const current = cell !== undefined && cell.run.runId === runId;
      if (current && (cell.run.phase === "queued" || cell.run.phase === "running")) continue;
      ours.delete(runId);
      if (!current) continue;
      // As Run all does in Jupyter, an error stops the chain (the kernel drops the runs behind it);
      // what did not run stays stale.
      if (cell.run.ok === false) setPending([], state.getState().stale);
      if (cell.run.phase === "cancelled") {
        const { pending, stale } = state.getState();
        setPending([...pending], new Set(inOrder(s.order, [...stale, cellId])));
      }
    }
    if (state.getState().pending.length > 0) scheduleDispatch();
  }

  function reset(): void {
    ranInKernel.clear();
    sentSource.clear();
    ours.clear();
    blocker = null;
    setPending([], state.getState().stale);
  }

  const unsubscribe = notebook.subscribe(observe);

  return {
    state,
    changed(cellId) {
      const s = notebook.getState();
      const cell = s.cells[cellId];
      if (cell === undefined || cell.doc.cell_type !== "code") return;
      // The same source as sent last: a plain re-run, so everything it defines counts as changed.
      const lastSent = sentSource.get(cellId);
      const previousSource = lastSent === cell.doc.source ? undefined : lastSent;
      const dependents = downstream(codeCells(s), cellId, {
        cache,
        randomState,
        ...(previousSource === undefined ? {} : { previousSource }),
      });
      const { autoRun, pending, stale } = state.getState();
      const targets = new Set([cellId, ...(autoRun ? dependents : [])]);
      // Code cells before the last target that this kernel has not run (nor will): without them the
      // targets would read names that do not exist, as after a reload or a restart.
      const last = Math.max(...[...targets].map((id) => s.order.indexOf(id)));
      const sent = new Set(s.kernel.runs.map((r) => r.cellId));
      const missing = s.order
        .slice(0, last)
        .filter(
          (id) =>
            s.cells[id]?.doc.cell_type === "code" &&
            !ranInKernel.has(id) &&
            !sent.has(id) &&
            !targets.has(id),
        );
      // Runs sent for an earlier change and not finished are dropped below and sent again, after these.
      const owed = [...ours.values()];
      const toRun = new Set([...pending, ...owed, ...missing, ...targets]);
      const nextStale = new Set([...stale, ...toRun, ...dependents]);
      // Runs in the kernel for cells that will run again are superseded now, not after they finish.
      supersede(new Set([...targets, ...[...ours.values()].filter((id) => toRun.has(id))]));
      setPending(inOrder(s.order, toRun), new Set(inOrder(s.order, nextStale)));
      scheduleDispatch();
    },
    setAutoRun(on) {
      state.setState({ autoRun: on });
    },
    kernelReset: reset,
    stop() {
      setPending([], state.getState().stale);
    },
    dispose() {
      unsubscribe();
    },
  };
}
