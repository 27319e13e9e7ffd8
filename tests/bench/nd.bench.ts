/**
 * Array-library benchmarks: float64 matmul throughput and the lesson's
 * "going deep" forward pass (ten `H = tanh(H @ W)` layers), each timed here
 * and, in the same run, in real numpy (timed inside Python).
 */
import { blockedMatmul, matmul, mean, multiply, type NDArray, std, tanh } from "../../src/kernel/nd/mod.ts";
import { createRandomState, randn } from "../../src/kernel/nd/random.ts";
import { bestOf, runPython } from "./timing.ts";

function randnArray(seed: number, shape: readonly number[]): NDArray {
  const r = randn(createRandomState(seed), shape);
  if (typeof r === "number") throw new Error("randn returned a scalar");
  return r;
}

const PY = `
import numpy as np
np.random.seed(1); A = np.random.randn(1000, 500)
np.random.seed(2); B = np.random.randn(500, 500)
mm = best_ms(lambda: A @ B, 5)
np.random.seed(0); X = np.random.randn(1000, 500)
Ws = []
for i in range(10):
    np.random.seed(100 + i); Ws.append(np.random.randn(500, 500) * np.sqrt(1 / 500))
def deep():
    H = X
    for W in Ws: H = np.tanh(H @ W)
    return H
dp = best_ms(deep, 5)
H = deep()
print(mm, dp, repr(float(np.mean(H))), repr(float(np.std(H))))
`;

export async function run(): Promise<void> {
  const a = randnArray(1, [1000, 500]);
  const b = randnArray(2, [500, 500]);
  const gflops = (ms: number) => ((2 * 1000 * 500 * 500) / ms / 1e6).toFixed(2);
  const jsMs = bestOf(5, () => matmul(a, b, blockedMatmul));
  console.log(
    `matmul float64 1000x500 @ 500x500, JS kernel: ${jsMs.toFixed(1)} ms, ${gflops(jsMs)} GFLOP/s (best of 5)`,
  );
  const mmMs = bestOf(5, () => matmul(a, b));
  console.log(
    `matmul float64 1000x500 @ 500x500, default kernel: ${mmMs.toFixed(1)} ms, ${gflops(mmMs)} GFLOP/s (best of 5)`,
  );

  const x = randnArray(0, [1000, 500]);
  const ws = Array.from({ length: 10 }, (_, i) =>
    multiply(randnArray(100 + i, [500, 500]), Math.sqrt(1 / 500)),
  );
  const deep = (): NDArray => {
    let h = x;
    for (const w of ws) h = tanh(matmul(h, w));
    return h;
  };
  const deepMs = bestOf(3, deep);
  const h = deep();
  console.log(`deep-10 forward (1000x500, ten 500x500 tanh layers): ${deepMs.toFixed(1)} ms (best of 3)`);

  const py = runPython(PY);
  if (!py.ok) {
    console.log(`numpy comparison unavailable: ${py.error}`);
    return;
  }
  const [npMm = Number.NaN, npDeep = Number.NaN, npMean = "", npStd = ""] = py.stdout
    .trim()
    .split(/\s+/)
    .map((s, i) => (i < 2 ? Number(s) : s));
  console.log(
    `numpy matmul: ${Number(npMm).toFixed(1)} ms; ours/numpy = ${(mmMs / Number(npMm)).toFixed(2)}`,
  );
  console.log(
    `numpy deep-10: ${Number(npDeep).toFixed(1)} ms; ours/numpy = ${(deepMs / Number(npDeep)).toFixed(2)}`,
  );
  console.log(
    `final H mean/std: ours ${mean(h).at([])} ${std(h).at([])}; numpy ${String(npMean)} ${String(npStd)}`,
  );
}
