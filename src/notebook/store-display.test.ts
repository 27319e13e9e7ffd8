import { describe, expect, test } from "vitest";
import type { DisplayDataOutput, Output } from "../protocol.ts";
import { parseIpynb, toIpynb } from "./ipynb.ts";
import { makeCell } from "./model.ts";
import { createNotebookStore, type KernelPort } from "./store.ts";

function setup() {
  const kernel: KernelPort = {
    execute: () => {},
    reset: () => {},
    restart: () => {},
    drop: () => {},
    interruptKeepingState: () => false,
  };
  let run = 0;
  const store = createNotebookStore({ kernel, nextFrame: null, now: () => 0, newRunId: () => `r${++run}` });
  store.getState().load({
    metadata: {},
    cells: [makeCell("code", "live()", "c1"), makeCell("code", "update()", "c2")],
  });
  store.getState().receive({ op: "ready" });
  const outputs = (id: string) => store.getState().cells[id]?.doc.outputs;
  return { store, outputs };
}

const stdout = (text: string): Output => ({ output_type: "stream", name: "stdout", text });
const shown = (text: string, displayId?: string): DisplayDataOutput => ({
  output_type: "display_data",
  data: { "text/plain": text },
  metadata: {},
  ...(displayId === undefined ? {} : { transient: { display_id: displayId } }),
});

describe("clear_output", () => {
  test("clear_output without wait empties the cell at once", () => {
    const { store, outputs } = setup();
    store.getState().run("c1");
    store.getState().receive({ op: "output", runId: "r1", output: stdout("epoch 1\n") });
    store.getState().receive({ op: "clear_output", runId: "r1", wait: false });
    expect(outputs("c1")).toEqual([]);
    store.getState().receive({ op: "output", runId: "r1", output: stdout("epoch 2\n") });
    expect(outputs("c1")).toEqual([stdout("epoch 2\n")]);
  });

  test("clear_output(wait=True) keeps the outputs until the next one, which replaces them", () => {
    const { store, outputs } = setup();
    store.getState().run("c1");
    const r = "r1";
    store.getState().receive({ op: "output", runId: r, output: stdout("loss 0.9\n") });
    store.getState().receive({ op: "output", runId: r, output: shown("<Figure 1>") });
    store.getState().receive({ op: "clear_output", runId: r, wait: true });
    expect(outputs("c1")).toEqual([stdout("loss 0.9\n"), shown("<Figure 1>")]);
    // A second wait-clear before any output changes nothing.
    store.getState().receive({ op: "clear_output", runId: r, wait: true });
    store.getState().receive({ op: "output", runId: r, output: stdout("loss 0.5\n") });
    expect(outputs("c1")).toEqual([stdout("loss 0.5\n")]);
    // The clear is spent: the next output is appended (and stream text merges again).
    store.getState().receive({ op: "output", runId: r, output: stdout("loss 0.4\n") });
    store.getState().receive({ op: "done", runId: r, executionCount: 1, ok: true });
    expect(outputs("c1")).toEqual([stdout("loss 0.5\nloss 0.4\n")]);
  });

  test("clear_output of a run that is not the cell's current one is ignored", () => {
    const { store, outputs } = setup();
    store.getState().run("c1");
    store.getState().receive({ op: "output", runId: "r1", output: stdout("a\n") });
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: true });
    store.getState().receive({ op: "clear_output", runId: "r1", wait: false });
    store.getState().receive({ op: "clear_output", runId: "nope", wait: false });
    expect(outputs("c1")).toEqual([stdout("a\n")]);
  });
});

describe("update_display", () => {
  test("update_display replaces every output with its display_id, in any cell, and nothing else", () => {
    const { store, outputs } = setup();
    store.getState().run("c1");
    store.getState().receive({ op: "output", runId: "r1", output: shown("step 0", "d1") });
    store.getState().receive({ op: "output", runId: "r1", output: shown("other", "d2") });
    store.getState().receive({ op: "output", runId: "r1", output: shown("plain") });
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: true });
    store.getState().run("c2");
    store.getState().receive({ op: "output", runId: "r2", output: shown("step 0 again", "d1") });
    store.getState().receive({
      op: "update_display",
      runId: "r2",
      displayId: "d1",
      data: { "text/plain": "step 5", "text/html": "<b>5</b>" },
      metadata: { isolated: true },
    });
    const updated: DisplayDataOutput = {
      output_type: "display_data",
      data: { "text/plain": "step 5", "text/html": "<b>5</b>" },
      metadata: { isolated: true },
      transient: { display_id: "d1" },
    };
    expect(outputs("c1")).toEqual([updated, shown("other", "d2"), shown("plain")]);
    expect(outputs("c2")).toEqual([updated]);
  });

  test("update_display of an unknown display_id changes no cell", () => {
    const { store } = setup();
    store.getState().run("c1");
    store.getState().receive({ op: "output", runId: "r1", output: shown("x", "d1") });
    const before = store.getState().cells;
    store.getState().receive({ op: "update_display", runId: "r1", displayId: "zz", data: {}, metadata: {} });
    expect(store.getState().cells).toBe(before);
  });

  test("toIpynb leaves the page-only transient display_id out, and reads back the same outputs", () => {
    const { store } = setup();
    store.getState().run("c1");
    store.getState().receive({ op: "output", runId: "r1", output: shown("x", "d1") });
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: true });
    const text = toIpynb(store.getState().toDoc());
    expect(text).not.toContain("transient");
    expect(parseIpynb(text).doc.cells[0]?.outputs).toEqual([shown("x")]);
  });
});

describe("foreign outputs on export", () => {
  test("toIpynb keeps a Jupyter notebook's image/png, text/html and ANSI traceback as they are", () => {
    const png = [
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4\n",
      "2mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==\n",
    ];
    const outputs = [
      {
        output_type: "display_data",
        data: { "image/png": png, "text/plain": ["<Figure>"] },
        metadata: { "image/png": { width: 1 } },
      },
      {
        output_type: "execute_result",
        execution_count: 1,
        data: { "text/html": ["<table>\n", "</table>"], "text/plain": ["df"] },
        metadata: {},
      },
      { output_type: "error", ename: "E", evalue: "v", traceback: ["\u001b[0;31mE\u001b[0m: v"] },
    ];
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ id: "a", cell_type: "code", metadata: {}, execution_count: 1, source: "x", outputs }],
    });
    const saved = JSON.parse(toIpynb(parseIpynb(text).doc));
    expect(saved.cells[0].outputs).toEqual([
      { ...outputs[0], data: { "image/png": png.join(""), "text/plain": "<Figure>" } },
      { ...outputs[1], data: { "text/html": "<table>\n</table>", "text/plain": "df" } },
      outputs[2],
    ]);
  });
});
