/**
 * Three-way merge of notebooks, cell by cell, for two tabs saving the same
 * notebook: `base` is what this tab last loaded or saved, `mine` is this
 * tab's notebook now, `theirs` is what storage holds now (another tab may
 * have saved since `base`).
 *
 * A cell this tab changed since `base` is taken from `mine` (a later save
 * wins); any other cell is taken from `theirs`, so another tab's edits to
 * cells this tab did not touch survive. A cell both changed differently is a
 * conflict: `mine` wins and the cell is reported.
 *
 * "Changed" is object identity for `mine` (the store replaces a cell's doc on
 * every change and `base` holds this tab's own doc objects), so a save costs
 * no comparison for untouched cells; `theirs` is compared by value, and only
 * for the cells this tab changed.
 */
import type { CellDoc, NotebookDoc } from "./model.ts";

export interface MergeResult {
  doc: NotebookDoc;
  /** Cells both sides changed differently (this tab's version was kept). */
  conflicts: string[];
  /** Whether the result differs from `mine` (another tab's work came in). */
  tookTheirs: boolean;
}

function byId(doc: NotebookDoc): Map<string, CellDoc> {
  return new Map(doc.cells.map((c) => [c.id, c]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * `primary`'s order, with the cells that only `secondary` has inserted after
 * their predecessor in `secondary` (or first when they have none).
 */
function weave(primary: string[], secondary: string[], keep: (id: string) => boolean): string[] {
  const out = primary.filter(keep);
  const present = new Set(out);
  let after: string | null = null;
  for (const id of secondary) {
    if (!present.has(id) && keep(id)) {
      const at = after === null ? 0 : out.indexOf(after) + 1;
      out.splice(at, 0, id);
      present.add(id);
    }
    if (present.has(id)) after = id;
  }
  return out;
}

export function mergeNotebooks(base: NotebookDoc, mine: NotebookDoc, theirs: NotebookDoc): MergeResult {
  const b = byId(base);
  const m = byId(mine);
  const t = byId(theirs);
  const chosen = new Map<string, CellDoc>();
  const conflicts: string[] = [];
  let tookTheirs = false;
  const ids = new Set([...b.keys(), ...m.keys(), ...t.keys()]);
  for (const id of ids) {
    const bc = b.get(id);
    const mc = m.get(id);
    const tc = t.get(id);
    if (mc !== bc) {
      // This tab added, edited or deleted the cell.
      const theyChanged = !(tc === undefined ? bc === undefined : bc !== undefined && sameValue(tc, bc));
      const differs = !(mc === undefined ? tc === undefined : tc !== undefined && sameValue(mc, tc));
      if (theyChanged && differs) conflicts.push(id);
      if (mc !== undefined) chosen.set(id, mc);
    } else if (tc !== undefined) {
      chosen.set(id, tc);
      if (mc === undefined || !sameValue(tc, mc)) tookTheirs = true;
    } else if (mc !== undefined) {
      tookTheirs = true; // deleted in the other tab
    }
  }
  const keep = (id: string) => chosen.has(id);
  const baseOrder = base.cells.map((c) => c.id);
  const mineOrder = mine.cells.map((c) => c.id);
  const theirOrder = theirs.cells.map((c) => c.id);
  const order = sameOrder(mineOrder, baseOrder)
    ? weave(theirOrder, mineOrder, keep)
    : weave(mineOrder, theirOrder, keep);
  if (!sameOrder(order, mineOrder)) tookTheirs = true;
  let metadata = mine.metadata;
  if (mine.metadata === base.metadata && !sameValue(theirs.metadata, base.metadata)) {
    metadata = theirs.metadata;
    tookTheirs = true;
  }
  const cells = order.flatMap((id) => {
    const cell = chosen.get(id);
    return cell === undefined ? [] : [cell];
  });
  return { doc: { metadata, cells }, conflicts, tookTheirs };
}
