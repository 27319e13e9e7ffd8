/**
 * AST -> JS closures. A cell is compiled once; running it never looks at the
 * syntax tree again. Names are resolved at compile time to fast local slots,
 * cells (closures) or global boxes, so a loop like
 * `for i in range(n): s += i * i` costs a few property reads per step.
 *
 * Statements return a completion code (NORMAL, BREAK, CONTINUE, RETURN)
 * instead of throwing for control flow. Every statement records its line in
 * its frame so tracebacks can name it.
 *
 * JS stack budget: a Web Worker has about 460 KB of stack and Python allows
 * 1000 nested calls, so a Python call may cost about 460 bytes of JS stack
 * (a cold interpreter frame is ~80 bytes plus 8 per local). Calls therefore
 * run the callee's statements and its trailing `return expr` in the call
 * site's own closure, keep the live frames in `Runtime.stack` instead of a
 * try/finally per call, and the closures that stay on the stack while an
 * operand recurses (calls, binary operators, loops, comprehensions, list
 * literals) keep few locals and move slow paths into two-argument helpers.
 * tests/unit/py-perf-recursion.test.ts checks depth 990 in a 450 KB stack.
 */
import type { Arg, BinOp, CmpOp, Expr, FPart, Param, Stmt } from "./ast.ts";
import { pollInterrupt } from "../nd/interrupt.ts";
import { PyException, raise, toPyException, type TraceFrame } from "./errors.ts";
import { formatValue } from "./format.ts";
import {
  binaryOp,
  compareOp,
  containsOp,
  delItem,
  getAttr,
  getItem,
  inplaceOp,
  setAttr,
  setItem,
  unaryOp,
} from "./ops.ts";
import { NDArray } from "../nd/ndarray.ts";
import { analyse, type Scope, type ScopeMap } from "./scope.ts";
import {
  bindArgs,
  callValue,
  compileSignature,
  INT_LIMIT,
  iterate,
  type KernelContext,
  type Kwargs,
  PyBuiltin,
  PyDict,
  PyFloat,
  PyFunction,
  PyIter,
  PyList,
  PyModule,
  PyRange,
  PySlice,
  PyTuple,
  type PyValue,
  pyRepr,
  pyToStr,
  type Signature,
  truthy,
  typeName,
} from "./values.ts";

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;

/** A variable box: global names and closure cells. `undefined` = unbound. */
export class Box {
  v: PyValue | undefined = undefined;
}

/** One activation of a function (or of the cell's module code). */
export class Frame {
  ret: PyValue = null;
  constructor(
    readonly vars: (PyValue | undefined)[],
    readonly cells: Box[],
    /** The function running in this frame; null for a cell's module code and comprehensions. */
    readonly code: FuncCode | null,
    /** The line running now (tracebacks). */
    public line: number,
  ) {}
}

/** Shared by frames without cells, so a call allocates no empty array. Never written to. */
const NO_CELLS: Box[] = [];

type E = (f: Frame) => PyValue;
type S = (f: Frame) => number;
type Store = (f: Frame, v: PyValue) => void;

/** Where code came from, for tracebacks: `Cell In[3]` and its text. */
export interface SourceInfo {
  readonly label: string;
  readonly text: string;
}

/** Session-wide interpreter state shared by every compiled cell. */
export interface Runtime {
  readonly ctx: KernelContext;
  readonly globals: Map<string, Box>;
  readonly builtins: ReadonlyMap<string, PyValue>;
  /** Current Python call depth: the number of live frames in `stack`. */
  depth: number;
  /**
   * The live user-function frames, outermost first (`stack[0..depth)`). Calls push and
   * pop without try/finally (small JS frames for deep recursion); an exception leaves
   * the frames of its raise point in place, and the cell's runner turns them into the
   * traceback and empties the stack. Nothing between a raise and the cell catches.
   */
  readonly stack: Frame[];
  /** Maximum Python call depth (CPython's default recursion limit). */
  readonly maxDepth: number;
  /** Called by the outermost `for` loop of a cell: progress over an iterable of known length. */
  progress: ((done: number, total: number) => void) | null;
  importModule(name: string): PyModule;
}

export function globalBox(rt: Runtime, name: string): Box {
  let b = rt.globals.get(name);
  if (!b) {
    b = new Box();
    rt.globals.set(name, b);
  }
  return b;
}

/** Static information of a compiled function body. */
interface FuncCode {
  readonly name: string;
  readonly params: readonly Param[];
  readonly sig: Signature;
  /** For each signature name: where the bound value goes (slot >= 0, or -(cell index) - 1). */
  readonly dest: readonly number[];
  readonly nslots: number;
  readonly ncells: number;
  /** Own cell count (fresh boxes per call); the rest of `cells` comes from the closure. */
  readonly nown: number;
  /** Only plain positional parameters, each in the slot of its position: a call binds `vars[i] = arg i`. */
  readonly direct: boolean;
  /** Number of parameters (`sig.names.length`). */
  readonly nparams: number;
  /** The body's statements before a trailing `return expr`, run by the call site's own loop. */
  readonly stmts: readonly S[];
  /**
   * The trailing `return expr` of a def (or a lambda's body), evaluated by the call site after
   * `stmts`: no statement frame on the JS stack (deep recursion in a worker). Null: returns None.
   */
  readonly expr: E | null;
  /** `expr`, or a function returning None: what a call evaluates after `stmts`. */
  readonly tail: E;
  /** Line of the trailing return (the frame's line while `expr` runs). */
  readonly exprLine: number;
  readonly rt: Runtime;
  /** Line of the first statement (the frame's line before any statement runs). */
  readonly firstLine: number;
  readonly source: SourceInfo;
  readonly argText: string;
}

/** A user-defined function value. */
export class UserFunction extends PyFunction {
  constructor(
    readonly code: FuncCode,
    readonly defaults: readonly (PyValue | undefined)[],
    readonly closure: readonly Box[],
  ) {
    super(code.name);
  }

  invoke(args: PyValue[], kwargs: Kwargs | null): PyValue {
    return callUser(this.code.rt, this, args, kwargs);
  }

  /** `inspect.signature` text: `x, y=2, *args, z=3, **kw`. */
  signatureText(ctx: KernelContext): string {
    const parts: string[] = [];
    let star = false;
    this.code.params.forEach((p) => {
      const i = this.code.sig.names.indexOf(p.name);
      const d = i >= 0 ? this.defaults[i] : undefined;
      const dflt = d === undefined ? "" : `=${pyRepr(d, ctx)}`;
      if (p.kind === "varargs") {
        parts.push(`*${p.name}`);
        star = true;
      } else if (p.kind === "varkw") parts.push(`**${p.name}`);
      else {
        if (p.kind === "kwonly" && !star) {
          parts.push("*");
          star = true;
        }
        parts.push(p.name + dflt);
      }
    });
    return parts.join(", ");
  }
}

/** A compiled cell: run it with `run()`; returns the value of a trailing expression statement. */
export interface CompiledCell {
  run(): { value: PyValue | undefined };
}

interface Compiler {
  readonly rt: Runtime;
  readonly scopes: ScopeMap;
  readonly source: SourceInfo;
  /** Depth of enclosing loops in the current function (0 at the top of a cell or a def). */
  loopDepth: number;
}

/** Compiles a parsed cell against a runtime. The last statement's value is kept when it is an expression. */
export function compileCell(rt: Runtime, body: Stmt[], source: SourceInfo): CompiledCell {
  const { module, scopes } = analyse(body);
  const cx: Compiler = { rt, scopes, source, loopDepth: 0 };
  const last = body[body.length - 1];
  const trailing = last && last.k === "expr" ? last : null;
  const stmts = (trailing ? body.slice(0, -1) : body).map((s) => stmt(cx, s, module));
  const tail = trailing ? expr(cx, trailing.e, module) : null;
  const tailLine = trailing?.line ?? 0;
  return {
    run() {
      const f = new Frame([], NO_CELLS, null, 0);
      rt.depth = 0;
      try {
        for (const s of stmts) {
          const r = s(f);
          if (r !== NORMAL) break;
        }
        if (tail) {
          f.line = tailLine;
          return { value: tail(f) };
        }
        return { value: undefined };
      } catch (e) {
        const pe = toPyException(e);
        if (pe.syntax === null) {
          pe.frames.push({ source: source.label, line: f.line, func: null, text: source.text });
          for (let i = 0; i < rt.depth; i++) {
            const fr = rt.stack[i];
            if (fr?.code) pe.frames.push(traceFrame(fr.code, fr.line));
          }
        }
        throw pe;
      } finally {
        rt.depth = 0;
        // Frames left by an exception would keep their variables alive.
        rt.stack.length = 0;
      }
    },
  };
}

// ---------------------------------------------------------------------------
// Statements

function block(cx: Compiler, body: Stmt[], sc: Scope): S {
  const ss = body.map((s) => stmt(cx, s, sc));
  if (ss.length === 0) return () => NORMAL;
  if (ss.length === 1) return ss[0] ?? (() => NORMAL);
  if (ss.length === 2) {
    const a = ss[0] ?? (() => NORMAL);
    const b = ss[1] ?? (() => NORMAL);
    return (f) => {
      const r = a(f);
      if (r !== NORMAL) return r;
      return b(f);
    };
  }
  return (f) => {
    for (let i = 0; i < ss.length; i++) {
      const r = (ss[i] ?? (() => NORMAL))(f);
      if (r !== NORMAL) return r;
    }
    return NORMAL;
  };
}

function stmt(cx: Compiler, s: Stmt, sc: Scope): S {
  const line = s.line;
  const rt = cx.rt;
  switch (s.k) {
    case "expr": {
      const e = expr(cx, s.e, sc);
      return (f) => {
        f.line = line;
        e(f);
        return NORMAL;
      };
    }
    case "assign": {
      const v = expr(cx, s.value, sc);
      const stores = s.targets.map((t) => store(cx, t, sc));
      if (stores.length === 1) {
        const st = stores[0];
        if (!st) return () => NORMAL;
        return (f) => {
          f.line = line;
          st(f, v(f));
          return NORMAL;
        };
      }
      return (f) => {
        f.line = line;
        const x = v(f);
        for (const st of stores) st(f, x);
        return NORMAL;
      };
    }
    case "aug":
      return augAssign(cx, s.target, s.op, s.value, sc, line);
    case "if": {
      const test = cond(cx, s.test, sc);
      const body = block(cx, s.body, sc);
      const orelse = s.orelse.length > 0 ? block(cx, s.orelse, sc) : null;
      if (!orelse) {
        return (f) => {
          f.line = line;
          return test(f) ? body(f) : NORMAL;
        };
      }
      return (f) => {
        f.line = line;
        return test(f) ? body(f) : orelse(f);
      };
    }
    case "while": {
      const test = cond(cx, s.test, sc);
      cx.loopDepth++;
      const body = block(cx, s.body, sc);
      cx.loopDepth--;
      const orelse = block(cx, s.orelse, sc);
      return (f) => {
        for (;;) {
          f.line = line;
          pollInterrupt();
          if (!test(f)) return orelse(f);
          const r = body(f);
          if (r === BREAK) return NORMAL;
          if (r === RETURN) return RETURN;
        }
      };
    }
    case "for":
      return forStmt(cx, s, sc);
    case "def": {
      const make = makeFunction(cx, s, s.name, s.params, sc, s.body, null);
      const st = storeName(cx, s.name, sc);
      return (f) => {
        f.line = line;
        st(f, make(f));
        return NORMAL;
      };
    }
    case "return": {
      const v = s.value ? expr(cx, s.value, sc) : null;
      if (sc.kind === "module") {
        return () => raise("SyntaxError", "'return' outside function");
      }
      return (f) => {
        f.line = line;
        f.ret = v ? v(f) : null;
        return RETURN;
      };
    }
    case "break":
      if (cx.loopDepth === 0) return () => raise("SyntaxError", "'break' outside loop");
      return () => BREAK;
    case "continue":
      if (cx.loopDepth === 0) return () => raise("SyntaxError", "'continue' not properly in loop");
      return () => CONTINUE;
    case "pass":
      return () => NORMAL;
    case "import": {
      const parts = s.names.map((n) => {
        const top = n.module.split(".")[0] ?? n.module;
        return {
          module: n.module,
          bindTop: n.asname === null,
          top,
          st: storeName(cx, n.asname ?? top, sc),
        };
      });
      return (f) => {
        f.line = line;
        for (const p of parts) {
          const mod = rt.importModule(p.module);
          p.st(f, p.bindTop ? rt.importModule(p.top) : mod);
        }
        return NORMAL;
      };
    }
    case "from": {
      const module = s.module;
      const parts = s.names.map((n) => ({ name: n.name, st: storeName(cx, n.asname ?? n.name, sc) }));
      return (f) => {
        f.line = line;
        const mod = rt.importModule(module);
        for (const p of parts) {
          let v = mod.attrs.get(p.name);
          if (v === undefined) {
            // `from numpy import random` may name a submodule not yet imported.
            try {
              v = rt.importModule(`${module}.${p.name}`);
            } catch {
              return raise("ImportError", `cannot import name '${p.name}' from '${module}'`);
            }
          }
          p.st(f, v);
        }
        return NORMAL;
      };
    }
    case "assert": {
      const test = cond(cx, s.test, sc);
      const msg = s.msg ? expr(cx, s.msg, sc) : null;
      return (f) => {
        f.line = line;
        if (!test(f)) {
          return raise("AssertionError", msg ? pyToStr(msg(f), rt.ctx) : "");
        }
        return NORMAL;
      };
    }
    case "del": {
      const dels = s.targets.map((t) => delTarget(cx, t, sc));
      return (f) => {
        f.line = line;
        for (const d of dels) d(f);
        return NORMAL;
      };
    }
    case "global":
    case "nonlocal":
      return () => NORMAL;
    default: {
      const never: never = s;
      throw new Error(`unknown statement ${JSON.stringify(never)}`);
    }
  }
}

function cond(cx: Compiler, e: Expr, sc: Scope): (f: Frame) => boolean {
  const c = expr(cx, e, sc);
  const ctx = cx.rt.ctx;
  return (f) => {
    const v = c(f);
    if (typeof v === "boolean") return v;
    return truthy(v, ctx);
  };
}

/** Adaptive progress reporting: check the clock every `stride` steps, doubling while checks come fast. */
interface Ticker {
  tick(done: number): void;
  /** The loop ran to its end: report `total` once (unless the last report already said so). */
  finish(): void;
}

function progressTicker(rt: Runtime, total: number): Ticker | null {
  const report = rt.progress;
  if (!report || total < 2) return null;
  const now = () => rt.ctx.now();
  let last = now();
  let stride = 1;
  let next = 1;
  let reported = -1;
  return {
    tick(done) {
      if (done < next) return;
      const t = now();
      if (t - last >= 50) {
        report(done, total);
        reported = done;
        last = t;
      } else if (t - last < 5 && stride < 4096) stride *= 2;
      next = done + stride;
    },
    finish() {
      if (reported !== total) report(total, total);
    },
  };
}

function forStmt(cx: Compiler, s: Extract<Stmt, { k: "for" }>, sc: Scope): S {
  const rt = cx.rt;
  const line = s.line;
  const outermost = cx.loopDepth === 0 && sc.kind === "module";
  const iterE = expr(cx, s.iter, sc);
  const st = store(cx, s.target, sc);
  cx.loopDepth++;
  const body = block(cx, s.body, sc);
  cx.loopDepth--;
  const orelse = s.orelse.length > 0 ? block(cx, s.orelse, sc) : null;
  if (!outermost) {
    /** Any other iterable: the loop's completion (NORMAL, BREAK or RETURN). */
    const general = (f: Frame, it: PyValue): number => {
      const iter = iterate(it, rt.ctx);
      for (let x = iter.next(); !x.done; x = iter.next()) {
        st(f, x.value);
        pollInterrupt();
        const r = body(f);
        if (r === BREAK || r === RETURN) return r;
      }
      return NORMAL;
    };
    // Few locals: this frame is on the JS stack while the body runs (deep recursion in a worker).
    return (f) => {
      f.line = line;
      const it = iterE(f);
      let r = NORMAL;
      let i = 0;
      if (it instanceof PyRange) {
        for (i = it.start; it.step > 0 ? i < it.stop : i > it.stop; i += it.step) {
          st(f, i);
          pollInterrupt();
          r = body(f);
          if (r === BREAK || r === RETURN) break;
        }
      } else if (it instanceof PyList || it instanceof PyTuple) {
        // The length is read at every step: a list appended to in the loop is iterated to its new end.
        for (i = 0; i < it.items.length; i++) {
          st(f, it.items[i] ?? null);
          pollInterrupt();
          r = body(f);
          if (r === BREAK || r === RETURN) break;
        }
      } else r = general(f, it);
      if (r === RETURN) return RETURN;
      if (r !== BREAK && orelse) return orelse(f);
      return NORMAL;
    };
  }
  return (f) => {
    f.line = line;
    const it = iterE(f);
    let r = NORMAL;
    if (it instanceof PyRange) {
      const { start, stop, step } = it;
      const tick = outermost ? progressTicker(rt, it.length) : null;
      let done = 0;
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
        st(f, i);
        pollInterrupt();
        r = body(f);
        if (r === BREAK || r === RETURN) break;
        if (tick) tick.tick(++done);
      }
      if (tick && r !== BREAK && r !== RETURN) tick.finish();
    } else if (it instanceof PyList || it instanceof PyTuple) {
      const items = it.items;
      const tick = outermost ? progressTicker(rt, items.length) : null;
      for (let i = 0; i < items.length; i++) {
        st(f, items[i] ?? null);
        pollInterrupt();
        r = body(f);
        if (r === BREAK || r === RETURN) break;
        if (tick) tick.tick(i + 1);
      }
      if (tick && r !== BREAK && r !== RETURN) tick.finish();
    } else {
      const total = outermost ? knownLength(it) : -1;
      const tick = total >= 2 ? progressTicker(rt, total) : null;
      const iter = iterate(it, rt.ctx);
      let done = 0;
      for (let x = iter.next(); !x.done; x = iter.next()) {
        st(f, x.value);
        pollInterrupt();
        r = body(f);
        if (r === BREAK || r === RETURN) break;
        if (tick) tick.tick(++done);
      }
      if (tick && r !== BREAK && r !== RETURN) tick.finish();
    }
    if (r === RETURN) return RETURN;
    if (r !== BREAK && orelse) return orelse(f);
    return NORMAL;
  };
}

function knownLength(v: PyValue): number {
  if (v instanceof PyDict) return v.size;
  if (typeof v === "string") return v.length;
  if (v instanceof NDArray) return v.ndim > 0 ? (v.shape[0] ?? -1) : -1;
  return -1;
}

function augAssign(cx: Compiler, target: Expr, op: BinOp, valueE: Expr, sc: Scope, line: number): S {
  const ctx = cx.rt.ctx;
  const value = expr(cx, valueE, sc);
  if (target.k === "name") {
    const load = loadName(cx, target.id, sc, target.line);
    const st = storeName(cx, target.id, sc);
    // A two-argument helper keeps this frame small while `value` recurses (deep recursion in a worker).
    const slow = (a: PyValue, b: PyValue): PyValue => inplaceOp(op, a, b, ctx);
    if (op === "+") {
      return (f) => {
        f.line = line;
        const a = load(f);
        const b = value(f);
        if (typeof a === "number" && typeof b === "number" && a + b < INT_LIMIT && a + b > -INT_LIMIT) {
          st(f, a + b);
        } else st(f, slow(a, b));
        return NORMAL;
      };
    }
    return (f) => {
      f.line = line;
      const a = load(f);
      st(f, slow(a, value(f)));
      return NORMAL;
    };
  }
  if (target.k === "sub") {
    const obj = expr(cx, target.obj, sc);
    const idx = expr(cx, target.index, sc);
    return (f) => {
      f.line = line;
      const o = obj(f);
      const i = idx(f);
      const cur = getItem(o, i, ctx);
      setItem(o, i, inplaceOp(op, cur, value(f), ctx), ctx);
      return NORMAL;
    };
  }
  if (target.k === "attr") {
    const obj = expr(cx, target.obj, sc);
    const name = target.name;
    return (f) => {
      f.line = line;
      const o = obj(f);
      setAttr(o, name, inplaceOp(op, getAttr(o, name, ctx), value(f), ctx), ctx);
      return NORMAL;
    };
  }
  return () => raise("SyntaxError", `'${target.k}' is an illegal expression for augmented assignment`);
}

// ---------------------------------------------------------------------------
// Names and targets

function unboundLocal(name: string): never {
  return raise(
    "UnboundLocalError",
    `cannot access local variable '${name}' where it is not associated with a value`,
  );
}

function loadName(cx: Compiler, name: string, sc: Scope, _line: number): E {
  const r = sc.resolve(name);
  switch (r.kind) {
    case "local": {
      const slot = r.slot;
      return (f) => {
        const v = f.vars[slot];
        return v === undefined ? unboundLocal(name) : v;
      };
    }
    case "cell": {
      const index = r.index;
      const own = index < sc.ownCells.size;
      return (f) => {
        const v = f.cells[index]?.v;
        if (v !== undefined) return v;
        if (own) return unboundLocal(name);
        return raise(
          "NameError",
          `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`,
        );
      };
    }
    case "global": {
      const box = globalBox(cx.rt, name);
      const builtin = cx.rt.builtins.get(name);
      if (builtin !== undefined) return () => (box.v === undefined ? builtin : box.v);
      return () => {
        const v = box.v;
        return v === undefined ? raise("NameError", `name '${name}' is not defined`) : v;
      };
    }
    default: {
      const never: never = r;
      throw new Error(`bad resolution ${JSON.stringify(never)}`);
    }
  }
}

function storeName(cx: Compiler, name: string, sc: Scope): Store {
  const r = sc.resolve(name);
  switch (r.kind) {
    case "local": {
      const slot = r.slot;
      return (f, v) => {
        f.vars[slot] = v;
      };
    }
    case "cell": {
      const index = r.index;
      return (f, v) => {
        const b = f.cells[index];
        if (b) b.v = v;
      };
    }
    case "global": {
      const box = globalBox(cx.rt, name);
      return (_f, v) => {
        box.v = v;
      };
    }
    default: {
      const never: never = r;
      throw new Error(`bad resolution ${JSON.stringify(never)}`);
    }
  }
}

function store(cx: Compiler, t: Expr, sc: Scope): Store {
  const ctx = cx.rt.ctx;
  switch (t.k) {
    case "name":
      return storeName(cx, t.id, sc);
    case "attr": {
      const obj = expr(cx, t.obj, sc);
      const name = t.name;
      return (f, v) => setAttr(obj(f), name, v, ctx);
    }
    case "sub": {
      const obj = expr(cx, t.obj, sc);
      const idx = expr(cx, t.index, sc);
      return (f, v) => {
        const o = obj(f);
        setItem(o, idx(f), v, ctx);
      };
    }
    case "tuple":
    case "list": {
      const stores = t.items.map((x) => (x.k === "starred" ? store(cx, x.e, sc) : store(cx, x, sc)));
      const starAt = t.items.findIndex((x) => x.k === "starred");
      const n = t.items.length;
      return (f, v) => {
        const items = unpackItems(v, ctx);
        if (starAt < 0) {
          if (items.length !== n) {
            if (items.length < n) {
              return raise("ValueError", `not enough values to unpack (expected ${n}, got ${items.length})`);
            }
            return raise("ValueError", `too many values to unpack (expected ${n})`);
          }
          for (let i = 0; i < n; i++) (stores[i] ?? (() => undefined))(f, items[i] ?? null);
          return;
        }
        const after = n - starAt - 1;
        if (items.length < n - 1) {
          return raise(
            "ValueError",
            `not enough values to unpack (expected at least ${n - 1}, got ${items.length})`,
          );
        }
        for (let i = 0; i < starAt; i++) (stores[i] ?? (() => undefined))(f, items[i] ?? null);
        (stores[starAt] ?? (() => undefined))(f, new PyList(items.slice(starAt, items.length - after)));
        for (let i = 0; i < after; i++) {
          (stores[starAt + 1 + i] ?? (() => undefined))(f, items[items.length - after + i] ?? null);
        }
      };
    }
    case "starred":
      return () => raise("SyntaxError", "starred assignment target must be in a list or tuple");
    default:
      return () => raise("SyntaxError", "cannot assign to expression");
  }
}

function unpackItems(v: PyValue, ctx: KernelContext): readonly PyValue[] {
  if (v instanceof PyTuple || v instanceof PyList) return v.items;
  if (
    typeof v === "number" ||
    typeof v === "boolean" ||
    v === null ||
    v instanceof PyFloat ||
    (v instanceof NDArray && v.ndim === 0)
  ) {
    return raise("TypeError", `cannot unpack non-iterable ${typeName(v)} object`);
  }
  const out: PyValue[] = [];
  const it = iterate(v, ctx);
  for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
  return out;
}

function delTarget(cx: Compiler, t: Expr, sc: Scope): (f: Frame) => void {
  const ctx = cx.rt.ctx;
  switch (t.k) {
    case "name": {
      const r = sc.resolve(t.id);
      const name = t.id;
      if (r.kind === "local") {
        const slot = r.slot;
        return (f) => {
          if (f.vars[slot] === undefined) unboundLocal(name);
          f.vars[slot] = undefined;
        };
      }
      if (r.kind === "cell") {
        const index = r.index;
        return (f) => {
          const b = f.cells[index];
          if (b) b.v = undefined;
        };
      }
      const box = globalBox(cx.rt, name);
      return () => {
        if (box.v === undefined) raise("NameError", `name '${name}' is not defined`);
        box.v = undefined;
      };
    }
    case "sub": {
      const obj = expr(cx, t.obj, sc);
      const idx = expr(cx, t.index, sc);
      return (f) => {
        const o = obj(f);
        delItem(o, idx(f), ctx);
      };
    }
    case "tuple":
    case "list": {
      const ds = t.items.map((x) => delTarget(cx, x, sc));
      return (f) => {
        for (const d of ds) d(f);
      };
    }
    case "attr":
      return () => raise("NotImplementedError", "deleting attributes is not supported in this notebook");
    default:
      return () => raise("SyntaxError", "cannot delete expression");
  }
}

// ---------------------------------------------------------------------------
// Functions

function makeFunction(
  cx: Compiler,
  node: object,
  name: string,
  params: Param[],
  outer: Scope,
  body: Stmt[] | null,
  lambdaBody: Expr | null,
): E {
  const rt = cx.rt;
  const sc = cx.scopes.get(node);
  if (!sc) throw new Error("internal: function scope missing");
  const defaults = params.map((p) => (p.default ? expr(cx, p.default, outer) : null));
  const savedLoop = cx.loopDepth;
  cx.loopDepth = 0;
  const firstLine =
    body?.[0]?.line ??
    (node instanceof Object && "line" in node && typeof node.line === "number" ? node.line : 0);
  let stmts: S[] = [];
  let exprBody: E | null = null;
  let exprLine = firstLine;
  if (body) {
    // A trailing `return expr` is evaluated by the call site itself (one statement frame less).
    const last = body[body.length - 1];
    const tail = last && last.k === "return" && last.value ? last : null;
    stmts = (tail ? body.slice(0, -1) : body).map((st) => stmt(cx, st, sc));
    if (tail?.value) {
      exprBody = expr(cx, tail.value, sc);
      exprLine = tail.line;
    }
  } else if (lambdaBody) exprBody = expr(cx, lambdaBody, sc);
  cx.loopDepth = savedLoop;
  const sigParams: string[] = [];
  let sawStar = false;
  for (const p of params) {
    if (p.kind === "varargs") {
      sigParams.push(`*${p.name}`);
      sawStar = true;
    } else if (p.kind === "varkw") sigParams.push(`**${p.name}`);
    else if (p.kind === "kwonly") {
      if (!sawStar) {
        sigParams.push("*");
        sawStar = true;
      }
      sigParams.push(p.name);
    } else sigParams.push(p.name);
  }
  const sig = compileSignature(sigParams);
  const dest = sig.names.map((n) => {
    const r = sc.resolve(n);
    if (r.kind === "local") return r.slot;
    if (r.kind === "cell") return -r.index - 1;
    throw new Error(`internal: parameter ${n} resolved as global`);
  });
  const byName = new Map(params.map((p, i) => [p.name, i]));
  const defaultIndex = sig.names.map((n) => byName.get(n) ?? -1);
  const argText = params
    .map((p) => (p.kind === "varargs" ? `*${p.name}` : p.kind === "varkw" ? `**${p.name}` : p.name))
    .join(", ");
  const code: FuncCode = {
    name,
    params,
    sig,
    dest,
    nslots: sc.slots.size,
    ncells: sc.cellNames.length,
    nown: sc.ownCells.size,
    direct: params.every((p) => p.kind === "normal") && dest.every((d, i) => d === i),
    nparams: sig.names.length,
    stmts,
    expr: exprBody,
    tail: exprBody ?? nullE,
    exprLine,
    rt,
    firstLine,
    source: cx.source,
    argText,
  };
  const freeIdx = sc.cellNames.slice(sc.ownCells.size).map((n) => sc.freeFrom.get(n) ?? -1);
  const noDefaults = defaults.every((d) => d === null);
  const emptyDefaults: (PyValue | undefined)[] = sig.names.map(() => undefined);
  return (f) => {
    let sigDefaults = emptyDefaults;
    if (!noDefaults) {
      const defs = defaults.map((d) => (d ? d(f) : undefined));
      sigDefaults = defaultIndex.map((i) => (i >= 0 ? defs[i] : undefined));
    }
    const closure = freeIdx.length === 0 ? NO_CELLS : freeIdx.map((i) => f.cells[i] ?? new Box());
    return new UserFunction(code, sigDefaults, closure);
  };
}

/** The cells of a new frame of `fn`: fresh boxes for its own captured locals, then its closure. */
function frameCells(fn: UserFunction): Box[] {
  const code = fn.code;
  if (code.ncells === 0) return NO_CELLS;
  const cells: Box[] = [];
  for (let i = 0; i < code.nown; i++) cells.push(new Box());
  for (const b of fn.closure) cells.push(b);
  return cells;
}

/** Pops the innermost frame and passes the call's result through. */
function leave(rt: Runtime, v: PyValue): PyValue {
  rt.depth--;
  return v;
}

/** Counts a call and records its frame for tracebacks; raises RecursionError past the limit. */
function pushFrame(rt: Runtime, fr: Frame): void {
  pollInterrupt();
  if (rt.depth >= rt.maxDepth) raise("RecursionError", "maximum recursion depth exceeded");
  rt.stack[rt.depth++] = fr;
}

/**
 * Calls a user function from host code (`callValue`: `sorted(key=f)`, `map(f, xs)`): binds
 * the arguments, runs the body, pops the frame. Compiled call sites inline the same steps.
 */
export function callUser(
  rt: Runtime,
  fn: UserFunction,
  args: readonly PyValue[],
  kwargs: Kwargs | null,
): PyValue {
  const code = fn.code;
  const fr = bindFrame(fn, args, kwargs);
  pushFrame(rt, fr);
  const ss = code.stmts;
  for (let i = 0; i < ss.length; i++) {
    const st = ss[i];
    if (st !== undefined && st(fr) === RETURN) {
      rt.depth--;
      return fr.ret;
    }
  }
  fr.line = code.exprLine;
  return leave(rt, code.tail(fr));
}

/** A new frame of `fn` with the arguments bound (CPython's TypeErrors for bad calls). */
function bindFrame(fn: UserFunction, args: readonly PyValue[], kwargs: Kwargs | null): Frame {
  const code = fn.code;
  const vars = new Array<PyValue | undefined>(code.nslots);
  const cells = frameCells(fn);
  const n = code.nparams;
  if (code.direct && kwargs === null && args.length === n) {
    for (let i = 0; i < n; i++) vars[i] = args[i];
  } else {
    const bound = bindArgs(code.name, code.sig, args, kwargs, fn.defaults);
    for (let i = 0; i < n; i++) {
      const d = code.dest[i] ?? 0;
      const v = bound[i];
      if (d >= 0) vars[d] = v;
      else {
        const b = cells[-d - 1];
        if (b) b.v = v;
      }
    }
  }
  return new Frame(vars, cells, code, code.firstLine);
}

/** The traceback frame of a function at `line`: `Cell In[3], line 2, in f(x)`. */
function traceFrame(code: FuncCode, line: number): TraceFrame {
  return {
    source: code.source.label,
    line,
    func: `${code.name}(${code.argText})`,
    text: code.source.text,
  };
}

// ---------------------------------------------------------------------------
// Expressions

function constE(v: PyValue): E {
  return () => v;
}

function expr(cx: Compiler, e: Expr, sc: Scope): E {
  const ctx = cx.rt.ctx;
  switch (e.k) {
    case "name":
      return loadName(cx, e.id, sc, e.line);
    case "const":
      return constE(e.value);
    case "raise": {
      const { exc, msg } = e;
      return () => raise(exc, msg);
    }
    case "fstr":
      return fstring(cx, e.parts, sc);
    case "bin":
      return binExpr(cx, e.op, expr(cx, e.l, sc), expr(cx, e.r, sc));
    case "unary": {
      const v = expr(cx, e.e, sc);
      const op = e.op;
      if (op === "not") return (f) => !truthy(v(f), ctx);
      if (op === "-") {
        return (f) => {
          const x = v(f);
          return typeof x === "number" ? (x === 0 ? 0 : -x) : unaryOp("-", x, ctx);
        };
      }
      return (f) => unaryOp(op, v(f), ctx);
    }
    case "cmp":
      return cmpExpr(
        cx,
        e.ops,
        e.operands.map((x) => expr(cx, x, sc)),
      );
    case "bool": {
      const l = expr(cx, e.l, sc);
      const r = expr(cx, e.r, sc);
      if (e.op === "and") {
        return (f) => {
          const a = l(f);
          return truthy(a, ctx) ? r(f) : a;
        };
      }
      return (f) => {
        const a = l(f);
        return truthy(a, ctx) ? a : r(f);
      };
    }
    case "ifexp": {
      const t = cond(cx, e.test, sc);
      const a = expr(cx, e.body, sc);
      const b = expr(cx, e.orelse, sc);
      return (f) => (t(f) ? a(f) : b(f));
    }
    case "lambda":
      return makeFunction(cx, e, "<lambda>", e.params, sc, null, e.body);
    case "call":
      return callExpr(cx, e.fn, e.args, sc);
    case "attr": {
      const o = expr(cx, e.obj, sc);
      const name = e.name;
      return (f) => {
        const obj = o(f);
        // Module attributes (`np.random`, `np.sum`): one map lookup (None is stored as null).
        if (obj instanceof PyModule) {
          const v = obj.attrs.get(name);
          if (v !== undefined) return v;
        }
        return getAttr(obj, name, ctx);
      };
    }
    case "sub": {
      const o = expr(cx, e.obj, sc);
      const i = expr(cx, e.index, sc);
      return (f) => {
        const obj = o(f);
        const idx = i(f);
        if (obj instanceof PyList && typeof idx === "number") {
          const n = obj.items.length;
          const k = idx < 0 ? idx + n : idx;
          if (k >= 0 && k < n) return obj.items[k] ?? null;
        }
        return getItem(obj, idx, ctx);
      };
    }
    case "slice": {
      const lo = e.lo ? expr(cx, e.lo, sc) : null;
      const hi = e.hi ? expr(cx, e.hi, sc) : null;
      const st = e.step ? expr(cx, e.step, sc) : null;
      return (f) => new PySlice(lo ? lo(f) : null, hi ? hi(f) : null, st ? st(f) : null);
    }
    case "tuple":
    case "list": {
      const list = e.k === "list";
      if (e.items.some((x) => x.k === "starred")) {
        const items = seqItems(cx, e.items, sc);
        return list ? (f) => new PyList(items(f)) : (f) => new PyTuple(items(f));
      }
      // Items are evaluated in this frame (no helper frame under them: deep recursion in a worker).
      const es = e.items.map((x) => expr(cx, x, sc));
      const n = es.length;
      return (f) => {
        const out = new Array<PyValue>(n);
        for (let i = 0; i < n; i++) out[i] = (es[i] ?? nullE)(f);
        return list ? new PyList(out) : new PyTuple(out);
      };
    }
    case "set":
      return () => raise("NotImplementedError", "sets are not supported in this notebook");
    case "dict": {
      const parts = e.items.map((it) =>
        "spread" in it
          ? { spread: expr(cx, it.spread, sc), key: null, value: null }
          : { spread: null, key: expr(cx, it.key, sc), value: expr(cx, it.value, sc) },
      );
      return (f) => {
        const d = new PyDict();
        for (const p of parts) {
          if (p.spread) {
            const src = p.spread(f);
            if (!(src instanceof PyDict)) {
              return raise("TypeError", `'${typeName(src)}' object is not a mapping`);
            }
            for (const [k, v] of src.entries()) d.set(k, v);
          } else if (p.key && p.value) {
            const k = p.key(f);
            d.set(k, p.value(f));
          }
        }
        return d;
      };
    }
    case "starred":
      return () => raise("SyntaxError", "can't use starred expression here");
    case "comp":
      return comprehension(cx, e, sc);
    default: {
      const never: never = e;
      throw new Error(`unknown expression ${JSON.stringify(never)}`);
    }
  }
}

function seqItems(cx: Compiler, items: Expr[], sc: Scope): (f: Frame) => PyValue[] {
  const ctx = cx.rt.ctx;
  const hasStar = items.some((x) => x.k === "starred");
  const es = items.map((x) => (x.k === "starred" ? expr(cx, x.e, sc) : expr(cx, x, sc)));
  if (!hasStar) {
    return (f) => {
      const out = new Array<PyValue>(es.length);
      for (let i = 0; i < es.length; i++) out[i] = (es[i] ?? nullE)(f);
      return out;
    };
  }
  const star = items.map((x) => x.k === "starred");
  return (f) => {
    const out: PyValue[] = [];
    for (let i = 0; i < es.length; i++) {
      const v = (es[i] ?? constE(null))(f);
      if (star[i]) {
        const it = iterate(v, ctx);
        for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
      } else out.push(v);
    }
    return out;
  };
}

function binExpr(cx: Compiler, op: BinOp, l: E, r: E): E {
  const ctx = cx.rt.ctx;
  // The general case is a two-argument helper: these closures sit on the JS stack while an
  // operand recurses, so they keep few locals and short calls (small frames).
  const slow = (a: PyValue, b: PyValue): PyValue => binaryOp(op, a, b, ctx);
  switch (op) {
    case "+":
      return (f) => {
        const a = l(f);
        const b = r(f);
        if (typeof a === "number" && typeof b === "number" && a + b < INT_LIMIT && a + b > -INT_LIMIT) {
          return a + b;
        }
        return slow(a, b);
      };
    case "-":
      return (f) => {
        const a = l(f);
        const b = r(f);
        if (typeof a === "number" && typeof b === "number" && a - b < INT_LIMIT && a - b > -INT_LIMIT) {
          return a - b;
        }
        return slow(a, b);
      };
    case "*":
      return (f) => {
        const a = l(f);
        const b = r(f);
        // `+ 0` turns -0 into 0 (an int product is never -0).
        if (typeof a === "number" && typeof b === "number" && a * b < INT_LIMIT && a * b > -INT_LIMIT) {
          return a * b + 0;
        }
        return slow(a, b);
      };
    default:
      return (f) => {
        const a = l(f);
        return slow(a, r(f));
      };
  }
}

function cmpExpr(cx: Compiler, ops: CmpOp[], es: E[]): E {
  const ctx = cx.rt.ctx;
  const one = (op: CmpOp, a: PyValue, b: PyValue): PyValue => {
    switch (op) {
      case "in":
        return containsOp(b, a, ctx);
      case "not in":
        return !containsOp(b, a, ctx);
      case "is":
        return isSame(a, b);
      case "is not":
        return !isSame(a, b);
      default:
        return compareOp(op, a, b, ctx);
    }
  };
  if (ops.length === 1) {
    const op = ops[0] ?? "==";
    const l = es[0] ?? constE(null);
    const r = es[1] ?? constE(null);
    if (op === "<") {
      return (f) => {
        const a = l(f);
        const b = r(f);
        if (typeof a === "number" && typeof b === "number") return a < b;
        return compareOp("<", a, b, ctx);
      };
    }
    return (f) => {
      const a = l(f);
      return one(op, a, r(f));
    };
  }
  return (f) => {
    let a = (es[0] ?? constE(null))(f);
    let result: PyValue = true;
    for (let i = 0; i < ops.length; i++) {
      const b = (es[i + 1] ?? constE(null))(f);
      result = one(ops[i] ?? "==", a, b);
      if (i < ops.length - 1 && !truthy(result, ctx)) return result;
      a = b;
    }
    return result;
  };
}

/** Python `is`: identity for objects; equal value for immutable primitives (small ints, None, bools, str). */
function isSame(a: PyValue, b: PyValue): boolean {
  if (a instanceof PyFloat && b instanceof PyFloat) return a === b;
  return a === b;
}

const nullE: E = () => null;

/**
 * Runs the body of a bound, pushed frame and pops it. Call sites copy these lines instead
 * of calling this (one JS frame less per Python call); host callers use `callUser`.
 */
function callExpr(cx: Compiler, fnE: Expr, args: Arg[], sc: Scope): E {
  const rt = cx.rt;
  const ctx = rt.ctx;
  if (fnE.k === "attr" && args.every((a) => a.kind === "pos")) return methodCall(cx, fnE, args, sc);
  const fn = expr(cx, fnE, sc);
  if (args.every((a) => a.kind === "pos")) {
    const es = args.map((a) => expr(cx, a.value, sc));
    const n = es.length;
    const evalArgs = (f: Frame): PyValue[] => {
      const argv = new Array<PyValue>(n);
      for (let i = 0; i < n; i++) argv[i] = (es[i] ?? nullE)(f);
      return argv;
    };
    // Arguments go straight into the callee's slots when its parameters allow it.
    const enter = (callee: UserFunction, f: Frame): Frame => {
      const code = callee.code;
      if (!code.direct || code.nparams !== n) {
        const bound = bindFrame(callee, evalArgs(f), null);
        pushFrame(rt, bound);
        return bound;
      }
      const vars = new Array<PyValue | undefined>(code.nslots);
      for (let i = 0; i < n; i++) vars[i] = (es[i] ?? nullE)(f);
      const fr = new Frame(vars, frameCells(callee), code, code.firstLine);
      pushFrame(rt, fr);
      return fr;
    };
    const other = (callee: PyValue, argv: PyValue[]): PyValue =>
      callee instanceof PyBuiltin ? callee.impl(argv, null, ctx) : callValue(ctx, callee, argv, null);
    const e0 = es[0] ?? nullE;
    const e1 = es[1] ?? nullE;
    const callPos: E = (f) => {
      const callee = fn(f);
      if (!(callee instanceof UserFunction)) {
        // Up to two arguments are evaluated here, without an evalArgs frame under them.
        if (n === 1) return other(callee, [e0(f)]);
        if (n === 2) return other(callee, [e0(f), e1(f)]);
        return other(callee, evalArgs(f));
      }
      // The body runs in this frame, not in a helper, and with few locals and short calls:
      // the JS stack per Python call stays small (deep recursion in a worker).
      const fr = enter(callee, f);
      const ss = callee.code.stmts;
      for (let i = 0; i < ss.length; i++) {
        if ((ss[i] ?? noStmt)(fr) === RETURN) return leave(rt, fr.ret);
      }
      fr.line = callee.code.exprLine;
      return leave(rt, callee.code.tail(fr));
    };
    return callPos;
  }
  const parts = args.map((a) => ({ a, e: expr(cx, a.value, sc) }));
  const collect = (f: Frame, argv: PyValue[]): Kwargs | null => {
    let kwargs: Kwargs | null = null;
    for (const { a, e } of parts) {
      const v = e(f);
      switch (a.kind) {
        case "pos":
          argv.push(v);
          break;
        case "star": {
          const it = iterate(v, ctx);
          for (let r = it.next(); !r.done; r = it.next()) argv.push(r.value);
          break;
        }
        case "kw":
          kwargs ??= new Map();
          if (kwargs.has(a.name)) return raise("SyntaxError", `keyword argument repeated: ${a.name}`);
          kwargs.set(a.name, v);
          break;
        case "dstar": {
          if (!(v instanceof PyDict)) {
            return raise("TypeError", `argument after ** must be a mapping, not ${typeName(v)}`);
          }
          kwargs ??= new Map();
          for (const [k, val] of v.entries()) {
            if (typeof k !== "string") return raise("TypeError", "keywords must be strings");
            kwargs.set(k, val);
          }
          break;
        }
        default: {
          const never: never = a;
          throw new Error(`bad arg ${JSON.stringify(never)}`);
        }
      }
    }
    return kwargs;
  };
  const enter = keywordBinder(rt, args, parts, collect);
  const gather = plainArguments(args, parts) ?? collect;
  const other = (callee: PyValue, f: Frame): PyValue => {
    const argv: PyValue[] = [];
    const kwargs = gather(f, argv);
    if (callee instanceof PyBuiltin) return callee.impl(argv, kwargs, ctx);
    return callValue(ctx, callee, argv, kwargs);
  };
  return (f) => {
    const callee = fn(f);
    if (!(callee instanceof UserFunction)) return other(callee, f);
    const fr = enter(callee, f);
    const ss = callee.code.stmts;
    for (let i = 0; i < ss.length; i++) {
      if ((ss[i] ?? noStmt)(fr) === RETURN) return leave(rt, fr.ret);
    }
    fr.line = callee.code.exprLine;
    return leave(rt, callee.code.tail(fr));
  };
}

const noStmt: S = () => NORMAL;

/**
 * For a call site with only positional and distinct `name=value` arguments (`np.sum(x, axis=1)`):
 * gathers them without inspecting each argument's kind at run time. Null for any other site.
 */
function plainArguments(
  args: Arg[],
  parts: readonly { a: Arg; e: E }[],
): ((f: Frame, argv: PyValue[]) => Kwargs) | null {
  const names: string[] = [];
  for (const a of args) {
    if (a.kind === "kw") {
      if (names.includes(a.name)) return null;
      names.push(a.name);
      // Positional arguments must all come first (the order they are evaluated in).
    } else if (a.kind !== "pos" || names.length > 0) return null;
  }
  const npos = args.length - names.length;
  const es = parts.map((p) => p.e);
  return (f, argv) => {
    for (let i = 0; i < npos; i++) argv.push((es[i] ?? nullE)(f));
    const kwargs: Kwargs = new Map();
    for (let i = 0; i < names.length; i++) kwargs.set(names[i] ?? "", (es[npos + i] ?? nullE)(f));
    return kwargs;
  };
}

/**
 * `obj.name(args)` with positional arguments: a host method or module function (user functions
 * are never attributes here). `list.append(x)`, common in loops, skips the bound-method object.
 */
function methodCall(cx: Compiler, fnE: Extract<Expr, { k: "attr" }>, args: Arg[], sc: Scope): E {
  const ctx = cx.rt.ctx;
  const objE = expr(cx, fnE.obj, sc);
  const name = fnE.name;
  const es = args.map((a) => expr(cx, a.value, sc));
  const n = es.length;
  const e0 = es[0] ?? nullE;
  const evalArgs = (f: Frame): PyValue[] => {
    const argv = new Array<PyValue>(n);
    for (let i = 0; i < n; i++) argv[i] = (es[i] ?? nullE)(f);
    return argv;
  };
  const call = (callee: PyValue, argv: PyValue[]): PyValue =>
    callee instanceof PyBuiltin ? callee.impl(argv, null, ctx) : callValue(ctx, callee, argv, null);
  const append = name === "append" && n === 1;
  return (f) => {
    const obj = objE(f);
    if (append && obj instanceof PyList) {
      obj.items.push(e0(f));
      return null;
    }
    const callee = (obj instanceof PyModule ? obj.attrs.get(name) : undefined) ?? getAttr(obj, name, ctx);
    if (n === 1) return call(callee, [e0(f)]);
    return call(callee, evalArgs(f));
  };
}

/**
 * Binds the arguments of a call site with keyword arguments to a user function's frame.
 * For a site with only positional and `name=value` arguments, the keyword -> slot map is
 * computed once per callee code and the values go straight into the frame (no Map); any
 * irregular call (unknown or repeated name, missing argument) takes the general path,
 * which raises CPython's TypeError.
 */
function keywordBinder(
  rt: Runtime,
  args: Arg[],
  parts: readonly { a: Arg; e: E }[],
  collect: (f: Frame, argv: PyValue[]) => Kwargs | null,
): (callee: UserFunction, f: Frame) => Frame {
  const general = (callee: UserFunction, f: Frame): Frame => {
    const argv: PyValue[] = [];
    const kwargs = collect(f, argv);
    const fr = bindFrame(callee, argv, kwargs);
    pushFrame(rt, fr);
    return fr;
  };
  const npos = args.filter((a) => a.kind === "pos").length;
  // Only `f(p, q, name=value)`: every positional argument first, no * or **.
  if (!args.every((a, i) => (i < npos ? a.kind === "pos" : a.kind === "kw"))) return general;
  const kwNames = args.flatMap((a) => (a.kind === "kw" ? [a.name] : []));
  const es = parts.map((p) => p.e);
  const nargs = es.length;
  let cachedCode: FuncCode | null = null;
  /** Parameter index of each argument (positional first), or null when the call is irregular. */
  let cachedIdx: Int32Array | null = null;
  const layout = (code: FuncCode): Int32Array | null => {
    if (!code.direct || npos > code.nparams) return null;
    const idx = new Int32Array(nargs);
    const seen = new Set<number>();
    for (let i = 0; i < nargs; i++) {
      const k = i < npos ? i : code.sig.names.indexOf(kwNames[i - npos] ?? "");
      if (k < 0 || seen.has(k)) return null;
      seen.add(k);
      idx[i] = k;
    }
    return idx;
  };
  /** A required parameter got no value: `bindArgs` raises CPython's TypeError from the same arguments. */
  const missingArgument = (callee: UserFunction, vars: (PyValue | undefined)[], idx: Int32Array): never => {
    const argv: PyValue[] = [];
    const kwargs: Kwargs = new Map();
    for (let i = 0; i < nargs; i++) {
      const v = vars[idx[i] ?? 0] ?? null;
      if (i < npos) argv.push(v);
      else kwargs.set(kwNames[i - npos] ?? "", v);
    }
    bindFrame(callee, argv, kwargs);
    throw new Error("internal: a call with a missing argument was bound");
  };
  return (callee, f) => {
    const code = callee.code;
    if (code !== cachedCode) {
      cachedCode = code;
      cachedIdx = layout(code);
    }
    const idx = cachedIdx;
    if (idx === null) return general(callee, f);
    const vars = new Array<PyValue | undefined>(code.nslots);
    for (let i = 0; i < nargs; i++) vars[idx[i] ?? 0] = (es[i] ?? nullE)(f);
    const defaults = callee.defaults;
    for (let i = 0; i < code.nparams; i++) {
      if (vars[i] === undefined) {
        const d = defaults[i];
        if (d === undefined) return missingArgument(callee, vars, idx);
        vars[i] = d;
      }
    }
    const fr = new Frame(vars, frameCells(callee), code, code.firstLine);
    pushFrame(rt, fr);
    return fr;
  };
}

function fstring(cx: Compiler, parts: FPart[], sc: Scope): E {
  const ctx = cx.rt.ctx;
  const compiled = parts.map((p) => {
    if (typeof p === "string") return p;
    return {
      e: expr(cx, p.expr, sc),
      conv: p.conv,
      spec: p.spec ? expr(cx, p.spec, sc) : null,
      selfDoc: p.selfDoc,
    };
  });
  return (f) => {
    let out = "";
    for (const p of compiled) {
      if (typeof p === "string") {
        out += p;
        continue;
      }
      let v = p.e(f);
      if (p.conv === "r" || p.conv === "a") v = pyRepr(v, ctx);
      else if (p.conv === "s") v = pyToStr(v, ctx);
      const spec = p.spec ? pyToStr(p.spec(f), ctx) : "";
      if (p.selfDoc !== null) out += p.selfDoc;
      out += formatValue(v, spec, ctx);
    }
    return out;
  };
}

function comprehension(cx: Compiler, e: Extract<Expr, { k: "comp" }>, outer: Scope): E {
  const rt = cx.rt;
  const ctx = rt.ctx;
  const sc = cx.scopes.get(e);
  if (!sc) throw new Error("internal: comprehension scope missing");
  const first = e.gens[0];
  if (!first) throw new Error("internal: empty comprehension");
  const firstIter = expr(cx, first.iter, outer);
  const savedLoop = cx.loopDepth;
  cx.loopDepth = 0;
  const gens = e.gens.map((g, i) => ({
    iter: i === 0 ? null : expr(cx, g.iter, sc),
    st: store(cx, g.target, sc),
    ifs: g.ifs.map((c) => cond(cx, c, sc)),
  }));
  const elt = expr(cx, e.elt, sc);
  const value = e.value ? expr(cx, e.value, sc) : null;
  cx.loopDepth = savedLoop;
  const nslots = sc.slots.size;
  const nown = sc.ownCells.size;
  const freeIdx = sc.cellNames.slice(nown).map((n) => sc.freeFrom.get(n) ?? -1);
  const kind = e.kind;
  const noCells = sc.cellNames.length === 0;
  /** Whether the `if` clauses of generator `level` accept the current item. */
  const accepts = (level: number, inner: Frame): boolean => {
    const ifs = gens[level]?.ifs ?? [];
    for (let i = 0; i < ifs.length; i++) if (!(ifs[i] ?? (() => true))(inner)) return false;
    return true;
  };
  const add = (inner: Frame, out: PyValue[], d: PyDict | null): void => {
    if (d !== null) {
      const k = elt(inner);
      d.set(k, value ? value(inner) : null);
    } else out.push(elt(inner));
  };
  /** Nested generators (`for a in x for b in y`): generator `level` and the ones after it. */
  const loop = (level: number, it: PyValue, inner: Frame, out: PyValue[], d: PyDict | null): void => {
    const g = gens[level];
    if (!g) return;
    const iter = iterate(it, ctx);
    for (let r = iter.next(); !r.done; r = iter.next()) {
      g.st(inner, r.value);
      pollInterrupt();
      if (!accepts(level, inner)) continue;
      const nextG = gens[level + 1];
      if (nextG) loop(level + 1, nextG.iter ? nextG.iter(inner) : null, inner, out, d);
      else add(inner, out, d);
    }
  };
  const g0 = gens[0];
  const single = gens.length === 1 && g0 !== undefined && g0.ifs.length === 0 && kind !== "dict";
  const st0 = g0?.st ?? (() => undefined);
  const innerFrame = (f: Frame): Frame => {
    let cells = NO_CELLS;
    if (!noCells) {
      cells = [];
      for (let i = 0; i < nown; i++) cells.push(new Box());
      for (const i of freeIdx) cells.push(f.cells[i] ?? new Box());
    }
    return new Frame(new Array<PyValue | undefined>(nslots), cells, null, f.line);
  };
  const general = (inner: Frame, src: PyValue): PyValue => {
    const out: PyValue[] = [];
    const d = kind === "dict" ? new PyDict() : null;
    loop(0, src, inner, out, d);
    return d ?? finish(out);
  };
  const finish = (out: PyValue[]): PyValue => {
    if (kind === "list") return new PyList(out);
    if (kind === "set") return raise("NotImplementedError", "sets are not supported in this notebook");
    // Generator expressions are evaluated eagerly; they are consumed once by sum(), max(), list(), ...
    return new PyIter("generator", out[Symbol.iterator]());
  };
  // The common `[expr for x in seq]` evaluates its element in this frame, which has few locals
  // (deep recursion in a worker); anything else runs in `general`.
  return (f) => {
    const src = firstIter(f);
    const inner = innerFrame(f);
    if (!single) return general(inner, src);
    const out: PyValue[] = [];
    if (src instanceof PyRange) {
      for (let i = 0; i < src.length; i++) {
        st0(inner, src.start + i * src.step);
        pollInterrupt();
        out.push(elt(inner));
      }
    } else if (src instanceof PyList || src instanceof PyTuple) {
      // A list's length is read at every step, as Python's list iterator does.
      for (let i = 0; i < src.items.length; i++) {
        st0(inner, src.items[i] ?? null);
        pollInterrupt();
        out.push(elt(inner));
      }
    } else return general(inner, src);
    return finish(out);
  };
}

/** Error raised inside compiled code that the cell's runner did not attribute: keep the class for tests. */
export { PyException };
