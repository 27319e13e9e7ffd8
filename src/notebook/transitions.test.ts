import { describe, expect, test } from "vitest";
import type { Output } from "../protocol.ts";
import { makeCell } from "./model.ts";
import { appendOutput, type CellState, cellState, IDLE_RUN, transition } from "./transitions.ts";

const out = (text: string): Output => ({ output_type: "stream", name: "stdout", text });
const code = (source = "x = 1"): CellState => cellState(makeCell("code", source, "c1"));

/** Runs a sequence of messages through `transition`. */
function play(cell: CellState, ...messages: Parameters<typeof transition>[1][]): CellState {
  return messages.reduce(transition, cell);
}

describe("transition", () => {
  test("edit changes the source and keeps the same object when nothing changes", () => {
    const cell = code("a");
    expect(transition(cell, { type: "edit", source: "b" }).doc.source).toBe("b");
    expect(transition(cell, { type: "edit", source: "a" })).toBe(cell);
  });

  test("a full run: queue, start, outputs merged by stream, progress, done", () => {
    const cell = play(
      code(),
      { type: "queue", runId: "r1" },
      { type: "start", runId: "r1", at: 1000 },
      { type: "output", runId: "r1", output: out("1\n") },
      { type: "output", runId: "r1", output: out("2\n") },
      { type: "progress", runId: "r1", done: 3, total: 10 },
    );
    expect(cell).toEqual({
      doc: { ...code().doc, outputs: [out("1\n2\n")], execution_count: null },
      run: { ...IDLE_RUN, phase: "running", runId: "r1", startedAt: 1000, progress: { done: 3, total: 10 } },
    });
    const done = transition(cell, { type: "done", runId: "r1", executionCount: 4, ok: true, at: 1450 });
    expect(done).toEqual({
      doc: { ...code().doc, outputs: [out("1\n2\n")], execution_count: 4 },
      run: { ...IDLE_RUN, runId: "r1", elapsedMs: 450, ok: true },
    });
  });

  test("starting a run clears the previous outputs and count", () => {
    const before = play(
      code(),
      { type: "queue", runId: "r1" },
      { type: "start", runId: "r1", at: 0 },
      { type: "output", runId: "r1", output: out("old") },
      { type: "done", runId: "r1", executionCount: 1, ok: true, at: 1 },
      { type: "queue", runId: "r2" },
    );
    expect(before.doc.outputs).toEqual([out("old")]);
    const started = transition(before, { type: "start", runId: "r2", at: 5 });
    expect(started.doc.outputs).toEqual([]);
    expect(started.doc.execution_count).toBeNull();
  });

  test("the latest run wins: messages for a superseded run are ignored", () => {
    const cell = play(
      code(),
      { type: "queue", runId: "old" },
      { type: "start", runId: "old", at: 0 },
      {
        type: "queue",
        runId: "new",
      },
    );
    expect(transition(cell, { type: "output", runId: "old", output: out("stale") })).toBe(cell);
    expect(transition(cell, { type: "done", runId: "old", executionCount: 9, ok: true, at: 1 })).toBe(cell);
    expect(transition(cell, { type: "start", runId: "old", at: 1 })).toBe(cell);
    expect(cell.run.phase).toBe("queued");
  });

  test("outputs before start or after done are ignored", () => {
    const queued = transition(code(), { type: "queue", runId: "r1" });
    expect(transition(queued, { type: "output", runId: "r1", output: out("x") })).toBe(queued);
    const done = play(
      queued,
      { type: "start", runId: "r1", at: 0 },
      { type: "done", runId: "r1", executionCount: 1, ok: false, at: 0 },
    );
    expect(transition(done, { type: "output", runId: "r1", output: out("late") })).toBe(done);
  });

  test("cancel marks a queued or running run, and nothing else", () => {
    const queued = transition(code(), { type: "queue", runId: "r1" });
    expect(transition(queued, { type: "cancel", runId: "r1" }).run).toEqual({
      ...IDLE_RUN,
      phase: "cancelled",
      runId: "r1",
    });
    expect(transition(queued, { type: "cancel", runId: "other" })).toBe(queued);
    const idle = code();
    expect(transition(idle, { type: "cancel", runId: "r1" })).toBe(idle);
  });

  test("markdown cells are never queued", () => {
    const md = cellState(makeCell("markdown", "# hi", "m1"));
    expect(transition(md, { type: "queue", runId: "r1" })).toBe(md);
  });

  test("set-type drops outputs and the count, like Jupyter", () => {
    const ran = play(
      code(),
      { type: "queue", runId: "r1" },
      { type: "start", runId: "r1", at: 0 },
      { type: "output", runId: "r1", output: out("1") },
      { type: "done", runId: "r1", executionCount: 3, ok: true, at: 0 },
    );
    expect(transition(ran, { type: "set-type", cellType: "markdown" })).toEqual({
      doc: { ...ran.doc, cell_type: "markdown", outputs: [], execution_count: null },
      run: IDLE_RUN,
    });
  });

  test("clear-outputs empties outputs and count", () => {
    const ran = play(
      code(),
      { type: "queue", runId: "r1" },
      { type: "start", runId: "r1", at: 0 },
      { type: "output", runId: "r1", output: out("1") },
      { type: "done", runId: "r1", executionCount: 3, ok: true, at: 0 },
    );
    expect(transition(ran, { type: "clear-outputs" }).doc).toEqual({
      ...ran.doc,
      outputs: [],
      execution_count: null,
    });
  });
});

describe("appendOutput", () => {
  test("merges only consecutive text on the same stream", () => {
    const err: Output = { output_type: "stream", name: "stderr", text: "e" };
    expect(appendOutput([out("a")], err)).toEqual([out("a"), err]);
    expect(appendOutput([out("a"), err], out("b"))).toEqual([out("a"), err, out("b")]);
    expect(appendOutput([out("a")], out("b"))).toEqual([out("ab")]);
  });
});
