/**
 * The page side of the worker protocol: validates what the worker says,
 * buffers requests until the worker is `ready`, and restarts the worker
 * (terminate + spawn) when a running cell must be stopped.
 */
import { z } from "zod";
import type { FromWorker, MimeBundle, Output, ToWorker } from "../protocol.ts";
import { ALL_RUNS, requestInterrupt, writeInputReply } from "../shared-channel.ts";

const mimeBundle = z
  .record(z.string(), z.unknown())
  .refine((bundle) => bundle["text/plain"] === undefined || typeof bundle["text/plain"] === "string", {
    message: "text/plain must be a string",
  });

const outputSchema = z.discriminatedUnion("output_type", [
  z.object({ output_type: z.literal("stream"), name: z.enum(["stdout", "stderr"]), text: z.string() }),
  z.object({
    output_type: z.literal("execute_result"),
    execution_count: z.union([z.number(), z.null()]),
    data: mimeBundle,
    metadata: z.record(z.string(), z.unknown()),
  }),
  z.object({
    output_type: z.literal("display_data"),
    data: mimeBundle,
    metadata: z.record(z.string(), z.unknown()),
  }),
  z.object({
    output_type: z.literal("error"),
    ename: z.string(),
    evalue: z.string(),
    traceback: z.array(z.string()),
  }),
]);

const fromWorkerSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("ready") }),
  z.object({ op: z.literal("status"), state: z.enum(["busy", "idle"]) }),
  z.object({ op: z.literal("output"), runId: z.string(), output: outputSchema }),
  z.object({ op: z.literal("progress"), runId: z.string(), done: z.number(), total: z.number() }),
  z.object({
    op: z.literal("done"),
    runId: z.string(),
    executionCount: z.number(),
    ok: z.boolean(),
  }),
  z.object({ op: z.literal("aborted"), runId: z.string() }),
  z.object({ op: z.literal("input_request"), runId: z.string(), prompt: z.string() }),
]);

function toBundle(data: Record<string, unknown>): MimeBundle {
  const { "text/plain": text, ...rest } = data;
  return typeof text === "string" ? { ...rest, "text/plain": text } : rest;
}

/** Rebuilds a validated output with the protocol's types (zod's mime bundle is looser). */
function toOutput(output: z.infer<typeof outputSchema>): Output {
  switch (output.output_type) {
    case "stream":
    case "error":
      return output;
    case "execute_result":
      return { ...output, data: toBundle(output.data) };
    case "display_data":
      return { ...output, data: toBundle(output.data) };
    default: {
      const unhandled: never = output;
      return unhandled;
    }
  }
}

/** Validates a message from the worker; null when it is not one the protocol knows. */
export function parseFromWorker(data: unknown): FromWorker | null {
  const parsed = fromWorkerSchema.safeParse(data);
  if (!parsed.success) return null;
  const message = parsed.data;
  switch (message.op) {
    case "ready":
    case "status":
    case "progress":
    case "done":
    case "aborted":
    case "input_request":
      return message;
    case "output":
      return { op: "output", runId: message.runId, output: toOutput(message.output) };
    default: {
      const unhandled: never = message;
      return unhandled;
    }
  }
}

/** The part of `Worker` the client uses; tests pass an in-process fake. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface KernelClientOptions {
  spawn: () => WorkerLike;
  onMessage: (message: FromWorker) => void;
  /** The worker crashed, failed to load, or did not say `ready` in time. */
  onCrash?: (reason: string) => void;
  /** How long a new worker may take to say `ready` (default 30 s). */
  readyTimeoutMs?: number;
  /**
   * Shared memory for each new worker (src/shared-channel.ts), or null when
   * the page is not cross-origin isolated; without it Interrupt must restart.
   */
  createShared?: () => SharedArrayBuffer | null;
}

export interface KernelClient {
  /** Sends now if the worker is ready, else once it says `ready`. */
  send(message: ToWorker): void;
  /** Terminates the worker (stopping any run) and starts a fresh one. */
  restart(): void;
  /**
   * Stops the running run through shared memory, if it is `upTo` or was sent
   * before it (default: any run sent so far); false when there is no shared
   * memory (restart instead).
   */
  interrupt(upTo?: string): boolean;
  /** Answers the worker's pending `input_request`. */
  answerInput(text: string): void;
  dispose(): void;
}

export function createKernelClient(options: KernelClientOptions): KernelClient {
  let worker: WorkerLike | null = null;
  let ready = false;
  let pending: ToWorker[] = [];
  let readyTimer: ReturnType<typeof setTimeout> | undefined;
  let shared: SharedArrayBuffer | null = null;
  /** Executes sent to the current worker, and each run's number (shared-channel.ts). */
  let sent = 0;
  let ordinals = new Map<string, number>();
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;

  function start(): void {
    ready = false;
    sent = 0;
    ordinals = new Map();
    const current = options.spawn();
    worker = current;
    shared = options.createShared?.() ?? null;
    // Sent before anything else: the worker keeps early messages in order.
    if (shared !== null) current.postMessage({ op: "init", shared });
    clearTimeout(readyTimer);
    readyTimer = setTimeout(() => {
      if (worker === current && !ready) {
        options.onCrash?.(`the kernel did not start within ${readyTimeoutMs / 1000} s`);
      }
    }, readyTimeoutMs);
    current.onmessage = (event) => {
      if (worker !== current) return; // a late message from a terminated worker
      const message = parseFromWorker(event.data);
      if (message === null) {
        console.warn("kernel: ignored an invalid message from the worker", event.data);
        return;
      }
      if (message.op === "ready") {
        ready = true;
        clearTimeout(readyTimer);
        const queued = pending;
        pending = [];
        for (const m of queued) current.postMessage(m);
      }
      options.onMessage(message);
    };
    current.onerror = (event) => {
      if (worker !== current) return;
      options.onCrash?.(event.message || "the kernel worker failed");
    };
  }

  start();
  return {
    send(message) {
      if (message.op === "execute") ordinals.set(message.runId, ++sent);
      if (ready && worker !== null) worker.postMessage(message);
      else pending.push(message);
    },
    restart() {
      worker?.terminate();
      pending = [];
      start();
    },
    interrupt(upTo) {
      if (shared === null) return false;
      requestInterrupt(shared, upTo === undefined ? ALL_RUNS : (ordinals.get(upTo) ?? ALL_RUNS));
      return true;
    },
    answerInput(text) {
      if (shared !== null) writeInputReply(shared, text);
    },
    dispose() {
      clearTimeout(readyTimer);
      worker?.terminate();
      worker = null;
      pending = [];
    },
  };
}
