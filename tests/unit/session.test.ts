import { describe, expect, test } from "vitest";
import { createSession } from "../../src/kernel/session.ts";
import type { Output } from "../../src/protocol.ts";

describe("createSession().execute", () => {
  test("print output is one coalesced stream; onOutput sees each write at once", () => {
    const s = createSession();
    const seen: Output[] = [];
    const r = s.execute("print('a')\nprint('b', 2)", { onOutput: (o) => seen.push(o) });
    expect(r).toEqual({
      outputs: [{ output_type: "stream", name: "stdout", text: "a\nb 2\n" }],
      executionCount: 1,
      ok: true,
    });
    expect(seen).toEqual([
      { output_type: "stream", name: "stdout", text: "a\n" },
      { output_type: "stream", name: "stdout", text: "b 2\n" },
    ]);
  });

  test("a trailing expression gives execute_result with the execution count", () => {
    const s = createSession();
    s.execute("x = 41");
    expect(s.execute("x + 1").outputs).toEqual([
      { output_type: "execute_result", execution_count: 2, data: { "text/plain": "42" }, metadata: {} },
    ]);
  });

  test("no execute_result for None, for a trailing ';' or for a statement", () => {
    const s = createSession();
    expect(s.execute("None").outputs).toEqual([]);
    expect(s.execute("1 + 1;").outputs).toEqual([]);
    expect(s.execute("y = 3").outputs).toEqual([]);
  });

  test("stream then execute_result keep their order", () => {
    const s = createSession();
    expect(s.execute("print('hi')\n'done'").outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "hi\n" },
      { output_type: "execute_result", execution_count: 1, data: { "text/plain": "'done'" }, metadata: {} },
    ]);
  });

  test("an error output has IPython's context traceback, and output before it is kept", () => {
    const s = createSession();
    s.execute("def f(x):\n    return 1 / x");
    const r = s.execute("print('start')\nf(0)");
    expect(r.ok).toBe(false);
    expect(r.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "start\n" },
      {
        output_type: "error",
        ename: "ZeroDivisionError",
        evalue: "division by zero",
        traceback: [
          "---------------------------------------------------------------------------\nZeroDivisionError                         Traceback (most recent call last)",
          "Cell In[2], line 2\n      1 print('start')\n----> 2 f(0)\n",
          "Cell In[1], line 2, in f(x)\n      1 def f(x):\n----> 2     return 1 / x\n",
          "ZeroDivisionError: division by zero",
        ],
      },
    ]);
  });

  test("a deep recursion's traceback skips the similar frames, as IPython does", () => {
    const s = createSession();
    const r = s.execute("def f(n):\n    return f(n + 1)\nf(0)");
    const frame =
      "Cell In[1], line 2, in f(n)\n      1 def f(n):\n----> 2     return f(n + 1)\n      3 f(0)\n";
    expect(r.outputs).toEqual([
      {
        output_type: "error",
        ename: "RecursionError",
        evalue: "maximum recursion depth exceeded",
        traceback: [
          "---------------------------------------------------------------------------\nRecursionError                            Traceback (most recent call last)",
          "Cell In[1], line 3\n      1 def f(n):\n      2     return f(n + 1)\n----> 3 f(0)\n",
          frame,
          "    [... skipping similar frames: f at line 2 (998 times)]\n",
          frame,
          "RecursionError: maximum recursion depth exceeded",
        ],
      },
    ]);
  });

  test("a SyntaxError shows the line and a caret and runs nothing", () => {
    const s = createSession();
    const r = s.execute("print('never')\nx = )");
    expect(r.ok).toBe(false);
    expect(r.outputs).toEqual([
      {
        output_type: "error",
        ename: "SyntaxError",
        evalue: "invalid syntax",
        traceback: ["  Cell In[1], line 2\n    x = )\n        ^\n", "SyntaxError: invalid syntax"],
      },
    ]);
  });

  test("execution counts increase on every execute, failing ones included", () => {
    const s = createSession();
    expect(s.execute("1").executionCount).toBe(1);
    expect(s.execute("1/0").executionCount).toBe(2);
    expect(s.execute("x = ").executionCount).toBe(3);
    expect(s.executionCount).toBe(3);
  });

  test("reset forgets variables and restarts the count", () => {
    const s = createSession();
    s.execute("v = 5");
    s.reset();
    expect(s.executionCount).toBe(0);
    const r = s.execute("v");
    expect(r.executionCount).toBe(1);
    expect(r.outputs).toEqual([
      {
        output_type: "error",
        ename: "NameError",
        evalue: "name 'v' is not defined",
        traceback: [
          "---------------------------------------------------------------------------\nNameError                                 Traceback (most recent call last)",
          "Cell In[1], line 1\n----> 1 v\n",
          "NameError: name 'v' is not defined",
        ],
      },
    ]);
  });

  test("seed option seeds numpy's global RandomState", () => {
    const s = createSession({ seed: 0 });
    expect(s.execute("import numpy as np\nnp.random.rand()").outputs).toEqual([
      {
        output_type: "execute_result",
        execution_count: 1,
        data: { "text/plain": "0.5488135039273248" },
        metadata: {},
      },
    ]);
  });

  test("progress: the outermost for loop reports at most every 50 ms and once at its end", () => {
    let t = 0;
    // Each clock read advances 10 ms, so reports are spaced by the clock, not by the step count.
    const s = createSession({ now: () => (t += 10) });
    const calls: [number, number][] = [];
    const r = s.execute("acc = 0\nfor i in range(200):\n    for j in range(3):\n        acc += j\nacc", {
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(r.ok).toBe(true);
    expect(calls.length).toBeGreaterThan(2);
    expect(calls[calls.length - 1]).toEqual([200, 200]);
    for (const [done, total] of calls) {
      expect(total).toBe(200);
      expect(done).toBeLessThanOrEqual(200);
    }
    for (let i = 1; i < calls.length; i++) expect(calls[i]?.[0]).toBeGreaterThan(calls[i - 1]?.[0] ?? 0);
  });

  test("progress is not reported for loops inside functions or over short iterables", () => {
    const s = createSession();
    const calls: [number, number][] = [];
    s.execute("def f():\n    for i in range(100):\n        pass\nf()\nfor k in [1]:\n    pass", {
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([]);
  });

  test("magics: %matplotlib inline is ignored; other magics and shell lines raise UsageError", () => {
    const s = createSession();
    expect(s.execute("%matplotlib inline\n1").outputs).toEqual([
      { output_type: "execute_result", execution_count: 1, data: { "text/plain": "1" }, metadata: {} },
    ]);
    const m = s.execute("%timeit 1 + 1").outputs[0];
    expect(m?.output_type === "error" ? [m.ename, m.evalue] : null).toEqual([
      "UsageError",
      "magic %timeit is not supported in this notebook",
    ]);
    const sh = s.execute("!ls -l").outputs[0];
    expect(sh?.output_type === "error" ? [sh.ename, sh.evalue] : null).toEqual([
      "UsageError",
      "shell commands (!ls) are not supported in this notebook",
    ]);
  });
});
