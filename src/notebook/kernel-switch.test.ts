/**
 * The kernel switch with both kernels behind the store's one port: the browser
 * kernel (the real session in an in-process worker host) and a real Jupyter
 * server's python3 kernel (skipped when /usr/bin/jupyter-server is missing).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { haveJupyter, type RunningServer, startJupyter } from "../../tests/jupyter/server.ts";
import { createSession } from "../kernel/session.ts";
import { createKernelHost } from "../kernel/worker.ts";
import type { ToWorker } from "../protocol.ts";
import { createJupyterKernel } from "./jupyter-kernel.ts";
import { createKernelClient, type WorkerLike } from "./kernel-client.ts";
import { type Backend, connectionLabel, createKernelSwitch, type KernelSwitch } from "./kernel-switch.ts";
import { makeCell } from "./model.ts";
import { createNotebookStore, type NotebookStore } from "./store.ts";

/** A worker whose other end is a kernel host on a real session, in this process. */
function inProcessWorker(): WorkerLike {
  let alive = true;
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message: ToWorker) {
      queueMicrotask(() => host.receive(message));
    },
    terminate() {
      alive = false;
    },
  };
  const host = createKernelHost(
    createSession(),
    (m) =>
      queueMicrotask(() => {
        if (alive) worker.onmessage?.(new MessageEvent("message", { data: m }));
      }),
    { defer: (run) => setTimeout(run, 0) },
  );
  setTimeout(() => worker.onmessage?.(new MessageEvent("message", { data: { op: "ready" } })), 0);
  return worker;
}

function browserBackend(receive: Parameters<typeof createKernelClient>[0]["onMessage"]): Backend {
  const client = createKernelClient({ spawn: inProcessWorker, onMessage: receive });
  return {
    execute: (runId, cellId, code) => client.send({ op: "execute", runId, cellId, code }),
    reset: () => client.send({ op: "reset" }),
    restart: () => client.restart(),
    drop: (runIds) => client.send({ op: "drop", runIds: [...runIds] }),
    interruptKeepingState: () => client.interrupt(),
    dispose: () => client.dispose(),
  };
}

function setup(): { kernels: KernelSwitch; store: NotebookStore; resets: () => number } {
  let resets = 0;
  const kernels = createKernelSwitch({
    isolated: false,
    origin: "http://127.0.0.1:4173",
    browser: (receive) => browserBackend(receive),
    jupyter: (target, receive, onEvent) =>
      createJupyterKernel(
        {
          url: target.url,
          token: target.token,
          spec: target.spec,
          onEvent,
          // `ws` is the Node WebSocket; its type differs from the DOM one only in extras.
          WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
        },
        receive,
      ),
  });
  const store = createNotebookStore({ kernel: kernels.port, nextFrame: null });
  kernels.bind(store, () => resets++);
  store.getState().load({
    metadata: {},
    cells: [
      makeCell("code", "import numpy as np\nx = np.arange(4) * 1.5", "a"),
      makeCell("code", "print(x.sum(), x.dtype)", "b"),
    ],
  });
  return { kernels, store, resets: () => resets };
}

async function settled(store: NotebookStore): Promise<void> {
  for (let i = 0; i < 400 && store.getState().kernel.runs.length > 0; i++)
    await new Promise((r) => setTimeout(r, 25));
  expect(store.getState().kernel.runs).toEqual([]);
}

function printed(store: NotebookStore, id: string): unknown {
  return store.getState().cells[id]?.doc.outputs;
}

describe("connectionLabel", () => {
  test("says which kernel runs, and isolation or the connection phase", () => {
    expect(connectionLabel({ kind: "browser", isolated: true })).toBe("Browser (Initlab)");
    expect(connectionLabel({ kind: "browser", isolated: false })).toBe(
      "Browser (Initlab) · not isolated: interrupt restarts the kernel",
    );
    const server = {
      kind: "jupyter",
      url: "http://127.0.0.1:8888/",
      spec: "python3",
      displayName: "Python 3 (ipykernel)",
    } as const;
    expect(connectionLabel({ ...server, phase: "connected" })).toBe("Python 3 (ipykernel) on 127.0.0.1:8888");
    expect(connectionLabel({ ...server, phase: "reconnecting" })).toBe(
      "Python 3 (ipykernel) on 127.0.0.1:8888 · Reconnecting…",
    );
  });
});

describe("the browser kernel behind the switch", () => {
  test("runAll prints through the port; a failed server connection leaves it in place", async () => {
    const { kernels, store } = setup();
    store.getState().runAll();
    await settled(store);
    expect(printed(store, "b")).toEqual([{ output_type: "stream", name: "stdout", text: "9.0 float64\n" }]);
    const problem = await kernels.toJupyter({
      url: "http://127.0.0.1:9/",
      token: "t",
      spec: "python3",
      displayName: "Python 3",
    });
    expect(problem?.kind).toBe("unreachable");
    expect(kernels.state.getState().connection).toEqual({ kind: "browser", isolated: false });
    store.getState().run("b");
    await settled(store);
    expect(printed(store, "b")).toEqual([{ output_type: "stream", name: "stdout", text: "9.0 float64\n" }]);
  });
});

describe.skipIf(!haveJupyter)("switching between the browser kernel and a Jupyter server's", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startJupyter();
  }, 60_000);
  afterAll(() => server?.stop());

  test("the same cells print the same on both; a switch cancels runs in flight and resets the scheduler", async () => {
    const { kernels, store, resets } = setup();
    const target = { url: server.url, token: server.token, spec: "python3", displayName: "Python 3" };
    store.getState().runAll();
    await settled(store);
    const browser = printed(store, "b");
    expect(browser).toEqual([{ output_type: "stream", name: "stdout", text: "9.0 float64\n" }]);

    // A run in flight when the switch happens is cancelled; the cell keeps its source.
    store.getState().run("a");
    expect(await kernels.toJupyter(target)).toBeNull();
    expect(store.getState().kernel.runs).toEqual([]);
    expect(store.getState().cells.a?.doc.source).toBe("import numpy as np\nx = np.arange(4) * 1.5");
    expect(resets()).toBe(2);
    expect(kernels.state.getState().connection).toMatchObject({ kind: "jupyter", phase: "connected" });

    // The server's kernel has none of the browser's variables.
    store.getState().run("b");
    await settled(store);
    expect(printed(store, "b")).toMatchObject([{ output_type: "error", ename: "NameError" }]);
    store.getState().runAll();
    await settled(store);
    expect(printed(store, "b")).toEqual(browser);

    kernels.toBrowser();
    expect(kernels.state.getState().connection).toEqual({ kind: "browser", isolated: false });
    store.getState().runAll();
    await settled(store);
    expect(printed(store, "b")).toEqual(browser);
  }, 60_000);

  test("a wrong token is refused before the switch, with the token message", async () => {
    const { kernels } = setup();
    const problem = await kernels.toJupyter({
      url: server.url,
      token: "wrong",
      spec: "python3",
      displayName: "Python 3",
    });
    expect(problem).toEqual({
      kind: "token",
      message: `The Jupyter server at ${server.url} refused the token (403 Forbidden). Use the token from the address jupyter server printed (…?token=…).`,
    });
    expect(kernels.state.getState().connection.kind).toBe("browser");
  }, 30_000);
});
