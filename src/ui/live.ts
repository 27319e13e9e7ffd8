/**
 * The page's live-editing controller (no React): form parameters and scrubbed
 * numbers written back into the source at most once per animation frame, the
 * reactive scheduler, autosave, notices with an undo action, replacing the
 * notebook (open, reset, share link) with a way back, and presentation state.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Autosave } from "../notebook/autosave.ts";
import { type FormValue, setParam } from "../notebook/forms.ts";
import { popHistory, pushHistory, readHistory } from "../notebook/history.ts";
import type { StorageAdapter } from "../notebook/persist.ts";
import type { NotebookDoc } from "../notebook/model.ts";
import type { ReactiveScheduler } from "../notebook/reactive.ts";
import type { NotebookStore } from "../notebook/store.ts";

export interface Notice {
  id: number;
  text: string;
  tone: "info" | "warning";
  action?: { label: string; run(): void };
}

export interface LiveState {
  notices: Notice[];
  /** The slide shown in presentation mode, or null when not presenting. */
  slide: number | null;
  /** The published lesson, for Reset and share links; null until it is loaded. */
  lesson: NotebookDoc | null;
  autosave: Autosave | null;
  /** The notebook's file name without extension, for exports. */
  fileName: string;
  /** How many replaced notebooks the persistent history holds (history.ts). */
  previous: number;
  /** Whether markdown may load images from other sites (off until the user allows it). */
  remoteImages: boolean;
}

export interface Live {
  notebook: NotebookStore;
  scheduler: ReactiveScheduler;
  state: StoreApi<LiveState>;
  /**
   * Shows a notice. Info notices go away by themselves (NOTICE_MS, or
   * NOTICE_ACTION_MS with an action; `timeoutMs: null` keeps one); warnings stay until dismissed.
   */
  notify(
    text: string,
    options?: { tone?: Notice["tone"]; action?: Notice["action"]; timeoutMs?: number | null },
  ): number;
  dismiss(id: number): void;
  /** Sets form parameter `name` of a cell; the source and the re-run follow on the next frame. */
  setParam(cellId: string, name: string, value: FormValue): void;
  /** The cell's source was changed live (the scrubber): re-run it and its dependents on the next frame. */
  sourceChanged(cellId: string): void;
  /**
   * Replaces the whole notebook, with a notice whose Undo brings the previous
   * one back; the previous one is also kept in the persistent history, under `reason`.
   */
  replace(doc: NotebookDoc, message: string, reason?: string): void;
  /** Keeps replaced notebooks in `storage` from now on (history.ts). */
  attachHistory(storage: StorageAdapter): Promise<void>;
  /** Keeps `doc` in the persistent history (for a replacement made elsewhere, such as a share link). */
  keep(doc: NotebookDoc, reason: string): Promise<boolean>;
  /** Brings back the newest notebook of the persistent history, keeping the current one there. */
  restorePrevious(): Promise<void>;
  /** A markdown cell holds images from other sites that were not loaded: says so once, with "Show images". */
  remoteImagesBlocked(): void;
  present(slide: number | null): void;
}

/** How long an info notice stays, without and with an action (Undo, Reload…). */
export const NOTICE_MS = 8000;
export const NOTICE_ACTION_MS = 20000;

export interface LiveOptions {
  nextFrame?: (run: () => void) => void;
  /** Timer for notices that go away by themselves (default setTimeout). */
  later?: (run: () => void, ms: number) => void;
  now?: () => number;
}

function timeText(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function createLive(
  notebook: NotebookStore,
  scheduler: ReactiveScheduler,
  options: LiveOptions = {},
): Live {
  const nextFrame =
    options.nextFrame ??
    ((run: () => void) => {
      if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => run());
      else setTimeout(run, 16);
    });
  const later = options.later ?? ((run: () => void, ms: number) => void setTimeout(run, ms));
  const state = createStore<LiveState>()(() => ({
    notices: [],
    slide: null,
    lesson: null,
    autosave: null,
    fileName: "8-4-initializers",
    previous: 0,
    remoteImages: false,
  }));
  let remoteNotice: number | null = null;
  let history: StorageAdapter | null = null;
  const now = options.now ?? Date.now;
  let noticeId = 0;
  /** Per cell: parameter values not yet written, and whether the cell must re-run. */
  const waiting = new Map<string, { params: Map<string, FormValue>; rerun: boolean }>();
  let frameQueued = false;

  function flushFrame(): void {
    frameQueued = false;
    const batch = [...waiting];
    waiting.clear();
    for (const [cellId, { params, rerun }] of batch) {
      const cell = notebook.getState().cells[cellId];
      if (cell === undefined) continue;
      let source = cell.doc.source;
      for (const [name, value] of params) source = setParam(source, name, value);
      if (source !== cell.doc.source) notebook.getState().setSource(cellId, source);
      if (source !== cell.doc.source || rerun) scheduler.changed(cellId);
    }
  }

  function entry(cellId: string) {
    let e = waiting.get(cellId);
    if (e === undefined) {
      e = { params: new Map(), rerun: false };
      waiting.set(cellId, e);
    }
    if (!frameQueued) {
      frameQueued = true;
      nextFrame(flushFrame);
    }
    return e;
  }

  /** Loads `doc` in place of the notebook, with a notice whose Undo brings the previous one back. */
  function swapIn(doc: NotebookDoc, message: string): void {
    const previous = notebook.getState().toDoc();
    scheduler.stop();
    notebook.getState().load(doc);
    const id = live.notify(message, {
      action: {
        label: "Undo",
        run: () => {
          live.dismiss(id);
          scheduler.stop();
          notebook.getState().load(previous);
        },
      },
    });
  }

  const live: Live = {
    notebook,
    scheduler,
    state,
    notify(text, opts = {}) {
      const id = ++noticeId;
      const notice: Notice = { id, text, tone: opts.tone ?? "info" };
      if (opts.action !== undefined) notice.action = opts.action;
      state.setState((s) => ({ notices: [...s.notices, notice] }));
      const timeout =
        opts.timeoutMs !== undefined
          ? opts.timeoutMs
          : notice.tone === "warning"
            ? null
            : opts.action !== undefined
              ? NOTICE_ACTION_MS
              : NOTICE_MS;
      if (timeout !== null) later(() => live.dismiss(id), timeout);
      return id;
    },
    dismiss(id) {
      state.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
    setParam(cellId, name, value) {
      entry(cellId).params.set(name, value);
    },
    sourceChanged(cellId) {
      entry(cellId).rerun = true;
    },
    replace(doc, message, reason = message) {
      void live.keep(notebook.getState().toDoc(), reason);
      swapIn(doc, message);
    },
    async attachHistory(storage) {
      history = storage;
      state.setState({ previous: (await readHistory(storage)).length });
    },
    async keep(doc, reason) {
      if (history === null) return false;
      try {
        const list = await pushHistory(history, { at: now(), reason, notebook: doc });
        state.setState({ previous: list.length });
        return true;
      } catch (err) {
        live.notify(
          `The replaced notebook could not be kept in the history: ${err instanceof Error ? err.message : String(err)}. Use Undo in the notice to get it back.`,
          { tone: "warning" },
        );
        return false;
      }
    },
    async restorePrevious() {
      if (history === null) return;
      let entry: Awaited<ReturnType<typeof popHistory>>;
      try {
        entry = await popHistory(history);
      } catch (err) {
        live.notify(`The history could not be read: ${err instanceof Error ? err.message : String(err)}.`, {
          tone: "warning",
        });
        return;
      }
      state.setState((s) => ({ previous: Math.max(0, s.previous - 1) }));
      if (entry === null) return;
      await live.keep(notebook.getState().toDoc(), "Restored a previous notebook");
      swapIn(entry.notebook, `Restored the notebook replaced on ${timeText(entry.at)} (${entry.reason}).`);
    },
    remoteImagesBlocked() {
      if (remoteNotice !== null || state.getState().remoteImages) return;
      remoteNotice = live.notify(
        "This notebook loads images from other sites. They are not shown, because those sites would learn who opens it.",
        {
          timeoutMs: null,
          action: {
            label: "Show images",
            run: () => {
              if (remoteNotice !== null) live.dismiss(remoteNotice);
              state.setState({ remoteImages: true });
            },
          },
        },
      );
    },
    present(slide) {
      state.setState({ slide });
    },
  };
  return live;
}
