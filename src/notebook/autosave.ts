/**
 * Autosave: every change to the document (text, parameters, cell order,
 * outputs) is written to storage (persist.ts) shortly after it happens, at
 * most `maxWaitMs` after the first unsaved change even while changes keep
 * coming (a drag, a long run printing), and the page shows when it last saved.
 *
 * Two tabs on one notebook never lose each other's edits silently. Every
 * save bumps a revision number stored beside the notebook (`<key>:rev`).
 * When the revision is not the one this tab last saw, another tab saved in
 * between: the stored notebook is merged cell by cell (merge.ts) before
 * writing, and `onOtherTab` tells the page. Saves from all tabs take turns
 * under a Web Lock, and each save is announced on a BroadcastChannel so the
 * other tabs can say at once that the notebook changed.
 *
 * When the page goes away with changes not yet written, `pageHidden` writes
 * them synchronously to the journal (journal.ts) and starts the save.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import { clearJournal, type SyncStorage, writeJournal } from "./journal.ts";
import { mergeNotebooks } from "./merge.ts";
import type { NotebookDoc } from "./model.ts";
import { DEFAULT_KEY, decodeSaved, type StorageAdapter, saveNotebook } from "./persist.ts";
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
  /** The page is going away: journals unsaved cells synchronously, then saves. */
  pageHidden(): void;
  dispose(): void;
}

/** What another tab did, as this tab learns it. */
export interface OtherTabChange {
  /** Cells both tabs changed, where this tab's save overwrote the other's (empty when it learned by message). */
  conflicts: string[];
  /** True when this tab learned it from the other tab's announcement, not from merging. */
  announced: boolean;
}

/** The part of `BroadcastChannel` autosave uses. */
export interface SaveChannel {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  close(): void;
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
  /** The stored revision when the notebook was loaded (undefined: none stored). */
  loadedRev?: number;
  /** Runs `save` while no other tab saves (`navigator.locks`); by default, runs it at once. */
  lock?: (save: () => Promise<void>) => Promise<void>;
  /** Where saves are announced to other tabs; null for none. */
  channel?: SaveChannel | null;
  /** Another tab saved this notebook. */
  onOtherTab?: (change: OtherTabChange) => void;
  /** Synchronous storage for the last-moment journal; null for none. */
  journal?: SyncStorage | null;
}

/** The key of the revision number stored beside the notebook under `key`. */
export const revKey = (key: string): string => `${key}:rev`;

/** Runs `save` under the page's Web Lock for this key, where the browser has Web Locks. */
export function webLock(key: string): (save: () => Promise<void>) => Promise<void> {
  return async (save) => {
    const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
    if (locks === undefined) return save();
    await locks.request(`initlab-save:${key}`, save);
  };
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

  const lock = options.lock ?? ((save: () => Promise<void>) => save());
  const channel = options.channel ?? null;
  const tabId = Math.random().toString(36).slice(2);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstUnsavedAt: number | null = null;
  let writing: Promise<void> | null = null;
  let dirtyAgain = false;
  /** The revision this tab last loaded or wrote, and the notebook (this tab's objects) it wrote then. */
  let knownRev = options.loadedRev ?? 0;
  let base: NotebookDoc = notebook.getState().toDoc();

  /** The stored notebook merged into `mine` when another tab saved since `knownRev`. */
  async function withOtherTabs(mine: NotebookDoc): Promise<{ doc: NotebookDoc; rev: number }> {
    const stored = await storage.get(revKey(key));
    const rev = typeof stored === "number" ? stored : 0;
    if (rev === knownRev) return { doc: mine, rev };
    const decoded = decodeSaved(await storage.get(key));
    if (!decoded.ok) return { doc: mine, rev };
    const merged = mergeNotebooks(base, mine, decoded.state.notebook);
    if (merged.tookTheirs || merged.conflicts.length > 0) {
      options.onOtherTab?.({ conflicts: merged.conflicts, announced: false });
    }
    return { doc: merged.doc, rev };
  }

  async function write(): Promise<void> {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    firstUnsavedAt = null;
    const s = notebook.getState();
    const mine = s.toDoc();
    try {
      await lock(async () => {
        const { doc, rev } = await withOtherTabs(mine);
        await saveNotebook(storage, doc, {
          key,
          now,
          ui: { selectedId: s.ui.selectedId, fontSize: s.ui.fontSize, theme: s.ui.theme },
        });
        knownRev = rev + 1;
        await storage.set(revKey(key), knownRev);
      });
      base = mine;
      if (options.journal) clearJournal(options.journal);
      channel?.postMessage({ kind: "saved", key, rev: knownRev, tab: tabId });
      if (!dirtyAgain) status.setState({ state: "saved", at: now() }, true);
    } catch (err) {
      status.setState({ state: "error", message: `Not saved: ${errorText(err)}` }, true);
    }
  }

  channel?.addEventListener("message", (event) => {
    const data = event.data;
    if (typeof data !== "object" || data === null) return;
    if (!("kind" in data && data.kind === "saved" && "key" in data && data.key === key)) return;
    if ("tab" in data && data.tab === tabId) return;
    options.onOtherTab?.({ conflicts: [], announced: true });
  });

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
    pageHidden() {
      if (!enabled || (timer === null && writing === null)) return;
      if (options.journal) writeJournal(options.journal, base, notebook.getState().toDoc(), now());
      void (timer !== null ? save() : writing);
    },
    dispose() {
      channel?.close();
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
