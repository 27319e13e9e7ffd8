/**
 * What the page opens: a share link if the URL has one, else the notebook
 * saved in this browser, else the lesson. Then autosave starts.
 *
 * Nothing the user saved is lost on the way: a saved notebook that a link
 * replaces is first copied to a backup key, and saved data that does not
 * validate is kept aside by `loadOrBackup` (persist.ts), with a notice.
 */
import { createAutosave } from "../notebook/autosave.ts";
import { parseIpynb } from "../notebook/ipynb.ts";
import type { NotebookDoc } from "../notebook/model.ts";
import { BACKUP_PREFIX, type LoadResult, loadOrBackup, type StorageAdapter } from "../notebook/persist.ts";
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
}

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
  const loaded = storage === null ? NO_STORAGE : await loadOrBackup(storage, undefined, now);
  if (loaded.notice !== null) live.notify(loaded.notice, { tone: "warning" });

  let doc = lesson;
  let fromLink = false;
  const hash = options.hash.replace(/^#/, "");
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
      // The link replaces what this browser had saved: keep that where it can be found.
      const key = `${BACKUP_PREFIX}${now()}`;
      try {
        await storage.set(key, JSON.stringify(loaded.restored));
        live.notify(`Your previously saved notebook was kept under "${key}".`);
      } catch {
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
  const autosave = createAutosave(notebook, storage, {
    enabled: loaded.safeToSave,
    offReason: "Not saving (see the notice)",
  });
  live.state.setState({ autosave });
  if (typeof document !== "undefined") {
    // Leaving the tab (closing it, switching away) writes what the quiet-time delay still holds.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") void autosave.flush();
    });
  }
  // A notebook from a link is new to this browser: save it now, so a reload keeps it.
  if (fromLink || hash !== "") await autosave.saveNow();
}
