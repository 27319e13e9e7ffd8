import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { haveJupyter, type RunningServer, startJupyter } from "../../tests/jupyter/server.ts";
import type { FromWorker, Output } from "../protocol.ts";
import { makeCell } from "./model.ts";
import { createNotebookStore, type NotebookStore } from "./store.ts";
import { createJupyterKernel, type JupyterKernel, listKernelSpecs } from "./jupyter-kernel.ts";

if (!haveJupyter) console.warn("jupyter-kernel.test: /usr/bin/jupyter-server is not installed; skipped");

describe.skipIf(!haveJupyter)("Jupyter kernel through the KernelPort", () => {
  let server: RunningServer;
  let kernel: JupyterKernel;
  const messages: FromWorker[] = [];
  const waiters = new Map<string, (ok: boolean) => void>();
  let n = 0;

  beforeAll(async () => {
    server = await startJupyter();
    kernel = createJupyterKernel(
      // `ws` is the Node WebSocket; its type differs from the DOM one only in extras.
      {
        url: server.url,
        token: server.token,
        spec: "python3",
        WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      },
      (m) => {
        messages.push(m);
        if (m.op === "done") waiters.get(m.runId)?.(m.ok);
      },
    );
    await kernel.ready;
  }, 60_000);

  afterAll(async () => {
    await kernel?.shutdown();
    server?.stop();
  });

  function run(code: string): Promise<{ ok: boolean; outputs: Output[] }> {
    const runId = `r${n++}`;
    return new Promise((resolve) => {
      waiters.set(runId, (ok) =>
        resolve({
          ok,
          outputs: messages.flatMap((m) => (m.op === "output" && m.runId === runId ? [m.output] : [])),
        }),
      );
      kernel.execute(runId, "c", code);
    });
  }

  test("listKernelSpecs lists python3", async () => {
    const specs = await listKernelSpecs(
      server.url,
      server.token,
      WebSocket as unknown as typeof globalThis.WebSocket,
    );
    expect(specs.map((s) => s.name)).toContain("python3");
  });

  test("execute print(1+1) streams 2", async () => {
    expect(await run("print(1+1)")).toEqual({
      ok: true,
      outputs: [{ output_type: "stream", name: "stdout", text: "2\n" }],
    });
  }, 30_000);

  test("execute an error gives an error output with ename", async () => {
    const { ok, outputs } = await run("1/0");
    expect(ok).toBe(false);
    expect(outputs[0]).toMatchObject({
      output_type: "error",
      ename: "ZeroDivisionError",
      evalue: "division by zero",
    });
  }, 30_000);

  test("execute a matplotlib plot gives display_data with image/png", async () => {
    const { ok, outputs } = await run("import matplotlib.pyplot as plt\nplt.plot([1,2])\nplt.show()");
    expect(ok).toBe(true);
    const png = outputs.find((o) => o.output_type === "display_data");
    expect(png?.output_type === "display_data" && typeof png.data["image/png"]).toBe("string");
  }, 60_000);

  test("interruptKeepingState stops while True and keeps variables", async () => {
    await run("kept = 41");
    const looping = run("while True: pass");
    await new Promise((r) => setTimeout(r, 1000));
    expect(kernel.interruptKeepingState()).toBe(true);
    const { ok, outputs } = await looping;
    expect(ok).toBe(false);
    expect(outputs[0]).toMatchObject({ output_type: "error", ename: "KeyboardInterrupt" });
    expect((await run("print(kept + 1)")).outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "42\n" },
    ]);
  }, 60_000);
});

describe.skipIf(!haveJupyter)("the notebook store on a Jupyter kernel", () => {
  test("runAll runs the cells on the server and fills their outputs", async () => {
    const server = await startJupyter();
    let store: NotebookStore | null = null;
    const kernel = createJupyterKernel(
      // `ws` is the Node WebSocket; its type differs from the DOM one only in extras.
      {
        url: server.url,
        token: server.token,
        spec: "python3",
        WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      },
      (m) => store?.getState().receive(m),
    );
    try {
      store = createNotebookStore({ kernel });
      store.getState().load({
        metadata: {},
        cells: [
          makeCell("code", "import numpy as np\na = np.arange(3)", "c1"),
          makeCell("code", "a * 2", "c2"),
        ],
      });
      await kernel.ready;
      store.getState().runAll();
      for (let i = 0; i < 200 && store.getState().kernel.runs.length > 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(store.getState().toDoc().cells[1]?.outputs).toEqual([
        {
          output_type: "execute_result",
          execution_count: 2,
          data: { "text/plain": "array([0, 2, 4])" },
          metadata: {},
        },
      ]);
    } finally {
      await kernel.shutdown();
      server.stop();
    }
  }, 60_000);
});
