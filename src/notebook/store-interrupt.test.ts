/** The store's interrupt on an isolated page, and the `input()` request it keeps. */
import { describe, expect, test } from "vitest";
import { makeCell } from "./model.ts";
import { createNotebookStore, type KernelPort } from "./store.ts";

function setup() {
  const calls: string[] = [];
  const answers: string[] = [];
  const kernel: KernelPort = {
    execute: (runId) => calls.push(`execute ${runId}`),
    reset: () => calls.push("reset"),
    restart: () => calls.push("restart"),
    drop: (runIds) => calls.push(`drop ${runIds.join(",")}`),
    interruptKeepingState: () => {
      calls.push("flag");
      return true;
    },
    answerInput: (text) => answers.push(text),
  };
  let run = 0;
  const store = createNotebookStore({ kernel, newRunId: () => `r${++run}` });
  store.getState().load({
    metadata: {},
    cells: [makeCell("code", "while True: pass", "c1"), makeCell("code", "a", "c2")],
  });
  store.getState().receive({ op: "ready" });
  return { store, calls, answers };
}

describe("interrupt keeping state", () => {
  test("sets the flag and drops the queued runs; no restart, no notice", () => {
    const { store, calls } = setup();
    store.getState().runAll();
    store.getState().interrupt();
    expect(calls).toEqual(["execute r1", "execute r2", "flag", "drop r2"]);
    const s = store.getState();
    expect(s.kernel.notice).toBeNull();
    expect(s.cells.c1?.run.phase).toBe("running");
    // The kernel answers with the KeyboardInterrupt run's done and the dropped run's aborted.
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: false });
    store.getState().receive({ op: "aborted", runId: "r2" });
    expect(store.getState().kernel.runs).toEqual([]);
    expect(store.getState().cells.c2?.run.phase).toBe("cancelled");
  });
});

describe("input()", () => {
  test("input_request shows under its cell; answerInput sends the line once", () => {
    const { store, answers } = setup();
    store.getState().run("c1");
    store.getState().receive({ op: "input_request", runId: "r1", prompt: "Name? " });
    expect(store.getState().stdin).toEqual({ runId: "r1", cellId: "c1", prompt: "Name? " });
    store.getState().answerInput("Ada");
    store.getState().answerInput("again");
    expect(answers).toEqual(["Ada"]);
    expect(store.getState().stdin).toBeNull();
  });

  test("the run ending (an interrupt while waiting) removes the box", () => {
    const { store } = setup();
    store.getState().run("c1");
    store.getState().receive({ op: "input_request", runId: "r1", prompt: "" });
    store.getState().receive({ op: "done", runId: "r1", executionCount: 1, ok: false });
    expect(store.getState().stdin).toBeNull();
  });

  test("a request from a run the page does not know is ignored", () => {
    const { store } = setup();
    store.getState().receive({ op: "input_request", runId: "old", prompt: "" });
    expect(store.getState().stdin).toBeNull();
  });
});
