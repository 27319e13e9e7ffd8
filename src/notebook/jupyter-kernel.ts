/**
 * A `KernelPort` backed by a Jupyter server's kernel, through
 * `@jupyterlab/services` (REST for start, interrupt and restart; the
 * WebSocket channels for execute). It speaks to the store with the same
 * `FromWorker` messages as the Web Worker, so the store, the forms and the
 * reactive scheduler do not know which kernel runs.
 *
 * Runs are queued here and sent one at a time, so `drop` can take back runs
 * that have not started and a failed run aborts the ones after it, as the
 * worker does.
 */
import {
  type Kernel,
  KernelManager,
  KernelSpecAPI,
  type KernelMessage,
  ServerConnection,
} from "@jupyterlab/services";
import type { FromWorker, MimeBundle, Output } from "../protocol.ts";
import type { KernelPort } from "./store.ts";

export interface JupyterOptions {
  url: string;
  token: string;
  /** Kernel spec name, such as `python3`. */
  spec: string;
  /** For Node: the `ws` WebSocket class (browsers have one). */
  WebSocket?: typeof WebSocket;
}

export interface JupyterKernel extends KernelPort {
  /** Resolves when the kernel is started; rejects with a readable message. */
  readonly ready: Promise<void>;
  shutdown(): Promise<void>;
}

function settings(url: string, token: string, ws: typeof WebSocket | undefined): ServerConnection.ISettings {
  const baseUrl = url.endsWith("/") ? url : `${url}/`;
  return ServerConnection.makeSettings({
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, "ws"),
    token,
    appendToken: true,
    ...(ws ? { WebSocket: ws } : {}),
  });
}

/** The server's kernel specs, by name, with their display names. */
export async function listKernelSpecs(
  url: string,
  token: string,
  ws?: typeof WebSocket,
): Promise<{ name: string; displayName: string }[]> {
  const specs = await KernelSpecAPI.getSpecs(settings(url, token, ws));
  return Object.values(specs.kernelspecs).flatMap((spec) =>
    spec ? [{ name: spec.name, displayName: spec.display_name }] : [],
  );
}

function toBundle(data: Record<string, unknown>): MimeBundle {
  const { "text/plain": text, ...rest } = data;
  return typeof text === "string" ? { ...rest, "text/plain": text } : rest;
}

/** Jupyter's `transient.display_id`, when a display message carries one. */
function displayIdOf(content: { transient?: { display_id?: unknown } }): string | null {
  const id = content.transient?.display_id;
  return typeof id === "string" ? id : null;
}

/**
 * One iopub message as a new nbformat output, or null when it is not one
 * (`update_display_data` and `clear_output` change outputs: see `iopubToMessage`).
 */
export function iopubToOutput(msg: KernelMessage.IIOPubMessage): Output | null {
  const content = msg.content;
  switch (msg.header.msg_type) {
    case "stream": {
      const c = content as KernelMessage.IStreamMsg["content"]; // msg_type checked above
      return { output_type: "stream", name: c.name, text: c.text };
    }
    case "execute_result": {
      const c = content as KernelMessage.IExecuteResultMsg["content"]; // msg_type checked above
      return {
        output_type: "execute_result",
        execution_count: c.execution_count,
        data: toBundle(c.data),
        metadata: { ...c.metadata },
      };
    }
    case "display_data": {
      const c = content as KernelMessage.IDisplayDataMsg["content"]; // msg_type checked above
      const displayId = displayIdOf(c);
      return {
        output_type: "display_data",
        data: toBundle(c.data),
        metadata: { ...c.metadata },
        ...(displayId === null ? {} : { transient: { display_id: displayId } }),
      };
    }
    case "error": {
      const c = content as KernelMessage.IErrorMsg["content"]; // msg_type checked above
      return { output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback };
    }
    default:
      return null;
  }
}

/** One iopub message of run `runId` as the store's message, or null when it changes no output. */
export function iopubToMessage(msg: KernelMessage.IIOPubMessage, runId: string): FromWorker | null {
  switch (msg.header.msg_type) {
    case "clear_output": {
      const c = msg.content as KernelMessage.IClearOutputMsg["content"]; // msg_type checked above
      return { op: "clear_output", runId, wait: c.wait };
    }
    case "update_display_data": {
      const c = msg.content as KernelMessage.IUpdateDisplayDataMsg["content"]; // msg_type checked above
      const displayId = displayIdOf(c);
      if (displayId === null) return null;
      return { op: "update_display", runId, displayId, data: toBundle(c.data), metadata: { ...c.metadata } };
    }
    default: {
      const output = iopubToOutput(msg);
      return output === null ? null : { op: "output", runId, output };
    }
  }
}

interface Run {
  runId: string;
  code: string;
}

export function createJupyterKernel(
  options: JupyterOptions,
  receive: (message: FromWorker) => void,
): JupyterKernel {
  const serverSettings = settings(options.url, options.token, options.WebSocket);
  const manager = new KernelManager({ serverSettings });
  let kernel: Kernel.IKernelConnection | null = null;
  const queue: Run[] = [];
  let running: Run | null = null;

  const ready = manager.ready
    .then(() => manager.startNew({ name: options.spec }))
    .then((k) => {
      kernel = k;
      receive({ op: "ready" });
      pump();
    });

  function abortQueued(): void {
    for (const run of queue.splice(0)) receive({ op: "aborted", runId: run.runId });
  }

  function pump(): void {
    if (!kernel || running) return;
    const run = queue.shift();
    if (!run) return;
    running = run;
    receive({ op: "status", state: "busy" });
    const future = kernel.requestExecute({ code: run.code, stop_on_error: true });
    future.onIOPub = (msg) => {
      const message = iopubToMessage(msg, run.runId);
      if (message) receive(message);
    };
    future.done.then(
      (reply) => finish(run, reply.content.status === "ok", reply.content.execution_count ?? 0),
      () => finish(run, false, 0),
    );
  }

  function finish(run: Run, ok: boolean, executionCount: number): void {
    running = null;
    receive({ op: "done", runId: run.runId, executionCount, ok });
    if (!ok) abortQueued();
    if (queue.length === 0) receive({ op: "status", state: "idle" });
    pump();
  }

  return {
    ready,
    execute(runId, _cellId, code) {
      queue.push({ runId, code });
      pump();
    },
    reset() {
      abortQueued();
      void kernel?.restart();
    },
    restart() {
      abortQueued();
      void kernel?.restart();
    },
    drop(runIds) {
      const ids = new Set(runIds);
      for (let i = queue.length - 1; i >= 0; i--) {
        const run = queue[i];
        if (run && ids.has(run.runId)) {
          queue.splice(i, 1);
          receive({ op: "aborted", runId: run.runId });
        }
      }
    },
    interruptKeepingState() {
      abortQueued();
      void kernel?.interrupt();
      return true;
    },
    async shutdown() {
      await kernel?.shutdown();
      manager.dispose();
    },
  };
}
