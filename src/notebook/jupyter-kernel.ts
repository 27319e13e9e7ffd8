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
 *
 * A dropped WebSocket is retried by `KernelConnection` itself (seven tries,
 * exponential backoff); meanwhile a REST probe tells "server gone" from
 * "kernel gone". A dead or lost kernel aborts its runs, and the next restart
 * starts a new kernel on the server.
 */
import {
  type Kernel,
  KernelAPI,
  KernelConnection,
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
  /** Connection changes after `ready`: dropped, reconnected, lost, kernel dead. */
  onEvent?: (event: JupyterEvent) => void;
}

export interface JupyterKernel extends KernelPort {
  /** Resolves when the kernel is started; rejects with the `@jupyterlab/services` error (see jupyter-problems.ts). */
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

/** How the kernel's connection changes after `ready`; the page turns these into messages. */
export type JupyterEvent =
  | { kind: "connected" }
  /** The WebSocket dropped and the connection retries with backoff; `serverAnswers` from a REST probe (null: not known yet). */
  | { kind: "reconnecting"; serverAnswers: boolean | null }
  /** The retries gave up; runs were aborted. Restart connects a new kernel. */
  | { kind: "lost" }
  /** The kernel process died or the server restarted it; runs were aborted, variables are gone. */
  | { kind: "dead" }
  /** A restart (or reconnect with a new kernel) failed; `error` is from `@jupyterlab/services`. */
  | { kind: "failed"; error: unknown };

/** How often a dropped connection asks the server's REST API whether it and the kernel are still there. */
const PROBE_MS = 2000;

export function createJupyterKernel(
  options: JupyterOptions,
  receive: (message: FromWorker) => void,
): JupyterKernel {
  const serverSettings = settings(options.url, options.token, options.WebSocket);
  const onEvent = options.onEvent ?? (() => undefined);
  let kernel: Kernel.IKernelConnection | null = null;
  let disposed = false;
  const queue: Run[] = [];
  let running: Run | null = null;

  async function connect(): Promise<void> {
    const model = await KernelAPI.startNew({ name: options.spec }, serverSettings);
    if (disposed) {
      await KernelAPI.shutdownKernel(model.id, serverSettings).catch(() => undefined);
      return;
    }
    const k = new KernelConnection({ model, serverSettings });
    kernel = k;
    k.connectionStatusChanged.connect((_, status) => {
      if (kernel === k) connectionChanged(k, status);
    });
    k.statusChanged.connect((_, status) => {
      if (kernel === k) statusChanged(k, status);
    });
    receive({ op: "ready" });
    pump();
  }

  /** Drops the connection `k` (already dead or lost) so the next restart starts a new kernel. */
  function forget(k: Kernel.IKernelConnection): void {
    if (kernel !== k) return;
    kernel = null;
    abortAll();
    k.dispose();
  }

  function connectionChanged(k: Kernel.IKernelConnection, status: Kernel.ConnectionStatus): void {
    switch (status) {
      case "connected":
        onEvent({ kind: "connected" });
        return;
      case "connecting":
        onEvent({ kind: "reconnecting", serverAnswers: null });
        probe(k);
        return;
      case "disconnected":
        forget(k);
        onEvent({ kind: "lost" });
        return;
      default: {
        const never: never = status;
        throw new Error(`unknown connection status ${String(never)}`);
      }
    }
  }

  /** While `k` reconnects: is the server there, and does it still have the kernel? */
  function probe(k: Kernel.IKernelConnection): void {
    if (kernel !== k || k.connectionStatus !== "connecting") return;
    KernelAPI.getKernelModel(k.id, serverSettings).then(
      (model) => {
        if (kernel !== k || k.connectionStatus !== "connecting") return;
        if (model === undefined) {
          forget(k);
          onEvent({ kind: "dead" });
          return;
        }
        onEvent({ kind: "reconnecting", serverAnswers: true });
        setTimeout(() => probe(k), PROBE_MS);
      },
      () => {
        if (kernel !== k || k.connectionStatus !== "connecting") return;
        onEvent({ kind: "reconnecting", serverAnswers: false });
        setTimeout(() => probe(k), PROBE_MS);
      },
    );
  }

  function statusChanged(k: Kernel.IKernelConnection, status: Kernel.Status): void {
    if (status === "dead") {
      forget(k);
      onEvent({ kind: "dead" });
    } else if (status === "autorestarting") {
      // The process died and the server started a new one on the same connection.
      abortAll();
      onEvent({ kind: "dead" });
    }
  }

  const ready = connect();

  function abortQueued(): void {
    for (const run of queue.splice(0)) receive({ op: "aborted", runId: run.runId });
  }

  function abortAll(): void {
    const current = running;
    running = null;
    if (current) receive({ op: "aborted", runId: current.runId });
    abortQueued();
    if (current) receive({ op: "status", state: "idle" });
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
    // A run aborted by a restart, a drop or a dead kernel has already been reported.
    if (running !== run) return;
    running = null;
    receive({ op: "done", runId: run.runId, executionCount, ok });
    if (!ok) abortQueued();
    if (queue.length === 0) receive({ op: "status", state: "idle" });
    pump();
  }

  /** Restarts through the REST API, or starts a new kernel when the old one is gone. */
  function restart(): void {
    abortQueued();
    running = null;
    const k = kernel;
    if (k !== null && k.connectionStatus === "connected" && k.status !== "dead") {
      k.restart().then(
        () => {
          if (kernel !== k) return;
          receive({ op: "ready" });
          pump();
        },
        (error: unknown) => onEvent({ kind: "failed", error }),
      );
      return;
    }
    if (k !== null) forget(k);
    connect().catch((error: unknown) => onEvent({ kind: "failed", error }));
  }

  return {
    ready,
    execute(runId, _cellId, code) {
      queue.push({ runId, code });
      pump();
    },
    reset: restart,
    restart,
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
      if (kernel === null) return false;
      // REST: POST /api/kernels/<id>/interrupt; the cell raises KeyboardInterrupt, variables stay.
      kernel.interrupt().catch(() => undefined);
      return true;
    },
    async shutdown() {
      disposed = true;
      queue.splice(0);
      running = null;
      const k = kernel;
      kernel = null;
      if (k === null) return;
      await k.shutdown().catch(() => undefined);
      k.dispose();
    },
  };
}
