/**
 * The worker's side of the shared memory (src/shared-channel.ts): the
 * interrupt check, `time.sleep` and `input` that block with `Atomics.wait`.
 *
 * Without shared memory (a page that is not isolated, Node without `attach`)
 * sleep returns at once and readLine returns null, as the session's default.
 */
import type { FromWorker } from "../protocol.ts";
import { ALL_RUNS, INPUT, INTERRUPT, readInputReply } from "../shared-channel.ts";
import { InterruptSignal, installInterruptCheck } from "./nd/interrupt.ts";
import type { BlockingHost } from "./session.ts";

/** The longest single `Atomics.wait`; the flag is re-read between slices. */
const SLICE_MS = 100;

export interface SharedLink {
  /** Uses this buffer from now on and installs the interrupt check that reads it. */
  attach(shared: SharedArrayBuffer): void;
  /** Run number `ordinal` starts (see shared-channel.ts): an interrupt up to an earlier number does not stop it. */
  beginRun(runId: string, ordinal: number): void;
  endRun(): void;
  readonly blocking: BlockingHost;
}

/** How many interrupt checks pass between two calls of the `tick` hook. */
const TICK_EVERY = 4096;

/**
 * `tick`, if given, runs every TICK_EVERY interrupt checks while a cell
 * computes (the worker sends held-back stream text from it).
 */
export function createSharedLink(
  post: (message: FromWorker) => void,
  now: () => number = () => performance.now(),
  tick?: () => void,
): SharedLink {
  let shared: SharedArrayBuffer | null = null;
  let slots: Int32Array | null = null;
  let runId: string | null = null;
  /** The running run's number; ALL_RUNS + 1 (never stopped) between runs. */
  let ordinal = ALL_RUNS + 1;

  function checkInterrupt(s: Int32Array): void {
    if ((s[INTERRUPT] ?? 0) >= ordinal) throw new InterruptSignal();
  }

  return {
    attach(buffer) {
      shared = buffer;
      const s = new Int32Array(buffer, 0, 4);
      slots = s;
      // A plain read: this runs at every loop iteration and call.
      if (tick === undefined) installInterruptCheck(() => (s[INTERRUPT] ?? 0) >= ordinal);
      else {
        let checks = 0;
        installInterruptCheck(() => {
          if (++checks >= TICK_EVERY) {
            checks = 0;
            tick();
          }
          return (s[INTERRUPT] ?? 0) >= ordinal;
        });
      }
    },
    beginRun(id, n) {
      runId = id;
      ordinal = n;
    },
    endRun() {
      runId = null;
      ordinal = ALL_RUNS + 1;
    },
    blocking: {
      sleep(seconds) {
        const s = slots;
        if (s === null) return;
        const deadline = now() + seconds * 1000;
        for (;;) {
          checkInterrupt(s);
          const left = deadline - now();
          if (left <= 0) return;
          Atomics.wait(s, INTERRUPT, 0, Math.min(left, SLICE_MS));
        }
      },
      readLine(prompt) {
        const s = slots;
        const buffer = shared;
        if (s === null || buffer === null || runId === null) return null;
        Atomics.store(s, INPUT, 0);
        post({ op: "input_request", runId, prompt });
        for (;;) {
          checkInterrupt(s);
          if (Atomics.load(s, INPUT) === 1) {
            const text = readInputReply(buffer);
            Atomics.store(s, INPUT, 0);
            return text;
          }
          Atomics.wait(s, INPUT, 0, SLICE_MS);
        }
      },
    },
  };
}
