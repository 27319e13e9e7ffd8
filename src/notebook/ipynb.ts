/**
 * Reading and writing notebooks: nbformat 4 `.ipynb` JSON and the jupytext
 * "percent" `.py` format.
 *
 * Files are untrusted input: everything is validated with zod, and anything
 * we cannot represent is kept (as a raw cell or a text output) and reported in
 * `skipped` so the page can tell the user, rather than dropped silently.
 */
import { z } from "zod";
import type { MimeBundle, Output } from "../protocol.ts";
import { CELL_ID_PATTERN, type CellDoc, type CellType, type JsonObject, type NotebookDoc } from "./model.ts";
import { MAX_JSON_DEPTH, pruneDeep } from "./json-depth.ts";
import { savedOutput } from "./outputs.ts";

export type { CellDoc, NotebookDoc } from "./model.ts";

// ---------------------------------------------------------------------------
// The official nbformat v4.5 schema, as zod
// ---------------------------------------------------------------------------

/** nbformat's `multiline_string`: one string or a list of lines. */
const multilineString = z.union([z.string(), z.array(z.string())]);

/** Mime types whose value is JSON of any shape (the schema's patternProperties). */
const JSON_MIME = /^application\/(.*\+)?json$/;

/** `misc/mimebundle`: every non-JSON mime type holds a multiline string. */
const mimebundle = z.record(z.string(), z.unknown()).superRefine((bundle, ctx) => {
  for (const [mime, value] of Object.entries(bundle)) {
    if (!JSON_MIME.test(mime) && !multilineString.safeParse(value).success) {
      ctx.addIssue({
        code: "custom",
        path: [mime],
        message: `${mime} must be a string or a list of strings`,
      });
    }
  }
});

const executionCount = z.union([z.number().int().min(0), z.null()]);
const cellId = z.string().regex(CELL_ID_PATTERN, "cell id must be 1-64 chars of [a-zA-Z0-9-_]");
const metadataName = z.string().regex(/^.+$/);
const metadataTags = z
  .array(z.string().regex(/^[^,]+$/, "tags must not contain commas"))
  .refine((tags) => new Set(tags).size === tags.length, "tags must be unique");
const attachments = z.record(z.string(), mimebundle);

const outputSchema45 = z.discriminatedUnion("output_type", [
  z.strictObject({
    output_type: z.literal("execute_result"),
    execution_count: executionCount,
    data: mimebundle,
    metadata: z.looseObject({}),
  }),
  z.strictObject({
    output_type: z.literal("display_data"),
    data: mimebundle,
    metadata: z.looseObject({}),
  }),
  z.strictObject({ output_type: z.literal("stream"), name: z.string(), text: multilineString }),
  z.strictObject({
    output_type: z.literal("error"),
    ename: z.string(),
    evalue: z.string(),
    traceback: z.array(z.string()),
  }),
]);

const jupyterMeta = z.looseObject({
  source_hidden: z.boolean().optional(),
  outputs_hidden: z.boolean().optional(),
});

const cellSchema45 = z.discriminatedUnion("cell_type", [
  z.strictObject({
    id: cellId,
    cell_type: z.literal("raw"),
    metadata: z.looseObject({
      format: z.string().optional(),
      jupyter: z.looseObject({}).optional(),
      name: metadataName.optional(),
      tags: metadataTags.optional(),
    }),
    attachments: attachments.optional(),
    source: multilineString,
  }),
  z.strictObject({
    id: cellId,
    cell_type: z.literal("markdown"),
    metadata: z.looseObject({
      name: metadataName.optional(),
      tags: metadataTags.optional(),
      jupyter: z.looseObject({}).optional(),
    }),
    attachments: attachments.optional(),
    source: multilineString,
  }),
  z.strictObject({
    id: cellId,
    cell_type: z.literal("code"),
    metadata: z.looseObject({
      jupyter: jupyterMeta.optional(),
      execution: z.record(z.string(), z.string()).optional(),
      collapsed: z.boolean().optional(),
      scrolled: z.union([z.boolean(), z.literal("auto")]).optional(),
      name: metadataName.optional(),
      tags: metadataTags.optional(),
    }),
    source: multilineString,
    outputs: z.array(outputSchema45),
    execution_count: executionCount,
  }),
]);

/**
 * The nbformat v4.5 JSON schema (nbformat/v4/nbformat.v4.5.schema.json) in zod:
 * the same required keys per cell and output type, `additionalProperties:
 * false` on the notebook, cells and outputs, open metadata objects. One check
 * goes beyond the JSON schema but matches `nbformat.validate`: cell ids are unique.
 */
export const nbformat45Schema = z
  .strictObject({
    metadata: z.looseObject({
      kernelspec: z.looseObject({ name: z.string(), display_name: z.string() }).optional(),
      language_info: z
        .looseObject({
          name: z.string(),
          codemirror_mode: z.union([z.string(), z.looseObject({})]).optional(),
          file_extension: z.string().optional(),
          mimetype: z.string().optional(),
          pygments_lexer: z.string().optional(),
        })
        .optional(),
      orig_nbformat: z.number().int().min(1).optional(),
      title: z.string().optional(),
      authors: z.array(z.unknown()).optional(),
    }),
    nbformat_minor: z.number().int().min(5),
    nbformat: z.literal(4),
    cells: z.array(cellSchema45),
  })
  .superRefine((nb, ctx) => {
    const seen = new Set<string>();
    nb.cells.forEach((cell, i) => {
      if (seen.has(cell.id)) {
        ctx.addIssue({ code: "custom", path: ["cells", i, "id"], message: `duplicate cell id "${cell.id}"` });
      }
      seen.add(cell.id);
    });
  });

/** Errors of `json` against the nbformat 4.5 schema, as `path: message` lines; empty when valid. */
export function validateNbformat45(json: unknown): string[] {
  const result = nbformat45Schema.safeParse(json);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

// ---------------------------------------------------------------------------
// Reading .ipynb
// ---------------------------------------------------------------------------

/** Just enough of the top level to tell which format the file is in. */
const looseNotebook = z.looseObject({
  nbformat: z.number(),
  nbformat_minor: z.number().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  cells: z.array(z.unknown()).optional(),
  worksheets: z.unknown().optional(),
});

const looseCell = z.looseObject({
  cell_type: z.string(),
  id: z.unknown().optional(),
  source: multilineString.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  outputs: z.array(z.unknown()).optional(),
  execution_count: z.unknown().optional(),
  attachments: z.record(z.string(), z.unknown()).optional(),
});

const looseOutput = z.looseObject({ output_type: z.string() });

export interface ParseOptions {
  /** Makes ids for cells that have none (nbformat < 4.5) or an invalid or duplicate one. */
  newId?: (index: number, taken: ReadonlySet<string>) => string;
}

/** Deterministic ids (`cell-1`, `cell-2`, ...) so that share links keep working for id-less files. */
function defaultNewId(index: number, taken: ReadonlySet<string>): string {
  let id = `cell-${index + 1}`;
  for (let k = 2; taken.has(id); k++) id = `cell-${index + 1}-${k}`;
  return id;
}

function joinLines(value: string | string[]): string {
  return typeof value === "string" ? value : value.join("");
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A mime bundle with list-of-lines text joined; keys we cannot hold are reported and dropped. */
function readBundle(raw: unknown, where: string, skipped: string[]): MimeBundle {
  const bundle: MimeBundle = {};
  if (!isPlainObject(raw)) {
    skipped.push(`${where}: output data is not an object; dropped`);
    return bundle;
  }
  for (const [mime, value] of Object.entries(raw)) {
    if (JSON_MIME.test(mime)) {
      bundle[mime] = value;
      continue;
    }
    const text = multilineString.safeParse(value);
    if (text.success) bundle[mime] = joinLines(text.data);
    else skipped.push(`${where}: ${mime} is not text; dropped`);
  }
  return bundle;
}

function metadataOf(raw: unknown): JsonObject {
  return isPlainObject(raw) ? raw : {};
}

/** A text stand-in for an output we cannot show, keeping the original for the curious. */
function unsupportedOutput(original: unknown, kind: string): Output {
  return {
    output_type: "display_data",
    data: { "text/plain": `[output of type "${kind}" is not supported here]` },
    metadata: { initlab: { unsupported: original } },
  };
}

function readOutput(raw: unknown, where: string, skipped: string[]): Output {
  const head = looseOutput.safeParse(raw);
  if (!head.success) {
    skipped.push(`${where}: output without an output_type kept as text`);
    return unsupportedOutput(raw, "unknown");
  }
  const o = head.data;
  switch (o.output_type) {
    case "stream": {
      const text = multilineString.safeParse(o.text);
      if (!text.success) break;
      const name = o.name === "stderr" ? "stderr" : "stdout";
      if (o.name !== "stdout" && o.name !== "stderr") {
        skipped.push(`${where}: stream "${String(o.name)}" shown as stdout`);
      }
      return { output_type: "stream", name, text: joinLines(text.data) };
    }
    case "execute_result": {
      const count = z.union([z.number().int(), z.null()]).safeParse(o.execution_count ?? null);
      return {
        output_type: "execute_result",
        execution_count: count.success ? count.data : null,
        data: readBundle(o.data, where, skipped),
        metadata: metadataOf(o.metadata),
      };
    }
    case "display_data":
      return {
        output_type: "display_data",
        data: readBundle(o.data, where, skipped),
        metadata: metadataOf(o.metadata),
      };
    case "error": {
      const e = z
        .object({ ename: z.string(), evalue: z.string(), traceback: z.array(z.string()) })
        .safeParse(o);
      if (!e.success) break;
      return {
        output_type: "error",
        ename: e.data.ename,
        evalue: e.data.evalue,
        traceback: e.data.traceback,
      };
    }
    default:
      break;
  }
  skipped.push(`${where}: output of type "${o.output_type}" kept as text`);
  return unsupportedOutput(raw, o.output_type);
}

function readAttachments(
  raw: Record<string, unknown>,
  where: string,
  skipped: string[],
): Record<string, MimeBundle> {
  const out: Record<string, MimeBundle> = {};
  for (const [name, bundle] of Object.entries(raw)) out[name] = readBundle(bundle, where, skipped);
  return out;
}

/**
 * Reads any nbformat 4.x notebook (4.0 to 4.5 and later minors).
 *
 * Throws an `Error` with a message for the user when the text is not JSON or
 * not an nbformat 4 notebook. Everything else is kept: unknown cell types
 * become raw cells, unknown outputs become text outputs, each with a line in
 * `skipped`. Missing, invalid or duplicate cell ids are replaced.
 */
export function parseIpynb(
  text: string,
  options: ParseOptions = {},
): { doc: NotebookDoc; skipped: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("This file is not a notebook: it is not valid JSON.");
  }
  // Export, saving and share links recurse: values nested deeper than MAX_JSON_DEPTH are dropped here.
  const deep = pruneDeep(json);
  const top = looseNotebook.safeParse(json);
  if (!top.success) {
    throw new Error("This file is not a Jupyter notebook: it has no nbformat version.");
  }
  const nb = top.data;
  if (nb.nbformat !== 4) {
    throw new Error(
      `This notebook is in nbformat ${nb.nbformat}; only nbformat 4 is supported. ` +
        "Open and save it in a recent Jupyter to convert it.",
    );
  }
  if (nb.cells === undefined) {
    throw new Error("This notebook has no list of cells.");
  }

  const newId = options.newId ?? defaultNewId;
  const skipped: string[] = deep
    .slice(0, 5)
    .map((path) => `${path}: nested deeper than ${MAX_JSON_DEPTH} levels; dropped`);
  if (deep.length > 5) skipped.push(`${deep.length - 5} more values nested too deeply; dropped`);
  const taken = new Set<string>();
  // Valid ids are claimed first so that a generated id never steals one a later cell already has.
  for (const raw of nb.cells) {
    const c = looseCell.safeParse(raw);
    if (c.success && typeof c.data.id === "string" && CELL_ID_PATTERN.test(c.data.id)) taken.add(c.data.id);
  }
  const used = new Set<string>();
  const cells: CellDoc[] = [];

  nb.cells.forEach((raw, index) => {
    const where = `cell ${index + 1}`;
    const parsed = looseCell.safeParse(raw);
    if (!parsed.success) {
      skipped.push(`${where}: not a valid cell; kept as a raw cell with its JSON`);
      const id = newId(index, taken);
      taken.add(id);
      used.add(id);
      cells.push({
        id,
        cell_type: "raw",
        source: JSON.stringify(raw, null, 1),
        outputs: [],
        execution_count: null,
        metadata: {},
      });
      return;
    }
    const c = parsed.data;
    let id: string;
    if (typeof c.id === "string" && CELL_ID_PATTERN.test(c.id) && !used.has(c.id)) {
      id = c.id;
    } else {
      id = newId(index, taken);
      taken.add(id);
    }
    used.add(id);

    let cellType: CellType;
    const metadata = { ...(c.metadata ?? {}) };
    if (c.cell_type === "code" || c.cell_type === "markdown" || c.cell_type === "raw") {
      cellType = c.cell_type;
    } else {
      skipped.push(`${where}: unknown cell type "${c.cell_type}" kept as a raw cell`);
      cellType = "raw";
      metadata.initlab = { original_cell_type: c.cell_type };
    }

    const cell: CellDoc = {
      id,
      cell_type: cellType,
      source: joinLines(c.source ?? ""),
      outputs: [],
      execution_count: null,
      metadata,
    };
    if (cellType === "code") {
      cell.outputs = (c.outputs ?? []).map((o, k) => readOutput(o, `${where} output ${k + 1}`, skipped));
      const count = z.number().int().min(0).safeParse(c.execution_count);
      cell.execution_count = count.success ? count.data : null;
    } else if (c.attachments !== undefined) {
      cell.attachments = readAttachments(c.attachments, where, skipped);
    }
    cells.push(cell);
  });

  return { doc: { metadata: { ...(nb.metadata ?? {}) }, cells }, skipped };
}

// ---------------------------------------------------------------------------
// Writing .ipynb
// ---------------------------------------------------------------------------

/** Python's `str.splitlines(keepends=True)` for "\n" endings, as Jupyter stores `source`. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  return text.split(/(?<=\n)/);
}

/** JSON with sorted keys and one-space indent, like `nbformat.write`, so diffs stay small. */
function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 1);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

/** Makes every id valid for nbformat 4.5 and unique, changing only the ones that are not. */
function exportIds(cells: readonly CellDoc[]): string[] {
  const ids: string[] = [];
  const used = new Set<string>();
  cells.forEach((cell, index) => {
    let id = cell.id.replace(/[^a-zA-Z0-9-_]/g, "-").slice(0, 64);
    if (id === "") id = `cell-${index + 1}`;
    for (let k = 2; used.has(id); k++) id = `${id.slice(0, 56)}-${k}`;
    used.add(id);
    ids.push(id);
  });
  return ids;
}

/** The notebook as the JSON object `toIpynb` writes (nbformat 4.5). */
export function toIpynbJson(doc: NotebookDoc): JsonObject {
  const ids = exportIds(doc.cells);
  const cells = doc.cells.map((cell, index): JsonObject => {
    const base: JsonObject = {
      id: ids[index],
      cell_type: cell.cell_type,
      metadata: cell.metadata,
      source: splitLines(cell.source),
    };
    switch (cell.cell_type) {
      case "code":
        return { ...base, execution_count: cell.execution_count, outputs: cell.outputs.map(savedOutput) };
      case "markdown":
      case "raw":
        return cell.attachments === undefined ? base : { ...base, attachments: cell.attachments };
      default: {
        const never: never = cell.cell_type;
        throw new Error(`unknown cell type ${String(never)}`);
      }
    }
  });
  const { orig_nbformat: _dropped, ...metadata } = doc.metadata;
  const languageInfo = doc.metadata.language_info;
  return {
    cells,
    metadata: {
      ...metadata,
      kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
      language_info:
        isPlainObject(languageInfo) && languageInfo.name === "python" ? languageInfo : { name: "python" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** The notebook as nbformat 4.5 `.ipynb` text, formatted like Jupyter writes it. */
export function toIpynb(doc: NotebookDoc): string {
  return `${stableStringify(toIpynbJson(doc))}\n`;
}

// ---------------------------------------------------------------------------
// jupytext percent format
// ---------------------------------------------------------------------------

const MARKER = /^# %%(?!%)(.*)$/;
/** IPython magics are commented out in .py files so the file stays valid Python (as jupytext does). */
const MAGIC = /^%(?!%)[A-Za-z]/;
const COMMENTED_MAGIC = /^# (%(?!%)[A-Za-z].*)$/;

function uncomment(line: string): string {
  if (line === "#") return "";
  if (line.startsWith("# ")) return line.slice(2);
  if (line.startsWith("#")) return line.slice(1);
  return line;
}

function markerType(rest: string): CellType {
  const tag = /\[(\w+)\]/.exec(rest)?.[1];
  if (tag === "markdown" || tag === "md") return "markdown";
  if (tag === "raw") return "raw";
  return "code";
}

/** Drops blank lines at both ends: they separate cells in the file, not part of a cell. */
function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === "") start++;
  while (end > start && lines[end - 1]?.trim() === "") end--;
  return lines.slice(start, end);
}

/**
 * Reads a jupytext percent-format script: `# %%` starts a code cell,
 * `# %% [markdown]` (or `[md]`) and `# %% [raw]` start cells whose lines are
 * commented with `# `. A YAML header between `# ---` lines is skipped; text
 * before the first marker is a code cell. Cell ids are `cell-1`, `cell-2`, ...
 */
export function parsePercentPy(text: string): NotebookDoc {
  let lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[0] === "# ---") {
    const close = lines.indexOf("# ---", 1);
    if (close > 0) lines = lines.slice(close + 1);
  }
  const chunks: { type: CellType; lines: string[] }[] = [];
  let current: { type: CellType; lines: string[] } = { type: "code", lines: [] };
  for (const line of lines) {
    const m = MARKER.exec(line);
    if (m) {
      chunks.push(current);
      current = { type: markerType(m[1] ?? ""), lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  chunks.push(current);

  const cells: CellDoc[] = [];
  chunks.forEach((chunk, index) => {
    const body = trimBlankLines(chunk.lines);
    // The implicit cell before the first marker only counts when it has content.
    if (index === 0 && body.length === 0) return;
    const source =
      chunk.type === "code"
        ? body.map((l) => COMMENTED_MAGIC.exec(l)?.[1] ?? l).join("\n")
        : body.map(uncomment).join("\n");
    cells.push({
      id: `cell-${cells.length + 1}`,
      cell_type: chunk.type,
      source,
      outputs: [],
      execution_count: null,
      metadata: {},
    });
  });
  return { metadata: {}, cells };
}

const PERCENT_HEADER = [
  "# ---",
  "# jupyter:",
  "#   kernelspec:",
  "#     display_name: Python 3",
  "#     language: python",
  "#     name: python3",
  "# ---",
];

/**
 * The notebook as a jupytext percent-format script (outputs are not kept).
 * `parsePercentPy(toPercentPy(doc))` gives back the cell types and sources,
 * provided sources have no blank lines at their ends.
 */
export function toPercentPy(doc: NotebookDoc): string {
  const parts: string[] = [PERCENT_HEADER.join("\n")];
  for (const cell of doc.cells) {
    const lines = cell.source === "" ? [] : cell.source.split("\n");
    switch (cell.cell_type) {
      case "code":
        parts.push(["# %%", ...lines.map((l) => (MAGIC.test(l) ? `# ${l}` : l))].join("\n"));
        break;
      case "markdown":
      case "raw":
        parts.push([`# %% [${cell.cell_type}]`, ...lines.map((l) => (l === "" ? "#" : `# ${l}`))].join("\n"));
        break;
      default: {
        const never: never = cell.cell_type;
        throw new Error(`unknown cell type ${String(never)}`);
      }
    }
  }
  return `${parts.join("\n\n")}\n`;
}
