/**
 * Deep recursion through the session, run by py-perf-recursion.test.ts in a
 * Node started with a worker-sized JS stack. Prints one JSON line per case:
 * `{ name, text }`, where `text` is the cell's stdout, or `ename: evalue` of
 * its error.
 *
 *   node --stack-size=450 --no-opt --import tsx tests/unit/py-perf-deep.ts
 */
import { createSession } from "../../src/kernel/session.ts";

/** Recursions that must reach depth N (the cell prints a number); N is substituted. */
export const FINITE: readonly (readonly [string, string])[] = [
  ["plain", "def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(N))"],
  [
    "multi-statement body",
    "def d(n):\n    s = [n]\n    if n == 0:\n        return 0\n    return d(n - 1) + s[-1]\nprint(d(N))",
  ],
  [
    "assignment",
    "def d2(n):\n    if n == 0:\n        return 0\n    r = d2(n - 1)\n    return r + 1\nprint(d2(N))",
  ],
  [
    "keyword call",
    "def k(n, step=1):\n    if n == 0:\n        return 0\n    return 1 + k(n=n - step, step=step)\nprint(k(N))",
  ],
  ["lambda", "f = lambda n: 0 if n == 0 else 1 + f(n - 1)\nprint(f(N))"],
  [
    "nested expression",
    "def e(n):\n    if n == 0:\n        return 0\n    return (e(n - 1) + 2) - 1\nprint(e(N))",
  ],
  [
    "builtin around",
    "def e(n):\n    if n == 0:\n        return 0\n    return max(0, e(n - 1) + 1)\nprint(e(N))",
  ],
  [
    "comprehension in body",
    "def c(n):\n    xs = [i * 2 for i in range(2)]\n    if n == 0:\n        return 0\n    return c(n - 1) + xs[1] // 2\nprint(c(N))",
  ],
  [
    "for loop",
    "def g(n):\n    if n == 0:\n        return 0\n    t = 1\n    for c in [n - 1]:\n        t += g(c)\n    return t\nprint(g(N))",
  ],
  [
    "f-string",
    "def h(n):\n    if n == 0:\n        return 0\n    x = h(n - 1)\n    return int(f'{x + 1}')\nprint(h(N))",
  ],
  [
    "mutual",
    "def ev(n):\n    return 0 if n == 0 else od(n - 1) + 1\ndef od(n):\n    return 0 if n == 0 else ev(n - 1) + 1\nprint(ev(N))",
  ],
];

/** Unbounded recursions: each must end in RecursionError. */
export const UNBOUNDED: readonly (readonly [string, string])[] = [
  ["plain", "def f(n):\n    return f(n + 1)\nf(0)"],
  ["multi-statement body", "def d(n):\n    s = [n]\n    t = s[0] + 1\n    return d(t) + s[-1]\nd(0)"],
  ["keyword call", "def k(n, step=1):\n    return 1 + k(n=n + step, step=step)\nk(0)"],
  ["lambda", "f = lambda n: 1 + f(n + 1)\nf(0)"],
  ["builtins around", "def e(n):\n    return max(0, min(10 ** 9, abs(-(1 + e(n + 1)))))\ne(0)"],
  ["through a comprehension", "def c(n):\n    return sum([c(n + 1) for _ in range(1)]) + 1\nc(0)"],
  ["through sorted(key=)", "def s(n):\n    return sorted([1], key=lambda v: s(n + 1))\ns(0)"],
  ["f-string", "def h(n):\n    return f'{h(n + 1)}'\nh(0)"],
  ["for loop", "def g(n):\n    t = 0\n    for i in [1]:\n        t = t + g(n + 1)\n    return t\ng(0)"],
];

function run(code: string): string {
  const r = createSession().execute(code);
  return r.outputs
    .map((o) =>
      o.output_type === "stream" ? o.text : o.output_type === "error" ? `${o.ename}: ${o.evalue}` : "",
    )
    .join("");
}

if (process.argv[1]?.endsWith("py-perf-deep.ts")) {
  const depth = process.argv[2] ?? "990";
  for (const [name, code] of FINITE) {
    console.log(JSON.stringify({ kind: "finite", name, text: run(code.replace("N", depth)) }));
  }
  for (const [name, code] of UNBOUNDED) {
    console.log(JSON.stringify({ kind: "unbounded", name, text: run(code) }));
  }
  // The session is usable after a RecursionError.
  const s = createSession();
  s.execute("def f(n):\n    return f(n + 1)");
  s.execute("f(0)");
  const after = s.execute("print(sum([i for i in range(10)]))").outputs[0];
  console.log(
    JSON.stringify({ kind: "after", name: "after", text: after?.output_type === "stream" ? after.text : "" }),
  );
}
