/**
 * Pure-Python speed: `for i in range(10**6): s += i * i` through
 * `session.execute` (best of 5) against the real `python3` doing the same
 * loop (timed with time.perf_counter inside Python, best of 5).
 * Target: at most 3x CPython.
 */
import { createSession } from "../../src/kernel/session.ts";
import { bestOf, runPython } from "./timing.ts";

const LOOP = "s = 0\nfor i in range(10**6):\n    s += i * i";
const RUNS = 5;

function kernelBest(): number {
  const session = createSession();
  const best = bestOf(RUNS, () => {
    const result = session.execute(LOOP);
    if (!result.ok) throw new Error(`bench cell failed: ${JSON.stringify(result.outputs)}`);
  });
  const check = session.execute("s");
  const out = check.outputs[0];
  const text = out?.output_type === "execute_result" ? out.data["text/plain"] : null;
  if (text !== "333332833333500000") {
    throw new Error(`wrong result: ${JSON.stringify(check.outputs)}`);
  }
  return best;
}

function cpythonBest(): number | null {
  // exec in the module's globals keeps the loop at module level (global names), as a notebook cell runs.
  const py = runPython(
    `code = compile(${JSON.stringify(LOOP)}, "<loop>", "exec")\nprint(best_ms(lambda: exec(code, globals()), ${RUNS}))`,
  );
  return py.ok ? Number(py.stdout.trim()) : null;
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
