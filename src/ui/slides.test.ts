import { describe, expect, test } from "vitest";
import { type SlideCell, slides, slideTitle } from "./slides.ts";

const md = (id: string, source: string): SlideCell => ({ id, cell_type: "markdown", source });
const code = (id: string, source: string): SlideCell => ({ id, cell_type: "code", source });

const CELLS = [
  code("imports", "import numpy as np"),
  md("title", "# 8-4. Initializers\n\nintro"),
  md("x", "## Xavier Initialization\n\ntext"),
  code("x-def", "def f(): pass"),
  md("x-sub", "#### Not careful\n## not first line"),
  code("x-run", "f()"),
  md("he", "\n## He Initialization"),
  code("he-def", "## a comment, not markdown"),
];

describe("slides", () => {
  test("one slide per ## section, the cells before the first one first", () => {
    expect(slides(CELLS)).toEqual([
      ["imports", "title"],
      ["x", "x-def", "x-sub", "x-run"],
      ["he", "he-def"],
    ]);
  });

  test("a notebook without sections is one slide; an empty one has none", () => {
    expect(slides([code("a", "1"), md("b", "# T")])).toEqual([["a", "b"]]);
    expect(slides([])).toEqual([]);
  });
});

describe("slideTitle", () => {
  test("the first markdown heading of the slide", () => {
    expect(slideTitle(CELLS, ["imports", "title"])).toBe("8-4. Initializers");
    expect(slideTitle(CELLS, ["he", "he-def"])).toBe("He Initialization");
    expect(slideTitle(CELLS, ["he-def"])).toBe("Slide");
  });
});
