import { describe, expect, test } from "vitest";
import { createSession } from "../../src/kernel/session.ts";

describe("session.execute with trailing-dot floats", () => {
  test("a SyntaxError's caret and line text are in the user's text, not the completed one", () => {
    const s = createSession();
    const r = s.execute("a = 1. + 2. $");
    expect(r.outputs).toEqual([
      {
        output_type: "error",
        ename: "SyntaxError",
        evalue: "invalid syntax",
        // CPython: offset 13 (1-based), text 'a = 1. + 2. $'
        traceback: [
          "  Cell In[1], line 1\n    a = 1. + 2. $\n                ^\n",
          "SyntaxError: invalid syntax",
        ],
      },
    ]);
  });

  test("dots in strings, comments, names and hex literals are left alone", () => {
    const s = createSession();
    const r = s.execute("t = '2.'  # 3.\nb2 = 4\n(t, b2.bit_length(), 0xf, 1.)");
    expect(r.outputs).toEqual([
      {
        output_type: "execute_result",
        execution_count: 1,
        data: { "text/plain": "('2.', 3, 15, 1.0)" },
        metadata: {},
      },
    ]);
  });
});
