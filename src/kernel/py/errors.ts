/**
 * Python exceptions raised by the kernel.
 *
 * Every error that reaches the user is a `PyException`: the interpreter
 * converts `NdError` (array library) to the Python exception of the same
 * name, and wraps any other JavaScript error as `SystemError: internal
 * error: ...` so no JavaScript exception ever shows in a notebook.
 */
import { NdError } from "../nd/errors.ts";
import { InterruptSignal } from "../nd/interrupt.ts";

/** One Python frame of a traceback, innermost last: `Cell In[3], line 5, in f(x)`. */
export interface TraceFrame {
  /** Label of the source: `Cell In[3]` for a cell. */
  readonly source: string;
  /** 1-based line number inside the cell. */
  readonly line: number;
  /** Function name, or null for the cell's top level. */
  readonly func: string | null;
  /** The cell's source text, to print the context lines. */
  readonly text: string;
}

/** A raised Python exception: `pyName` is `type(e).__name__`, `message` is `str(e)`. */
export class PyException extends Error {
  /** Frames, outermost first; the interpreter fills them in while unwinding. */
  readonly frames: TraceFrame[] = [];
  /** For SyntaxError: the offending line text and 1-based column of the caret. */
  syntax: { line: number; column: number; text: string } | null = null;
  constructor(
    readonly pyName: string,
    message: string,
  ) {
    super(message);
    this.name = pyName;
  }
}

/** Throws `pyName: message` as a Python exception. */
export function raise(pyName: string, message: string): never {
  throw new PyException(pyName, message);
}

/** A JS engine stack overflow (V8: "Maximum call stack size exceeded"; Firefox: "too much recursion"). */
export function isStackOverflow(e: unknown): boolean {
  if (!(e instanceof RangeError || (e instanceof Error && e.name === "InternalError"))) return false;
  const m = e.message;
  return m.includes("call stack") || m.includes("Stack overflow") || m.includes("too much recursion");
}

/** Converts anything thrown inside the kernel to a `PyException` (NdError keeps its Python name). */
export function toPyException(e: unknown): PyException {
  if (e instanceof PyException) return e;
  // The user pressed Interrupt: Python's KeyboardInterrupt, with an empty message as CPython prints it.
  if (e instanceof InterruptSignal) return new PyException("KeyboardInterrupt", "");
  if (e instanceof NdError) return new PyException(e.pyName, e.message);
  if (isStackOverflow(e)) return new PyException("RecursionError", "maximum recursion depth exceeded");
  const message = e instanceof Error ? e.message : String(e);
  return new PyException("SystemError", `internal error: ${message}`);
}
