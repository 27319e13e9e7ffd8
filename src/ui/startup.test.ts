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

async function open(hash: string, entries: Map<string, unknown>) {
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
  });
  live.state.getState().autosave?.dispose();
  const notices = live.state.getState().notices.map((n) => n.text);
  return { doc: store.getState().toDoc(), notices, cleared, storage };
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

  test("a link opens its notebook, keeps the saved one aside, is saved, and leaves the address", async () => {
    const entries = new Map<string, unknown>([[DEFAULT_KEY, encodeSaved(LESSON, 5)]]);
    const { doc, notices, cleared } = await open("#v=1&p.setup.depth=12", entries);
    expect(doc).toEqual(EDITED);
    expect(cleared).toBe(true);
    expect(notices).toEqual([
      "Opened the notebook from the link. Run all to see its outputs.",
      'Your previously saved notebook was kept under "initlab:backup:1000".',
    ]);
    expect(savedDoc(entries.get("initlab:backup:1000"))).toEqual(LESSON);
    expect(savedDoc(entries.get(DEFAULT_KEY))).toEqual(EDITED);
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
