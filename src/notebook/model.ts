/**
 * The notebook document: what the page edits, saves, shares and exports.
 *
 * It mirrors nbformat 4 closely so that reading and writing .ipynb is a thin
 * mapping, but every cell has the same shape (markdown and raw cells carry
 * empty `outputs` and a null `execution_count`) so the store can treat cells
 * uniformly. `source` is always one string, never nbformat's list of lines.
 */
import type { MimeBundle, Output } from "../protocol.ts";

export type CellType = "code" | "markdown" | "raw";

export type JsonObject = Record<string, unknown>;

export interface CellDoc {
  /** nbformat 4.5 cell id: 1-64 chars of [a-zA-Z0-9-_], unique in the notebook. */
  id: string;
  cell_type: CellType;
  source: string;
  /** Code cells only; always empty for markdown and raw cells. */
  outputs: Output[];
  /** Code cells only; always null for markdown and raw cells. */
  execution_count: number | null;
  metadata: JsonObject;
  /** Markdown and raw cells: inline images pasted into the cell, by file name. */
  attachments?: Record<string, MimeBundle>;
}

export interface NotebookDoc {
  metadata: JsonObject;
  cells: CellDoc[];
}

/** The nbformat 4.5 rule for cell ids. */
export const CELL_ID_PATTERN = /^[a-zA-Z0-9-_]{1,64}$/;

/**
 * A fresh random cell id, 8 hex chars like Jupyter's `uuid4().hex[:8]`.
 * Uses Web Crypto, available in browsers, workers and Node 20.
 */
export function newCellId(): string {
  const bytes = new Uint8Array(4);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A cell with the defaults for its type. */
export function makeCell(cellType: CellType, source: string, id: string = newCellId()): CellDoc {
  return { id, cell_type: cellType, source, outputs: [], execution_count: null, metadata: {} };
}
