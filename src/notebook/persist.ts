/**
 * Saving the notebook in the browser (IndexedDB) so edits survive a reload.
 *
 * What is stored is a versioned JSON text. Stored data is untrusted (an older
 * build, a browser extension, a half-written value): it is validated with zod
 * on load, and data that does not validate is moved to a backup key rather
 * than overwritten, so nothing the user typed is ever destroyed.
 */
import { pruneDeep } from "./json-depth.ts";
import { createStore, del as idbDel, get as idbGet, set as idbSet } from "idb-keyval";
import { z } from "zod";
import type { MimeBundle, Output } from "../protocol.ts";
import { CELL_ID_PATTERN, type CellDoc, type NotebookDoc } from "./model.ts";

// ---------------------------------------------------------------------------
// Schemas for the notebook model (shared with share.ts)
// ---------------------------------------------------------------------------

const jsonObject = z.record(z.string(), z.unknown());

/** A mime bundle as the model holds it: any values, but `text/plain` is one string. */
export const mimeBundleSchema = jsonObject
  .refine((b) => b["text/plain"] === undefined || typeof b["text/plain"] === "string", {
    message: "text/plain must be a string",
  })
  .transform((b): MimeBundle => {
    const bundle: MimeBundle = {};
    for (const [mime, value] of Object.entries(b)) bundle[mime] = value;
    return bundle;
  });

export const outputSchema = z
  .discriminatedUnion("output_type", [
    z.object({ output_type: z.literal("stream"), name: z.enum(["stdout", "stderr"]), text: z.string() }),
    z.object({
      output_type: z.literal("execute_result"),
      execution_count: z.number().int().nullable(),
      data: mimeBundleSchema,
      metadata: jsonObject,
    }),
    z.object({ output_type: z.literal("display_data"), data: mimeBundleSchema, metadata: jsonObject }),
    z.object({
      output_type: z.literal("error"),
      ename: z.string(),
      evalue: z.string(),
      traceback: z.array(z.string()),
    }),
  ])
  .transform((o): Output => {
    switch (o.output_type) {
      case "stream":
        return { output_type: "stream", name: o.name, text: o.text };
      case "execute_result":
        return {
          output_type: "execute_result",
          execution_count: o.execution_count,
          data: o.data,
          metadata: o.metadata,
        };
      case "display_data":
        return { output_type: "display_data", data: o.data, metadata: o.metadata };
      case "error":
        return { output_type: "error", ename: o.ename, evalue: o.evalue, traceback: o.traceback };
      default: {
        const never: never = o;
        throw new Error(`unknown output ${String(never)}`);
      }
    }
  });

export const cellDocSchema = z
  .object({
    id: z.string().regex(CELL_ID_PATTERN),
    cell_type: z.enum(["code", "markdown", "raw"]),
    source: z.string(),
    outputs: z.array(outputSchema),
    execution_count: z.number().int().min(0).nullable(),
    metadata: jsonObject,
    attachments: z.record(z.string(), mimeBundleSchema).optional(),
  })
  .transform((c): CellDoc => {
    const cell: CellDoc = {
      id: c.id,
      cell_type: c.cell_type,
      source: c.source,
      outputs: c.outputs,
      execution_count: c.execution_count,
      metadata: c.metadata,
    };
    if (c.attachments !== undefined) cell.attachments = c.attachments;
    return cell;
  });

/** A `NotebookDoc` with unique, valid cell ids. */
export const notebookDocSchema = z
  .object({ metadata: jsonObject, cells: z.array(cellDocSchema) })
  .refine((nb) => new Set(nb.cells.map((c) => c.id)).size === nb.cells.length, {
    message: "cell ids must be unique",
  })
  .transform((nb): NotebookDoc => ({ metadata: nb.metadata, cells: nb.cells }));

// ---------------------------------------------------------------------------
// The saved state
// ---------------------------------------------------------------------------

export const SCHEMA_VERSION = 1;

export interface SavedUi {
  selectedId?: string | null;
  fontSize?: number;
  theme?: "system" | "light" | "dark";
}

export interface SavedState {
  schemaVersion: 1;
  /** Milliseconds since the epoch. */
  savedAt: number;
  notebook: NotebookDoc;
  ui?: SavedUi;
}

const savedUiSchema = z
  .object({
    selectedId: z.string().nullable().optional(),
    fontSize: z.number().finite().optional(),
    theme: z.enum(["system", "light", "dark"]).optional(),
  })
  .transform((u): SavedUi => {
    const ui: SavedUi = {};
    if (u.selectedId !== undefined) ui.selectedId = u.selectedId;
    if (u.fontSize !== undefined) ui.fontSize = u.fontSize;
    if (u.theme !== undefined) ui.theme = u.theme;
    return ui;
  });

const savedStateSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    savedAt: z.number().finite(),
    notebook: notebookDocSchema,
    ui: savedUiSchema.optional(),
  })
  .transform((s): SavedState => {
    const state: SavedState = { schemaVersion: s.schemaVersion, savedAt: s.savedAt, notebook: s.notebook };
    if (s.ui !== undefined) state.ui = s.ui;
    return state;
  });

/** The text to store for a notebook (and optional UI state) saved at `savedAt`. */
export function encodeSaved(notebook: NotebookDoc, savedAt: number, ui?: SavedUi): string {
  const state: SavedState = { schemaVersion: SCHEMA_VERSION, savedAt, notebook };
  if (ui !== undefined) state.ui = ui;
  return JSON.stringify(state);
}

export type DecodeResult = { ok: true; state: SavedState } | { ok: false; reason: string };

/** Validates stored data: the text `encodeSaved` made, or the same as an object. Never throws. */
export function decodeSaved(raw: unknown): DecodeResult {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
      pruneDeep(value);
    } catch {
      return { ok: false, reason: "the saved data is not valid JSON" };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "the saved data is not an object" };
  }
  const version = "schemaVersion" in value ? value.schemaVersion : undefined;
  if (version !== SCHEMA_VERSION) {
    const newer = typeof version === "number" && version > SCHEMA_VERSION;
    return {
      ok: false,
      reason: newer
        ? `it was saved by a newer version of Initlab (format ${version})`
        : `unknown save format ${JSON.stringify(version) ?? "(none)"}`,
    };
  }
  const parsed = savedStateSchema.safeParse(value);
  if (parsed.success) return { ok: true, state: parsed.data };
  const first = parsed.error.issues[0];
  const where = first === undefined ? "" : `${first.path.join(".")}: `;
  return { ok: false, reason: `the saved data is damaged (${where}${first?.message ?? "invalid"})` };
}

// ---------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------

/** The few async key-value operations persistence needs. */
export interface StorageAdapter {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** IndexedDB storage through idb-keyval, in its own database so it never meets other data. */
export function createIdbStorage(dbName = "initlab", storeName = "state"): StorageAdapter {
  const store = createStore(dbName, storeName);
  return {
    get: (key) => idbGet<unknown>(key, store),
    set: (key, value) => idbSet(key, value, store),
    del: (key) => idbDel(key, store),
  };
}

/** In-memory storage for tests and for browsers without IndexedDB. `entries` is the live map. */
export function createMemoryStorage(
  entries: Map<string, unknown> = new Map(),
): StorageAdapter & { entries: Map<string, unknown> } {
  return {
    entries,
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.set(key, value);
    },
    del: async (key) => {
      entries.delete(key);
    },
  };
}

export const DEFAULT_KEY = "initlab:notebook";
export const BACKUP_PREFIX = "initlab:backup:";

export interface LoadResult {
  /** The saved state, or null when there is none or it could not be used. */
  restored: SavedState | null;
  /** A message for the user when something went wrong; null otherwise. */
  notice: string | null;
  /** Where unusable data was moved to, if it was. */
  backupKey?: string;
  /** False when saving under `key` would overwrite data that could be neither used nor backed up. */
  safeToSave: boolean;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Loads the saved state under `key`. If it is there but does not validate, it
 * is copied to `initlab:backup:<now>`, removed from `key` (so the next save
 * does not fail on it again) and a notice explains where it went. Never throws:
 * storage errors become notices.
 */
export async function loadOrBackup(
  storage: StorageAdapter,
  key: string = DEFAULT_KEY,
  now: () => number = Date.now,
): Promise<LoadResult> {
  let raw: unknown;
  try {
    raw = await storage.get(key);
  } catch (err) {
    return {
      restored: null,
      notice: `Your saved notebook could not be read: ${errorText(err)}.`,
      safeToSave: false,
    };
  }
  if (raw === undefined) return { restored: null, notice: null, safeToSave: true };
  const decoded = decodeSaved(raw);
  if (decoded.ok) return { restored: decoded.state, notice: null, safeToSave: true };

  const backupKey = `${BACKUP_PREFIX}${now()}`;
  try {
    await storage.set(backupKey, raw);
  } catch (err) {
    // Without a backup, the original must stay where it is.
    return {
      restored: null,
      notice: `Your saved notebook could not be restored (${decoded.reason}) and could not be backed up: ${errorText(err)}. It was left in place.`,
      safeToSave: false,
    };
  }
  try {
    await storage.del(key);
  } catch {
    // The backup exists; a failed delete only means the next save overwrites the original.
  }
  return {
    restored: null,
    notice: `Your saved notebook could not be restored (${decoded.reason}). A copy was kept under "${backupKey}"; the notebook was opened fresh.`,
    backupKey,
    safeToSave: true,
  };
}

/** Saves the notebook under `key`. Rejects if the storage does (quota, private mode). */
export async function saveNotebook(
  storage: StorageAdapter,
  notebook: NotebookDoc,
  options: { key?: string; now?: () => number; ui?: SavedUi } = {},
): Promise<void> {
  const savedAt = (options.now ?? Date.now)();
  await storage.set(options.key ?? DEFAULT_KEY, encodeSaved(notebook, savedAt, options.ui));
}
