/**
 * Output floods: the worker coalesces stream text (about one message per
 * frame), and a session keeps at most `streamLimit` characters per cell.
 */
import { describe, expect, test } from "vitest";
import { createSession } from "../../src/kernel/session.ts";
import { createKernelHost } from "../../src/kernel/worker.ts";
import type { FromWorker } from "../../src/protocol.ts";

function run(code: string, clock: () => number, streamLimit?: number) {
  const posted: FromWorker[] = [];
  const session = createSession(streamLimit === undefined ? {} : { streamLimit });
  const host = createKernelHost(session, (m) => posted.push(m), { defer: (r) => r(), now: clock });
  host.receive({ op: "execute", runId: "r", cellId: "c", code });
  return { posted, host };
}

const outputs = (posted: FromWorker[]) => posted.flatMap((m) => (m.op === "output" ? [m.output] : []));

describe("stream output from the worker", () => {
  test("20,000 prints reach the page as a few messages, with every line in order", () => {
    let t = 0;
    // Each clock read advances 0.1 µs: the 20,000 prints take a few ms, under a frame.
    const { posted } = run("for i in range(20000):\n    print(i)", () => (t += 0.0001));
    const streams = outputs(posted);
    expect(streams.length).toBeLessThanOrEqual(3);
    const text = streams.map((o) => (o.output_type === "stream" ? o.text : "")).join("");
    expect(text).toBe(Array.from({ length: 20000 }, (_, i) => `${i}\n`).join(""));
  });

  test("a print after a quiet spell goes out at once; prints right after it wait for the next frame", () => {
    let t = 1000;
    const posted: FromWorker[] = [];
    const host = createKernelHost(
      {
        execute(_code, hooks) {
          hooks?.onOutput?.({ output_type: "stream", name: "stdout", text: "a\n" });
          expect(posted.filter((m) => m.op === "output")).toHaveLength(1);
          hooks?.onOutput?.({ output_type: "stream", name: "stdout", text: "b\n" });
          hooks?.onOutput?.({ output_type: "stream", name: "stderr", text: "c\n" });
          expect(posted.filter((m) => m.op === "output")).toHaveLength(2); // a, then b when the name changed
          host.tick(); // the interrupt check while computing: nothing is due yet
          expect(posted.filter((m) => m.op === "output")).toHaveLength(2);
          t += 20;
          host.tick();
          expect(posted.filter((m) => m.op === "output")).toHaveLength(3);
          return { outputs: [], executionCount: 1, ok: true };
        },
        reset() {},
      },
      (m) => posted.push(m),
      { defer: (r) => r(), now: () => t },
    );
    host.receive({ op: "execute", runId: "r", cellId: "c", code: "" });
    expect(outputs(posted)).toEqual([
      { output_type: "stream", name: "stdout", text: "a\n" },
      { output_type: "stream", name: "stdout", text: "b\n" },
      { output_type: "stream", name: "stderr", text: "c\n" },
    ]);
  });

  test("held text goes out before a rich output, so the order is the cell's", () => {
    let t = 0;
    const { posted } = run("print('x')\nprint('y')\n3", () => (t += 0.001));
    expect(outputs(posted)).toEqual([
      { output_type: "stream", name: "stdout", text: "x\n" },
      { output_type: "stream", name: "stdout", text: "y\n" },
      { output_type: "execute_result", execution_count: 1, data: { "text/plain": "3" }, metadata: {} },
    ]);
  });
});

describe("stream limit of a session", () => {
  test("text past the limit is counted, not kept, and the cell says how much", () => {
    const session = createSession({ streamLimit: 25 });
    const result = session.execute("for i in range(10):\n    print('line', i)");
    expect(result.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "line 0\nline 1\nline 2\nline" },
      {
        output_type: "stream",
        name: "stderr",
        text: "\n[Output truncated: this cell printed 45 characters more than the 25 kept.]\n",
      },
    ]);
    // The next cell starts with the full budget again.
    expect(session.execute("print('ok')").outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "ok\n" },
    ]);
  });
});
