/**
 * Autosave: every change to the document (text, parameters, cell order,
 * outputs) is written to storage (persist.ts) shortly after it happens, at
 * most `maxWaitMs` after the first unsaved change even while changes keep
 * coming (a drag, a long run printing), and the page shows when it last saved.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import { DEFAULT_KEY, type StorageAdapter, saveNotebook } from "./persist.ts";
import type { NotebookState, NotebookStore } from "./store.ts";

export type SaveStatus =
  | { state: "idle" }
  | { state: "unsaved" }
  | { state: "saved"; at: number }
  | { state: "error"; message: string }
  /** Saving is off because it would overwrite data that could not be backed up. */
  | { state: "off"; message: string };

export interface Autosave {
  status: StoreApi<SaveStatus>;
  /** Saves now if anything is unsaved; resolves when written (or failed). */
  flush(): Promise<void>;
  /** Saves now whether or not anything changed (a notebook that came from elsewhere). */
  saveNow(): Promise<void>;
  dispose(): void;
}

export interface AutosaveOptions {
  key?: string;
  /** Quiet time after a change before saving. */
  delayMs?: number;
  /** Longest time a change waits while changes keep coming. */
  maxWaitMs?: number;
  now?: () => number;
  /** False keeps saving off (see `LoadResult.safeToSave`), with `offReason` shown. */
  enabled?: boolean;
  offReason?: string;
}

/** Whether the saved part of the state changed: the document and the view settings kept with it. */
export function documentChanged(s: NotebookState, prev: NotebookState): boolean {
  if (s.metadata !== prev.metadata || s.order !== prev.order) return true;
  if (s.ui.fontSize !== prev.ui.fontSize || s.ui.theme !== prev.ui.theme) return true;
  if (s.cells === prev.cells) return false;
  for (const id of s.order) if (s.cells[id]?.doc !== prev.cells[id]?.doc) return true;
  return false;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createAutosave(
  notebook: NotebookStore,
  storage: StorageAdapter,
  options: AutosaveOptions = {},
): Autosave {
  const key = options.key ?? DEFAULT_KEY;
  const delayMs = options.delayMs ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const now = options.now ?? Date.now;
  const enabled = options.enabled ?? true;
  const status = createStore<SaveStatus>()(() =>
    enabled ? { state: "idle" } : { state: "off", message: options.offReason ?? "saving is off" },
  );

  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstUnsavedAt: number | null = null;
  let writing: Promise<void> | null = null;
  let dirtyAgain = false;

  async function write(): Promise<void> {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    firstUnsavedAt = null;
    const s = notebook.getState();
    const doc = s.toDoc();
    try {
      await saveNotebook(storage, doc, {
        key,
        now,
        ui: { selectedId: s.ui.selectedId, fontSize: s.ui.fontSize, theme: s.ui.theme },
      });
      if (!dirtyAgain) status.setState({ state: "saved", at: now() }, true);
    } catch (err) {
      status.setState({ state: "error", message: `Not saved: ${errorText(err)}` }, true);
    }
  }

  function save(): Promise<void> {
    if (writing !== null) {
      // One write at a time, and the latest state is written after the current one.
      dirtyAgain = true;
      return writing;
    }
    writing = write().finally(() => {
      writing = null;
      if (dirtyAgain) {
        dirtyAgain = false;
        void save();
      }
    });
    return writing;
  }

  function schedule(): void {
    const t = now();
    firstUnsavedAt ??= t;
    if (timer !== null) clearTimeout(timer);
    const wait = Math.max(0, Math.min(delayMs, firstUnsavedAt + maxWaitMs - t));
    timer = setTimeout(() => {
      timer = null;
      void save();
    }, wait);
    if (status.getState().state !== "error") status.setState({ state: "unsaved" }, true);
  }

  const unsubscribe = enabled
    ? notebook.subscribe((s, prev) => {
        if (documentChanged(s, prev)) schedule();
      })
    : () => {};

  return {
    status,
    flush() {
      if (!enabled) return Promise.resolve();
      if (timer === null && writing === null) return Promise.resolve();
      return timer !== null ? save() : (writing ?? Promise.resolve());
    },
    saveNow() {
      return enabled ? save() : Promise.resolve();
    },
    dispose() {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
