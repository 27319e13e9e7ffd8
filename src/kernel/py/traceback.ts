/**
 * IPython-style tracebacks (`%xmode Context`, IPython 8) as plain text lines:
 *
 *   ---------------------------------------------------------------------------
 *   ZeroDivisionError                         Traceback (most recent call last)
 *   Cell In[4], line 1
 *   ----> 1 f(0)
 *
 *   Cell In[3], line 2, in f(x)
 *         1 def f(x):
 *   ----> 2     return 1 / x
 *
 *   ZeroDivisionError: division by zero
 *
 * Each frame shows up to two lines of context on either side, numbered in a
 * 7-character column with the arrow `---->` on the failing line.
 */
import type { ErrorOutput } from "../../protocol.ts";
import type { PyException, TraceFrame } from "./errors.ts";

const WIDTH = 75;
const NUMBERS_WIDTH = 7;
const CONTEXT = 2;

/** `ExcName: message`, or just `ExcName` when the message is empty (as CPython prints it). */
export function exceptionLine(ename: string, evalue: string): string {
  return evalue === "" ? ename : `${ename}: ${evalue}`;
}

function frameText(fr: TraceFrame): string {
  const where = fr.func === null ? "" : `, in ${fr.func}`;
  const lines = fr.text.split("\n");
  const first = Math.max(1, fr.line - CONTEXT);
  const last = Math.min(lines.length, fr.line + CONTEXT);
  let out = `${fr.source}, line ${fr.line}${where}\n`;
  for (let i = first; i <= last; i++) {
    const code = lines[i - 1] ?? "";
    const num = String(i);
    if (i === fr.line) {
      const pad = NUMBERS_WIDTH - num.length;
      out += `${"-".repeat(Math.max(0, pad - 2))}> ${num} ${code}\n`;
    } else {
      out += `${num.padStart(NUMBERS_WIDTH)} ${code}\n`;
    }
  }
  return out;
}

/** The traceback lines of an exception in IPython's context mode. */
export function contextTraceback(e: PyException, source: string): string[] {
  const line = exceptionLine(e.pyName, e.message);
  if (e.syntax) {
    const { line: ln, column, text } = e.syntax;
    const trimmed = text.trimStart();
    const caretCol = Math.max(0, column - 1 - (text.length - trimmed.length));
    return [`  ${source}, line ${ln}\n    ${trimmed}\n    ${" ".repeat(caretCol)}^\n`, line];
  }
  const head = `${"-".repeat(WIDTH)}\n${e.pyName.padEnd(WIDTH - "Traceback (most recent call last)".length)}Traceback (most recent call last)`;
  return [head, ...collapseRepeated(e.frames), line];
}

/** A frame key that repeats at least this often is part of a recursion and may be skipped. */
const REPEATED = 10;

function frameKey(fr: TraceFrame): string {
  return `${fr.source}\u0000${fr.line}\u0000${fr.func ?? ""}`;
}

/**
 * Frame texts, with the middle of a deep recursion replaced by one line, as
 * IPython does: `[... skipping similar frames: f at line 2 (996 times)]`.
 * A stretch of frames whose locations each repeat REPEATED times or more keeps
 * its first and last frame; a RecursionError stays a screenful, not 1000 frames.
 */
function collapseRepeated(frames: readonly TraceFrame[]): string[] {
  const counts = new Map<string, number>();
  for (const fr of frames) counts.set(frameKey(fr), (counts.get(frameKey(fr)) ?? 0) + 1);
  const repeated = (fr: TraceFrame) => (counts.get(frameKey(fr)) ?? 0) >= REPEATED;
  const out: string[] = [];
  let i = 0;
  while (i < frames.length) {
    const first = frames[i];
    if (first === undefined) break;
    let end = i;
    while (end + 1 < frames.length && repeated(first)) {
      const next = frames[end + 1];
      if (next === undefined || !repeated(next)) break;
      end++;
    }
    if (end - i + 1 <= 2) {
      out.push(frameText(first));
      i++;
      continue;
    }
    const skipped = new Map<string, { fr: TraceFrame; n: number }>();
    for (const fr of frames.slice(i + 1, end)) {
      const entry = skipped.get(frameKey(fr));
      if (entry === undefined) skipped.set(frameKey(fr), { fr, n: 1 });
      else entry.n++;
    }
    const what = [...skipped.values()]
      .map(({ fr, n }) => `${(fr.func ?? "<module>").replace(/\(.*$/, "")} at line ${fr.line} (${n} times)`)
      .join(", ");
    const last = frames[end];
    out.push(frameText(first), `    [... skipping similar frames: ${what}]\n`);
    if (last !== undefined) out.push(frameText(last));
    i = end + 1;
  }
  return out;
}

/** An nbformat error output for a raised exception. */
export function errorOutput(e: PyException, source: string): ErrorOutput {
  return { output_type: "error", ename: e.pyName, evalue: e.message, traceback: contextTraceback(e, source) };
}
