/**
 * Share links: the state that reproduces what a teacher sees, in the URL hash.
 *
 * As in tensorflow/playground's state.ts, the shareable state is one typed
 * table (`SHARE_PROPS`): each row is a URL key, its kind, and how it is
 * written and read. The state holds the form parameters that differ from the
 * notebook as published (per cell id and parameter name) and the random seed;
 * if the notebook was edited beyond its parameters, the whole notebook goes
 * in, compressed with lz-string.
 *
 *   #v=1&seed=42&p.cell-5.depth=12&p.cell-5.activation=%22relu%22&nb=N4Ig...
 *
 * Links are untrusted: sizes are capped before any work, lz-string data is
 * decompressed with an output limit, everything is validated with zod, and
 * decoding never throws.
 */
import { pruneDeep } from "./json-depth.ts";
import { compressToEncodedURIComponent } from "lz-string";
import { z } from "zod";
import { type FormValue, parseForms, setParam } from "./forms.ts";
import { CELL_ID_PATTERN, type NotebookDoc } from "./model.ts";
import { notebookDocSchema } from "./persist.ts";

export interface ParamOverride {
  cellId: string;
  name: string;
  value: FormValue;
}

export interface ShareState {
  /** `np.random.seed` to apply before running, an integer in [0, 2**32 - 1]. */
  seed?: number;
  /** Form parameters changed from the published notebook, in notebook order. */
  params: ParamOverride[];
  /** The whole notebook (without outputs), when it was edited beyond its parameters. */
  notebook?: NotebookDoc;
}

export const SHARE_VERSION = 1;
export interface ShareLimits {
  hashChars: number;
  notebookChars: number;
  params: number;
  stringChars: number;
}

export const LIMITS: ShareLimits = {
  /** Longest hash accepted, in characters. */
  hashChars: 200_000,
  /** Largest decompressed notebook JSON, in characters. */
  notebookChars: 2_000_000,
  /** Most parameter overrides in one link. */
  params: 1_000,
  /** Longest string parameter value. */
  stringChars: 10_000,
};

type PropKind = "version" | "uint32" | "params" | "lz-notebook";

interface ShareProp {
  /** The URL key; for `params`, the prefix of `p.<cellId>.<name>` keys. */
  key: string;
  kind: PropKind;
  description: string;
}

/** Every key a share link can hold, in the order they are written. */
export const SHARE_PROPS: readonly ShareProp[] = [
  { key: "v", kind: "version", description: "share format version" },
  { key: "seed", kind: "uint32", description: "np.random.seed applied before the notebook runs" },
  { key: "p", kind: "params", description: "changed form parameters: p.<cellId>.<name>=<JSON value>" },
  { key: "nb", kind: "lz-notebook", description: "the whole edited notebook, lz-string compressed JSON" },
];

const PARAM_NAME = /^[A-Za-z_]\w*$/;
const UINT32_TEXT = /^(0|[1-9]\d{0,9})$/;
const LZ_URI_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";
const LZ_URI_TEXT = /^[A-Za-z0-9+\-$]*$/;

const seedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

/** A copy of the notebook without outputs: they are recomputed, and would bloat the link. */
function withoutOutputs(doc: NotebookDoc): NotebookDoc {
  return {
    metadata: doc.metadata,
    cells: doc.cells.map((c) => ({ ...c, outputs: [], execution_count: null })),
  };
}

/** The URL hash (without `#`) for `state`. Keys are written in `SHARE_PROPS` order. */
export function encodeShare(state: ShareState): string {
  const parts: string[] = [];
  for (const prop of SHARE_PROPS) {
    switch (prop.kind) {
      case "version":
        parts.push(`${prop.key}=${SHARE_VERSION}`);
        break;
      case "uint32":
        if (state.seed !== undefined) parts.push(`${prop.key}=${state.seed}`);
        break;
      case "params":
        for (const p of state.params) {
          parts.push(`${prop.key}.${p.cellId}.${p.name}=${encodeURIComponent(JSON.stringify(p.value))}`);
        }
        break;
      case "lz-notebook":
        if (state.notebook !== undefined) {
          parts.push(
            `${prop.key}=${compressToEncodedURIComponent(JSON.stringify(withoutOutputs(state.notebook)))}`,
          );
        }
        break;
      default: {
        const never: never = prop.kind;
        throw new Error(`unknown share prop kind ${String(never)}`);
      }
    }
  }
  return parts.join("&");
}

/**
 * Reads a share link's hash (with or without the leading `#`). Returns the
 * state, or `{ error }` with a message for the user. Unknown keys are ignored
 * so that links from later versions still open what they can.
 */
export function decodeShare(hash: string, limits: ShareLimits = LIMITS): ShareState | { error: string } {
  try {
    return decodeUnsafe(hash, limits);
  } catch (err) {
    // Every expected failure returns above; this is the promise never to throw on a link.
    return { error: `This link could not be read (${err instanceof Error ? err.message : String(err)}).` };
  }
}

function decodeUnsafe(hash: string, limits: ShareLimits): ShareState | { error: string } {
  if (hash.length > limits.hashChars) {
    return { error: `This link is too long (${hash.length} characters; the limit is ${limits.hashChars}).` };
  }
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  const state: ShareState = { params: [] };
  if (text === "") return state;
  /** Where each `cellId.name` is in `state.params`: a repeated key replaces the earlier value. */
  const paramIndex = new Map<string, number>();

  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? "" : part.slice(eq + 1);
    const prop = SHARE_PROPS.find((p) => (p.kind === "params" ? key.startsWith(`${p.key}.`) : key === p.key));
    if (prop === undefined) continue;
    switch (prop.kind) {
      case "version": {
        if (!UINT32_TEXT.test(raw)) return { error: "This link has an invalid format version." };
        if (Number(raw) > SHARE_VERSION) {
          return { error: "This link was made by a newer version of Initlab; reload the page to update." };
        }
        break;
      }
      case "uint32": {
        const seed = seedSchema.safeParse(UINT32_TEXT.test(raw) ? Number(raw) : Number.NaN);
        if (!seed.success)
          return { error: `The seed in this link must be an integer from 0 to ${2 ** 32 - 1}.` };
        state.seed = seed.data;
        break;
      }
      case "params": {
        const override = decodeParam(key.slice(prop.key.length + 1), raw, limits);
        if ("error" in override) return override;
        const slot = `${override.cellId}.${override.name}`;
        const existing = paramIndex.get(slot);
        if (existing !== undefined) state.params[existing] = override;
        else {
          paramIndex.set(slot, state.params.length);
          state.params.push(override);
        }
        if (state.params.length > limits.params) {
          return { error: `This link sets too many parameters (the limit is ${limits.params}).` };
        }
        break;
      }
      case "lz-notebook": {
        const notebook = decodeNotebook(raw, limits);
        if ("error" in notebook) return notebook;
        state.notebook = notebook.doc;
        break;
      }
      default: {
        const never: never = prop.kind;
        throw new Error(`unknown share prop kind ${String(never)}`);
      }
    }
  }
  return state;
}

function decodeParam(path: string, raw: string, limits: ShareLimits): ParamOverride | { error: string } {
  const dot = path.lastIndexOf(".");
  const cellId = path.slice(0, dot);
  const name = path.slice(dot + 1);
  if (dot < 0 || !CELL_ID_PATTERN.test(cellId) || !PARAM_NAME.test(name)) {
    return { error: `This link has a malformed parameter key "p.${path.slice(0, 80)}".` };
  }
  let json: unknown;
  try {
    json = JSON.parse(decodeURIComponent(raw));
  } catch {
    return { error: `The value of parameter "${name}" in this link is not readable.` };
  }
  const value = z
    .union([z.number().finite(), z.boolean(), z.string().max(limits.stringChars)])
    .safeParse(json);
  if (!value.success) {
    return {
      error: `The value of parameter "${name}" in this link must be a number, a boolean or a short text.`,
    };
  }
  return { cellId, name, value: value.data };
}

function decodeNotebook(raw: string, limits: ShareLimits): { doc: NotebookDoc } | { error: string } {
  const fail = { error: "The notebook in this link is damaged." };
  if (!LZ_URI_TEXT.test(raw)) return fail;
  const json = decompressUriBounded(raw, limits.notebookChars);
  if (json === "too-large") {
    return { error: `The notebook in this link is too large (over ${limits.notebookChars} characters).` };
  }
  if (json === null) return fail;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail;
  }
  pruneDeep(value); // zod and later saves recurse: no value nests deeper than MAX_JSON_DEPTH
  const doc = notebookDocSchema.safeParse(value);
  return doc.success ? { doc: doc.data } : fail;
}

/**
 * lz-string's `decompressFromEncodedURIComponent`, but giving up as soon as
 * the output passes `maxChars`: LZ codes can expand quadratically, so a short
 * hostile link could otherwise build gigabytes before any size check.
 * Returns null for corrupt input, as lz-string does.
 */
export function decompressUriBounded(input: string, maxChars: number): string | null | "too-large" {
  if (input === "") return null;
  const values: number[] = [];
  for (const ch of input.replace(/ /g, "+")) {
    const v = LZ_URI_ALPHABET.indexOf(ch);
    if (v < 0) return null;
    values.push(v);
  }
  const length = values.length;
  let val = values[0] ?? 0;
  let position = 32;
  let index = 1;
  const readBits = (n: number): number => {
    let bits = 0;
    for (let power = 1, i = 0; i < n; i++, power *= 2) {
      const bit = val & position;
      position >>= 1;
      if (position === 0) {
        position = 32;
        val = values[index++] ?? 0;
      }
      if (bit > 0) bits += power;
    }
    return bits;
  };

  const dictionary: string[] = [];
  let dictSize = 4;
  let enlargeIn = 4;
  let numBits = 3;
  let total = 0;
  const result: string[] = [];

  const first = readBits(2);
  let w: string;
  if (first === 0) w = String.fromCharCode(readBits(8));
  else if (first === 1) w = String.fromCharCode(readBits(16));
  else if (first === 2) return "";
  else return null;
  dictionary[3] = w;
  result.push(w);
  total = w.length;

  for (;;) {
    if (index > length) return "";
    let code = readBits(numBits);
    if (code === 0 || code === 1) {
      dictionary[dictSize++] = String.fromCharCode(readBits(code === 0 ? 8 : 16));
      code = dictSize - 1;
      enlargeIn--;
    } else if (code === 2) {
      return result.join("");
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    const known = code >= 3 ? dictionary[code] : undefined;
    if (known !== undefined) entry = known;
    else if (code === dictSize) entry = w + w.charAt(0);
    else return null;
    total += entry.length;
    if (total > maxChars) return "too-large";
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}

// ---------------------------------------------------------------------------
// From notebooks to share state and back
// ---------------------------------------------------------------------------

function sameExceptSource(a: NotebookDoc["cells"][number], b: NotebookDoc["cells"][number]): boolean {
  return a.id === b.id && a.cell_type === b.cell_type;
}

/**
 * The share state that turns `published` into `current`: only the changed
 * form parameters if that is all that changed, else the whole notebook.
 */
export function shareStateFor(published: NotebookDoc, current: NotebookDoc, seed?: number): ShareState {
  const state: ShareState = { params: [] };
  if (seed !== undefined) state.seed = seed;
  const whole = (): ShareState => ({ ...state, params: [], notebook: withoutOutputs(current) });
  if (published.cells.length !== current.cells.length) return whole();
  for (let i = 0; i < current.cells.length; i++) {
    const before = published.cells[i];
    const after = current.cells[i];
    if (before === undefined || after === undefined || !sameExceptSource(before, after)) return whole();
    if (before.source === after.source) continue;
    if (after.cell_type !== "code") return whole();
    const oldParams = parseForms(before.source).params;
    const newParams = parseForms(after.source).params;
    if (oldParams.length !== newParams.length) return whole();
    let rebuilt = before.source;
    for (const [k, p] of newParams.entries()) {
      const old = oldParams[k];
      if (old === undefined || old.name !== p.name) return whole();
      if (old.value !== p.value) {
        state.params.push({ cellId: after.id, name: p.name, value: p.value });
        rebuilt = setParam(rebuilt, p.name, p.value);
      }
    }
    // Same values but different text (say `0.10` for `0.1`) is an edit, not a parameter change.
    if (rebuilt !== after.source) return whole();
  }
  return state;
}

/**
 * The notebook a share link describes: its notebook (or `published`), with its
 * parameter overrides applied. Overrides that name no cell or parameter, or do
 * not fit the parameter's type, are skipped and listed in `problems`.
 */
export function applyShare(
  published: NotebookDoc,
  state: ShareState,
): { doc: NotebookDoc; problems: string[] } {
  const base = state.notebook ?? published;
  const problems: string[] = [];
  const cells = base.cells.map((c) => ({ ...c }));
  for (const p of state.params) {
    const cell = cells.find((c) => c.id === p.cellId);
    if (cell === undefined || cell.cell_type !== "code") {
      problems.push(`no code cell "${p.cellId}" for parameter "${p.name}"`);
      continue;
    }
    if (!parseForms(cell.source).params.some((q) => q.name === p.name)) {
      problems.push(`cell "${p.cellId}" has no parameter "${p.name}"`);
      continue;
    }
    const next = setParam(cell.source, p.name, p.value);
    const applied = parseForms(next).params.find((q) => q.name === p.name);
    if (applied?.value !== p.value) {
      problems.push(`parameter "${p.name}" cannot be ${JSON.stringify(p.value)}`);
      continue;
    }
    if (next !== cell.source) {
      cell.source = next;
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  return { doc: { metadata: base.metadata, cells }, problems };
}
