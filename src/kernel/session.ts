/**
 * One kernel session: a Python namespace and the state of its modules.
 * `execute(code)` runs a cell synchronously and returns Jupyter outputs.
 *
 * Output rules:
 *   - `print` text becomes `stream` (stdout) outputs. `hooks.onOutput` is
 *     called once per write, at once, so a page can stream; the returned
 *     `outputs` list coalesces consecutive stream chunks into one output
 *     (a page that appends each streamed chunk to the previous stream output
 *     ends with the same list).
 *   - a trailing expression statement gives an `execute_result` with
 *     `text/plain` = repr, unless its value is None or the cell ends with `;`.
 *   - figures arrive as `display_data` through `ctx.display` (pyplot calls it
 *     at `plt.show()` and from its cell-end hook).
 *   - an exception gives one `error` output (IPython context-mode traceback
 *     lines); `ok` is false. Cell-end hooks still run after it.
 *   - every execute increments the execution count, including failing ones.
 *   - progress: the outermost `for` loop of a cell over something of known
 *     length >= 2 calls `hooks.onProgress(done, total)` at most every ~50 ms
 *     and once at its end.
 */
import { defaultPrintOptions, arrayRepr, arrayStr, setPrintOptions, type PrintOptions } from "./nd/format.ts";
import { seedState } from "./nd/random.ts";
import { printOptionsKey } from "./modules/numpy/printoptions.ts";
import { randomStateKey } from "./modules/numpy/random.ts";
import { importModule } from "./modules/registry.ts";
import type { MimeBundle, Output, StreamOutput } from "../protocol.ts";
import { makeBuiltins } from "./py/builtins.ts";
import { compileCell, type Runtime } from "./py/compile.ts";
import { toPyException } from "./py/errors.ts";
import { parseCell, stripMagics } from "./py/parse.ts";
import { prettyText } from "./py/pretty.ts";
import { errorOutput } from "./py/traceback.ts";
import type { KernelContext, PyModule, PyValue, SlotKey } from "./py/values.ts";

export interface SessionOptions {
  /** Seeds numpy's global RandomState (otherwise it is seeded from the clock, as numpy does). */
  seed?: number;
  /** Initial numpy print options (as `np.set_printoptions`). */
  printOptions?: Partial<PrintOptions>;
  /** Millisecond clock for progress throttling and `time.perf_counter` (default: performance.now). */
  now?: () => number;
  /** Maximum Python call depth (`sys.getrecursionlimit()`; default 1000, CPython's). */
  recursionLimit?: number;
  /** Blocking calls (`time.sleep`, `input`); the worker and the CLI provide them. Default: none. */
  host?: BlockingHost;
  /**
   * Characters of stream output one cell keeps (default STREAM_LIMIT); what a
   * cell prints past it is counted, not kept, and a note at the end says how much.
   */
  streamLimit?: number;
}

/** A million characters: about 20,000 lines of 50, far more than a page can show usefully. */
export const STREAM_LIMIT = 1_000_000;

/** What a host can do that blocks the kernel's thread (see KernelContext.sleep / readLine). */
export interface BlockingHost {
  sleep?(seconds: number): void;
  readLine?(prompt: string): string | null;
}

export interface ExecuteHooks {
  onOutput?(output: Output): void;
  onProgress?(done: number, total: number): void;
}

export interface ExecuteResult {
  outputs: Output[];
  executionCount: number;
  ok: boolean;
}

export interface Session {
  execute(code: string, hooks?: ExecuteHooks): ExecuteResult;
  /** Forgets every variable, module and figure; the execution count restarts at 0. */
  reset(): void;
  readonly executionCount: number;
}

/** Python's default recursion limit. */
const MAX_DEPTH = 1000;

interface CellState {
  outputs: Output[];
  hooks: ExecuteHooks;
  /** Stream characters kept so far, and those dropped past the limit. */
  streamed: number;
  dropped: number;
}

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

function createRuntime(
  options: SessionOptions,
  current: () => CellState | null,
): { rt: Runtime; cellEnd: (() => void)[] } {
  const slots = new Map<SlotKey<unknown>, unknown>();
  const cellEnd: (() => void)[] = [];
  const modules = new Map<string, PyModule>();
  const limit = options.streamLimit ?? STREAM_LIMIT;
  const emit = (given: Output): void => {
    const cell = current();
    if (!cell) return;
    let o = given;
    if (o.output_type === "stream") {
      const room = limit - cell.streamed;
      if (o.text.length > room) {
        cell.dropped += o.text.length - Math.max(0, room);
        if (room <= 0) return;
        o = { ...o, text: o.text.slice(0, room) };
      }
      cell.streamed += o.text.length;
    }
    const last = cell.outputs[cell.outputs.length - 1];
    if (o.output_type === "stream" && last && last.output_type === "stream" && last.name === o.name) {
      const merged: StreamOutput = { ...last, text: last.text + o.text };
      cell.outputs[cell.outputs.length - 1] = merged;
    } else cell.outputs.push(o);
    cell.hooks.onOutput?.(o);
  };
  const ctx: KernelContext = {
    write(text) {
      if (text !== "") emit({ output_type: "stream", name: "stdout", text });
    },
    display(data: MimeBundle, metadata?: Record<string, unknown>) {
      emit({ output_type: "display_data", data, metadata: metadata ?? {} });
    },
    slot<T>(key: SlotKey<T>): T {
      if (slots.has(key)) {
        // Validated boundary: this map is only written below, with the value made by this same key.
        return slots.get(key) as T;
      }
      const v = key.init(ctx);
      slots.set(key, v);
      return v;
    },
    onCellEnd(hook) {
      cellEnd.push(hook);
    },
    formatArray(a, mode) {
      const opts = ctx.slot(printOptionsKey);
      return mode === "repr" ? arrayRepr(a, opts) : arrayStr(a, opts);
    },
    now: options.now ?? now,
    importModule(name) {
      return importModule(name, ctx, modules);
    },
    sleep(seconds) {
      options.host?.sleep?.(seconds);
    },
    readLine(prompt) {
      return options.host?.readLine?.(prompt) ?? null;
    },
  };
  if (options.printOptions) {
    const opts = defaultPrintOptions();
    setPrintOptions(opts, options.printOptions);
    slots.set(printOptionsKey, opts);
  }
  if (options.seed !== undefined) seedState(ctx.slot(randomStateKey), options.seed);
  const rt: Runtime = {
    ctx,
    globals: new Map(),
    builtins: makeBuiltins(),
    depth: 0,
    stack: [],
    maxDepth: options.recursionLimit ?? MAX_DEPTH,
    progress: null,
    importModule: (name) => ctx.importModule(name),
  };
  return { rt, cellEnd };
}

/** A new kernel session. */
export function createSession(options: SessionOptions = {}): Session {
  let cell: CellState | null = null;
  let { rt, cellEnd } = createRuntime(options, () => cell);
  let count = 0;
  const execute = (code: string, hooks: ExecuteHooks = {}): ExecuteResult => {
    count++;
    const n = count;
    const label = `Cell In[${n}]`;
    const state: CellState = { outputs: [], hooks, streamed: 0, dropped: 0 };
    cell = state;
    let ok = true;
    const fail = (e: unknown): void => {
      ok = false;
      const pe = toPyException(e);
      const o = errorOutput(pe, label);
      state.outputs.push(o);
      hooks.onOutput?.(o);
    };
    rt.depth = 0;
    rt.progress = hooks.onProgress ? (done, total) => hooks.onProgress?.(done, total) : null;
    try {
      const parsed = parseCell(stripMagics(code));
      const compiled = compileCell(rt, parsed.body, { label, text: code });
      const { value } = compiled.run();
      if (value !== undefined && value !== null && !parsed.silent) {
        const o: Output = {
          output_type: "execute_result",
          execution_count: n,
          data: { "text/plain": reprOf(value, rt) },
          metadata: {},
        };
        state.outputs.push(o);
        hooks.onOutput?.(o);
      }
    } catch (e) {
      fail(e);
    }
    for (const hook of cellEnd) {
      try {
        hook();
      } catch (e) {
        fail(e);
      }
    }
    if (state.dropped > 0) {
      const limit = options.streamLimit ?? STREAM_LIMIT;
      const o: Output = {
        output_type: "stream",
        name: "stderr",
        text: `\n[Output truncated: this cell printed ${state.dropped.toLocaleString("en-US")} characters more than the ${limit.toLocaleString("en-US")} kept.]\n`,
      };
      state.outputs.push(o);
      hooks.onOutput?.(o);
    }
    rt.progress = null;
    cell = null;
    return { outputs: state.outputs, executionCount: n, ok };
  };
  return {
    execute,
    reset() {
      ({ rt, cellEnd } = createRuntime(options, () => cell));
      count = 0;
    },
    get executionCount() {
      return count;
    },
  };
}

function reprOf(v: PyValue, rt: Runtime): string {
  return prettyText(v, rt.ctx);
}
