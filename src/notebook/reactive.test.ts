import { describe, expect, test } from "vitest";
import type { Output } from "../protocol.ts";
import { makeCell, type NotebookDoc } from "./model.ts";
import { createReactiveScheduler } from "./reactive.ts";
import { createNotebookStore, type KernelPort } from "./store.ts";

interface Sent {
  runId: string;
  cellId: string;
  code: string;
}

/** A notebook store on a fake kernel that runs nothing until told to finish a run. */
function setup(cells: [string, string][], options: { autoRun?: boolean } = {}) {
  const sent: Sent[] = [];
  const kernel: KernelPort = {
    execute: (runId, cellId, code) => sent.push({ runId, cellId, code }),
    reset: () => {},
    restart: () => {},
    // As the worker does: each dropped run that has not started comes back `aborted`.
    drop: (runIds) => {
      for (const runId of runIds) store.getState().receive({ op: "aborted", runId });
    },
    interruptKeepingState: () => false,
  };
  let run = 0;
  // biome-ignore lint/style/useConst: the fake kernel above reads it once it is set
  let store = createNotebookStore({ kernel, now: () => 0, newRunId: () => `r${++run}` });
  const doc: NotebookDoc = { metadata: {}, cells: cells.map(([id, src]) => makeCell("code", src, id)) };
  store.getState().load(doc);
  store.getState().receive({ op: "ready" });
  const scheduler = createReactiveScheduler(store, { defer: (f) => f(), ...options });
  let count = 0;
  /** The kernel finishes its oldest run, optionally printing `text` first. */
  const finish = (ok = true, text?: string): Sent => {
    const first = store.getState().kernel.runs[0];
    const message = sent.find((m) => m.runId === first?.runId);
    if (message === undefined) throw new Error("no run in the kernel");
    if (text !== undefined) {
      const output: Output = { output_type: "stream", name: "stdout", text };
      store.getState().receive({ op: "output", runId: message.runId, output });
    }
    store.getState().receive({ op: "done", runId: message.runId, executionCount: ++count, ok });
    // As the worker does: after a failed run, the runs queued behind it are dropped.
    if (!ok)
      for (const r of store.getState().kernel.runs)
        store.getState().receive({ op: "aborted", runId: r.runId });
    return message;
  };
  /** Finishes every run, returning the cells run, in order. */
  const drain = (): string[] => {
    const ran: string[] = [];
    while (store.getState().kernel.runs.length > 0) ran.push(finish().cellId);
    return ran;
  };
  return { store, scheduler, sent, finish, drain };
}

const LESSON: [string, string][] = [
  ["imports", "import numpy as np"],
  ["params", "scale = 0.01  #@param {type:'number'}"],
  ["other", "k = 3"],
  ["use", "w = np.ones(3) * scale"],
  ["uses-k", "print(k)"],
  ["stats", "print(w.mean())"],
];

describe("createReactiveScheduler", () => {
  test("changed sends the cell and its dependents at once, in notebook order", () => {
    const { store, scheduler, drain, sent } = setup(LESSON);
    store.getState().runAll();
    drain();
    sent.length = 0;
    store.getState().setSource("params", "scale = 0.1  #@param {type:'number'}");
    scheduler.changed("params");
    expect(store.getState().kernel.runs.map((r) => r.cellId)).toEqual(["params", "use", "stats"]);
    expect(scheduler.state.getState()).toEqual({ autoRun: true, pending: [], stale: new Set() });
    expect(drain()).toEqual(["params", "use", "stats"]);
    expect(sent.map((m) => m.code)).toEqual([
      "scale = 0.1  #@param {type:'number'}",
      "w = np.ones(3) * scale",
      "print(w.mean())",
    ]);
    expect(scheduler.state.getState().stale).toEqual(new Set());
  });

  test("an unchanged function the changed cell redefines does not re-run its callers", () => {
    const cells: [string, string][] = [
      [
        "setup",
        "depth = 3  #@param {type:'integer'}\ndef act(z):\n    return z\ndef fwd(x):\n    return [act(x) for _ in range(depth)]",
      ],
      ["deep", "print(fwd(1))"],
      ["helper", "def train(x):\n    return act(x)"],
      ["training", "print(train(2))"],
    ];
    const { store, scheduler, drain } = setup(cells);
    store.getState().runAll();
    drain();
    store.getState().setSource("setup", (cells[0]?.[1] ?? "").replace("depth = 3", "depth = 4"));
    scheduler.changed("setup");
    expect(drain()).toEqual(["setup", "deep"]);
  });

  test("in a fresh kernel, the code cells before the last dependent that never ran run too, in order", () => {
    const { scheduler, drain } = setup(LESSON);
    scheduler.changed("use");
    expect(drain()).toEqual(["imports", "params", "other", "use", "uses-k", "stats"]);
    scheduler.changed("use");
    expect(drain()).toEqual(["use", "stats"]);
  });

  test("a cell above that failed is not run again on every change", () => {
    const { store, scheduler, drain, finish } = setup(LESSON);
    store.getState().runAll();
    finish(); // imports
    finish(); // params
    finish(false); // other fails; the kernel drops the runs behind it, which never ran
    drain();
    scheduler.changed("params");
    expect(drain()).toEqual(["params", "use", "uses-k", "stats"]);
  });

  test("cells already sent to the kernel are not queued twice", () => {
    const { store, scheduler, drain } = setup(LESSON);
    store.getState().run("imports");
    scheduler.changed("params");
    expect(drain()).toEqual(["imports", "params", "other", "use", "uses-k", "stats"]);
  });

  test("the latest change wins: the running old value is ignored and each cell runs once more", () => {
    const { store, scheduler, drain, finish, sent } = setup(LESSON);
    store.getState().runAll();
    drain();
    store.getState().setSource("params", "scale = 0.1  #@param {type:'number'}");
    scheduler.changed("params");
    expect(store.getState().cells.params?.run.phase).toBe("running");
    // Three more values arrive while the first is still running.
    for (const v of ["0.2", "0.3", "0.4"]) {
      store.getState().setSource("params", `scale = ${v}  #@param {type:'number'}`);
      scheduler.changed("params");
    }
    expect(store.getState().cells.params?.run.phase).toBe("cancelled");
    // The queued runs for the old values were dropped; the new ones wait for the running one.
    expect(store.getState().kernel.runs).toHaveLength(1);
    expect(scheduler.state.getState().pending).toEqual(["params", "use", "stats"]);
    const before = sent.length;
    const old = finish(true, "old\n");
    expect(old.code).toContain("0.1");
    // The old run's output was ignored; the new run of params has started.
    expect(store.getState().cells.params?.doc.outputs).toEqual([]);
    expect(drain()).toEqual(["params", "use", "stats"]);
    expect(sent.slice(before).map((m) => m.cellId)).toEqual(["params", "use", "stats"]);
    expect(sent[before]?.code).toBe("scale = 0.4  #@param {type:'number'}");
  });

  test("a newer change supersedes dependents already in the kernel and requeues them after", () => {
    const { store, scheduler, drain, finish } = setup(LESSON);
    store.getState().runAll();
    drain();
    scheduler.changed("params");
    finish(); // params
    expect(store.getState().kernel.runs.map((r) => r.cellId)).toEqual(["use", "stats"]);
    scheduler.changed("params");
    // `use` had started: it finishes, its outputs ignored; `stats` had not: it was dropped.
    expect(store.getState().cells.use?.run.phase).toBe("cancelled");
    expect(store.getState().cells.stats?.run.phase).toBe("cancelled");
    expect(store.getState().kernel.runs.map((r) => r.cellId)).toEqual(["use"]);
    expect(scheduler.state.getState().pending).toEqual(["params", "use", "stats"]);
    expect(drain()).toEqual(["use", "params", "use", "stats"]);
  });

  test("with auto-run off only the changed cell runs; its dependents are marked stale", () => {
    const { store, scheduler, drain } = setup(LESSON, { autoRun: false });
    store.getState().runAll();
    drain();
    scheduler.changed("params");
    expect(drain()).toEqual(["params"]);
    expect(scheduler.state.getState().stale).toEqual(new Set(["use", "stats"]));
    // Running a stale cell by hand clears its mark.
    store.getState().run("use");
    expect(scheduler.state.getState().stale).toEqual(new Set(["stats"]));
    drain();
    scheduler.setAutoRun(true);
    scheduler.changed("params");
    expect(drain()).toEqual(["params", "use", "stats"]);
  });

  test("an error stops the chain and leaves the rest stale", () => {
    const { store, scheduler, drain, finish } = setup(LESSON);
    store.getState().runAll();
    drain();
    scheduler.changed("params");
    finish(false);
    expect(store.getState().kernel.runs).toEqual([]);
    expect(scheduler.state.getState().pending).toEqual([]);
    expect(scheduler.state.getState().stale).toEqual(new Set(["use", "stats"]));
  });

  test("after a kernel restart the cells above run again first", () => {
    const { store, scheduler, drain } = setup(LESSON);
    store.getState().runAll();
    drain();
    store.getState().restartKernel();
    scheduler.kernelReset();
    scheduler.changed("use");
    expect(drain()).toEqual(["imports", "params", "other", "use", "uses-k", "stats"]);
  });

  test("changing the seed cell re-runs every cell that draws random numbers below it", () => {
    const { store, scheduler, drain } = setup([
      ["imports", "import numpy as np"],
      ["seed", "seed = 42  #@param {type:'integer'}\nnp.random.seed(seed)"],
      ["draw", "x = np.random.randn(3)"],
      ["plain", "y = 2"],
      ["print", "print(x)"],
    ]);
    store.getState().runAll();
    drain();
    scheduler.changed("seed");
    expect(drain()).toEqual(["seed", "draw", "print"]);
  });
});
