/**
 * Interpreter overhead per construct: calls with keyword arguments, method
 * calls, attribute chains, subscripts, list/dict operations, f-strings, user
 * calls with defaults, loops. Arrays are tiny (3x4) so the numbers are the
 * interpreter's cost, not the array library's. One Python script times each
 * statement inside a `for` loop with `time.perf_counter` (best of several
 * rounds), subtracts the empty loop, and prints microseconds; it runs through
 * `session.execute` and in the real `python3` + numpy.
 *
 *   npx tsx tests/bench/interp.bench.ts [--kernel-only]
 */
import { kernelTimings, loopScript, parseTimings, runPython } from "./timing.ts";

const SETUP = `import numpy as np
np.random.seed(0)
z = np.random.randn(3, 4)
a = np.random.randn(3, 4)
W = [np.random.randn(3, 4) for _ in range(3)]
idx = np.array([0, 2, 1])
params = {"W1": a, "b1": z}
L = [1, 2, 3, 4, 5]
x = 0.123456789
def f_def(p, q=2, r=3):
    return p
def f_body(p, q=2):
    s = p + q
    return s
`;

/** [label, statement]; each runs inside `for i in range(n):` with `i` the loop counter. */
const STMTS: readonly (readonly [string, string])[] = [
  ["pass (empty loop, subtracted)", "pass"],
  ["b = x", "b = x"],
  ["b = i * 2 + 1", "b = i * 2 + 1"],
  ["np.maximum(0, z)", "b = np.maximum(0, z)"],
  ["np.random.randint(0, 5, size=3)", "b = np.random.randint(0, 5, size=3)"],
  ["np.sum(z, axis=1, keepdims=True)", "b = np.sum(z, axis=1, keepdims=True)"],
  ["a.sum(axis=0)", "b = a.sum(axis=0)"],
  ["a.reshape(-1, 1)", "b = a.reshape(-1, 1)"],
  ["np.random.randn (attr chain)", "b = np.random.randn"],
  ["a.T", "b = a.T"],
  ["a + 1.0", "b = a + 1.0"],
  ["a * z", "b = a * z"],
  ["x * 2.0 + 1.0 (floats)", "b = x * 2.0 + 1.0"],
  ["W[1]", "b = W[1]"],
  ["a[idx]", "b = a[idx]"],
  ["a[1]", "b = a[1]"],
  ['params["W1"]', 'b = params["W1"]'],
  ["L[-1]", "b = L[-1]"],
  ["[i, i, i]", "b = [i, i, i]"],
  ['{"a": i}', 'b = {"a": i}'],
  ["len(L)", "b = len(L)"],
  ['f"{i}: {x:.3f}"', 'b = f"{i}: {x:.3f}"'],
  ["f_def(i) (defaults)", "b = f_def(i)"],
  ["f_def(i, r=4) (keyword)", "b = f_def(i, r=4)"],
  ["f_body(i) (two statements)", "b = f_body(i)"],
  ["(lambda v: v)(i)", "b = (lambda v: v)(i)"],
  ["for j in range(10): pass", "for j in range(10): pass"],
  ["for v in L: pass", "for v in L: pass"],
  ["[v * 2 for v in L]", "b = [v * 2 for v in L]"],
  ["M = []; M.append(i)", "M = []\n        M.append(i)"],
];

const ROUNDS = 7;
const N = 5000;

function timingScript(): string {
  return loopScript(
    SETUP,
    ROUNDS,
    STMTS.map(([label, body]) => ({ label, body, n: N })),
  );
}

/** Microseconds per statement, the empty loop subtracted (except for the empty loop itself). */
function net(times: Map<string, number>): Map<string, number> {
  const base = times.get(STMTS[0]?.[0] ?? "") ?? 0;
  const out = new Map<string, number>();
  for (const [label, us] of times) out.set(label, label === STMTS[0]?.[0] ? us : us - base);
  return out;
}

export async function run(kernelOnly = false): Promise<void> {
  const script = timingScript();
  const ours = net(kernelTimings(script, "interp"));
  let theirs = new Map<string, number>();
  if (!kernelOnly) {
    const py = runPython(script);
    if (py.ok) theirs = net(parseTimings(py.stdout));
    else console.log(`CPython comparison unavailable: ${py.error}`);
  }
  console.log(
    `${"statement".padEnd(36)}${"Initlab us".padStart(12)}${"CPython us".padStart(12)}${"ratio".padStart(8)}`,
  );
  for (const [label] of STMTS) {
    const a = ours.get(label) ?? Number.NaN;
    const b = theirs.get(label) ?? Number.NaN;
    console.log(
      `${label.padEnd(36)}${a.toFixed(2).padStart(12)}${b.toFixed(2).padStart(12)}${(a / b).toFixed(1).padStart(8)}`,
    );
  }
}

if (process.argv[1]?.endsWith("interp.bench.ts")) await run(process.argv.includes("--kernel-only"));
