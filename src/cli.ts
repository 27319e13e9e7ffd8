/**
 * `npm run cli -- run FILE [--allow-errors] [--xmode minimal|context] [--out OUT.ipynb]
 *   [--kernel browser|jupyter --url URL --token TOKEN [--spec python3]]`
 *
 * Runs the code cells of an .ipynb (nbformat 4) or jupytext percent .py file
 * in order, in one kernel session, and prints each cell's outputs as Jupyter
 * shows them in text. Exits 1 at the first error unless `--allow-errors`.
 * `--out` writes the notebook with its outputs and execution counts (nbformat 4.5).
 * `--kernel jupyter` runs it on a Jupyter server's kernel (cli-jupyter.ts)
 * instead of Initlab's own, and exits 2 with a one-line reason when the server
 * cannot (wrong URL, refused token, unknown kernel spec).
 */
import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runNotebookOnJupyter } from "./cli-jupyter.ts";
import { createSession } from "./kernel/session.ts";
import { outputsToText, type XMode } from "./kernel/render-text.ts";
import { parseIpynb, parsePercentPy, toIpynb } from "./notebook/ipynb.ts";
import type { NotebookDoc } from "./notebook/model.ts";

interface CliArgs {
  file: string;
  allowErrors: boolean;
  xmode: XMode;
  out: string | null;
  /** Set for `--kernel jupyter`. */
  jupyter: { url: string; token: string; spec: string } | null;
}

const USAGE =
  "usage: initlab run FILE [--allow-errors] [--xmode minimal|context] [--out OUT.ipynb] [--kernel jupyter --url URL --token TOKEN [--spec NAME]]";

/** Terminal colour escapes (IPython colours its tracebacks); kept only for a terminal. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");

function parseCliArgs(argv: readonly string[]): CliArgs | string {
  if (argv[0] !== "run") return USAGE;
  let file: string | null = null;
  let allowErrors = false;
  let xmode: XMode = "context";
  let out: string | null = null;
  let kernel = "browser";
  let url: string | null = null;
  let token: string | null = null;
  let spec = "python3";
  const value = (i: number): string | null => {
    const v = argv[i];
    return v === undefined || v.startsWith("--") ? null : v;
  };
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
    } else if (a === "--kernel") {
      const k = argv[++i];
      if (k !== "browser" && k !== "jupyter") return `--kernel must be browser or jupyter\n${USAGE}`;
      kernel = k;
    } else if (a === "--url" || a === "--token" || a === "--spec") {
      const v = value(++i);
      if (v === null) return `${a} needs a value\n${USAGE}`;
      if (a === "--url") url = v;
      else if (a === "--token") token = v;
      else spec = v;
    } else if (a.startsWith("--")) return `unknown option ${a}\n${USAGE}`;
    else if (file === null) file = a;
    else return `unexpected argument ${a}\n${USAGE}`;
  }
  if (file === null) return USAGE;
  if (kernel === "browser") {
    if (url !== null || token !== null) return `--url and --token need --kernel jupyter\n${USAGE}`;
    return { file, allowErrors, xmode, out, jupyter: null };
  }
  if (url === null) return `--kernel jupyter needs --url, the server's address\n${USAGE}`;
  // An empty token is allowed: a server started with --IdentityProvider.token='' needs none.
  return { file, allowErrors, xmode, out, jupyter: { url, token: token ?? "", spec } };
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

async function main(argv: readonly string[]): Promise<number> {
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
  const jupyter = args.jupyter;
  const code =
    jupyter === null
      ? runNotebook(doc, args, (t) => process.stdout.write(t))
      : await runNotebookOnJupyter(
          doc,
          { ...jupyter, allowErrors: args.allowErrors },
          (outputs) => {
            const text = outputsToText(outputs, args.xmode);
            process.stdout.write(process.stdout.isTTY ? text : text.replace(ANSI, ""));
          },
          (message) => process.stderr.write(`initlab: ${message}\n`),
        );
  if (args.out !== null) writeFileSync(args.out, toIpynb(doc));
  return code;
}

// Run only as a program, so tests and tools can import readNotebook/runNotebook.
const invoked = process.argv[1];
if (invoked !== undefined && realpathSync(invoked) === realpathSync(fileURLToPath(import.meta.url))) {
  // An explicit exit: a Jupyter connection whose kernel died can leave reconnect timers behind.
  // (Writes to pipes and files are synchronous on Linux, so no output is cut off.)
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
