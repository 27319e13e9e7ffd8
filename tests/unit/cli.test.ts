/**
 * The runner as a user calls it: `tsx src/cli.ts run FILE ...` in a child
 * process. Expected text comes from the golden files that CPython + IPython
 * printed (tests/golden/generate.py): the runner prints the same cell texts,
 * without the golden files' `# %% [N]` block lines.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parseIpynb, parsePercentPy, toIpynb, validateNbformat45 } from "../../src/notebook/ipynb.ts";

const dir = mkdtempSync(join(tmpdir(), "initlab-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The cell texts of a golden `.expected` file, in order. */
function goldenCells(name: string): string[] {
  const text = readFileSync(`tests/golden/py/${name}.expected`, "utf8");
  return text.split(/^# %% \[\d+\]\n/m).slice(1);
}

const ERROR_LINE = /^\w+(Error|Exception|Exit)\b/m;

describe("initlab run", () => {
  test("prints what Jupyter shows, stops at the first error with exit code 1", () => {
    const cells = goldenCells("assign_unpack");
    const firstError = cells.findIndex((c) => ERROR_LINE.test(c));
    expect(firstError).toBeGreaterThan(0);
    expect(firstError).toBeLessThan(cells.length - 1);
    const r = cli("run", "tests/golden/py/assign_unpack.py", "--xmode", "minimal");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(cells.slice(0, firstError + 1).join(""));
  });

  test("--allow-errors runs every cell and exits 0", () => {
    const r = cli("run", "tests/golden/py/assign_unpack.py", "--xmode", "minimal", "--allow-errors");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(goldenCells("assign_unpack").join(""));
  });

  test("the default context mode prints an IPython-style traceback", () => {
    const file = join(dir, "boom.py");
    writeFileSync(file, "# %%\ndef f(x):\n    return 1 / x\n\n# %%\nprint('before')\nf(0)\n");
    const r = cli("run", file);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("before\n");
    expect(r.stdout).toContain("ZeroDivisionError");
    expect(r.stdout).toMatch(/Cell In\[2\], line 2/);
    expect(r.stdout).toMatch(/----> 2 f\(0\)/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("ZeroDivisionError: division by zero");
  });

  test("--out writes nbformat 4.5 with outputs and execution counts", () => {
    const source =
      "# %% [markdown]\n# A title\n\n# %%\nimport numpy as np\nnp.random.seed(0)\n\n# %%\nprint(np.random.rand())\nnp.arange(3)\n";
    const input = join(dir, "in.ipynb");
    const output = join(dir, "out.ipynb");
    writeFileSync(input, toIpynb(parsePercentPy(source)));
    const r = cli("run", input, "--out", output);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("0.5488135039273248\narray([0, 1, 2])\n");
    const json: unknown = JSON.parse(readFileSync(output, "utf8"));
    expect(validateNbformat45(json)).toEqual([]);
    const code = parseIpynb(readFileSync(output, "utf8")).doc.cells.filter((c) => c.cell_type === "code");
    expect(code.map((c) => c.execution_count)).toEqual([1, 2]);
    expect(code[1]?.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "0.5488135039273248\n" },
      {
        output_type: "execute_result",
        execution_count: 2,
        data: { "text/plain": "array([0, 1, 2])" },
        metadata: {},
      },
    ]);
  });

  test("bad arguments and unreadable files exit 2 with a message", () => {
    expect(cli("run").status).toBe(2);
    expect(cli("run", "x.py", "--xmode", "verbose").stderr).toContain("--xmode must be minimal or context");
    const missing = cli("run", join(dir, "missing.ipynb"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cannot read");
  });
});
