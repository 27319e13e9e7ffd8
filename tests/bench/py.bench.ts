/**
 * Pure-Python speed: `for i in range(10**6): s += i * i` through
 * `session.execute` (best of 5) against the real `python3` doing the same
 * loop (timed with time.perf_counter inside Python, best of 5).
 * Target: at most 3x CPython.
 */
import { execFileSync } from "node:child_process";
import { createSession } from "../../src/kernel/session.ts";

const LOOP = "s = 0\nfor i in range(10**6):\n    s += i * i";
const RUNS = 5;

function kernelBest(): number {
  const session = createSession();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const result = session.execute(LOOP);
    const t = performance.now() - t0;
    if (!result.ok) throw new Error(`bench cell failed: ${JSON.stringify(result.outputs)}`);
    best = Math.min(best, t);
  }
  const check = session.execute("s");
  const out = check.outputs[0];
  const text = out?.output_type === "execute_result" ? out.data["text/plain"] : null;
  if (text !== "333332833333500000") {
    throw new Error(`wrong result: ${JSON.stringify(check.outputs)}`);
  }
  return best;
}

function cpythonBest(): number | null {
  const script = [
    "import time",
    "best = float('inf')",
    `for _ in range(${RUNS}):`,
    "    t0 = time.perf_counter()",
    "    s = 0",
    "    for i in range(10**6):",
    "        s += i * i",
    "    best = min(best, time.perf_counter() - t0)",
    "print(best * 1000)",
  ].join("\n");
  try {
    return Number(execFileSync("python3", ["-c", script], { encoding: "utf8" }).trim());
  } catch {
    return null;
  }
}

export async function run(): Promise<void> {
  const kernel = kernelBest();
  const cpython = cpythonBest();
  console.log(`py loop 1e6 (s += i * i): kernel ${kernel.toFixed(1)} ms (best of ${RUNS})`);
  if (cpython === null) {
    console.log("python3 not available: no CPython comparison");
    return;
  }
  console.log(`py loop 1e6 (s += i * i): CPython ${cpython.toFixed(1)} ms (best of ${RUNS})`);
  console.log(`ratio kernel / CPython: ${(kernel / cpython).toFixed(2)}x (target <= 3x)`);
}
