/**
 * Interrupt, time.sleep and input() through the worker's host with a real
 * SharedArrayBuffer, in process. The interrupt comes from a worker_threads
 * thread, as the page sets the flag from another thread in the browser.
 */
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, test } from "vitest";
import { installInterruptCheck } from "../../src/kernel/nd/interrupt.ts";
import { createSession } from "../../src/kernel/session.ts";
import { createSharedLink } from "../../src/kernel/shared-link.ts";
import { createKernelHost, parseToWorker } from "../../src/kernel/worker.ts";
import { parseFromWorker } from "../../src/notebook/kernel-client.ts";
import type { FromWorker, Output } from "../../src/protocol.ts";
import {
  createSharedBuffer,
  INTERRUPT,
  requestInterrupt,
  writeInputReply,
} from "../../src/shared-channel.ts";

/** Sets the interrupt flag from another thread after `ms` milliseconds. */
function interruptLater(shared: SharedArrayBuffer, ms: number): Worker {
  const code = `
    const { workerData } = require("node:worker_threads");
    const slots = new Int32Array(workerData.shared, 0, 4);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
    Atomics.store(slots, ${INTERRUPT}, 1);
    Atomics.notify(slots, ${INTERRUPT});
    Atomics.notify(slots, 1);`;
  return new Worker(code, { eval: true, workerData: { shared, ms } });
}

function setup(onPost: (m: FromWorker, shared: SharedArrayBuffer) => void = () => {}) {
  const shared = createSharedBuffer();
  const link = createSharedLink((m) => onPost(m, shared));
  link.attach(shared);
  const session = createSession({ host: link.blocking });
  return { shared, link, session };
}

function text(outputs: Output[]): string {
  return outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("");
}

afterEach(() => installInterruptCheck(null));

describe("interrupt keeps state", () => {
  test("KeyboardInterrupt in while True, variables survive", async () => {
    const { shared, link, session } = setup();
    session.execute("y = 41");
    const thread = interruptLater(shared, 150);
    await new Promise((r) => thread.once("online", r));
    link.beginRun("r1", 1);
    const r = session.execute("x = 0\nwhile True:\n    x += 1");
    link.endRun();
    await thread.terminate();
    expect(r.ok).toBe(false);
    const err = r.outputs.find((o) => o.output_type === "error");
    expect(err).toMatchObject({ ename: "KeyboardInterrupt", evalue: "" });
    if (err?.output_type !== "error") throw new Error("no error output");
    // IPython's shape: rule, name + "Traceback (most recent call last)", the cell frame, the exception line.
    expect(err.traceback[0]).toBe(
      `${"-".repeat(75)}\nKeyboardInterrupt                         Traceback (most recent call last)`,
    );
    expect(err.traceback[1]).toMatch(/^Cell In\[2\], line [23]\n/);
    expect(err.traceback[1]).toMatch(/----> [23] /);
    expect(err.traceback.at(-1)).toBe("KeyboardInterrupt");
    link.beginRun("r2", 2);
    const after = session.execute("print(y, x > 1000)");
    expect(text(after.outputs)).toBe("41 True\n");
  });

  test("interrupt inside a function shows the function frame", () => {
    const { shared, link, session } = setup();
    session.execute("def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s");
    link.beginRun("r1", 1);
    // A check that trips after a number of polls stands in for the click.
    let polls = 0;
    installInterruptCheck(() => ++polls > 5000);
    const r = session.execute("z = 1\nf(10**9)");
    expect(shared.byteLength).toBeGreaterThan(0);
    const err = r.outputs.find((o) => o.output_type === "error");
    if (err?.output_type !== "error") throw new Error("no error output");
    expect(err.traceback[1]).toMatch(/^Cell In\[2\], line 2\n/);
    expect(err.traceback[2]).toMatch(/^Cell In\[1\], line [34], in f\(n\)\n/);
    installInterruptCheck(null);
    expect(text(session.execute("print(z)").outputs)).toBe("1\n");
  });

  test("an interrupt meant for an earlier run does not stop the next one", () => {
    const { shared, link, session } = setup();
    requestInterrupt(shared, 1);
    link.beginRun("r2", 2);
    const r = session.execute("s = 0\nfor i in range(1000):\n    s += i\nprint(s)");
    expect(text(r.outputs)).toBe("499500\n");
  });

  test("an interrupt of every run sent, arriving as a run starts, stops that run", () => {
    const { shared, link, session } = setup();
    requestInterrupt(shared);
    link.beginRun("r1", 1);
    const r = session.execute("s = 0\nfor i in range(1000):\n    s += i\nprint(s)");
    expect(r.outputs.at(-1)).toMatchObject({ ename: "KeyboardInterrupt" });
    // The value only grows: a narrower interrupt later does not undo it.
    requestInterrupt(shared, 1);
    expect(Atomics.load(new Int32Array(shared, 0, 4), INTERRUPT)).toBe(0x7fffffff);
  });

  test("the host numbers runs as the page sends them", () => {
    const shared = createSharedBuffer();
    const posted: FromWorker[] = [];
    const link = createSharedLink(() => {});
    link.attach(shared);
    const host = createKernelHost(createSession({ host: link.blocking }), (m) => posted.push(m), {
      defer: (run) => run(),
      link,
    });
    // The page asked to stop run 1 only (say, a superseded slider value) before the worker got to it.
    requestInterrupt(shared, 1);
    host.receive({ op: "execute", runId: "a", cellId: "c", code: "for i in range(10):\n    pass" });
    host.receive({ op: "execute", runId: "b", cellId: "c", code: "print('b ran')" });
    const outputsOf = (id: string) =>
      posted.flatMap((m) => (m.op === "output" && m.runId === id ? [m.output] : []));
    expect(outputsOf("a").at(-1)).toMatchObject({ ename: "KeyboardInterrupt" });
    expect(outputsOf("b")).toEqual([{ output_type: "stream", name: "stdout", text: "b ran\n" }]);
  });

  test("comprehensions poll too", () => {
    const { link, session } = setup();
    link.beginRun("r1", 1);
    let polls = 0;
    installInterruptCheck(() => ++polls > 100);
    const r = session.execute("a = [i for i in range(10**7)]");
    expect(r.outputs.at(-1)).toMatchObject({ ename: "KeyboardInterrupt" });
  });
});

test("np.dot polls between row blocks", () => {
  const { link, session } = setup();
  session.execute("import numpy as np\nA = np.ones((600, 600))");
  link.beginRun("r1", 1);
  let polls = 0;
  // This cell has no Python loop or call: every poll is the matmul's; it stops at the second block.
  installInterruptCheck(() => ++polls > 1);
  const r = session.execute("B = np.dot(A, A)");
  expect(polls).toBe(2);
  expect(r.outputs.at(-1)).toMatchObject({ ename: "KeyboardInterrupt" });
  installInterruptCheck(null);
  expect(text(session.execute("print(A.shape)").outputs)).toBe("(600, 600)\n");
});

describe("time.sleep", () => {
  test("really waits", () => {
    const { link, session } = setup();
    link.beginRun("r1", 1);
    const t0 = performance.now();
    const r = session.execute("import time\ntime.sleep(0.2)");
    const ms = performance.now() - t0;
    expect(r.ok).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(195);
  });

  test("Interrupt cuts it short", async () => {
    const { shared, link, session } = setup();
    const thread = interruptLater(shared, 100);
    await new Promise((r) => thread.once("online", r));
    link.beginRun("r1", 1);
    const t0 = performance.now();
    const r = session.execute("import time\nk = 3\ntime.sleep(10)");
    const ms = performance.now() - t0;
    await thread.terminate();
    expect(ms).toBeLessThan(3000);
    expect(r.outputs.at(-1)).toMatchObject({ output_type: "error", ename: "KeyboardInterrupt" });
    link.beginRun("r2", 2);
    expect(text(session.execute("print(k)").outputs)).toBe("3\n");
  });
});

describe("input()", () => {
  test("round-trips the answer through the host's input_request", () => {
    const posted: FromWorker[] = [];
    const shared = createSharedBuffer();
    const link = createSharedLink((m) => {
      posted.push(m);
      // The page's answer; written at once since this test has one thread.
      if (m.op === "input_request") writeInputReply(shared, "Ada é");
    });
    link.attach(shared);
    const session = createSession({ host: link.blocking });
    const out: FromWorker[] = [];
    const host = createKernelHost(session, (m) => out.push(m), { link, defer: (run) => run() });
    host.receive({
      op: "execute",
      runId: "r1",
      cellId: "c",
      code: "name = input('Name? ')\nprint('hi', name)",
    });
    expect(posted).toEqual([{ op: "input_request", runId: "r1", prompt: "Name? " }]);
    const streams = out.flatMap((m) =>
      m.op === "output" && m.output.output_type === "stream" ? [m.output.text] : [],
    );
    expect(streams.join("")).toBe("Name? Ada é\nhi Ada é\n");
  });

  test("without shared memory: StdinNotImplementedError", () => {
    const session = createSession();
    const r = session.execute("input('x')");
    expect(r.outputs.at(-1)).toMatchObject({
      ename: "StdinNotImplementedError",
      evalue: "input was called, but this frontend does not support input requests.",
    });
  });

  test("bad arguments are Python errors", () => {
    const r = createSession().execute("input(1, 2)");
    expect(r.outputs.at(-1)).toMatchObject({
      ename: "TypeError",
      evalue: "input expected at most 1 argument, got 2",
    });
  });
});

describe("protocol", () => {
  test("init carries a SharedArrayBuffer and nothing else", () => {
    const shared = createSharedBuffer();
    expect(parseToWorker({ op: "init", shared })).toEqual({ op: "init", shared });
    expect(parseToWorker({ op: "init", shared: new ArrayBuffer(8) })).toBeNull();
    expect(parseToWorker({ op: "init" })).toBeNull();
  });

  test("input_request is validated on the page", () => {
    const m = { op: "input_request", runId: "r1", prompt: "? " };
    expect(parseFromWorker(m)).toEqual(m);
    expect(parseFromWorker({ op: "input_request", runId: "r1" })).toBeNull();
  });
});
