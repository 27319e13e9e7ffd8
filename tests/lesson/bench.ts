/**
 * Per-cell wall time of the lesson in Initlab's kernel next to CPython + numpy.
 *
 *   npx tsx tests/lesson/bench.ts [NOTEBOOK.ipynb]
 *
 * Prints one line per code cell that takes 10 ms or more in either world, then
 * the totals. Numbers only: the budget ("Run all in a few seconds") is read by
 * a person, not asserted, because timings depend on the machine and its load.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { createSession } from "../../src/kernel/session.ts";
import { parseIpynb } from "../../src/notebook/ipynb.ts";

const path = process.argv[2] ?? "public/notebooks/8-4-initializers.ipynb";
const { doc } = parseIpynb(readFileSync(path, "utf8"));

const timedReport = z.object({ cells: z.array(z.object({ id: z.string(), seconds: z.number() })) });
const cpython = timedReport.parse(
  JSON.parse(execFileSync("python3", ["tests/lesson/run_cpython.py", path, "--time"], { encoding: "utf8" })),
);
const cpythonMs = new Map(cpython.cells.map((c) => [c.id, c.seconds * 1000]));

const session = createSession();
let totalInitlab = 0;
let totalCPython = 0;
console.log(
  `${"cell".padEnd(22)}${"Initlab ms".padStart(12)}${"CPython ms".padStart(12)}${"ratio".padStart(8)}`,
);
for (const cell of doc.cells) {
  if (cell.cell_type !== "code") continue;
  const start = performance.now();
  const { ok } = session.execute(cell.source);
  const ms = performance.now() - start;
  const reference = cpythonMs.get(cell.id) ?? Number.NaN;
  totalInitlab += ms;
  totalCPython += reference;
  if (ms >= 10 || reference >= 10 || !ok) {
    const ratio = (ms / reference).toFixed(1);
    const mark = ok ? "" : "  (error)";
    console.log(
      `${cell.id.padEnd(22)}${ms.toFixed(0).padStart(12)}${reference.toFixed(0).padStart(12)}${ratio.padStart(8)}${mark}`,
    );
  }
}
console.log(
  `${"total".padEnd(22)}${totalInitlab.toFixed(0).padStart(12)}${totalCPython.toFixed(0).padStart(12)}${(totalInitlab / totalCPython).toFixed(1).padStart(8)}`,
);
