import { describe, expect, test } from "vitest";
import { commandFor, type KeyPress } from "./keys.ts";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("commandFor", () => {
  test("the Jupyter command-mode table", () => {
    const table: [KeyPress, string | null][] = [
      [press("Enter", { shiftKey: true }), "run-advance"],
      [press("Enter", { ctrlKey: true }), "run"],
      [press("Enter", { metaKey: true }), "run"],
      [press("Enter", { altKey: true }), "run-insert"],
      [press("Enter"), "edit"],
      [press("Escape"), "command-mode"],
      [press("a"), "insert-above"],
      [press("b"), "insert-below"],
      [press("m"), "to-markdown"],
      [press("y"), "to-code"],
      [press("z"), "undo-delete"],
      [press("h"), "help"],
      [press("ArrowUp"), "select-prev"],
      [press("k"), "select-prev"],
      [press("ArrowDown"), "select-next"],
      [press("j"), "select-next"],
      [press("ArrowUp", { ctrlKey: true, shiftKey: true }), "move-up"],
      [press("ArrowDown", { ctrlKey: true, shiftKey: true }), "move-down"],
      [press("a", { ctrlKey: true }), null],
      [press("x"), null],
    ];
    expect(table.map(([p]) => commandFor(p, null))).toEqual(table.map(([, c]) => c));
  });

  test("D D deletes only as a pair", () => {
    expect(commandFor(press("d"), null)).toBe("delete-first-d");
    expect(commandFor(press("d"), "d")).toBe("delete");
  });
});
