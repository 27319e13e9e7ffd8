/**
 * Notebook files and links for the page: reading an opened or dropped file,
 * writing a download, and making and opening share links.
 */
import { type FormValue, parseForms, setParam } from "../notebook/forms.ts";
import { parseIpynb, parsePercentPy, toIpynb, toPercentPy } from "../notebook/ipynb.ts";
import type { NotebookDoc } from "../notebook/model.ts";
import { applyShare, decodeShare, encodeShare, shareStateFor } from "../notebook/share.ts";
import { RENDERED_MIMES } from "./outputs/plan.ts";

/** Largest file the page opens, in characters: a notebook with figures is a few MB. */
export const MAX_FILE_CHARS = 50_000_000;

export type Opened = { doc: NotebookDoc; skipped: string[] } | { error: string };

/** Reads a notebook file: `.py` as jupytext percent, anything else as nbformat 4 JSON. */
export function readNotebookFile(name: string, text: string): Opened {
  if (text.length > MAX_FILE_CHARS) return { error: `${name} is too large to open.` };
  try {
    if (/\.py$/i.test(name)) return { doc: parsePercentPy(text), skipped: [] };
    const { doc, skipped } = parseIpynb(text);
    return { doc, skipped: [...skipped, ...unrenderedOutputs(doc)] };
  } catch (err) {
    return { error: `${name} could not be opened: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const SHOWN_MIMES = new Set([...RENDERED_MIMES, "application/vnd.plotly.v1+json"]);

/** Outputs whose mime types the page does not draw (widgets, JavaScript), for the open notice. */
export function unrenderedOutputs(doc: NotebookDoc): string[] {
  const notes: string[] = [];
  doc.cells.forEach((cell, i) => {
    cell.outputs.forEach((output, k) => {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result") return;
      const others = Object.keys(output.data).filter((mime) => !SHOWN_MIMES.has(mime));
      if (others.length === 0) return;
      const how = typeof output.data["text/plain"] === "string" ? "shown as its text" : "not shown";
      notes.push(`cell ${i + 1} output ${k + 1}: ${others.join(", ")} ${how}`);
    });
  });
  return notes;
}

/** The notice for an opened file: what was kept as raw text or not drawn, if anything. */
export function openedMessage(name: string, skipped: readonly string[]): string {
  if (skipped.length === 0) return `Opened ${name}.`;
  const shown = skipped.slice(0, 5).join("; ");
  const more = skipped.length > 5 ? `; and ${skipped.length - 5} more` : "";
  return `Opened ${name}. Some parts cannot be shown as they are: ${shown}${more}.`;
}

export function exportIpynb(doc: NotebookDoc): string {
  return toIpynb(doc);
}

export function exportPercentPy(doc: NotebookDoc): string {
  return toPercentPy(doc);
}

/** Starts a download of `text` as a file. */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const SEED_NAME = "seed";

/** The `seed` form parameter's value, if a code cell has one that is a valid numpy seed. */
export function seedOf(doc: NotebookDoc): number | undefined {
  for (const cell of doc.cells) {
    if (cell.cell_type !== "code") continue;
    const p = parseForms(cell.source).params.find((q) => q.name === SEED_NAME);
    const v = p?.value;
    if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 2 ** 32 - 1) return v;
  }
  return undefined;
}

/** The link that opens `current` from `lesson`: changed parameters and the seed, or the whole notebook. */
export function shareLink(base: string, lesson: NotebookDoc, current: NotebookDoc): string {
  const hash = encodeShare(shareStateFor(lesson, current, seedOf(current)));
  return `${base.replace(/#.*$/, "")}#${hash}`;
}

export type SharedOpen = { doc: NotebookDoc; problems: string[] } | { error: string };

/** The notebook a link's hash describes. The seed is written into the `seed` parameter. */
export function openShared(lesson: NotebookDoc, hash: string): SharedOpen {
  const state = decodeShare(hash);
  if ("error" in state) return state;
  const { doc, problems } = applyShare(lesson, state);
  const seed = state.seed;
  if (seed === undefined) return { doc, problems };
  const cells = doc.cells.map((cell) => {
    if (cell.cell_type !== "code") return cell;
    const has = parseForms(cell.source).params.some((p) => p.name === SEED_NAME);
    const value: FormValue = seed;
    return has ? { ...cell, source: setParam(cell.source, SEED_NAME, value) } : cell;
  });
  return { doc: { ...doc, cells }, problems };
}
