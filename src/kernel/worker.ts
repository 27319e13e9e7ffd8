/**
 * The Web Worker entry: protocol messages <-> one kernel session.
 *
 * `createKernelHost` holds the logic and is plain TypeScript, so the protocol
 * tests drive it in Node with a fake session. The last lines wire it to the
 * worker's global scope; the session module is loaded there with a dynamic
 * import, so `ready` goes out only once the kernel can really run code.
 */
import type { FromWorker, Output, StreamOutput, ToWorker } from "../protocol.ts";
import { createSharedLink, type SharedLink } from "./shared-link.ts";

/** What the host needs from a session (src/kernel/session.ts). */
export interface SessionLike {
  execute(
    code: string,
    hooks?: { onOutput?(output: Output): void; onProgress?(done: number, total: number): void },
  ): { outputs: Output[]; executionCount: number; ok: boolean };
  reset(): void;
}

export interface KernelHost {
  /** Feed one raw message from the page; invalid messages are reported and dropped. */
  receive(data: unknown): void;
  /** Sends the stream text held back, if it has waited `streamIntervalMs` (call it while a cell computes). */
  tick(): void;
  /** Sends the stream text held back now (before the kernel blocks in `sleep` or `input`). */
  flush(): void;
}

export interface HostOptions {
  /** Defers the next queued run so that messages that arrived meanwhile are seen first. */
  defer?: (run: () => void) => void;
  /** Milliseconds clock for throttling progress messages. */
  now?: () => number;
  /** At most one progress message per this many milliseconds (the last one always goes). */
  progressIntervalMs?: number;
  /** The shared memory link (interrupt flag, sleep, input); `init` attaches its buffer. */
  link?: SharedLink;
  /**
   * Stream text is coalesced: a print goes out at once if nothing went out for
   * this many milliseconds, else it waits to join the next ones (default 16,
   * about a frame), so 20,000 prints cost the page what one print of 20,000 lines does.
   */
  streamIntervalMs?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Validates a message from the page: the worker boundary trusts nothing. */
export function parseToWorker(data: unknown): ToWorker | null {
  if (!isRecord(data)) return null;
  switch (data.op) {
    case "execute": {
      const { runId, cellId, code } = data;
      if (typeof runId !== "string" || typeof cellId !== "string" || typeof code !== "string") return null;
      return { op: "execute", runId, cellId, code };
    }
    case "init": {
      const { shared } = data;
      if (typeof SharedArrayBuffer === "undefined" || !(shared instanceof SharedArrayBuffer)) return null;
      return { op: "init", shared };
    }
    case "interrupt":
      return { op: "interrupt" };
    case "drop": {
      const { runIds } = data;
      if (!Array.isArray(runIds) || !runIds.every((id): id is string => typeof id === "string")) return null;
      return { op: "drop", runIds };
    }
    case "reset":
      return { op: "reset" };
    default:
      return null;
  }
}

function internalError(error: unknown): Output {
  const text = error instanceof Error ? error.message : String(error);
  return {
    output_type: "error",
    ename: "SystemError",
    evalue: `internal error: ${text}`,
    traceback: [`SystemError: internal error: ${text}`],
  };
}

/**
 * Runs executes one at a time in arrival order. Between two runs it yields to
 * the event loop so that a `reset` or `interrupt` sent meanwhile drops the rest
 * of the queue instead of waiting behind it.
 */
export function createKernelHost(
  session: SessionLike,
  post: (message: FromWorker) => void,
  options: HostOptions = {},
): KernelHost {
  const defer = options.defer ?? ((run: () => void) => setTimeout(run, 0));
  const now = options.now ?? (() => Date.now());
  const interval = options.progressIntervalMs ?? 50;
  const streamInterval = options.streamIntervalMs ?? 16;
  const queue: { runId: string; code: string; ordinal: number }[] = [];
  /** Executes received so far: each run's number, as the page counts its sends (shared-channel.ts). */
  let received = 0;
  let scheduled = false;
  let busy = false;
  /** Stream text of the running cell not sent yet, and when stream text last went out. */
  let held: { runId: string; output: StreamOutput } | null = null;
  let lastSent = Number.NEGATIVE_INFINITY;

  function flush(): void {
    if (held === null) return;
    post({ op: "output", runId: held.runId, output: held.output });
    held = null;
    lastSent = now();
  }

  function hold(runId: string, output: StreamOutput): void {
    if (held !== null && held.output.name === output.name) {
      held = { runId, output: { ...held.output, text: held.output.text + output.text } };
    } else {
      flush();
      held = { runId, output };
    }
    if (now() - lastSent >= streamInterval) flush();
  }

  function runOne(runId: string, code: string, ordinal: number): void {
    let posted = 0;
    let lastProgress = Number.NEGATIVE_INFINITY;
    options.link?.beginRun(runId, ordinal);
    try {
      const result = session.execute(code, {
        onOutput(output) {
          posted += 1;
          if (output.output_type === "stream") {
            hold(runId, output);
            return;
          }
          flush();
          post({ op: "output", runId, output });
        },
        onProgress(done, total) {
          const t = now();
          if (done < total && t - lastProgress < interval) return;
          lastProgress = t;
          flush();
          post({ op: "progress", runId, done, total });
        },
      });
      flush();
      // Outputs the session returned without streaming them still reach the page.
      for (const output of result.outputs.slice(posted)) post({ op: "output", runId, output });
      post({ op: "done", runId, executionCount: result.executionCount, ok: result.ok });
      if (!result.ok) abortQueued();
    } catch (error) {
      flush();
      post({ op: "output", runId, output: internalError(error) });
      post({ op: "done", runId, executionCount: 0, ok: false });
      abortQueued();
    } finally {
      options.link?.endRun();
    }
  }

  /**
   * After a failed run, the runs queued behind it are dropped, as Jupyter's
   * kernels do (`stop_on_error`): Run all stops at the first error instead of
   * running cells whose inputs never got defined.
   */
  function abortQueued(): void {
    for (const queued of queue.splice(0)) post({ op: "aborted", runId: queued.runId });
  }

  function drain(): void {
    scheduled = false;
    const next = queue.shift();
    if (next === undefined) {
      if (busy) {
        busy = false;
        post({ op: "status", state: "idle" });
      }
      return;
    }
    if (!busy) {
      busy = true;
      post({ op: "status", state: "busy" });
    }
    runOne(next.runId, next.code, next.ordinal);
    schedule();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    defer(drain);
  }

  return {
    tick() {
      if (held !== null && now() - lastSent >= streamInterval) flush();
    },
    flush,
    receive(data) {
      const message = parseToWorker(data);
      if (message === null) {
        console.warn("kernel worker: ignored an invalid message", data);
        return;
      }
      switch (message.op) {
        case "execute":
          received += 1;
          queue.push({ runId: message.runId, code: message.code, ordinal: received });
          schedule();
          return;
        case "init":
          options.link?.attach(message.shared);
          return;
        case "interrupt":
          // A running cell is stopped through the shared flag (or, without one, by the page
          // terminating the worker). Here: drop what is queued.
          queue.length = 0;
          schedule();
          return;
        case "drop": {
          const dropped = new Set(message.runIds);
          for (let i = queue.length - 1; i >= 0; i--) {
            const queued = queue[i];
            if (queued !== undefined && dropped.has(queued.runId)) {
              queue.splice(i, 1);
              post({ op: "aborted", runId: queued.runId });
            }
          }
          return;
        }
        case "reset":
          queue.length = 0;
          session.reset();
          schedule();
          return;
        default: {
          const unhandled: never = message;
          return unhandled;
        }
      }
    },
  };
}

if ("WorkerGlobalScope" in globalThis) {
  const post = (message: FromWorker): void => self.postMessage(message);
  const early: unknown[] = [];
  let host: KernelHost | null = null;
  // Messages that arrive while the session module loads are kept, not lost.
  self.addEventListener("message", (event: MessageEvent<unknown>) => {
    if (host === null) early.push(event.data);
    else host.receive(event.data);
  });
  import("./session.ts").then(
    ({ createSession }) => {
      let hostRef: KernelHost | null = null;
      // While a cell computes, the interrupt check also sends stream text that waited long enough.
      const link = createSharedLink(post, undefined, () => hostRef?.tick());
      const blocking = {
        sleep(seconds: number) {
          hostRef?.flush();
          link.blocking.sleep?.(seconds);
        },
        readLine(prompt: string) {
          hostRef?.flush();
          return link.blocking.readLine?.(prompt) ?? null;
        },
      };
      const ready = createKernelHost(createSession({ host: blocking }), post, { link });
      hostRef = ready;
      host = ready;
      post({ op: "ready" });
      for (const data of early.splice(0)) ready.receive(data);
    },
    (error: unknown) => {
      // Rethrown outside the promise so the page's Worker gets an `error` event and says so.
      setTimeout(() => {
        throw error;
      }, 0);
    },
  );
}
