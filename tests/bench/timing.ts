/**
 * Timing helpers shared by the benchmarks: best-of-N in JavaScript, the same
 * best-of-N in Python (a prelude every compared script starts with), running a
 * script in the real `python3` + numpy, and the `label|microseconds` tables
 * the per-statement benchmarks print from Python and parse back.
 */
import { spawnSync } from "node:child_process";
import { createSession } from "../../src/kernel/session.ts";

/** The fastest of `runs` calls of `f`, in milliseconds. */
export function bestOf(runs: number, f: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * Python twin of `bestOf`: `best_ms(f, n, setup)` is the fastest of `n` calls of `f` in milliseconds
 * (`setup`, when given, runs untimed before each call); `bench(label, f, n, rounds)` prints
 * `label|microseconds` for the fastest of `rounds` calls of `f(n)`, per iteration of its loop.
 */
export const PY_TIMING = `import time
def best_ms(f, n, setup=None):
    b = float("inf")
    for _ in range(n):
        if setup is not None:
            setup()
        t = time.perf_counter()
        f()
        b = min(b, time.perf_counter() - t)
    return b * 1000
def bench(label, f, n, rounds):
    print(label + "|" + str(best_ms(lambda: f(n), rounds) / n * 1000))
`;

/** Runs `PY_TIMING` + `script` in `python3 -c`: its stdout, or why it could not run. */
export function runPython(script: string): { ok: true; stdout: string } | { ok: false; error: string } {
  const py = spawnSync("python3", ["-c", `${PY_TIMING}${script}`], { encoding: "utf8" });
  if (py.status === 0) return { ok: true, stdout: py.stdout };
  return { ok: false, error: py.error?.message ?? py.stderr.trim() };
}

/** One row of a per-statement table: `body` runs `n` times in a loop over `i`, inside a function. */
export interface LoopCase {
  label: string;
  body: string;
  n: number;
}

/**
 * A script for the kernel and CPython alike: `setup`, then each case timed with `bench` (best of
 * `rounds`) printing `label|microseconds per iteration`. `runPython` and `kernelTimings` put the
 * `PY_TIMING` prelude in front of it.
 */
export function loopScript(setup: string, rounds: number, cases: readonly LoopCase[]): string {
  const lines = [setup];
  cases.forEach(({ label, body, n }, i) => {
    lines.push(`def f${i}(n):`);
    lines.push("    for i in range(n):");
    lines.push(`        ${body}`);
    lines.push(`bench(${JSON.stringify(label)}, f${i}, ${n}, ${rounds})`);
  });
  return lines.join("\n");
}

/** The `label|number` lines of a timing script's output. */
export function parseTimings(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const bar = line.lastIndexOf("|");
    if (bar > 0) out.set(line.slice(0, bar), Number(line.slice(bar + 1)));
  }
  return out;
}

/**
 * Runs `PY_TIMING` + `script` twice in a fresh kernel session (the first run warms up the JIT, so the
 * first rows do not pay for it) and parses the timed run's printed table.
 */
export function kernelTimings(script: string, name: string): Map<string, number> {
  const session = createSession();
  let text = "";
  for (let round = 0; round < 2; round++) {
    const r = session.execute(`${PY_TIMING}${script}`);
    if (!r.ok) throw new Error(`${name} bench failed: ${JSON.stringify(r.outputs).slice(0, 500)}`);
    text = r.outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("");
  }
  return parseTimings(text);
}
