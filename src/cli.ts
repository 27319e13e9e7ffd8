/**
 * `npm run cli -- run FILE [--allow-errors] [--xmode minimal|context] [--out OUT.ipynb]`
 *
 * Runs the code cells of an .ipynb (nbformat 4) or jupytext percent .py file
 * in order, in one kernel session, and prints each cell's outputs as Jupyter
 * shows them in text. Exits 1 at the first error unless `--allow-errors`.
 * `--out` writes the notebook with its outputs and execution counts (nbformat 4.5).
 */
import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createSession } from "./kernel/session.ts";
import { outputsToText, type XMode } from "./kernel/render-text.ts";
import { parseIpynb, parsePercentPy, toIpynb } from "./notebook/ipynb.ts";
import type { NotebookDoc } from "./notebook/model.ts";

interface CliArgs {
  file: string;
  allowErrors: boolean;
  xmode: XMode;
  out: string | null;
}

const USAGE = "usage: initlab run FILE [--allow-errors] [--xmode minimal|context] [--out OUT.ipynb]";

function parseCliArgs(argv: readonly string[]): CliArgs | string {
  if (argv[0] !== "run") return USAGE;
  let file: string | null = null;
  let allowErrors = false;
  let xmode: XMode = "context";
  let out: string | null = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--allow-errors") allowErrors = true;
    else if (a === "--xmode") {
      const m = argv[++i];
      if (m !== "minimal" && m !== "context") return `--xmode must be minimal or context\n${USAGE}`;
      xmode = m;
    } else if (a === "--out") {
      const o = argv[++i];
      if (!o) return `--out needs a file name\n${USAGE}`;
      out = o;
    } else if (a.startsWith("--")) return `unknown option ${a}\n${USAGE}`;
    else if (file === null) file = a;
    else return `unexpected argument ${a}\n${USAGE}`;
  }
  if (file === null) return USAGE;
  return { file, allowErrors, xmode, out };
}

/** Reads a notebook file: `.ipynb` as nbformat 4, anything else as a jupytext percent script. */
export function readNotebook(path: string): NotebookDoc {
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".ipynb")) return parseIpynb(text).doc;
  return parsePercentPy(text);
}

/** Runs the notebook; returns the exit code. `write` receives the text output. */
export function runNotebook(doc: NotebookDoc, args: CliArgs, write: (text: string) => void): number {
  const session = createSession();
  let code = 0;
  for (const cell of doc.cells) {
    if (cell.cell_type !== "code") continue;
    const r = session.execute(cell.source);
    cell.outputs = r.outputs;
    cell.execution_count = r.executionCount;
    write(outputsToText(r.outputs, args.xmode));
    if (!r.ok && !args.allowErrors) {
      code = 1;
      break;
    }
  }
  return code;
}

function main(argv: readonly string[]): number {
  const args = parseCliArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  let doc: NotebookDoc;
  try {
    doc = readNotebook(args.file);
  } catch (e) {
    process.stderr.write(
      `initlab: cannot read ${args.file}: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  const code = runNotebook(doc, args, (t) => process.stdout.write(t));
  if (args.out !== null) writeFileSync(args.out, toIpynb(doc));
  return code;
}

// Run only as a program, so tests and tools can import readNotebook/runNotebook.
const invoked = process.argv[1];
if (invoked !== undefined && realpathSync(invoked) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = main(process.argv.slice(2));
}
