import { describe, expect, test } from "vitest";
import type { Output } from "../protocol.ts";
import { makeCell, type NotebookDoc } from "./model.ts";
import { createNotebookStore, type KernelPort, type KeyValueStorage } from "./store.ts";

type Call =
  | { op: "execute"; runId: string; cellId: string; code: string }
  | { op: "reset" }
  | { op: "restart" }
  | { op: "drop"; runIds: readonly string[] };

function setup(storage?: KeyValueStorage) {
  const calls: Call[] = [];
  const kernel: KernelPort = {
    execute: (runId, cellId, code) => calls.push({ op: "execute", runId, cellId, code }),
    reset: () => calls.push({ op: "reset" }),
    restart: () => calls.push({ op: "restart" }),
    drop: (runIds) => calls.push({ op: "drop", runIds }),
    interruptKeepingState: () => false,
  };
  let run = 0;
  let cell = 0;
  let clock = 0;
  const store = createNotebookStore({
    kernel,
    now: () => clock,
    newRunId: () => `r${++run}`,
    newCellId: () => `new${++cell}`,
    ...(storage === undefined ? {} : { storage }),
  });
  const doc: NotebookDoc = {
    metadata: { kernelspec: { name: "python3" } },
    cells: [makeCell("markdown", "# T", "m"), makeCell("code", "a = 1", "c1"), makeCell("code", "a", "c2")],
  };
  store.getState().load(doc);
  store.getState().receive({ op: "ready" });
  return { store, calls, doc, tick: (ms: number) => (clock += ms) };
}

const stdout = (text: string): Output => ({ output_type: "stream", name: "stdout", text });

describe("createNotebookStore", () => {
  test("load then toDoc gives the same document back", () => {
    const { store, doc } = setup();
    expect(store.getState().toDoc()).toEqual(doc);
    expect(store.getState().ui.selectedId).toBe("m");
    expect(store.getState().kernel.status).toBe("idle");
  });

  test("runAll sends code cells in order; the first starts, the rest wait", () => {
    const { store, calls } = setup();
    store.getState().runAll();
    expect(calls).toEqual([
      { op: "execute", runId: "r1", cellId: "c1", code: "a = 1" },
      { op: "execute", runId: "r2", cellId: "c2", code: "a" },
    ]);
    const s = store.getState();
    expect(s.cells.c1?.run.phase).toBe("running");
    expect(s.cells.c2?.run.phase).toBe("queued");
    expect(s.kernel.runs).toEqual([
      { runId: "r1", cellId: "c1" },
      { runId: "r2", cellId: "c2" },
    ]);
  });

  test("worker messages land in the right cell and done starts the next run", () => {
    const { store, tick } = setup();
    store.getState().runAll();
    tick(500);
    store.getState().receive({ op: "output", runId: "r1", output: stdout("hi\n") });
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: true });
    let s = store.getState();
    expect(s.cells.c1?.doc.outputs).toEqual([stdout("hi\n")]);
    expect(s.cells.c1?.doc.execution_count).toBe(1);
    expect(s.cells.c1?.run.elapsedMs).toBe(500);
    expect(s.cells.c2?.run.phase).toBe("running");
    store.getState().receive({ op: "done", runId: "r2", executionCount: 2, ok: true });
    s = store.getState();
    expect(s.kernel.runs).toEqual([]);
    expect(s.cells.c2?.doc.execution_count).toBe(2);
  });

  test("an aborted run is cancelled and keeps its old outputs and count", () => {
    const { store } = setup();
    store.getState().runAll();
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: false });
    store.getState().receive({ op: "aborted", runId: "r2" });
    const s = store.getState();
    expect(s.kernel.runs).toEqual([]);
    expect(s.cells.c2?.run.phase).toBe("cancelled");
    expect(s.cells.c2?.doc.execution_count).toBeNull();
    expect(s.cells.c2?.doc.outputs).toEqual([]);
  });

  test("a re-run of a cell makes the older run's messages stale", () => {
    const { store } = setup();
    store.getState().run("c1");
    store.getState().run("c1");
    store.getState().receive({ op: "output", runId: "r1", output: stdout("old") });
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: true });
    expect(store.getState().cells.c1?.doc.outputs).toEqual([]);
    expect(store.getState().cells.c1?.run.phase).toBe("running");
    store.getState().receive({ op: "output", runId: "r2", output: stdout("new") });
    store.getState().receive({ op: "done", runId: "r2", executionCount: 2, ok: true });
    expect(store.getState().cells.c1?.doc.outputs).toEqual([stdout("new")]);
    expect(store.getState().cells.c1?.doc.execution_count).toBe(2);
  });

  test("interrupt restarts the worker, cancels queued runs and shows a notice", () => {
    const { store, calls } = setup();
    store.getState().runAll();
    store.getState().interrupt();
    const s = store.getState();
    expect(calls.at(-1)).toEqual({ op: "restart" });
    expect(s.cells.c1?.run.phase).toBe("cancelled");
    expect(s.cells.c2?.run.phase).toBe("cancelled");
    expect(s.kernel.status).toBe("starting");
    expect(s.kernel.notice).toMatch(/variables are gone/i);
    // A late message from the terminated worker changes nothing.
    store.getState().receive({ op: "output", runId: "r1", output: stdout("late") });
    expect(store.getState().cells.c1?.doc.outputs).toEqual([]);
  });

  test("the kernel shows busy while runs are pending, even if an older idle arrives", () => {
    const { store } = setup();
    store.getState().run("c1");
    expect(store.getState().kernel.status).toBe("busy");
    store.getState().receive({ op: "status", state: "idle" });
    expect(store.getState().kernel.status).toBe("busy");
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: true });
    store.getState().receive({ op: "status", state: "idle" });
    expect(store.getState().kernel.status).toBe("idle");
  });

  test("a crash cancels runs and waits; the next run starts a new worker", () => {
    const { store, calls } = setup();
    store.getState().run("c1");
    store.getState().crashed("out of memory");
    expect(store.getState().kernel.status).toBe("dead");
    expect(store.getState().cells.c1?.run.phase).toBe("cancelled");
    expect(store.getState().kernel.notice).toMatch(/out of memory/);
    store.getState().run("c2");
    expect(calls.map((c) => c.op)).toEqual(["execute", "restart", "execute"]);
    expect(store.getState().kernel.status).toBe("starting");
  });

  test("restart when idle resets the kernel without replacing the worker", () => {
    const { store, calls } = setup();
    store.getState().restartKernel();
    expect(calls).toEqual([{ op: "reset" }]);
    expect(store.getState().kernel.status).toBe("idle");
  });

  test("restart and run all: reset, then every code cell", () => {
    const { store, calls } = setup();
    store.getState().restartAndRunAll();
    expect(calls.map((c) => c.op)).toEqual(["reset", "execute", "execute"]);
  });

  test("insert, move, delete and undo delete", () => {
    const { store } = setup();
    const s = () => store.getState();
    s().insert("code", "below", "c1");
    expect(s().order).toEqual(["m", "c1", "new1", "c2"]);
    expect(s().ui.selectedId).toBe("new1");
    s().move("new1", 1);
    expect(s().order).toEqual(["m", "c1", "c2", "new1"]);
    s().move("new1", 1);
    expect(s().order).toEqual(["m", "c1", "c2", "new1"]);
    s().remove("c1");
    expect(s().order).toEqual(["m", "c2", "new1"]);
    expect(s().cells.c1).toBeUndefined();
    s().undoRemove();
    expect(s().order).toEqual(["m", "c1", "c2", "new1"]);
    expect(s().cells.c1?.doc.source).toBe("a = 1");
    expect(s().ui.selectedId).toBe("c1");
  });

  test("selectRelative stays in bounds", () => {
    const { store } = setup();
    store.getState().selectRelative(-1);
    expect(store.getState().ui.selectedId).toBe("m");
    store.getState().selectRelative(5);
    expect(store.getState().ui.selectedId).toBe("c2");
  });

  test("font size and theme persist through the storage", () => {
    const saved = new Map<string, string>();
    const storage: KeyValueStorage = {
      getItem: (k) => saved.get(k) ?? null,
      setItem: (k, v) => void saved.set(k, v),
    };
    const first = setup(storage).store;
    first.getState().setFontSize(22);
    first.getState().setTheme("dark");
    first.getState().setFontSize(1000);
    const second = setup(storage).store;
    expect(second.getState().ui.fontSize).toBe(32);
    expect(second.getState().ui.theme).toBe("dark");
  });

  test("clearOutputs empties every code cell", () => {
    const { store } = setup();
    store.getState().run("c1");
    store.getState().receive({ op: "output", runId: "r1", output: stdout("x") });
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: true });
    store.getState().clearOutputs();
    expect(store.getState().cells.c1?.doc).toEqual(makeCell("code", "a = 1", "c1"));
  });
});

describe("receive: one store update per frame", () => {
  test("kernel messages wait for the frame and are applied together, in order", () => {
    const frames: (() => void)[] = [];
    const kernel: KernelPort = {
      execute: () => {},
      reset: () => {},
      restart: () => {},
      drop: () => {},
      interruptKeepingState: () => false,
    };
    let run = 0;
    const store = createNotebookStore({
      kernel,
      now: () => 0,
      newRunId: () => `r${++run}`,
      nextFrame: (flush) => frames.push(flush),
    });
    store
      .getState()
      .load({ metadata: {}, cells: [makeCell("code", "a", "c1"), makeCell("code", "b", "c2")] });
    store.getState().receive({ op: "ready" });
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    store.getState().run("c1");
    store.getState().run("c2");
    let notified = 0;
    const unsubscribe = store.subscribe(() => notified++);
    store.getState().receive({ op: "output", runId: "r1", output: stdout("x") });
    store.getState().receive({ op: "output", runId: "r1", output: stdout("y") });
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: true });
    store.getState().receive({ op: "output", runId: "r2", output: stdout("z") });
    expect(notified).toBe(0);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    unsubscribe();
    const { cells, kernel: k } = store.getState();
    expect(cells.c1?.doc.outputs).toEqual([stdout("xy")]);
    expect(cells.c2?.doc.outputs).toEqual([stdout("z")]);
    expect(cells.c2?.run.phase).toBe("running");
    expect(k.runs.map((r) => r.runId)).toEqual(["r2"]);
  });
});
