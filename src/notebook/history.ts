/**
 * The history of replaced notebooks: before Open…, Reset lesson or a share
 * link replaces the notebook, the one it replaces is kept here, in the same
 * storage as the autosave, so "Restore previous notebook" can bring it back
 * after a reload too. The newest `HISTORY_LIMIT` entries are kept.
 */
import { z } from "zod";
import type { NotebookDoc } from "./model.ts";
import { notebookDocSchema, type StorageAdapter } from "./persist.ts";

export const HISTORY_KEY = "initlab:history";
export const HISTORY_LIMIT = 10;

export interface HistoryEntry {
  /** Milliseconds since the epoch, when it was replaced. */
  at: number;
  /** Why it was replaced, for the list: "Opened a file", "Reset lesson", … */
  reason: string;
  notebook: NotebookDoc;
}

const entrySchema = z
  .object({ at: z.number().finite(), reason: z.string(), notebook: notebookDocSchema })
  .transform((e): HistoryEntry => ({ at: e.at, reason: e.reason, notebook: e.notebook }));

/** The stored entries, newest first; entries that do not validate are skipped. Never throws. */
export async function readHistory(storage: StorageAdapter, key = HISTORY_KEY): Promise<HistoryEntry[]> {
  let raw: unknown;
  try {
    raw = await storage.get(key);
  } catch {
    return [];
  }
  if (typeof raw !== "string") return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    const parsed = entrySchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

function sameDoc(a: NotebookDoc, b: NotebookDoc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Adds `notebook` as the newest entry (unless it equals the newest already). Rejects if storage does. */
export async function pushHistory(
  storage: StorageAdapter,
  entry: HistoryEntry,
  key = HISTORY_KEY,
): Promise<HistoryEntry[]> {
  const list = await readHistory(storage, key);
  const newest = list[0];
  if (newest !== undefined && sameDoc(newest.notebook, entry.notebook)) return list;
  const next = [entry, ...list].slice(0, HISTORY_LIMIT);
  await storage.set(key, JSON.stringify(next));
  return next;
}

/** Removes the newest entry and returns it (null when the history is empty). */
export async function popHistory(storage: StorageAdapter, key = HISTORY_KEY): Promise<HistoryEntry | null> {
  const [newest, ...rest] = await readHistory(storage, key);
  if (newest === undefined) return null;
  await storage.set(key, JSON.stringify(rest));
  return newest;
}
