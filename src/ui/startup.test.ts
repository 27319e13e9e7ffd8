import { describe, expect, test } from "vitest";
import { parseIpynb, toIpynb } from "../notebook/ipynb.ts";
import { makeCell, type NotebookDoc } from "../notebook/model.ts";
import { createMemoryStorage, DEFAULT_KEY, decodeSaved, encodeSaved } from "../notebook/persist.ts";
import { createReactiveScheduler } from "../notebook/reactive.ts";
import { createNotebookStore } from "../notebook/store.ts";
import { createLive } from "./live.ts";
import { startNotebook } from "./startup.ts";

const BASE: NotebookDoc = {
  metadata: {},
  cells: [
    makeCell("markdown", "# Lesson", "title"),
    makeCell("code", 'depth = 10  #@param {type:"slider", min:1, max:30, step:1}', "setup"),
  ],
};

/** The lesson as the page reads it back from its .ipynb (nbformat metadata added). */
const LESSON_TEXT = toIpynb(BASE);
const LESSON = parseIpynb(LESSON_TEXT).doc;

const EDITED: NotebookDoc = {
  ...LESSON,
  cells: LESSON.cells.map((c) =>
    c.id === "setup" ? { ...c, source: 'depth = 12  #@param {type:"slider", min:1, max:30, step:1}' } : c,
  ),
};

function memoryJournal(items: Map<string, string> = new Map()) {
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

async function open(hash: string, entries: Map<string, unknown>, journal = memoryJournal()) {
  const store = createNotebookStore({
    kernel: {
      execute: () => {},
      reset: () => {},
      restart: () => {},
      drop: () => {},
      interruptKeepingState: () => false,
    },
  });
  const live = createLive(store, createReactiveScheduler(store), { nextFrame: () => {} });
  const storage = createMemoryStorage(entries);
  let cleared = false;
  await startNotebook({
    notebook: store,
    live,
    lessonText: LESSON_TEXT,
    storage,
    hash,
    clearHash: () => {
      cleared = true;
    },
    now: () => 1000,
    journal,
  });
  live.state.getState().autosave?.dispose();
  const notices = live.state.getState().notices.map((n) => n.text);
  return { doc: store.getState().toDoc(), notices, cleared, storage, live, store };
}

function savedDoc(value: unknown): NotebookDoc | null {
  const decoded = decodeSaved(value);
  return decoded.ok ? decoded.state.notebook : null;
}

describe("startNotebook", () => {
  test("with nothing saved and no link, the lesson opens", async () => {
    const { doc, notices, cleared } = await open("", new Map());
    expect(doc).toEqual(LESSON);
    expect(notices).toEqual([]);
    expect(cleared).toBe(false);
  });

  test("a saved notebook is restored", async () => {
    const { doc, notices } = await open("", new Map([[DEFAULT_KEY, encodeSaved(EDITED, 5)]]));
    expect(doc).toEqual(EDITED);
    expect(notices).toEqual([]);
  });

  test("saved data that does not validate is backed up, and the lesson opens with a notice", async () => {
    const entries = new Map<string, unknown>([[DEFAULT_KEY, '{"schemaVersion":1,']]);
    const { doc, notices } = await open("", entries);
    expect(doc).toEqual(LESSON);
    expect(notices).toEqual([
      'Your saved notebook could not be restored (the saved data is not valid JSON). A copy was kept under "initlab:backup:1000"; the notebook was opened fresh.',
    ]);
    expect(entries.get("initlab:backup:1000")).toBe('{"schemaVersion":1,');
  });

  test("a link opens its notebook, keeps the saved one in the history, is saved, and leaves the address", async () => {
    const entries = new Map<string, unknown>([[DEFAULT_KEY, encodeSaved(LESSON, 5)]]);
    const { doc, notices, cleared, live } = await open("#v=1&p.setup.depth=12", entries);
    expect(doc).toEqual(EDITED);
    expect(cleared).toBe(true);
    expect(notices).toEqual([
      "Opened the notebook from the link. Run all to see its outputs.",
      "Your previously saved notebook was kept: Restore previous brings it back.",
    ]);
    expect(savedDoc(entries.get(DEFAULT_KEY))).toEqual(EDITED);
    expect(live.state.getState().previous).toBe(1);
    // After a reload too, Restore previous brings the saved notebook back, and keeps the link's.
    const again = await open("", entries);
    expect(again.live.state.getState().previous).toBe(1);
    await again.live.restorePrevious();
    expect(again.store.getState().toDoc()).toEqual(LESSON);
    expect(again.live.state.getState().previous).toBe(1);
    await again.live.restorePrevious();
    expect(again.store.getState().toDoc()).toEqual(EDITED);
  });

  test("a hash without the share prefix leaves the saved notebook and the address alone", async () => {
    const entries = new Map<string, unknown>([[DEFAULT_KEY, encodeSaved(EDITED, 5)]]);
    const { doc, notices, cleared } = await open("#section-2", entries);
    expect(doc).toEqual(EDITED);
    expect(cleared).toBe(false);
    expect(notices).toEqual([]);
  });

  test("edits journaled when the page went away are applied over an older save, then saved", async () => {
    const entries = new Map<string, unknown>([[DEFAULT_KEY, encodeSaved(LESSON, 5)]]);
    const journal = memoryJournal(
      new Map([
        [
          "initlab:journal",
          JSON.stringify({
            at: 6,
            cells: [
              { id: "setup", cell_type: "code", source: EDITED.cells[1]?.source, after: "title" },
              { id: "added", cell_type: "code", source: "x = 1", after: "setup" },
            ],
          }),
        ],
      ]),
    );
    const { doc } = await open("", entries, journal);
    const expected = { ...EDITED, cells: [...EDITED.cells, makeCell("code", "x = 1", "added")] };
    expect(doc).toEqual(expected);
    expect(savedDoc(entries.get(DEFAULT_KEY))).toEqual(expected);
    expect(journal.items.has("initlab:journal")).toBe(false);
  });

  test("a journal older than the save is ignored", async () => {
    const entries = new Map<string, unknown>([[DEFAULT_KEY, encodeSaved(LESSON, 9)]]);
    const journal = memoryJournal(
      new Map([
        [
          "initlab:journal",
          JSON.stringify({ at: 6, cells: [{ id: "setup", cell_type: "code", source: "y", after: null }] }),
        ],
      ]),
    );
    const { doc } = await open("", entries, journal);
    expect(doc).toEqual(LESSON);
  });

  test("an invalid link opens the lesson with a notice", async () => {
    const { doc, notices, cleared } = await open("#v=1&p.setup.depth=%7B", new Map());
    expect(doc).toEqual(LESSON);
    expect(cleared).toBe(true);
    expect(notices).toEqual([
      'The value of parameter "depth" in this link is not readable. The original lesson was opened instead.',
    ]);
  });
});
