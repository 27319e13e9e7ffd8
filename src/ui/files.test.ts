import { describe, expect, test } from "vitest";
import { makeCell, type NotebookDoc } from "../notebook/model.ts";
import {
  openedMessage,
  openShared,
  readNotebookFile,
  seedOf,
  shareLink,
  unrenderedOutputs,
} from "./files.ts";

const LESSON: NotebookDoc = {
  metadata: {},
  cells: [
    makeCell("markdown", "# Lesson", "title"),
    makeCell("code", 'seed = 42  #@param {type:"integer"}\nnp.random.seed(seed)', "seed"),
    makeCell("code", 'depth = 10  #@param {type:"slider", min:1, max:30, step:1}', "setup"),
  ],
};

function withSource(doc: NotebookDoc, id: string, source: string): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (c.id === id ? { ...c, source } : c)) };
}

describe("shareLink and openShared", () => {
  test("changed parameters and the seed travel in the hash and come back", () => {
    const current = withSource(
      withSource(LESSON, "setup", 'depth = 12  #@param {type:"slider", min:1, max:30, step:1}'),
      "seed",
      'seed = 7  #@param {type:"integer"}\nnp.random.seed(seed)',
    );
    const link = shareLink("http://host/app/#old", LESSON, current);
    expect(link).toBe("http://host/app/#v=1&seed=7&p.seed.seed=7&p.setup.depth=12");
    expect(openShared(LESSON, link.slice(link.indexOf("#")))).toEqual({ doc: current, problems: [] });
  });

  test("an edit beyond the parameters sends the whole notebook", () => {
    const current = withSource(LESSON, "title", "# Changed");
    const link = shareLink("http://host/", LESSON, current);
    expect(link).toMatch(/^http:\/\/host\/#v=1&seed=42&nb=/);
    expect(openShared(LESSON, link.slice(link.indexOf("#")))).toEqual({ doc: current, problems: [] });
  });

  test("a seed alone is written into the seed parameter; a bad link is an error", () => {
    const opened = openShared(LESSON, "#v=1&seed=5");
    expect("doc" in opened && seedOf(opened.doc)).toBe(5);
    expect(openShared(LESSON, "#v=1&seed=x")).toEqual({
      error: "The seed in this link must be an integer from 0 to 4294967295.",
    });
  });
});

describe("readNotebookFile", () => {
  test("outputs the page does not draw are listed with what parseIpynb skipped", () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 2,
      metadata: {},
      cells: [
        {
          cell_type: "code",
          metadata: {},
          execution_count: 1,
          source: "x",
          outputs: [
            {
              output_type: "display_data",
              metadata: {},
              data: {
                "application/vnd.jupyter.widget-view+json": { model_id: "m" },
                "text/plain": "IntSlider()",
              },
            },
            {
              output_type: "execute_result",
              execution_count: 1,
              metadata: {},
              data: { "application/javascript": "alert(1)" },
            },
          ],
        },
      ],
    });
    const opened = readNotebookFile("a.ipynb", text);
    if ("error" in opened) throw new Error(opened.error);
    expect(opened.skipped).toEqual([
      "cell 1 output 1: application/vnd.jupyter.widget-view+json shown as its text",
      "cell 1 output 2: application/javascript not shown",
    ]);
    expect(unrenderedOutputs(opened.doc)).toEqual(opened.skipped);
    expect(openedMessage("a.ipynb", opened.skipped)).toBe(
      "Opened a.ipynb. Some parts cannot be shown as they are: cell 1 output 1: application/vnd.jupyter.widget-view+json shown as its text; cell 1 output 2: application/javascript not shown.",
    );
  });

  test("a percent .py opens as cells; a file that is not a notebook gives an error", () => {
    const opened = readNotebookFile("b.py", "# %%\nx = 1\n\n# %% [markdown]\n# # Title\n");
    expect("doc" in opened && opened.doc.cells.map((c) => [c.cell_type, c.source])).toEqual([
      ["code", "x = 1"],
      ["markdown", "# Title"],
    ]);
    expect(readNotebookFile("c.ipynb", "not json")).toEqual({
      error: "c.ipynb could not be opened: This file is not a notebook: it is not valid JSON.",
    });
  });
});
