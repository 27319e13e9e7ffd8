/**
 * Legacy-RNG benchmarks: `randn(10**6)` (the polar Box-Muller with glibc's
 * log), timed here and, in the same run, in real numpy (timed inside Python);
 * plus the log alone: `glibcLog` (fast path), `glibcLogExact` (every fma
 * emulated) and `Math.log` on the r2 values randn feeds it; and the
 * Generator (PCG64) draws the lessons use, `default_rng(0).normal(size=(1000, 500))`
 * and friends, beside numpy's in the same run.
 */
import { glibcLog, glibcLogExact } from "../../src/kernel/nd/random-libm.ts";
import { genIntegers, genNormal, genRandom } from "../../src/kernel/nd/generator.ts";
import { createPcg64 } from "../../src/kernel/nd/pcg64.ts";
import { createRandomState, nextDouble, randn } from "../../src/kernel/nd/random.ts";
import { bestOf, runPython } from "./timing.ts";

// Each round starts again from seed 0, outside the timed call.
const PY = `
import numpy as np
print(best_ms(lambda: np.random.randn(10**6), 7, lambda: np.random.seed(0)))
`;

/** The r2 = x1**2 + x2**2 in (0, 1) that randn passes to log, as numpy draws them. */
function polarR2(n: number): Float64Array {
  const state = createRandomState(0);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    const x1 = 2 * nextDouble(state) - 1;
    const x2 = 2 * nextDouble(state) - 1;
    const r2 = x1 * x1 + x2 * x2;
    if (r2 < 1 && r2 !== 0) out[i++] = r2;
  }
  return out;
}

function timeLog(xs: Float64Array, log: (x: number) => number, runs: number): number {
  let sink = 0;
  const ms = bestOf(runs, () => {
    for (let i = 0; i < xs.length; i++) sink += log(xs[i] ?? 1);
  });
  // keeps the loop from being optimised away
  if (Number.isNaN(sink)) console.log("(NaN sum)");
  return ms;
}

// The Generator draws, each from a fresh default_rng(0) made outside the timed call.
const GEN_CASES: readonly [label: string, py: string, ours: () => void][] = [
  [
    "normal(size=(1000, 500))",
    "r.normal(size=(1000, 500))",
    () => genNormal(createPcg64(0n), 0, 1, [1000, 500]),
  ],
  ["standard_normal(10**6)", "r.standard_normal(10**6)", () => genNormal(createPcg64(0n), 0, 1, [1_000_000])],
  ["random(10**6)", "r.random(10**6)", () => genRandom(createPcg64(0n), [1_000_000])],
  [
    "integers(0, 1000, 10**6)",
    "r.integers(0, 1000, 10**6)",
    () => genIntegers(createPcg64(0n), 0n, 999n, [1_000_000]),
  ],
];

const GEN_PY = `
import numpy as np
r = None
def fresh():
    global r
    r = np.random.default_rng(0)
${GEN_CASES.map(([, py]) => `print(best_ms(lambda: ${py}, 7, fresh))`).join("\n")}
`;

function generatorLines(): void {
  const py = runPython(GEN_PY);
  const npMs = py.ok ? py.stdout.trim().split("\n").map(Number) : [];
  GEN_CASES.forEach(([label, , ours], i) => {
    const ms = bestOf(7, ours);
    const np = npMs[i];
    const npText =
      np !== undefined && Number.isFinite(np)
        ? `${np.toFixed(1)} ms, ${(ms / np).toFixed(2)}x numpy`
        : "numpy unavailable";
    console.log(`default_rng(0).${label}: ${ms.toFixed(1)} ms (best of 7); ${npText}`);
  });
}

export async function run(): Promise<void> {
  generatorLines();
  const ms = bestOf(7, () => randn(createRandomState(0), [1_000_000]));
  const py = runPython(PY);
  const npMs = py.ok ? Number(py.stdout.trim()) : Number.NaN;
  const npText = Number.isFinite(npMs)
    ? `${npMs.toFixed(1)} ms`
    : `unavailable (${py.ok ? py.stdout : py.error})`;
  const ratio = Number.isFinite(npMs) ? `, ${(ms / npMs).toFixed(2)}x numpy` : "";
  console.log(`randn(10**6): ${ms.toFixed(1)} ms (best of 7); numpy ${npText}${ratio}`);

  const xs = polarR2(500_000);
  const fast = timeLog(xs, glibcLog, 7);
  const exact = timeLog(xs, glibcLogExact, 3);
  const math = timeLog(xs, Math.log, 7);
  const per = (t: number) => `${((t * 1e6) / xs.length).toFixed(0)} ns`;
  console.log(
    `log of 5e5 polar r2: glibcLog ${fast.toFixed(1)} ms (${per(fast)}/call), glibcLogExact ${exact.toFixed(1)} ms (${per(exact)}), Math.log ${math.toFixed(1)} ms (${per(math)}); fast path ${(exact / fast).toFixed(1)}x the exact one`,
  );
}
