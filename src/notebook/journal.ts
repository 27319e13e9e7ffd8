/**
 * The last-moment journal: when the page goes away (`pagehide`) with edits
 * that autosave has not written yet, their cells are written synchronously to
 * localStorage, because an IndexedDB write started then may never finish.
 * The next load applies the journal over the saved notebook, if no save
 * happened after it, and then clears it.
 *
 * Only the cells this tab changed since its last save are journaled (by
 * object identity against the saved base, as in merge.ts), so a journal never
 * carries stale copies of another tab's cells.
 */
import { z } from "zod";
import { CELL_ID_PATTERN, type CellDoc, makeCell, type NotebookDoc } from "./model.ts";

/** The synchronous part of `localStorage` the journal needs. */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const JOURNAL_KEY = "initlab:journal";

const journalSchema = z.object({
  at: z.number().finite(),
  cells: z.array(
    z.object({
      id: z.string().regex(CELL_ID_PATTERN),
      cell_type: z.enum(["code", "markdown", "raw"]),
      source: z.string(),
      /** The cell before it in the tab's order, for a cell the saved notebook lacks. */
      after: z.string().nullable(),
    }),
  ),
});
type Journal = z.infer<typeof journalSchema>;

/** Journals the cells of `mine` that differ from `base`. Returns how many; never throws. */
export function writeJournal(
  storage: SyncStorage,
  base: NotebookDoc,
  mine: NotebookDoc,
  at: number,
  key = JOURNAL_KEY,
): number {
  const saved = new Map(base.cells.map((c) => [c.id, c]));
  const cells: Journal["cells"] = [];
  let after: string | null = null;
  for (const cell of mine.cells) {
    if (saved.get(cell.id) !== cell) {
      cells.push({ id: cell.id, cell_type: cell.cell_type, source: cell.source, after });
    }
    after = cell.id;
  }
  if (cells.length === 0) return 0;
  const journal: Journal = { at, cells };
  try {
    storage.setItem(key, JSON.stringify(journal));
    return cells.length;
  } catch {
    return 0; // quota or private mode: nothing more can be done while the page unloads
  }
}

export function clearJournal(storage: SyncStorage, key = JOURNAL_KEY): void {
  try {
    storage.removeItem(key);
  } catch {
    // Storage refused: the journal stays and is ignored once a later save exists.
  }
}

/**
 * `doc` with the journal's cells applied, when the journal is newer than the
 * save `savedAt` (null: nothing was saved); `applied` counts the cells that
 * changed. A journal that is damaged or older is ignored.
 */
export function applyJournal(
  storage: SyncStorage,
  doc: NotebookDoc,
  savedAt: number | null,
  key = JOURNAL_KEY,
): { doc: NotebookDoc; applied: number } {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return { doc, applied: 0 };
  }
  if (raw === null) return { doc, applied: 0 };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { doc, applied: 0 };
  }
  const parsed = journalSchema.safeParse(value);
  if (!parsed.success || (savedAt !== null && parsed.data.at <= savedAt)) return { doc, applied: 0 };
  const cells: CellDoc[] = [...doc.cells];
  let applied = 0;
  for (const entry of parsed.data.cells) {
    const at = cells.findIndex((c) => c.id === entry.id);
    const old = cells[at];
    if (old !== undefined) {
      if (old.source !== entry.source || old.cell_type !== entry.cell_type) {
        cells[at] =
          old.cell_type === entry.cell_type
            ? { ...old, source: entry.source }
            : { ...makeCell(entry.cell_type, entry.source, entry.id), metadata: old.metadata };
        applied++;
      }
      continue;
    }
    const prev = entry.after === null ? -1 : cells.findIndex((c) => c.id === entry.after);
    cells.splice(prev + 1, 0, makeCell(entry.cell_type, entry.source, entry.id));
    applied++;
  }
  return { doc: { ...doc, cells }, applied };
}
