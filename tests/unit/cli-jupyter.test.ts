/**
 * `initlab run --kernel jupyter` against a real jupyter-server: the outputs it
 * writes are the outputs Jupyter's own runner (nbclient, through
 * tests/jupyter/nbclient-run.py) writes for the same notebook, byte for byte,
 * PNG included; and a wrong URL, token or kernel spec each gets its own message.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseIpynb, toIpynb } from "../../src/notebook/ipynb.ts";
import { makeCell } from "../../src/notebook/model.ts";
import { haveJupyter, type RunningServer, startJupyter } from "../jupyter/server.ts";

const haveNbclient = haveJupyter && spawnSync("/usr/bin/python3", ["-c", "import nbclient"]).status === 0;
if (!haveNbclient) console.warn("cli-jupyter.test: jupyter-server or nbclient is not installed; skipped");

const CELLS = [
  "import numpy as np\nprint(np.arange(3) * 2)",
  "import matplotlib.pyplot as plt\nplt.plot([1, 4, 9])\nplt.title('squares')\nplt.show()",
  "from IPython.display import display, clear_output, HTML\nh = display('step 0', display_id=True)\nh.update(HTML('<b>step 5</b>'))",
  "for i in range(3):\n    clear_output(wait=True)\n    print('epoch', i)",
  "np.linalg.inv(np.zeros((2, 2)))",
];

function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // Async, so the server this process started keeps answering while the CLI runs.
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += String(d)));
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(!haveNbclient)("initlab run --kernel jupyter", () => {
  let server: RunningServer;
  const dir = mkdtempSync(join(tmpdir(), "initlab-cli-jupyter-"));
  const input = join(dir, "lesson.ipynb");

  beforeAll(async () => {
    server = await startJupyter();
    const doc = { metadata: {}, cells: CELLS.map((c, i) => makeCell("code", c, `c${i + 1}`)) };
    writeFileSync(input, toIpynb(doc));
  }, 60_000);

  afterAll(() => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("--out writes the outputs nbclient writes for the same notebook, PNG figure included", async () => {
    const out = join(dir, "ours.ipynb");
    const ref = join(dir, "nbclient.ipynb");
    const r = await cli(
      "run",
      input,
      "--kernel",
      "jupyter",
      "--url",
      server.url,
      "--token",
      server.token,
      "--allow-errors",
      "--out",
      out,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const py = spawnSync("/usr/bin/python3", ["tests/jupyter/nbclient-run.py", input, ref], {
      encoding: "utf8",
    });
    expect(py.status, py.stderr).toBe(0);
    const ours = parseIpynb(readFileSync(out, "utf8")).doc.cells;
    const theirs = parseIpynb(readFileSync(ref, "utf8")).doc.cells;
    expect(ours.map((c) => [c.execution_count, c.outputs])).toEqual(
      theirs.map((c) => [c.execution_count, c.outputs]),
    );
    // What that shared answer is, so that both running nothing would not pass.
    const [, figure, display, epochs, error] = ours.map((c) => c.outputs);
    expect(figure?.[0]).toMatchObject({
      output_type: "display_data",
      data: {
        "text/plain": "<Figure size 640x480 with 1 Axes>",
        "image/png": expect.stringMatching(/^iVBORw0KGgo/),
      },
    });
    expect(display).toEqual([
      {
        output_type: "display_data",
        data: { "text/html": "<b>step 5</b>", "text/plain": "<IPython.core.display.HTML object>" },
        metadata: {},
      },
    ]);
    expect(epochs).toEqual([{ output_type: "stream", name: "stdout", text: "epoch 2\n" }]);
    expect(error?.[0]).toMatchObject({
      output_type: "error",
      ename: "LinAlgError",
      evalue: "Singular matrix",
    });
  }, 120_000);

  test("stdout is the cells' text, and the first error stops the run with exit code 1", async () => {
    const r = await cli(
      "run",
      input,
      "--kernel",
      "jupyter",
      "--url",
      server.url,
      "--token",
      server.token,
      "--xmode",
      "minimal",
    );
    expect(r).toEqual({
      status: 1,
      stdout:
        "[0 2 4]\n<Figure size 640x480 with 1 Axes>\n<IPython.core.display.HTML object>\nepoch 2\nLinAlgError: Singular matrix\n",
      stderr: "",
    });
  }, 120_000);

  test("a kernel that dies under a cell stops the run with exit code 1 and says so", async () => {
    const dying = join(dir, "dying.ipynb");
    const cells = ["x = 1", "import os\nos._exit(1)", "print(x)"];
    writeFileSync(dying, toIpynb({ metadata: {}, cells: cells.map((c, i) => makeCell("code", c, `d${i}`)) }));
    const r = await cli(
      "run",
      dying,
      "--kernel",
      "jupyter",
      "--url",
      server.url,
      "--token",
      server.token,
      "--allow-errors",
    );
    expect(r).toEqual({
      status: 1,
      stdout: "",
      stderr: "initlab: cell 2 did not finish: the kernel died or was restarted, so its variables are gone\n",
    });
  }, 120_000);

  test("a wrong token, URL or kernel spec exits 2 with its own message", async () => {
    const run = (...extra: string[]) => cli("run", input, "--kernel", "jupyter", ...extra);
    expect(await run("--url", server.url, "--token", "not-the-token")).toEqual({
      status: 2,
      stdout: "",
      stderr: `initlab: the Jupyter server at ${server.url} refused the token (HTTP 403); check --token\n`,
    });
    expect(await run("--url", `${server.url}nothing/`, "--token", server.token)).toEqual({
      status: 2,
      stdout: "",
      stderr: `initlab: ${server.url}nothing/ has no Jupyter API (HTTP 404 for api/kernelspecs); check --url (on JupyterHub it ends in /user/NAME/)\n`,
    });
    expect(await run("--url", server.url, "--token", server.token, "--spec", "julia")).toEqual({
      status: 2,
      stdout: "",
      stderr: `initlab: the Jupyter server at ${server.url} has no kernel spec "julia" (it has: python3); choose one with --spec\n`,
    });
    const closed = await run("--url", "http://127.0.0.1:9/", "--token", "t");
    expect(closed.status).toBe(2);
    expect(closed.stderr).toMatch(
      /^initlab: cannot reach a Jupyter server at http:\/\/127\.0\.0\.1:9\/ .*is it running/,
    );
    expect(await run("--url", "127.0.0.1:8888", "--token", "t")).toMatchObject({
      status: 2,
      stderr:
        "initlab: --url 127.0.0.1:8888 is not a URL; give the server's address, such as http://127.0.0.1:8888/\n",
    });
    expect(await run("--url", "ftp://127.0.0.1/", "--token", "t")).toMatchObject({
      status: 2,
      stderr: "initlab: --url ftp://127.0.0.1/ must start with http:// or https://\n",
    });
    expect(await cli("run", input, "--kernel", "jupyter", "--token", "t")).toMatchObject({ status: 2 });
  }, 120_000);
});
