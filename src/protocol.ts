/**
 * Types shared by the page and the kernel worker. Types only: no code.
 *
 * Outputs are nbformat 4 output objects, end to end: the kernel makes them,
 * the store keeps them, the .ipynb export writes them as they are.
 */

export type MimeBundle = Record<string, unknown> & { "text/plain"?: string };

export type StreamOutput = { output_type: "stream"; name: "stdout" | "stderr"; text: string };
export type ExecuteResultOutput = {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
};
export type DisplayDataOutput = {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
  /**
   * Jupyter's `transient` field: the `display_id` that `update_display_data`
   * targets. Kept in the page only; the .ipynb export leaves it out, as
   * nbformat does.
   */
  transient?: { display_id: string };
};
export type ErrorOutput = { output_type: "error"; ename: string; evalue: string; traceback: string[] };
export type Output = StreamOutput | ExecuteResultOutput | DisplayDataOutput | ErrorOutput;

/** Messages from the page to the worker. */
export type ToWorker =
  | { op: "execute"; runId: string; cellId: string; code: string }
  /** First message on an isolated page: the shared memory of src/shared-channel.ts. */
  | { op: "init"; shared: SharedArrayBuffer }
  | { op: "interrupt" }
  /** Drops these runs if the kernel has queued them and not started them (each is reported `aborted`). */
  | { op: "drop"; runIds: string[] }
  | { op: "reset" };

/** Messages from the worker to the page. */
export type FromWorker =
  | { op: "ready" }
  | { op: "status"; state: "busy" | "idle" }
  | { op: "output"; runId: string; output: Output }
  /**
   * IPython's `clear_output(wait)`: clears the run's cell now, or with
   * `wait` when its next output arrives (so a re-plotted figure does not flicker).
   */
  | { op: "clear_output"; runId: string; wait: boolean }
  /**
   * `update_display_data`: replaces the data and metadata of every output shown
   * with this `display_id`, in any cell, wherever it is.
   */
  | {
      op: "update_display";
      runId: string;
      displayId: string;
      data: MimeBundle;
      metadata: Record<string, unknown>;
    }
  | { op: "progress"; runId: string; done: number; total: number }
  | { op: "done"; runId: string; executionCount: number; ok: boolean }
  /** A queued run dropped because an earlier run failed (Jupyter's stop-on-error). */
  | { op: "aborted"; runId: string }
  /** `input(prompt)` is blocked until the page writes the answer into the shared memory. */
  | { op: "input_request"; runId: string; prompt: string };

/** The payload of one message kind: `Payload<FromWorker, "output">`. */
export type Payload<M extends { op: string }, K extends M["op"]> = Omit<Extract<M, { op: K }>, "op">;
