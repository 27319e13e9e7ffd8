/**
 * The worker protocol end to end, in Node: the page's client and the worker's
 * host joined by an in-process fake worker, with a fake session.
 */
import { describe, expect, test } from "vitest";
import { createKernelHost, parseToWorker, type SessionLike } from "../../src/kernel/worker.ts";
import { createKernelClient, parseFromWorker, type WorkerLike } from "../../src/notebook/kernel-client.ts";
import type { FromWorker, Output, ToWorker } from "../../src/protocol.ts";

/** A session that prints its code and counts runs; `fail` raises, `boom` throws a JS error. */
function fakeSession(): SessionLike & { resets: number } {
  let count = 0;
  return {
    resets: 0,
    execute(code, hooks) {
      count += 1;
      if (code === "boom") throw new Error("bug");
      const outputs: Output[] = [{ output_type: "stream", name: "stdout", text: `${code}\n` }];
      hooks?.onOutput?.(outputs[0] ?? { output_type: "stream", name: "stdout", text: "" });
      hooks?.onProgress?.(1, 2);
      hooks?.onProgress?.(2, 2);
      if (code === "fail") {
        const error: Output = { output_type: "error", ename: "ValueError", evalue: "no", traceback: [] };
        outputs.push(error);
        return { outputs, executionCount: count, ok: false };
      }
      return { outputs, executionCount: count, ok: true };
    },
    reset() {
      count = 0;
      this.resets += 1;
    },
  };
}

/** A host whose deferred steps run when `flush` is called. */
function hostWithQueue() {
  const posted: FromWorker[] = [];
  const steps: (() => void)[] = [];
  const session = fakeSession();
  const host = createKernelHost(session, (m) => posted.push(m), {
    defer: (run) => steps.push(run),
    now: () => 0,
  });
  const flush = () => {
    while (steps.length > 0) steps.shift()?.();
  };
  return { host, posted, session, flush };
}

describe("parseToWorker", () => {
  test("accepts the three ops and rejects anything else", () => {
    expect(parseToWorker({ op: "execute", runId: "r", cellId: "c", code: "1" })).toEqual({
      op: "execute",
      runId: "r",
      cellId: "c",
      code: "1",
    });
    expect(parseToWorker({ op: "interrupt" })).toEqual({ op: "interrupt" });
    expect(parseToWorker({ op: "reset", extra: 1 })).toEqual({ op: "reset" });
    expect(parseToWorker({ op: "execute", runId: "r", cellId: "c" })).toBeNull();
    expect(parseToWorker({ op: "eval", code: "1" })).toBeNull();
    expect(parseToWorker("execute")).toBeNull();
    expect(parseToWorker(null)).toBeNull();
  });
});

describe("parseFromWorker", () => {
  test("accepts every message kind", () => {
    const messages: FromWorker[] = [
      { op: "ready" },
      { op: "status", state: "busy" },
      { op: "output", runId: "r", output: { output_type: "stream", name: "stdout", text: "x" } },
      {
        op: "output",
        runId: "r",
        output: {
          output_type: "execute_result",
          execution_count: 3,
          data: { "text/plain": "1", "application/vnd.plotly.v1+json": { data: [], layout: {} } },
          metadata: {},
        },
      },
      { op: "output", runId: "r", output: { output_type: "display_data", data: {}, metadata: {} } },
      {
        op: "output",
        runId: "r",
        output: { output_type: "error", ename: "E", evalue: "v", traceback: ["a", "b"] },
      },
      { op: "progress", runId: "r", done: 1, total: 2 },
      { op: "done", runId: "r", executionCount: 1, ok: true },
      { op: "aborted", runId: "r" },
    ];
    for (const m of messages) expect(parseFromWorker(m)).toEqual(m);
  });

  test("rejects malformed messages", () => {
    expect(parseFromWorker({ op: "status", state: "sleeping" })).toBeNull();
    expect(parseFromWorker({ op: "done", runId: "r", executionCount: "1", ok: true })).toBeNull();
    expect(
      parseFromWorker({
        op: "output",
        runId: "r",
        output: { output_type: "stream", name: "stdin", text: "" },
      }),
    ).toBeNull();
    expect(
      parseFromWorker({
        op: "output",
        runId: "r",
        output: { output_type: "display_data", data: { "text/plain": 5 }, metadata: {} },
      }),
    ).toBeNull();
    expect(parseFromWorker({ op: "hello" })).toBeNull();
    expect(parseFromWorker(undefined)).toBeNull();
  });
});

describe("createKernelHost", () => {
  test("runs executes in order between busy and idle", () => {
    const { host, posted, flush } = hostWithQueue();
    host.receive({ op: "execute", runId: "a", cellId: "c1", code: "one" });
    host.receive({ op: "execute", runId: "b", cellId: "c2", code: "fail" });
    expect(posted).toEqual([]);
    flush();
    expect(posted).toEqual([
      { op: "status", state: "busy" },
      { op: "output", runId: "a", output: { output_type: "stream", name: "stdout", text: "one\n" } },
      { op: "progress", runId: "a", done: 1, total: 2 },
      { op: "progress", runId: "a", done: 2, total: 2 },
      { op: "done", runId: "a", executionCount: 1, ok: true },
      { op: "output", runId: "b", output: { output_type: "stream", name: "stdout", text: "fail\n" } },
      { op: "progress", runId: "b", done: 1, total: 2 },
      { op: "progress", runId: "b", done: 2, total: 2 },
      {
        op: "output",
        runId: "b",
        output: { output_type: "error", ename: "ValueError", evalue: "no", traceback: [] },
      },
      { op: "done", runId: "b", executionCount: 2, ok: false },
      { op: "status", state: "idle" },
    ]);
  });

  test("a failed run aborts the runs queued behind it, as Jupyter's stop-on-error does", () => {
    const { host, posted, flush } = hostWithQueue();
    host.receive({ op: "execute", runId: "a", cellId: "c1", code: "fail" });
    host.receive({ op: "execute", runId: "b", cellId: "c2", code: "two" });
    host.receive({ op: "execute", runId: "c", cellId: "c3", code: "three" });
    flush();
    expect(posted.filter((m) => m.op === "done" || m.op === "aborted")).toEqual([
      { op: "done", runId: "a", executionCount: 1, ok: false },
      { op: "aborted", runId: "b" },
      { op: "aborted", runId: "c" },
    ]);
    // Runs sent after the failure run as usual.
    host.receive({ op: "execute", runId: "d", cellId: "c2", code: "two" });
    flush();
    expect(posted.at(-2)).toEqual({ op: "done", runId: "d", executionCount: 2, ok: true });
  });

  test("progress is throttled, but the last step always goes out", () => {
    const posted: FromWorker[] = [];
    const session: SessionLike = {
      execute(_code, hooks) {
        for (let i = 1; i <= 100; i++) hooks?.onProgress?.(i, 100);
        return { outputs: [], executionCount: 1, ok: true };
      },
      reset() {},
    };
    const host = createKernelHost(session, (m) => posted.push(m), { defer: (run) => run(), now: () => 0 });
    host.receive({ op: "execute", runId: "a", cellId: "c", code: "" });
    expect(posted.filter((m) => m.op === "progress")).toEqual([
      { op: "progress", runId: "a", done: 1, total: 100 },
      { op: "progress", runId: "a", done: 100, total: 100 },
    ]);
  });

  test("reset drops the queue and resets the session", () => {
    const { host, posted, session, flush } = hostWithQueue();
    host.receive({ op: "execute", runId: "a", cellId: "c1", code: "one" });
    host.receive({ op: "reset" });
    flush();
    expect(session.resets).toBe(1);
    expect(posted).toEqual([]);
    host.receive({ op: "execute", runId: "b", cellId: "c1", code: "two" });
    flush();
    expect(posted.find((m) => m.op === "done")).toEqual({
      op: "done",
      runId: "b",
      executionCount: 1,
      ok: true,
    });
  });

  test("a JavaScript error in the session becomes a Python-style error output", () => {
    const { host, posted, flush } = hostWithQueue();
    host.receive({ op: "execute", runId: "a", cellId: "c1", code: "boom" });
    flush();
    expect(posted.slice(1, 3)).toEqual([
      {
        op: "output",
        runId: "a",
        output: {
          output_type: "error",
          ename: "SystemError",
          evalue: "internal error: bug",
          traceback: ["SystemError: internal error: bug"],
        },
      },
      { op: "done", runId: "a", executionCount: 0, ok: false },
    ]);
  });

  test("invalid messages are dropped", () => {
    const { host, posted, flush } = hostWithQueue();
    const warn = console.warn;
    console.warn = () => {};
    host.receive({ op: "execute", code: 1 });
    console.warn = warn;
    flush();
    expect(posted).toEqual([]);
  });
});

/** A fake Worker whose other end is a kernel host, delivering messages asynchronously. */
function fakeWorkerFactory(log: string[]) {
  let spawned = 0;
  return (): WorkerLike => {
    const id = ++spawned;
    const session = fakeSession();
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(message: ToWorker) {
        log.push(`w${id} <- ${message.op}`);
        queueMicrotask(() => host.receive(message));
      },
      terminate() {
        log.push(`w${id} terminated`);
        alive = false;
      },
    };
    let alive = true;
    const host = createKernelHost(
      session,
      (m) => {
        queueMicrotask(() => {
          if (alive) worker.onmessage?.(new MessageEvent("message", { data: m }));
        });
      },
      { defer: (run) => setTimeout(run, 0) },
    );
    setTimeout(() => worker.onmessage?.(new MessageEvent("message", { data: { op: "ready" } })), 0);
    return worker;
  };
}

describe("createKernelClient", () => {
  test("buffers until ready, then runs; restart replaces the worker", async () => {
    const log: string[] = [];
    const received: FromWorker[] = [];
    const client = createKernelClient({ spawn: fakeWorkerFactory(log), onMessage: (m) => received.push(m) });
    client.send({ op: "execute", runId: "a", cellId: "c", code: "x" });
    expect(log).toEqual([]);
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(["w1 <- execute"]);
    expect(received.map((m) => m.op)).toEqual([
      "ready",
      "status",
      "output",
      "progress",
      "progress",
      "done",
      "status",
    ]);
    client.restart();
    client.send({ op: "execute", runId: "b", cellId: "c", code: "y" });
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(["w1 <- execute", "w1 terminated", "w2 <- execute"]);
    expect(received.at(-2)).toEqual({ op: "done", runId: "b", executionCount: 1, ok: true });
    client.dispose();
  });

  test("a worker that never says ready is reported as crashed", async () => {
    const crashes: string[] = [];
    const silent: WorkerLike = { onmessage: null, onerror: null, postMessage() {}, terminate() {} };
    const client = createKernelClient({
      spawn: () => silent,
      onMessage: () => {},
      onCrash: (reason) => crashes.push(reason),
      readyTimeoutMs: 10,
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(crashes).toEqual(["the kernel did not start within 0.01 s"]);
    client.dispose();
  });
});
