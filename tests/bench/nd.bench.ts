/**
 * Array-library benchmarks: float64 matmul throughput and the lesson's
 * "going deep" forward pass (ten `H = tanh(H @ W)` layers), each timed here
 * and, in the same run, in real numpy (timed inside Python).
 */
import { blockedMatmul, matmul, mean, multiply, type NDArray, std, tanh } from "../../src/kernel/nd/mod.ts";
import { createRandomState, randn } from "../../src/kernel/nd/random.ts";
import { spawnSync } from "node:child_process";
import { bestOf, PY_TIMING } from "./timing.ts";

/** `PY` in python3 with OpenBLAS limited to `threads` threads: its stdout, or why it could not run. */
function runNumpy(
  script: string,
  threads: number,
): { ok: true; stdout: string } | { ok: false; error: string } {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  const py = spawnSync("python3", ["-c", `${PY_TIMING}${script}`], { encoding: "utf8", env });
  if (py.status === 0) return { ok: true, stdout: py.stdout };
  return { ok: false, error: py.error?.message ?? py.stderr.trim() };
}

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
np.random.seed(3); S = np.random.randn(50, 64)
np.random.seed(4); T = np.random.randn(64, 2)
sm = best_ms(lambda: [S @ T for _ in range(1000)], 7)
print(mm, dp, sm, repr(float(np.mean(H))), repr(float(np.std(H))))
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

  const s = randnArray(3, [50, 64]);
  const t = randnArray(4, [64, 2]);
  const smallUs = bestOf(7, () => {
    for (let i = 0; i < 1000; i++) matmul(s, t);
  });
  console.log(
    `matmul 50x64 @ 64x2 (exact small-product path): ${smallUs.toFixed(1)} us per call (best of 7)`,
  );

  for (const threads of [1, 2]) {
    const py = runNumpy(PY, threads);
    if (!py.ok) {
      console.log(`numpy comparison unavailable: ${py.error}`);
      return;
    }
    const [npMm = Number.NaN, npDeep = Number.NaN, npSmall = Number.NaN, npMean = "", npStd = ""] = py.stdout
      .trim()
      .split(/\s+/)
      .map((v, i) => (i < 3 ? Number(v) : v));
    const tag = `numpy (OPENBLAS_NUM_THREADS=${threads})`;
    console.log(
      `${tag} matmul: ${Number(npMm).toFixed(1)} ms; ours/numpy = ${(mmMs / Number(npMm)).toFixed(2)}`,
    );
    console.log(
      `${tag} deep-10: ${Number(npDeep).toFixed(1)} ms; ours/numpy = ${(deepMs / Number(npDeep)).toFixed(2)}`,
    );
    console.log(
      `${tag} 50x64 @ 64x2: ${Number(npSmall).toFixed(1)} us; ours/numpy = ${(smallUs / Number(npSmall)).toFixed(1)}`,
    );
    if (threads === 1) {
      console.log(
        `final H mean/std: ours ${mean(h).at([])} ${std(h).at([])}; numpy ${String(npMean)} ${String(npStd)}`,
      );
    }
  }
}
