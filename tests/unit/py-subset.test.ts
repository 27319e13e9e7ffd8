/**
 * What the golden tests cannot cover because CPython accepts it: constructs
 * outside the notebook's Python subset must raise a clear Python error that
 * names them, never a JavaScript exception.
 */
import { describe, expect, test } from "vitest";
import { toPyException } from "../../src/kernel/py/errors.ts";
import { createSession } from "../../src/kernel/session.ts";

function errorOf(code: string): [string, string] | null {
  const r = createSession().execute(code);
  const last = r.outputs[r.outputs.length - 1];
  return last?.output_type === "error" ? [last.ename, last.evalue] : null;
}

function textOf(code: string): string {
  return createSession()
    .execute(code)
    .outputs.map((o) =>
      o.output_type === "stream" ? o.text : o.output_type === "error" ? `${o.ename}: ${o.evalue}` : "",
    )
    .join("");
}

describe("constructs outside the subset", () => {
  const cases: [string, string][] = [
    ["class A:\n    pass", "classes are not supported in this notebook"],
    ["try:\n    x = 1\nexcept Exception:\n    pass", "try/except is not supported in this notebook"],
    ["with open('f') as fh:\n    pass", "with statements are not supported in this notebook"],
    ["def g():\n    yield 1\ng()", "generators (yield) are not supported in this notebook"],
    ["async def h():\n    pass", "async functions are not supported in this notebook"],
    ["@dec\ndef k():\n    pass", "decorators are not supported in this notebook"],
    ["(y := 3)", "assignment expressions (:=) are not supported in this notebook"],
    ["raise ValueError('x')", "raise statements are not supported in this notebook"],
    ["{1, 2}", "sets are not supported in this notebook"],
    ["set([1])", "sets are not supported in this notebook"],
    ["open('data.txt')", "open() is not supported in this notebook"],
    ["3 + 4j", "complex numbers are not supported in this notebook"],
  ];
  for (const [code, message] of cases) {
    test(code.split("\n")[0] ?? code, () => {
      expect(errorOf(code)).toEqual(["NotImplementedError", message]);
    });
  }

  test("statements before an unsupported one still run", () => {
    expect(textOf("print('before')\nclass A:\n    pass\nprint('after')")).toBe(
      "before\nNotImplementedError: classes are not supported in this notebook",
    );
  });
});

describe("imports", () => {
  test("a module outside the notebook's set names what is available", () => {
    expect(errorOf("import os")).toEqual([
      "ModuleNotFoundError",
      "No module named 'os' (this notebook provides numpy, matplotlib.pyplot, math and time)",
    ]);
    expect(errorOf("from scipy import stats")).toEqual([
      "ModuleNotFoundError",
      "No module named 'scipy' (this notebook provides numpy, matplotlib.pyplot, math and time)",
    ]);
  });

  test("import forms bind the right names", () => {
    expect(
      textOf(
        "import numpy as np\nimport numpy.random\nfrom numpy import random as r, float64\nimport math, time\n" +
          "print(type(np).__name__, numpy.random is r, np.random is r, float64(1.5), math.pi > 3, time.perf_counter() > 0)",
      ),
    ).toBe("module True True 1.5 True True\n");
  });

  test("from-import of a missing name", () => {
    expect(errorOf("from math import nothing_here")).toEqual([
      "ImportError",
      "cannot import name 'nothing_here' from 'math'",
    ]);
  });
});

describe("limits", () => {
  test("1000 nested Python calls fit; deeper recursion is a RecursionError, not a crash", () => {
    expect(textOf("def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(998))")).toBe("998\n");
    expect(
      textOf(
        "def d2(n):\n    if n == 0:\n        return 0\n    r = d2(n - 1)\n    return r + 1\nprint(d2(998))",
      ),
    ).toBe("998\n");
    expect(errorOf("def f(n):\n    return f(n + 1)\nf(0)")).toEqual([
      "RecursionError",
      "maximum recursion depth exceeded",
    ]);
  });

  test("the session works after a RecursionError", () => {
    const s = createSession();
    s.execute("def f(n):\n    return f(n + 1)");
    expect(s.execute("f(0)").ok).toBe(false);
    expect(s.execute("f.__name__").outputs).toEqual([
      { output_type: "execute_result", execution_count: 3, data: { "text/plain": "'f'" }, metadata: {} },
    ]);
  });

  test("ints are unbounded like Python's", () => {
    expect(textOf("print(2 ** 100, 3 ** 40 // 7, -(2 ** 64) % 1000)")).toBe(
      "1267650600228229401496703205376 1736809351293846971 384\n",
    );
  });
});

describe("internal errors", () => {
  test("JavaScript errors become SystemError, stack overflows RecursionError", () => {
    const e = toPyException(new TypeError("x is undefined"));
    expect([e.pyName, e.message]).toEqual(["SystemError", "internal error: x is undefined"]);
    const r = toPyException(new RangeError("Maximum call stack size exceeded"));
    expect([r.pyName, r.message]).toEqual(["RecursionError", "maximum recursion depth exceeded"]);
  });
});
