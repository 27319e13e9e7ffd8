/**
 * Per-operation overhead on the lesson's small and medium arrays (the MLP
 * training cell: minibatches of 50, hidden layers of 64 units). One Python
 * script times each operation with `time.perf_counter` (best of several
 * rounds of a loop) and prints microseconds per call; it runs through
 * `session.execute` and in the real `python3` + numpy in the same run, and the
 * table shows both and their ratio. The `b = a` row is the interpreter's own
 * loop and assignment cost, included in every other row. Rows marked "exact"
 * reproduce numpy's roundings bit for bit (small float64 products emulate
 * OpenBLAS's fused multiply-adds, float64 tanh numpy's SIMD polynomial), which
 * costs an emulated fma per multiply-add.
 */
import { kernelTimings, loopScript, parseTimings, runPython } from "./timing.ts";

const SETUP = `import numpy as np
np.random.seed(0)
a = np.random.randn(50, 64)
c = np.random.randn(50, 64)
W = np.random.randn(64, 64)
W2 = np.random.randn(64, 2)
x2 = np.random.randn(50, 2)
W1 = np.random.randn(2, 64)
bias = np.random.randn(64)
X = np.random.randn(400, 2)
idx = np.random.randint(0, 50, size=50)
idx400 = np.random.randint(0, 400, size=50)
big = np.random.randn(500, 500)
`;

/** [label, expression]; every expression runs as `b = EXPR` inside a timed loop. */
const OPS: readonly (readonly [string, string])[] = [
  ["b = a (loop only)", "a"],
  ["a + 1.0", "a + 1.0"],
  ["a + c", "a + c"],
  ["a * c", "a * c"],
  ["a + bias (row broadcast)", "a + bias"],
  ["a - 0.1 * c", "a - 0.1 * c"],
  ["np.maximum(a, 0)", "np.maximum(a, 0)"],
  ["a > 0", "a > 0"],
  ["1 - a ** 2", "1 - a ** 2"],
  ["np.exp(a)", "np.exp(a)"],
  ["np.log(np.abs(a))", "np.log(np.abs(a))"],
  ["a.sum(axis=0)", "a.sum(axis=0)"],
  ["np.sum(a, axis=1)", "np.sum(a, axis=1)"],
  ["np.max(a, axis=1)", "np.max(a, axis=1)"],
  ["np.mean(a)", "np.mean(a)"],
  ["a[idx]", "a[idx]"],
  ["X[idx400]", "X[idx400]"],
  ["a[:, None]", "a[:, None]"],
  ["a.T", "a.T"],
  ["a @ W (50x64 @ 64x64)", "a @ W"],
  ["np.dot(x2, W1) (50x2 @ 2x64, exact)", "np.dot(x2, W1)"],
  ["np.dot(a, W2) (50x64 @ 64x2, exact)", "np.dot(a, W2)"],
  ["np.dot(a.T, c) (64x50 @ 50x64)", "np.dot(a.T, c)"],
  ["np.dot(c, W.T) (50x64 @ 64x64.T)", "np.dot(c, W.T)"],
  ["np.tanh(big) (500x500, exact)", "np.tanh(big)"],
  ["big @ big (500x500)", "big @ big"],
];

const ROUNDS = 5;

function timingScript(): string {
  return loopScript(
    SETUP,
    ROUNDS,
    OPS.map(([label, expr]) => ({ label, body: `b = ${expr}`, n: expr.includes("big") ? 5 : 300 })),
  );
}

export async function run(): Promise<void> {
  const script = timingScript();
  const ours = kernelTimings(script, "ops");
  const py = runPython(script);
  const theirs = py.ok ? parseTimings(py.stdout) : new Map<string, number>();
  if (!py.ok) console.log(`numpy comparison unavailable: ${py.error}`);
  console.log(
    `${"op".padEnd(36)}${"Initlab us".padStart(12)}${"numpy us".padStart(10)}${"ratio".padStart(8)}`,
  );
  for (const [label] of OPS) {
    const a = ours.get(label) ?? Number.NaN;
    const b = theirs.get(label) ?? Number.NaN;
    console.log(
      `${label.padEnd(36)}${a.toFixed(1).padStart(12)}${b.toFixed(1).padStart(10)}${(a / b).toFixed(1).padStart(8)}`,
    );
  }
}
