import { describe, expect, test } from "vitest";
import { mergeNotebooks } from "./merge.ts";
import { type CellDoc, makeCell, type NotebookDoc } from "./model.ts";

const BASE: NotebookDoc = {
  metadata: { kernelspec: { name: "python3" } },
  cells: ["a", "b", "c", "d"].map((id) => makeCell("code", `${id} = 0`, id)),
};

/** A copy of `doc` as another tab (or storage) holds it: equal values, new objects. */
function copy(doc: NotebookDoc): NotebookDoc {
  return JSON.parse(JSON.stringify(doc)) as NotebookDoc;
}

function edit(doc: NotebookDoc, id: string, source: string): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (c.id === id ? { ...c, source } : c)) };
}

const sources = (doc: NotebookDoc) => doc.cells.map((c: CellDoc) => `${c.id}:${c.source}`);

describe("mergeNotebooks", () => {
  test("edits of different cells in two tabs both survive", () => {
    const mine = edit(BASE, "d", "d = 4");
    const theirs = edit(copy(BASE), "c", "c = 3");
    const merged = mergeNotebooks(BASE, mine, theirs);
    expect(sources(merged.doc)).toEqual(["a:a = 0", "b:b = 0", "c:c = 3", "d:d = 4"]);
    expect(merged.conflicts).toEqual([]);
    expect(merged.tookTheirs).toBe(true);
  });

  test("the same cell changed in both: this (the later) save wins and the cell is reported", () => {
    const merged = mergeNotebooks(BASE, edit(BASE, "b", "b = 1"), edit(copy(BASE), "b", "b = 2"));
    expect(sources(merged.doc)).toEqual(["a:a = 0", "b:b = 1", "c:c = 0", "d:d = 0"]);
    expect(merged.conflicts).toEqual(["b"]);
  });

  test("the same change on both sides is no conflict", () => {
    const merged = mergeNotebooks(BASE, edit(BASE, "b", "b = 1"), edit(copy(BASE), "b", "b = 1"));
    expect(merged.conflicts).toEqual([]);
    expect(merged.tookTheirs).toBe(false);
  });

  test("nothing from another tab: the result is this tab's notebook", () => {
    const mine = edit(BASE, "a", "a = 9");
    const merged = mergeNotebooks(BASE, mine, copy(BASE));
    expect(merged.doc.cells).toEqual(mine.cells);
    expect(merged.tookTheirs).toBe(false);
  });

  test("cells added in either tab keep their place; deletions in either tab stay deleted", () => {
    const x = makeCell("code", "x = 1", "x");
    const mine = { ...BASE, cells: [BASE.cells[0]!, x, ...BASE.cells.slice(1, 3)] }; // deleted d, added x after a
    const y = makeCell("markdown", "# y", "y");
    const t = copy(BASE);
    const theirs = { ...t, cells: [t.cells[1]!, t.cells[2]!, y, t.cells[3]!] }; // deleted a, added y after c
    const merged = mergeNotebooks(BASE, mine, theirs);
    expect(merged.doc.cells.map((c) => c.id)).toEqual(["x", "b", "c", "y"]);
    expect(merged.conflicts).toEqual([]);
  });

  test("a cell deleted here and edited there is a conflict, and this save's deletion wins", () => {
    const mine = { ...BASE, cells: BASE.cells.filter((c) => c.id !== "c") };
    const merged = mergeNotebooks(BASE, mine, edit(copy(BASE), "c", "c = 3"));
    expect(merged.doc.cells.map((c) => c.id)).toEqual(["a", "b", "d"]);
    expect(merged.conflicts).toEqual(["c"]);
  });

  test("an order changed here is kept; metadata changed there comes in", () => {
    const mine = { ...BASE, cells: [...BASE.cells].reverse() };
    const theirs = { ...copy(BASE), metadata: { kernelspec: { name: "other" } } };
    const merged = mergeNotebooks(BASE, mine, theirs);
    expect(merged.doc.cells.map((c) => c.id)).toEqual(["d", "c", "b", "a"]);
    expect(merged.doc.metadata).toEqual({ kernelspec: { name: "other" } });
  });
});
