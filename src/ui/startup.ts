/**
 * What the page opens: a share link if the URL has one, else the notebook
 * saved in this browser, else the lesson. Then autosave starts.
 *
 * Nothing the user saved is lost on the way: a saved notebook that a link
 * replaces is first kept in the persistent history (history.ts, "Restore
 * previous"), edits the last moments before a reload are taken from the
 * journal (journal.ts), and saved data that does not validate is kept aside
 * by `loadOrBackup` (persist.ts), with a notice. Only a hash with the share
 * prefix `#v=` is a link; any other hash leaves the saved notebook alone.
 */
import {
  createAutosave,
  type OtherTabChange,
  revKey,
  type SaveChannel,
  webLock,
} from "../notebook/autosave.ts";
import { parseIpynb } from "../notebook/ipynb.ts";
import { applyJournal, type SyncStorage } from "../notebook/journal.ts";
import type { NotebookDoc } from "../notebook/model.ts";
import { DEFAULT_KEY, type LoadResult, loadOrBackup, type StorageAdapter } from "../notebook/persist.ts";
import type { NotebookStore } from "../notebook/store.ts";
import { openShared } from "./files.ts";
import type { Live } from "./live.ts";

export interface StartOptions {
  notebook: NotebookStore;
  live: Live;
  /** The lesson's .ipynb text. */
  lessonText: string;
  /** Browser storage; null when there is none (saving is then off). */
  storage: StorageAdapter | null;
  /** `location.hash`, with or without `#`. */
  hash: string;
  /** Removes the hash from the address, so a reload opens the saved notebook, not the link again. */
  clearHash(): void;
  now?: () => number;
  /** localStorage, for the journal; null for none. */
  journal?: SyncStorage | null;
  /** How saves are announced to the other tabs; null for none. */
  channel?: SaveChannel | null;
  /** Reloads the page (after another tab changed the notebook). */
  reload?: () => void;
}

/** The share prefix: a hash is a share link only when it starts with it. */
const SHARE_PREFIX = "v=";

const NO_STORAGE: LoadResult = {
  restored: null,
  notice: "This browser gives the page no storage: your changes will not be saved.",
  safeToSave: false,
};

function sameDoc(a: NotebookDoc, b: NotebookDoc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function startNotebook(options: StartOptions): Promise<void> {
  const { notebook, live, storage } = options;
  const now = options.now ?? Date.now;
  const lesson = parseIpynb(options.lessonText).doc;
  live.state.setState({ lesson });
  // The revision first: a save by another tab in between then only makes the first save merge.
  const rev = storage === null ? undefined : await storage.get(revKey(DEFAULT_KEY)).catch(() => undefined);
  const loaded = storage === null ? NO_STORAGE : await loadOrBackup(storage, undefined, now);
  if (loaded.notice !== null) live.notify(loaded.notice, { tone: "warning" });
  let journaled = 0;
  if (options.journal && loaded.safeToSave) {
    const base = loaded.restored?.notebook ?? lesson;
    const applied = applyJournal(options.journal, base, loaded.restored?.savedAt ?? null);
    journaled = applied.applied;
    if (journaled > 0) {
      if (loaded.restored !== null) loaded.restored = { ...loaded.restored, notebook: applied.doc };
      else loaded.restored = { schemaVersion: 1, savedAt: now(), notebook: applied.doc };
    }
  }
  if (storage !== null) await live.attachHistory(storage);

  let doc = lesson;
  let fromLink = false;
  const rawHash = options.hash.replace(/^#/, "");
  const hash = rawHash.startsWith(SHARE_PREFIX) ? rawHash : "";
  if (hash !== "") {
    options.clearHash();
    const shared = openShared(lesson, hash);
    if ("error" in shared) {
      live.notify(`${shared.error} The original lesson was opened instead.`, { tone: "warning" });
    } else {
      doc = shared.doc;
      fromLink = true;
      live.notify("Opened the notebook from the link. Run all to see its outputs.");
      if (shared.problems.length > 0) {
        live.notify(`Some of the link's parameters were not applied: ${shared.problems.join("; ")}.`, {
          tone: "warning",
        });
      }
    }
    const saved = loaded.restored?.notebook;
    if (storage !== null && saved !== undefined && !sameDoc(saved, doc)) {
      // The link replaces what this browser had saved: keep that where "Restore previous" finds it.
      if (await live.keep(saved, "Opened a share link")) {
        live.notify("Your previously saved notebook was kept: Restore previous brings it back.", {
          action: { label: "Restore previous", run: () => void live.restorePrevious() },
        });
      } else {
        live.notify("Your previously saved notebook could not be kept aside; saving is off.", {
          tone: "warning",
        });
        loaded.safeToSave = false;
      }
    }
  } else if (loaded.restored !== null) {
    doc = loaded.restored.notebook;
  }

  notebook.getState().load(doc);
  const selected = loaded.restored?.ui?.selectedId;
  if (!fromLink && hash === "" && typeof selected === "string" && notebook.getState().cells[selected]) {
    notebook.getState().select(selected);
  }
  if (storage === null) return;
  let otherTabNotice: number | null = null;
  const otherTab = (change: OtherTabChange): void => {
    const shown = live.state.getState().notices.some((n) => n.id === otherTabNotice);
    if (shown) return;
    const lost =
      change.conflicts.length > 0 ? " Where both tabs changed a cell, the later save was kept." : "";
    otherTabNotice = live.notify(`This notebook changed in another tab.${lost} Reload to see the latest.`, {
      tone: "warning",
      action: {
        label: "Reload",
        run: () => {
          void autosave.flush().then(() => options.reload?.());
        },
      },
    });
  };
  const autosave = createAutosave(notebook, storage, {
    enabled: loaded.safeToSave,
    offReason: "Not saving (see the notice)",
    ...(typeof rev === "number" ? { loadedRev: rev } : {}),
    lock: webLock(DEFAULT_KEY),
    channel: options.channel ?? null,
    journal: options.journal ?? null,
    onOtherTab: otherTab,
  });
  live.state.setState({ autosave });
  if (typeof document !== "undefined") {
    // Leaving the tab (closing it, switching away, a reload) writes what the quiet-time delay still
    // holds; the journal keeps it if the page is gone before the write ends.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") autosave.pageHidden();
    });
    window.addEventListener("pagehide", () => autosave.pageHidden());
  }
  // A notebook from a link is new to this browser, and journaled edits are not saved yet: save now.
  if (fromLink || hash !== "" || journaled > 0) await autosave.saveNow();
}
