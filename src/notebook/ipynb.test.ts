import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  type NotebookDoc,
  parseIpynb,
  parsePercentPy,
  splitLines,
  toIpynb,
  toIpynbJson,
  toPercentPy,
  validateNbformat45,
} from "./ipynb.ts";
import { makeCell } from "./model.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../tests/fixtures/notebook/${name}`, import.meta.url), "utf8");

function sampleDoc(): NotebookDoc {
  return {
    metadata: { title: "Initializers" },
    cells: [
      makeCell("markdown", "# 8-4. Initializers\n\nSome *text*.", "md1"),
      {
        ...makeCell("code", "x = np.random.randn(4, 10)\nprint(np.mean(x))", "c1"),
        execution_count: 3,
        outputs: [
          { output_type: "stream", name: "stdout", text: "-0.21\n" },
          {
            output_type: "execute_result",
            execution_count: 3,
            data: { "text/plain": "array([1.])", "application/vnd.plotly.v1+json": { data: [] } },
            metadata: {},
          },
          { output_type: "error", ename: "NameError", evalue: "name 'q' is not defined", traceback: ["t"] },
        ],
      },
      makeCell("raw", "raw text", "r1"),
      makeCell("code", "", "c2"),
    ],
  };
}

describe("parseIpynb", () => {
  test("reads a 4.5 notebook: sources joined, outputs and counts kept, ids kept", () => {
    const { doc, skipped } = parseIpynb(fixture("v45-lesson-excerpt.ipynb"));
    expect(skipped).toEqual([]);
    expect(doc.cells.map((c) => [c.id, c.cell_type, c.execution_count])).toEqual([
      ["intro", "markdown", null],
      ["xavier-def", "code", 47],
      ["show-a", "code", 76],
    ]);
    expect(doc.cells[1]?.source).toBe(
      "def xavier_init(n_in, n_out):\n" +
        "    limit = np.sqrt(6.0 / (n_in + n_out))\n" +
        "    return np.random.uniform(low=-limit, high=limit, size=(n_in, n_out))",
    );
    expect(doc.cells[2]?.outputs).toEqual([
      {
        output_type: "execute_result",
        execution_count: 76,
        data: { "text/plain": "array([[-0.03169883, -0.01401587],\n       [ 0.00604145, -0.00514469]])" },
        metadata: {},
      },
    ]);
    expect(doc.cells[2]?.metadata).toEqual({ tags: ["output"] });
  });

  test("reads a Colab 4.0 notebook: generated ids, unknown cells and outputs kept with notices", () => {
    const { doc, skipped } = parseIpynb(fixture("v44-colab.ipynb"));
    expect(doc.cells.map((c) => [c.id, c.cell_type])).toEqual([
      ["cell-1", "markdown"],
      ["cell-2", "code"],
      ["cell-3", "code"],
      ["cell-4", "raw"],
      ["cell-5", "code"],
      ["cell-6", "raw"],
    ]);
    expect(skipped).toEqual([
      'cell 4: unknown cell type "heading" kept as a raw cell',
      'cell 5 output 1: output of type "pyout" kept as text',
      'cell 5 output 2: stream "stdin" shown as stdout',
    ]);
    expect(doc.cells[0]?.source).toBe("# 8-4. Initializers\n\nWhy *init* matters.");
    expect(doc.cells[3]?.source).toBe("Old heading");
    expect(doc.cells[3]?.metadata).toEqual({ initlab: { original_cell_type: "heading" } });
    expect(doc.cells[1]?.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "hello\nworld\n" },
      {
        output_type: "execute_result",
        execution_count: 2,
        metadata: {},
        data: { "text/plain": "(4, 10)", "application/json": { shape: [4, 10] } },
      },
      {
        output_type: "display_data",
        metadata: { needs_background: "light" },
        data: { "image/png": "iVBORw0KGgo=\n", "text/plain": "<Figure size 640x480 with 1 Axes>" },
      },
      {
        output_type: "error",
        ename: "ValueError",
        evalue: "bad",
        traceback: ["Traceback", "ValueError: bad"],
      },
    ]);
    expect(doc.cells[4]?.outputs[0]).toEqual({
      output_type: "display_data",
      data: { "text/plain": '[output of type "pyout" is not supported here]' },
      metadata: { initlab: { unsupported: { output_type: "pyout", prompt_number: 3, text: "1" } } },
    });
    expect(doc.cells[2]?.source).toBe("");
  });

  test("replaces invalid and duplicate ids without stealing a later cell's id", () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: "code", id: "has space", metadata: {}, source: "a", outputs: [], execution_count: null },
        { cell_type: "code", id: "same", metadata: {}, source: "b", outputs: [], execution_count: null },
        { cell_type: "code", id: "same", metadata: {}, source: "c", outputs: [], execution_count: null },
        { cell_type: "markdown", id: "cell-1", metadata: {}, source: "d" },
      ],
    };
    const { doc } = parseIpynb(JSON.stringify(nb));
    expect(doc.cells.map((c) => c.id)).toEqual(["cell-1-2", "same", "cell-3", "cell-1"]);
  });

  test("uses the newId option", () => {
    const { doc } = parseIpynb(fixture("v44-colab.ipynb"), { newId: (i) => `n${i}` });
    expect(doc.cells.map((c) => c.id)).toEqual(["n0", "n1", "n2", "n3", "n4", "n5"]);
  });

  test("keeps a cell that is not an object as a raw cell", () => {
    const { doc, skipped } = parseIpynb('{"nbformat":4,"nbformat_minor":4,"metadata":{},"cells":[42]}');
    expect(doc.cells).toEqual([
      { id: "cell-1", cell_type: "raw", source: "42", outputs: [], execution_count: null, metadata: {} },
    ]);
    expect(skipped).toEqual(["cell 1: not a valid cell; kept as a raw cell with its JSON"]);
  });

  test("drops non-text data under a text mime type with a notice", () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: "code",
          id: "a",
          metadata: {},
          source: "",
          execution_count: 1,
          outputs: [
            { output_type: "display_data", metadata: {}, data: { "text/plain": 5, "text/html": "<b>" } },
          ],
        },
      ],
    };
    const { doc, skipped } = parseIpynb(JSON.stringify(nb));
    expect(doc.cells[0]?.outputs).toEqual([
      { output_type: "display_data", metadata: {}, data: { "text/html": "<b>" } },
    ]);
    expect(skipped).toEqual(["cell 1 output 1: text/plain is not text; dropped"]);
  });

  test("keeps markdown attachments", () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: "markdown",
          id: "m",
          metadata: {},
          source: "![x](attachment:x.png)",
          attachments: { "x.png": { "image/png": ["AAA", "BBB"] } },
        },
      ],
    };
    const { doc } = parseIpynb(JSON.stringify(nb));
    expect(doc.cells[0]?.attachments).toEqual({ "x.png": { "image/png": "AAABBB" } });
    expect(validateNbformat45(JSON.parse(toIpynb(doc)))).toEqual([]);
  });

  test("rejects non-JSON, non-notebooks and other major versions with clear messages", () => {
    expect(() => parseIpynb("not json {")).toThrow("This file is not a notebook: it is not valid JSON.");
    expect(() => parseIpynb("[1, 2]")).toThrow(
      "This file is not a Jupyter notebook: it has no nbformat version.",
    );
    expect(() => parseIpynb('{"nbformat": 3, "worksheets": []}')).toThrow(
      "This notebook is in nbformat 3; only nbformat 4 is supported. Open and save it in a recent Jupyter to convert it.",
    );
    expect(() => parseIpynb('{"nbformat": 4, "metadata": {}}')).toThrow(
      "This notebook has no list of cells.",
    );
  });
});

describe("toIpynb", () => {
  test("writes nbformat 4.5 that validates, with sorted keys and sources as lines", () => {
    const text = toIpynb(sampleDoc());
    const json: unknown = JSON.parse(text);
    expect(validateNbformat45(json)).toEqual([]);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe(' "cells": [');
    expect(toIpynbJson(sampleDoc())).toEqual({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        title: "Initializers",
        kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
        language_info: { name: "python" },
      },
      cells: [
        {
          id: "md1",
          cell_type: "markdown",
          metadata: {},
          source: ["# 8-4. Initializers\n", "\n", "Some *text*."],
        },
        {
          id: "c1",
          cell_type: "code",
          metadata: {},
          source: ["x = np.random.randn(4, 10)\n", "print(np.mean(x))"],
          execution_count: 3,
          outputs: sampleDoc().cells[1]?.outputs,
        },
        { id: "r1", cell_type: "raw", metadata: {}, source: ["raw text"] },
        { id: "c2", cell_type: "code", metadata: {}, source: [], execution_count: null, outputs: [] },
      ],
    });
  });

  test("round-trips through parseIpynb", () => {
    const doc = sampleDoc();
    const back = parseIpynb(toIpynb(doc));
    expect(back.skipped).toEqual([]);
    expect(back.doc.cells).toEqual(doc.cells);
  });

  test("converts a Colab 4.0 notebook into valid 4.5, dropping orig_nbformat", () => {
    const { doc } = parseIpynb(fixture("v44-colab.ipynb"));
    const json = toIpynbJson(doc);
    expect(validateNbformat45(json)).toEqual([]);
    expect(Object.keys(json.metadata ?? {}).sort()).toEqual(["colab", "kernelspec", "language_info"]);
  });

  test("keeps a python language_info and fixes invalid or duplicate ids on export", () => {
    const doc: NotebookDoc = {
      metadata: { language_info: { name: "python", version: "3.11" } },
      cells: [makeCell("code", "1", "bad id!"), makeCell("code", "2", "x"), makeCell("code", "3", "x")],
    };
    const json = toIpynbJson(doc);
    expect(validateNbformat45(json)).toEqual([]);
    expect(json.metadata).toEqual({
      language_info: { name: "python", version: "3.11" },
      kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
    });
    expect(JSON.parse(toIpynb(doc)).cells.map((c: { id: string }) => c.id)).toEqual(["bad-id-", "x", "x-2"]);
  });
});

describe("the lesson notebook", () => {
  const lesson = readFileSync(
    new URL("../../public/notebooks/8-4-initializers.ipynb", import.meta.url),
    "utf8",
  );

  test("reads without notices and writes back byte for byte", () => {
    const { doc, skipped } = parseIpynb(lesson);
    expect(skipped).toEqual([]);
    expect(toIpynb(doc)).toBe(lesson);
  });

  test("survives the percent format", () => {
    const { doc } = parseIpynb(lesson);
    const back = parsePercentPy(toPercentPy(doc));
    expect(back.cells.map((c) => [c.cell_type, c.source])).toEqual(
      doc.cells.map((c) => [c.cell_type, c.source]),
    );
  });
});

describe("validateNbformat45", () => {
  const valid = (): Record<string, unknown> => JSON.parse(toIpynb(sampleDoc()));

  test.each([
    ["missing nbformat_minor", (nb: Record<string, unknown>) => delete nb.nbformat_minor, "nbformat_minor"],
    ["old minor", (nb: Record<string, unknown>) => (nb.nbformat_minor = 4), "nbformat_minor"],
    ["extra top-level key", (nb: Record<string, unknown>) => (nb.extra = 1), "(root)"],
    ["nbformat 3", (nb: Record<string, unknown>) => (nb.nbformat = 3), "nbformat"],
  ])("rejects %s", (_name, corrupt, path) => {
    const nb = valid();
    corrupt(nb);
    const errors = validateNbformat45(nb);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.startsWith(`${path}:`)).toBe(true);
  });

  function corruptCell(index: number, edit: (cell: Record<string, unknown>) => void): string[] {
    const nb = valid();
    const cells = nb.cells;
    if (!Array.isArray(cells)) throw new Error("no cells");
    edit(cells[index]);
    return validateNbformat45(nb);
  }

  test("rejects bad cells", () => {
    expect(corruptCell(0, (c) => (c.id = "has space"))).toEqual([
      "cells.0.id: cell id must be 1-64 chars of [a-zA-Z0-9-_]",
    ]);
    expect(corruptCell(0, (c) => (c.id = "x".repeat(65)))).toHaveLength(1);
    expect(corruptCell(0, (c) => (c.outputs = []))).toHaveLength(1);
    expect(corruptCell(1, (c) => delete c.outputs)).toHaveLength(1);
    expect(corruptCell(1, (c) => delete c.execution_count)).toHaveLength(1);
    expect(corruptCell(1, (c) => (c.execution_count = -1))).toHaveLength(1);
    expect(corruptCell(1, (c) => (c.attachments = {}))).toHaveLength(1);
    expect(corruptCell(0, (c) => delete c.metadata)).toHaveLength(1);
    expect(corruptCell(0, (c) => (c.source = [1, 2]))).toHaveLength(1);
    expect(corruptCell(0, (c) => (c.cell_type = "heading"))).toHaveLength(1);
    expect(corruptCell(1, (c) => (c.metadata = { tags: ["a,b"] }))).toHaveLength(1);
    expect(corruptCell(1, (c) => (c.metadata = { tags: ["a", "a"] }))).toHaveLength(1);
    expect(corruptCell(1, (c) => (c.metadata = { scrolled: "yes" }))).toHaveLength(1);
    expect(corruptCell(1, (c) => (c.metadata = { scrolled: "auto", collapsed: true, anything: 1 }))).toEqual(
      [],
    );
    expect(corruptCell(2, (c) => (c.id = "c1"))).toEqual(['cells.2.id: duplicate cell id "c1"']);
  });

  test("rejects bad outputs", () => {
    const editOutput = (k: number, edit: (o: Record<string, unknown>) => void) =>
      corruptCell(1, (c) => {
        const outputs = c.outputs;
        if (!Array.isArray(outputs)) throw new Error("no outputs");
        edit(outputs[k]);
      });
    expect(editOutput(0, (o) => delete o.name)).toHaveLength(1);
    expect(editOutput(0, (o) => (o.text = ["a\n", "b"]))).toEqual([]);
    expect(editOutput(0, (o) => (o.extra = 1))).toHaveLength(1);
    expect(editOutput(1, (o) => delete o.execution_count)).toHaveLength(1);
    expect(editOutput(1, (o) => (o.data = { "text/plain": { not: "text" } }))).toEqual([
      "cells.1.outputs.1.data.text/plain: text/plain must be a string or a list of strings",
    ]);
    expect(editOutput(1, (o) => (o.data = { "application/vnd.custom+json": { any: [1] } }))).toEqual([]);
    expect(editOutput(2, (o) => (o.traceback = "t"))).toHaveLength(1);
    expect(editOutput(2, (o) => (o.output_type = "pyerr"))).toHaveLength(1);
  });
});

describe("splitLines", () => {
  test("splits like Python's splitlines(keepends=True)", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a")).toEqual(["a"]);
    expect(splitLines("a\n")).toEqual(["a\n"]);
    expect(splitLines("a\n\nb")).toEqual(["a\n", "\n", "b"]);
  });
});

describe("percent format", () => {
  const doc: NotebookDoc = {
    metadata: {},
    cells: [
      makeCell("markdown", "# 8-4. Initializers\n\nText with $x$.", "cell-1"),
      makeCell("code", "%matplotlib inline\nimport numpy as np\n\n# a comment\nx = 1", "cell-2"),
      makeCell("raw", "raw stuff", "cell-3"),
      makeCell("code", "", "cell-4"),
    ],
  };

  test("toPercentPy writes a header, markers and commented markdown", () => {
    expect(toPercentPy(doc)).toBe(
      [
        "# ---",
        "# jupyter:",
        "#   kernelspec:",
        "#     display_name: Python 3",
        "#     language: python",
        "#     name: python3",
        "# ---",
        "",
        "# %% [markdown]",
        "# # 8-4. Initializers",
        "#",
        "# Text with $x$.",
        "",
        "# %%",
        "# %matplotlib inline",
        "import numpy as np",
        "",
        "# a comment",
        "x = 1",
        "",
        "# %% [raw]",
        "# raw stuff",
        "",
        "# %%",
        "",
      ].join("\n"),
    );
  });

  test("round-trips", () => {
    expect(parsePercentPy(toPercentPy(doc))).toEqual(doc);
  });

  test("parses jupytext files without a header, with titles, [md] and a leading cell", () => {
    const text = [
      "import numpy as np",
      "",
      "# %% Setup [md] tags=['x']",
      "# Hello",
      "#no space",
      "",
      "",
      "# %% second cell",
      "y = 2",
      "",
      "# %%%not a marker",
    ].join("\r\n");
    expect(parsePercentPy(text).cells.map((c) => [c.cell_type, c.source])).toEqual([
      ["code", "import numpy as np"],
      ["markdown", "Hello\nno space"],
      ["code", "y = 2\n\n# %%%not a marker"],
    ]);
  });

  test("an empty file is an empty notebook", () => {
    expect(parsePercentPy("")).toEqual({ metadata: {}, cells: [] });
  });
});
