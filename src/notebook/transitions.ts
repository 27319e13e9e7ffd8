/**
 * How one cell changes: a pure `transition(cell, message) -> cell`.
 *
 * The store only calls this; everything a cell can go through (edit, queue,
 * run, outputs, cancel) is here and tested without a browser. Messages for a
 * run that is not the cell's current run are ignored, so the latest run of a
 * cell always wins over an older one still reporting from the kernel.
 */
import type { MimeBundle, Output } from "../protocol.ts";
import type { CellDoc, CellType } from "./model.ts";
import { updateDisplay } from "./outputs.ts";

export type RunPhase = "idle" | "queued" | "running" | "cancelled";

export interface CellRun {
  phase: RunPhase;
  /** The latest run of this cell; messages for any other run are stale. */
  runId: string | null;
  /** `Date.now()`-style milliseconds when the kernel started the run. */
  startedAt: number | null;
  /** Milliseconds the last finished run took. */
  elapsedMs: number | null;
  progress: { done: number; total: number } | null;
  /** Whether the last finished run ended without an error. */
  ok: boolean | null;
  /** `clear_output(wait=True)` came: the next output replaces the outputs so far. */
  clearPending?: true;
}

export interface CellState {
  doc: CellDoc;
  run: CellRun;
}

export type CellMessage =
  | { type: "edit"; source: string }
  | { type: "set-type"; cellType: CellType }
  | { type: "queue"; runId: string }
  | { type: "start"; runId: string; at: number }
  | { type: "output"; runId: string; output: Output }
  /** IPython's `clear_output`: now, or (`wait`) when the run's next output arrives. */
  | { type: "clear-output"; runId: string; wait: boolean }
  /** `update_display_data`: not tied to a run, as a display can be updated from any cell. */
  | { type: "update-display"; displayId: string; data: MimeBundle; metadata: Record<string, unknown> }
  | { type: "progress"; runId: string; done: number; total: number }
  | { type: "done"; runId: string; executionCount: number; ok: boolean; at: number }
  /** The kernel went away (interrupt or restart) before this run finished. */
  | { type: "cancel"; runId: string }
  | { type: "clear-outputs" };

export const IDLE_RUN: CellRun = {
  phase: "idle",
  runId: null,
  startedAt: null,
  elapsedMs: null,
  progress: null,
  ok: null,
};

export function cellState(doc: CellDoc): CellState {
  return { doc, run: IDLE_RUN };
}

/** Appends an output, merging consecutive text on the same stream as Jupyter does. */
export function appendOutput(outputs: readonly Output[], output: Output): Output[] {
  const last = outputs[outputs.length - 1];
  if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
    return [...outputs.slice(0, -1), { ...last, text: last.text + output.text }];
  }
  return [...outputs, output];
}

function isCurrent(cell: CellState, runId: string): boolean {
  return cell.run.runId === runId;
}

export function transition(cell: CellState, message: CellMessage): CellState {
  switch (message.type) {
    case "edit":
      if (message.source === cell.doc.source) return cell;
      return { ...cell, doc: { ...cell.doc, source: message.source } };
    case "set-type": {
      if (message.cellType === cell.doc.cell_type) return cell;
      // Only code cells carry outputs and a count; a type change drops them, as Jupyter does.
      const doc: CellDoc = { ...cell.doc, cell_type: message.cellType, outputs: [], execution_count: null };
      return { doc, run: IDLE_RUN };
    }
    case "queue":
      if (cell.doc.cell_type !== "code") return cell;
      return { ...cell, run: { ...IDLE_RUN, phase: "queued", runId: message.runId } };
    case "start":
      if (!isCurrent(cell, message.runId) || cell.run.phase !== "queued") return cell;
      return {
        doc: { ...cell.doc, outputs: [], execution_count: null },
        run: { ...cell.run, phase: "running", startedAt: message.at },
      };
    case "output": {
      if (!isCurrent(cell, message.runId) || cell.run.phase !== "running") return cell;
      if (cell.run.clearPending === undefined)
        return { ...cell, doc: { ...cell.doc, outputs: appendOutput(cell.doc.outputs, message.output) } };
      const { clearPending: _done, ...run } = cell.run;
      return { doc: { ...cell.doc, outputs: [message.output] }, run };
    }
    case "clear-output": {
      if (!isCurrent(cell, message.runId) || cell.run.phase !== "running") return cell;
      if (message.wait) {
        if (cell.doc.outputs.length === 0 || cell.run.clearPending) return cell;
        return { ...cell, run: { ...cell.run, clearPending: true } };
      }
      const { clearPending: _now, ...run } = cell.run;
      return { doc: { ...cell.doc, outputs: [] }, run };
    }
    case "update-display": {
      const outputs = updateDisplay(cell.doc.outputs, message.displayId, message.data, message.metadata);
      return outputs === null ? cell : { ...cell, doc: { ...cell.doc, outputs } };
    }
    case "progress":
      if (!isCurrent(cell, message.runId) || cell.run.phase !== "running") return cell;
      return { ...cell, run: { ...cell.run, progress: { done: message.done, total: message.total } } };
    case "done": {
      if (!isCurrent(cell, message.runId) || cell.run.phase !== "running") return cell;
      const elapsedMs = cell.run.startedAt === null ? null : Math.max(0, message.at - cell.run.startedAt);
      return {
        doc: { ...cell.doc, execution_count: message.executionCount },
        run: { ...IDLE_RUN, runId: message.runId, elapsedMs, ok: message.ok },
      };
    }
    case "cancel":
      if (!isCurrent(cell, message.runId)) return cell;
      if (cell.run.phase !== "queued" && cell.run.phase !== "running") return cell;
      return { ...cell, run: { ...IDLE_RUN, phase: "cancelled", runId: message.runId } };
    case "clear-outputs":
      if (cell.doc.outputs.length === 0 && cell.doc.execution_count === null) return cell;
      return { ...cell, doc: { ...cell.doc, outputs: [], execution_count: null } };
    default: {
      const unhandled: never = message;
      return unhandled;
    }
  }
}
