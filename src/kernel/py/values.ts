/**
 * The Python value model of the kernel: the contract every module codes against.
 *
 * Representation (`PyValue`):
 *   None        -> `null` (the constant `None`)
 *   bool        -> JS `boolean`
 *   int         -> JS `number` holding an integer with |n| <= 2**53 (the fast path),
 *                  or JS `bigint` beyond that: the interpreter promotes exact int
 *                  results past 2**53 to bigint and back (`normInt`), so Python
 *                  ints stay unbounded. Module code may reject bigints with a
 *                  TypeError/OverflowError (`checkInt` raises OverflowError for
 *                  host functions that only handle 2**53).
 *   float       -> `PyFloat` (boxed so that `1.0` and `1` differ)
 *   str         -> JS `string`
 *   list/tuple  -> `PyList` / `PyTuple`
 *   dict        -> `PyDict` (insertion ordered; keys hashed by Python equality, 1 == 1.0 == True)
 *   range, slice, Ellipsis -> `PyRange`, `PySlice`, `Ellipsis`
 *   functions   -> `PyFunction` (user `def`/`lambda`), `PyBuiltin` (host functions and bound methods)
 *   types       -> `PyType` (`int`, `float`, `np.float64`, ...), callable to construct
 *   modules     -> `PyModule`
 *   iterators   -> `PyIter` (`zip`, `enumerate`, `map`, ...) and `PyDictView` (`dict.items()`, ...)
 *   arrays      -> `NDArray` itself; numpy scalars -> `NpScalar`
 *   other host objects (Figure, Axes, RandomState, dtype, ...) -> subclasses of `PyObject`
 *
 * How to write a builtin function:
 *
 *   const clip = makeBuiltin("clip", (args, kwargs, ctx) => {
 *     const [a, lo, hi] = parseArgs("clip", ["a", "a_min", "a_max"], args, kwargs);
 *     ...                        // raise("ValueError", "...") for Python errors
 *     return result;             // a PyValue
 *   });
 *
 * `parseArgs` gives CPython's TypeErrors for missing/unexpected arguments.
 * Parameter names: `"x"` required, `"x?"` optional (undefined when absent),
 * `"*args"` rest positional (a PyTuple), `"*"` keyword-only marker, `"**kw"` (a PyDict).
 *
 * How to write a module: a factory `(ctx) => PyModule` registered in
 * `src/kernel/modules/registry.ts`. It is called once per session on first
 * import, so state that belongs to one module may live in the factory's
 * closure; state shared between modules or with the session lives in a
 * `SlotKey` (`ctx.slot(key)`), never in a module-level variable.
 *
 *   export function mathModule(ctx: KernelContext): PyModule {
 *     return makeModule("math", { pi: pyFloat(Math.PI), sqrt: makeBuiltin("sqrt", ...) });
 *   }
 *
 * How to write a host object type: subclass `PyObject`, set `typeName`
 * (`type(x).__name__`), override `getattr` (return a `PyBuiltin` for
 * methods, `undefined` for "no such attribute" - the interpreter raises
 * AttributeError), and optionally `setattr`, `call`, `repr`, `str`,
 * `getitem`, `setitem`, `len`, `iter`, `binop`.
 */
import { NDArray, type DType } from "../nd/ndarray.ts";
import { floatRepr } from "../nd/pyfloat.ts";
import { scalarStr } from "../nd/format.ts";
import type { MimeBundle } from "../../protocol.ts";
import { PyException, raise } from "./errors.ts";

export { PyException, raise } from "./errors.ts";

/** Python's `None`. */
export const None = null;
export type PyNone = null;

/** A Python float. Boxed so `type(1.0) is float` while ints stay plain JS numbers. */
export class PyFloat {
  constructor(readonly v: number) {}
}

/** A Python list (mutable). */
export class PyList {
  constructor(public items: PyValue[]) {}
}

/** A Python tuple (immutable by convention: never mutate `items`). */
export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

/** Python's `range(start, stop, step)`; `step` is never 0. */
export class PyRange {
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {}
  get length(): number {
    const n =
      this.step > 0
        ? Math.ceil((this.stop - this.start) / this.step)
        : Math.ceil((this.start - this.stop) / -this.step);
    return Math.max(n, 0);
  }
}

/** Python's `slice(start, stop, step)`; each part is a PyValue (None when omitted). */
export class PySlice {
  constructor(
    readonly start: PyValue,
    readonly stop: PyValue,
    readonly step: PyValue,
  ) {}
}

/** Python's `Ellipsis` (`...`). */
export class PyEllipsis {}
export const Ellipsis: PyEllipsis = Object.freeze(new PyEllipsis());

/** Keyword arguments of a call, in call order; `null` when the call has none. */
export type Kwargs = Map<string, PyValue>;

/** The implementation of a host function. `args` may be reused by the caller after return. */
export type BuiltinImpl = (args: PyValue[], kwargs: Kwargs | null, ctx: KernelContext) => PyValue;

/** A host function or bound method: `<built-in function print>`, `<built-in method append of list object>`. */
export class PyBuiltin {
  constructor(
    readonly name: string,
    readonly impl: BuiltinImpl,
    /** `type(self).__name__` for bound methods, null for plain functions. */
    readonly ownerType: string | null = null,
  ) {}
}

/**
 * A user function (`def` or `lambda`). The interpreter implements `invoke`;
 * host code calls it through `callValue`.
 */
export abstract class PyFunction {
  constructor(readonly name: string) {}
  abstract invoke(args: PyValue[], kwargs: Kwargs | null): PyValue;
}

/** A Python type object: `int`, `float`, `list`, `np.float64`, ... Calling it constructs. */
export class PyType {
  constructor(
    readonly name: string,
    /** `isinstance(v, this)`. */
    readonly isInstance: (v: PyValue) => boolean,
    /** The constructor, or null when the type cannot be called. */
    readonly construct: BuiltinImpl | null,
    /** Module shown in the repr: `<class 'numpy.float64'>`; null for builtins. */
    readonly module: string | null = null,
    /** Class attributes and methods (`np.float64.__name__` is handled by the interpreter). */
    readonly attrs: Map<string, PyValue> = new Map(),
  ) {}
}

/** A module object: `<module 'math'>`. */
export class PyModule {
  constructor(
    readonly name: string,
    readonly attrs: Map<string, PyValue>,
  ) {}
}

/** An iterator (`zip`, `enumerate`, `map`, `filter`, `reversed`, list/range iterators). Single pass. */
export class PyIter {
  constructor(
    /** `type(it).__name__`: "zip", "enumerate", "map", "list_iterator", ... */
    readonly typeName: string,
    readonly it: Iterator<PyValue>,
  ) {}
}

/** `dict.keys()`, `dict.values()`, `dict.items()`: live views of a dict. */
export class PyDictView {
  constructor(
    readonly kind: "keys" | "values" | "items",
    readonly dict: PyDict,
  ) {}
}

/**
 * A numpy scalar (`np.float64(0.5)`, `np.int64(3)`, `np.True_`). float64
 * scalars behave as Python floats in arithmetic, comparisons and formatting.
 * `value` is 0/1 for bool.
 */
export class NpScalar {
  constructor(
    readonly dtype: DType,
    readonly value: number,
  ) {}
}

/**
 * Base class of host objects defined by modules (Figure, Axes, RandomState,
 * dtype objects, ...). Override what the type supports; the defaults make
 * the interpreter raise Python's usual errors.
 */
export abstract class PyObject {
  /** `type(x).__name__`. */
  abstract readonly typeName: string;
  /** Attribute or bound method, or undefined when absent (-> AttributeError). */
  getattr(_name: string, _ctx: KernelContext): PyValue | undefined {
    return undefined;
  }
  /** Sets an attribute; return false when it cannot be set (-> AttributeError). */
  setattr(_name: string, _value: PyValue, _ctx: KernelContext): boolean {
    return false;
  }
  /** Calling the object; undefined means not callable (-> TypeError). */
  call(_args: PyValue[], _kwargs: Kwargs | null, _ctx: KernelContext): PyValue | undefined {
    return undefined;
  }
  /** `repr(x)`. */
  repr(_ctx: KernelContext): string {
    return `<${this.typeName} object>`;
  }
  /** `str(x)`; defaults to repr. */
  str(ctx: KernelContext): string {
    return this.repr(ctx);
  }
  /** `x[key]`; undefined means not subscriptable (-> TypeError). */
  getitem(_key: PyValue, _ctx: KernelContext): PyValue | undefined {
    return undefined;
  }
  /** `x[key] = value`; false means unsupported (-> TypeError). */
  setitem(_key: PyValue, _value: PyValue, _ctx: KernelContext): boolean {
    return false;
  }
  /** `len(x)`; undefined means no len (-> TypeError). */
  len(_ctx: KernelContext): number | undefined {
    return undefined;
  }
  /** `iter(x)`; undefined means not iterable (-> TypeError). */
  iter(_ctx: KernelContext): Iterator<PyValue> | undefined {
    return undefined;
  }
  /**
   * Binary operator `op` ("+", "-", "*", "/", "//", "%", "**", "@", "==", "!=", "<", "<=", ">", ">=")
   * with `this` on the left (`reflected` false) or right (`reflected` true).
   * Return undefined for NotImplemented.
   */
  binop(_op: string, _other: PyValue, _reflected: boolean, _ctx: KernelContext): PyValue | undefined {
    return undefined;
  }
}

/** Every value the interpreter manipulates. */
export type PyValue =
  | PyNone
  | boolean
  | number
  | bigint
  | PyFloat
  | string
  | PyList
  | PyTuple
  | PyDict
  | PyRange
  | PySlice
  | PyEllipsis
  | PyBuiltin
  | PyFunction
  | PyType
  | PyModule
  | PyIter
  | PyDictView
  | NDArray
  | NpScalar
  | PyObject;

// ---------------------------------------------------------------------------
// Dict

/** The hash key of a dict key: Python-equal keys map to the same JS Map key. */
type HashKey =
  | number
  | string
  | boolean
  | null
  | PyEllipsis
  | PyFunction
  | PyBuiltin
  | PyType
  | PyModule
  | PyObject;

function hashKey(k: PyValue): HashKey {
  if (typeof k === "string" || typeof k === "number" || typeof k === "bigint" || k === null) return k;
  if (typeof k === "boolean") return k ? 1 : 0;
  if (k instanceof PyFloat) return k.v;
  if (k instanceof NpScalar) return k.value;
  if (k instanceof PyTuple) return `\u0001(${k.items.map(tupleKeyPart).join(",")})`;
  if (
    k instanceof PyEllipsis ||
    k instanceof PyFunction ||
    k instanceof PyBuiltin ||
    k instanceof PyType ||
    k instanceof PyModule ||
    k instanceof PyObject
  ) {
    return k;
  }
  return raise("TypeError", `unhashable type: '${typeName(k)}'`);
}

function tupleKeyPart(k: PyValue): string {
  const h = hashKey(k);
  if (typeof h === "number" || typeof h === "bigint") return `n${h}`;
  if (typeof h === "string") return `s${JSON.stringify(h)}`;
  if (h === null) return "N";
  if (typeof h === "boolean") return `n${h ? 1 : 0}`;
  // Identity-hashed objects inside tuple keys: fall back to their type name (rare in lessons).
  return `o${typeName(k)}`;
}

/** A Python dict: insertion ordered, keys compared by Python equality. */
export class PyDict {
  private readonly map = new Map<HashKey, { key: PyValue; value: PyValue }>();

  get size(): number {
    return this.map.size;
  }
  get(key: PyValue): PyValue | undefined {
    return this.map.get(hashKey(key))?.value;
  }
  has(key: PyValue): boolean {
    return this.map.has(hashKey(key));
  }
  /** Sets `d[key] = value`; an existing equal key keeps its original key object and position. */
  set(key: PyValue, value: PyValue): void {
    const h = hashKey(key);
    const entry = this.map.get(h);
    if (entry) entry.value = value;
    else this.map.set(h, { key, value });
  }
  /** Removes `key`; returns its value or undefined when absent. */
  delete(key: PyValue): PyValue | undefined {
    const h = hashKey(key);
    const entry = this.map.get(h);
    if (!entry) return undefined;
    this.map.delete(h);
    return entry.value;
  }
  clear(): void {
    this.map.clear();
  }
  *keys(): IterableIterator<PyValue> {
    for (const e of this.map.values()) yield e.key;
  }
  *values(): IterableIterator<PyValue> {
    for (const e of this.map.values()) yield e.value;
  }
  *entries(): IterableIterator<[PyValue, PyValue]> {
    for (const e of this.map.values()) yield [e.key, e.value];
  }
  /** A dict from string keys (module authors: options, bundles). */
  static fromEntries(entries: Iterable<readonly [PyValue, PyValue]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of entries) d.set(k, v);
    return d;
  }
}

// ---------------------------------------------------------------------------
// Context

/** A typed per-session state slot: `const figures = new SlotKey("pyplot.figures", () => new Manager())`. */
export class SlotKey<T> {
  constructor(
    readonly name: string,
    readonly init: (ctx: KernelContext) => T,
  ) {}
}

/**
 * Session state passed to every builtin. Modules never keep session state in
 * module-level variables: they use `slot` (typed state created on first use)
 * or their factory's closure.
 */
export interface KernelContext {
  /** Appends text to the cell's stdout stream (what `print` writes). */
  write(text: string): void;
  /** Emits a `display_data` output now (pyplot: at `plt.show()` and cell end). */
  display(data: MimeBundle, metadata?: Record<string, unknown>): void;
  /** Per-session typed state, created by `key.init(ctx)` on first use. */
  slot<T>(key: SlotKey<T>): T;
  /** Registers a hook run after every cell, even one that raised (pyplot flushes open figures). */
  onCellEnd(hook: () => void): void;
  /** `repr`/`str` of arrays (numpy's arrayprint with the session's print options). */
  formatArray(a: NDArray, mode: "repr" | "str"): string;
  /** Milliseconds from an arbitrary origin, for `time.perf_counter` (performance.now in both hosts). */
  now(): number;
  /** Imports a module by its dotted name (`numpy.random`), as `import` does. */
  importModule(name: string): PyModule;
  /**
   * Blocks for `seconds` (`time.sleep`). The worker waits with `Atomics.wait`
   * and throws `InterruptSignal` (nd/interrupt.ts) when interrupted; a host
   * that cannot block returns at once.
   */
  sleep(seconds: number): void;
  /**
   * Asks the user for one line (`input(prompt)`), without the newline. Returns
   * null when this host cannot ask (no shared memory, no terminal); the
   * builtin then raises a clear Python error.
   */
  readLine(prompt: string): string | null;
}

// ---------------------------------------------------------------------------
// Constructors

/** An int; raises OverflowError outside +-2**53 (this notebook has no big integers). */
export function pyInt(n: number): number {
  return checkInt(n);
}

export function pyFloat(n: number): PyFloat {
  return new PyFloat(n);
}

export function pyStr(s: string): string {
  return s;
}

export function pyBool(b: boolean): boolean {
  return b;
}

export function pyList(items: PyValue[]): PyList {
  return new PyList(items);
}

export function pyTuple(items: readonly PyValue[]): PyTuple {
  return new PyTuple(items);
}

/** A dict from `[key, value]` pairs (string keys are the usual case). */
export function pyDict(entries: Iterable<readonly [PyValue, PyValue]> = []): PyDict {
  return PyDict.fromEntries(entries);
}

/** A host function. */
export function makeBuiltin(name: string, impl: BuiltinImpl): PyBuiltin {
  return new PyBuiltin(name, impl);
}

/** A bound method of a host value: shown as `<built-in method name of T object>`. */
export function makeMethod(ownerType: string, name: string, impl: BuiltinImpl): PyBuiltin {
  return new PyBuiltin(name, impl, ownerType);
}

/** A module from a plain record of attributes. */
export function makeModule(name: string, attrs: Record<string, PyValue>): PyModule {
  return new PyModule(name, new Map(Object.entries(attrs)));
}

export const INT_LIMIT = 2 ** 53;

/** An exact int as the interpreter keeps it: a number within +-2**53, a bigint beyond. */
export function normInt(b: bigint): number | bigint {
  return b <= 9007199254740992n && b >= -9007199254740992n ? Number(b) : b;
}

/** Validates an integer result for host code that works on JS numbers: OverflowError past 2**53. */
export function checkInt(n: number): number {
  if (n > INT_LIMIT || n < -INT_LIMIT) {
    if (Number.isNaN(n)) return raise("ValueError", "cannot convert float NaN to integer");
    return raise("OverflowError", "integer overflow: result exceeds 2**53 in this notebook");
  }
  return n;
}

// ---------------------------------------------------------------------------
// Type tests

export function isInt(v: PyValue): v is number {
  return typeof v === "number";
}
export function isFloat(v: PyValue): v is PyFloat {
  return v instanceof PyFloat;
}
export function isStr(v: PyValue): v is string {
  return typeof v === "string";
}
/** A Python int too large for a JS number (|n| > 2**53). */
export function isBigInt(v: PyValue): v is bigint {
  return typeof v === "bigint";
}
export function isBool(v: PyValue): v is boolean {
  return typeof v === "boolean";
}
export function isNone(v: PyValue): v is null {
  return v === null;
}
export function isArray(v: PyValue): v is NDArray {
  return v instanceof NDArray;
}
/** int, float, bool or a numpy scalar: a value with a real number. */
export function isNumber(v: PyValue): v is number | bigint | boolean | PyFloat | NpScalar {
  return (
    typeof v === "number" ||
    typeof v === "bigint" ||
    typeof v === "boolean" ||
    v instanceof PyFloat ||
    v instanceof NpScalar
  );
}
export function isCallable(v: PyValue): boolean {
  return v instanceof PyBuiltin || v instanceof PyFunction || v instanceof PyType || v instanceof PyObject;
}

/** numpy's scalar type names: `float64`, `int64`, `bool` (`type(np.True_).__name__` is "bool"). */
function npScalarTypeName(dtype: DType): string {
  return dtype;
}

/** `type(v).__name__`. */
export function typeName(v: PyValue): string {
  if (v === null) return "NoneType";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "number":
    case "bigint":
      return "int";
    case "string":
      return "str";
    default:
      break;
  }
  if (v instanceof PyFloat) return "float";
  if (v instanceof PyList) return "list";
  if (v instanceof PyTuple) return "tuple";
  if (v instanceof PyDict) return "dict";
  if (v instanceof PyRange) return "range";
  if (v instanceof PySlice) return "slice";
  if (v instanceof PyEllipsis) return "ellipsis";
  if (v instanceof PyBuiltin) return "builtin_function_or_method";
  if (v instanceof PyFunction) return "function";
  if (v instanceof PyType) return "type";
  if (v instanceof PyModule) return "module";
  if (v instanceof PyIter) return v.typeName;
  if (v instanceof PyDictView) return `dict_${v.kind}`;
  if (v instanceof NDArray) return "ndarray";
  if (v instanceof NpScalar) return npScalarTypeName(v.dtype);
  return v.typeName;
}

// ---------------------------------------------------------------------------
// Conversions

/** The real number of an int/float/bool/numpy scalar, or a TypeError naming `what`. */
export function toNumber(v: PyValue, what = "a real number"): number {
  if (typeof v === "number") return v;
  if (v instanceof PyFloat) return v.v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof NpScalar) return v.value;
  if (v instanceof NDArray && v.size === 1) return v.data[v.offset] ?? 0;
  return raise("TypeError", `must be ${what}, not ${typeName(v)}`);
}

/** An integer argument (`operator.index`): int, bool or integer numpy scalar. */
export function toIndex(v: PyValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof NpScalar && (v.dtype === "int64" || v.dtype === "bool")) return v.value;
  if (typeof v === "bigint") return raise("OverflowError", "Python int too large to convert to C ssize_t");
  return raise("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** Python truthiness (`bool(v)`); arrays of size != 1 raise numpy's ValueError. */
export function truthy(v: PyValue, ctx?: KernelContext): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (v === null) return false;
  if (typeof v === "bigint") return true;
  if (typeof v === "string") return v.length > 0;
  if (v instanceof PyFloat) return v.v !== 0;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict) return v.size > 0;
  if (v instanceof PyRange) return v.length > 0;
  if (v instanceof NpScalar) return v.value !== 0;
  if (v instanceof PyDictView) return v.dict.size > 0;
  if (v instanceof NDArray) {
    if (v.size === 1) return (v.data[v.offset] ?? 0) !== 0;
    if (v.size === 0) {
      return raise(
        "ValueError",
        "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
      );
    }
    return raise(
      "ValueError",
      "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
    );
  }
  if (v instanceof PyObject && ctx) {
    const n = v.len(ctx);
    if (n !== undefined) return n > 0;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Calling and iterating

/** Calls any Python callable with positional and keyword arguments. */
export function callValue(
  ctx: KernelContext,
  fn: PyValue,
  args: PyValue[],
  kwargs: Kwargs | null = null,
): PyValue {
  if (fn instanceof PyFunction) return fn.invoke(args, kwargs);
  if (fn instanceof PyBuiltin) return fn.impl(args, kwargs, ctx);
  if (fn instanceof PyType) {
    if (fn.construct === null) return raise("TypeError", `cannot create '${fn.name}' instances`);
    return fn.construct(args, kwargs, ctx);
  }
  if (fn instanceof PyObject) {
    const r = fn.call(args, kwargs, ctx);
    if (r !== undefined) return r;
  }
  return raise("TypeError", `'${typeName(fn)}' object is not callable`);
}

/** Row `i` of an array: a view for ndim > 1, a numpy scalar for 1-d (no bounds check). */
export function arrayRow(a: NDArray, i: number): NDArray | NpScalar {
  const s0 = a.strides[0] ?? 0;
  if (a.ndim === 1) return new NpScalar(a.dtype, a.data[a.offset + i * s0] ?? 0);
  return new NDArray(a.dtype, a.data, a.shape.slice(1), a.strides.slice(1), a.offset + i * s0, a.base ?? a);
}

function* rangeIter(r: PyRange): Generator<PyValue> {
  const { start, stop, step } = r;
  if (step > 0) for (let i = start; i < stop; i += step) yield i;
  else for (let i = start; i > stop; i += step) yield i;
}

function* arrayIter(a: NDArray): Generator<PyValue> {
  const n = a.shape[0] ?? 0;
  for (let i = 0; i < n; i++) yield arrayRow(a, i);
}

function* listIter(l: PyList): Generator<PyValue> {
  // Python's list iterator re-reads the length each step, so appends while iterating are seen.
  for (let i = 0; i < l.items.length; i++) yield l.items[i] ?? null;
}

function* dictViewIter(v: PyDictView): Generator<PyValue> {
  for (const [k, val] of v.dict.entries()) {
    if (v.kind === "keys") yield k;
    else if (v.kind === "values") yield val;
    else yield new PyTuple([k, val]);
  }
}

/** A JS iterator over a Python iterable, or `TypeError: 'int' object is not iterable`. */
export function iterate(v: PyValue, ctx: KernelContext): Iterator<PyValue> {
  if (v instanceof PyList) return listIter(v);
  if (v instanceof PyTuple) return v.items[Symbol.iterator]();
  if (v instanceof PyRange) return rangeIter(v);
  if (typeof v === "string") return Array.from(v)[Symbol.iterator]();
  if (v instanceof PyDict) return v.keys();
  if (v instanceof PyDictView) return dictViewIter(v);
  if (v instanceof PyIter) return v.it;
  if (v instanceof NDArray) {
    if (v.ndim === 0) return raise("TypeError", "iteration over a 0-d array");
    return arrayIter(v);
  }
  if (v instanceof PyObject) {
    const it = v.iter(ctx);
    if (it) return it;
  }
  return raise("TypeError", `'${typeName(v)}' object is not iterable`);
}

/** All items of a Python iterable as a JS array. */
export function toArray(v: PyValue, ctx: KernelContext): PyValue[] {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.slice();
  const out: PyValue[] = [];
  const it = iterate(v, ctx);
  for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
  return out;
}

/** `len(v)`, or `TypeError: object of type 'int' has no len()`. */
export function pyLen(v: PyValue, ctx: KernelContext): number {
  if (typeof v === "string") return strLength(v);
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict) return v.size;
  if (v instanceof PyRange) return v.length;
  if (v instanceof PyDictView) return v.dict.size;
  if (v instanceof NDArray) {
    if (v.ndim === 0) return raise("TypeError", "len() of unsized object");
    return v.shape[0] ?? 0;
  }
  if (v instanceof PyObject) {
    const n = v.len(ctx);
    if (n !== undefined) return n;
  }
  return raise("TypeError", `object of type '${typeName(v)}' has no len()`);
}

/** Length in code points (Python counts code points, JS counts UTF-16 units). */
export function strLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

// ---------------------------------------------------------------------------
// Arguments

/** A parsed parameter list (see `parseArgs` for the notation). */
export interface Signature {
  /** Names in binding order: positional-or-keyword, then keyword-only, then *args, then **kwargs. */
  readonly names: readonly string[];
  /** Whether each name must be supplied. */
  readonly required: readonly boolean[];
  /** How many leading names may be given positionally. */
  readonly positional: number;
  /** Index of `*args` in `names`, or -1. */
  readonly varargs: number;
  /** Index of `**kwargs` in `names`, or -1. */
  readonly varkw: number;
}

/** Parses `["x", "y?", "*args", "*", "k?", "**kw"]` into a `Signature`. */
export function compileSignature(params: readonly string[]): Signature {
  // Plain loops, no spreads: host code (numpy's bound methods) may compile a signature per call.
  const names: string[] = [];
  const required: boolean[] = [];
  let positional = 0;
  let varargs: string | null = null;
  let varkw: string | null = null;
  let afterStar = false;
  for (let i = 0; i < params.length; i++) {
    const p = params[i] ?? "";
    if (p.charCodeAt(0) === 42 /* * */) {
      if (p.charCodeAt(1) === 42) varkw = p.slice(2);
      else if (p.length === 1) afterStar = true;
      else {
        varargs = p.slice(1);
        afterStar = true;
      }
      continue;
    }
    const optional = p.charCodeAt(p.length - 1) === 63; /* ? */
    const name = optional ? p.slice(0, -1) : p;
    // Positional names come before `*` in a signature, so they take the first places.
    names.push(name);
    required.push(!optional);
    if (!afterStar) positional++;
  }
  let va = -1;
  let vk = -1;
  if (varargs !== null) {
    va = names.length;
    names.push(varargs);
    required.push(false);
  }
  if (varkw !== null) {
    vk = names.length;
    names.push(varkw);
    required.push(false);
  }
  return { names, required, positional, varargs: va, varkw: vk };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function nameList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0] ?? "";
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
}

/**
 * Binds call arguments to a signature with CPython's TypeErrors
 * (`f() missing 1 required positional argument: 'x'`, `f() got an unexpected
 * keyword argument 'y'`, `f() takes 2 positional arguments but 3 were given`,
 * `f() got multiple values for argument 'x'`). `defaults[i]` fills a missing
 * name `i`; otherwise missing optional names are undefined. `*args` binds to a
 * PyTuple and `**kw` to a PyDict.
 */
export function bindArgs(
  fnName: string,
  sig: Signature,
  args: readonly PyValue[],
  kwargs: Kwargs | null,
  defaults: readonly (PyValue | undefined)[] | null = null,
): (PyValue | undefined)[] {
  const nnames = sig.names.length;
  const out = new Array<PyValue | undefined>(nnames);
  for (let i = 0; i < nnames; i++) out[i] = undefined;
  const npos = sig.positional;
  if (args.length > npos && sig.varargs < 0) return tooManyPositional(fnName, sig, args, defaults);
  const n = Math.min(args.length, npos);
  for (let i = 0; i < n; i++) out[i] = args[i];
  if (sig.varargs >= 0) out[sig.varargs] = new PyTuple(args.slice(npos));
  let extra: PyDict | null = null;
  if (sig.varkw >= 0) {
    extra = new PyDict();
    out[sig.varkw] = extra;
  }
  if (kwargs !== null) {
    for (const [k, v] of kwargs) {
      let idx = sig.names.indexOf(k);
      if (idx === sig.varargs || idx === sig.varkw) idx = -1;
      if (idx < 0) {
        if (extra === null)
          return raise("TypeError", `${fnName}() got an unexpected keyword argument '${k}'`);
        extra.set(k, v);
      } else {
        if (out[idx] !== undefined)
          return raise("TypeError", `${fnName}() got multiple values for argument '${k}'`);
        out[idx] = v;
      }
    }
  }
  let missing = false;
  for (let i = 0; i < nnames; i++) {
    if (out[i] !== undefined || i === sig.varargs || i === sig.varkw) continue;
    const d = defaults === null ? undefined : defaults[i];
    if (d !== undefined) out[i] = d;
    else if (sig.required[i]) missing = true;
  }
  if (missing) return missingArguments(fnName, sig, out);
  return out;
}

function tooManyPositional(
  fnName: string,
  sig: Signature,
  args: readonly PyValue[],
  defaults: readonly (PyValue | undefined)[] | null,
): never {
  const npos = sig.positional;
  let min = 0;
  for (let i = 0; i < npos; i++) if (sig.required[i] && defaults?.[i] === undefined) min = i + 1;
  const takes =
    min === npos ? plural(npos, "positional argument") : `from ${min} to ${npos} positional arguments`;
  const given = args.length === 1 ? "1 was given" : `${args.length} were given`;
  return raise("TypeError", `${fnName}() takes ${takes} but ${given}`);
}

/** CPython's TypeError for required names left unbound in `out` (positional ones first). */
function missingArguments(fnName: string, sig: Signature, out: readonly (PyValue | undefined)[]): never {
  const missingPos: string[] = [];
  const missingKw: string[] = [];
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== undefined || !sig.required[i]) continue;
    const name = sig.names[i] ?? "";
    if (i < sig.positional) missingPos.push(name);
    else missingKw.push(name);
  }
  if (missingPos.length > 0) {
    const what = missingPos.length === 1 ? "argument" : "arguments";
    return raise(
      "TypeError",
      `${fnName}() missing ${missingPos.length} required positional ${what}: ${nameList(missingPos)}`,
    );
  }
  const what = missingKw.length === 1 ? "argument" : "arguments";
  return raise(
    "TypeError",
    `${fnName}() missing ${missingKw.length} required keyword-only ${what}: ${nameList(missingKw)}`,
  );
}

/**
 * Parses a builtin's arguments. Notation: `"x"` required, `"x?"` optional
 * (undefined when absent), `"*args"` rest positional (PyTuple), `"*"`
 * keyword-only marker, `"**kw"` extra keywords (PyDict). Returns the values in
 * the order positional, keyword-only, *args, **kw.
 */
export function parseArgs(
  fnName: string,
  params: readonly string[],
  args: readonly PyValue[],
  kwargs: Kwargs | null,
): (PyValue | undefined)[] {
  return bindArgs(fnName, compileSignature(params), args, kwargs);
}

// ---------------------------------------------------------------------------
// Equality

/** Python `a == b` for non-array values (arrays compare elementwise in the interpreter). */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === b) return !(a instanceof PyFloat && Number.isNaN(a.v));
  if (typeof a === "bigint" || typeof b === "bigint") {
    if (
      (typeof a === "bigint" || typeof a === "number") &&
      (typeof b === "bigint" || typeof b === "number")
    ) {
      return Number.isInteger(a) || typeof a === "bigint" ? BigInt(a) === BigInt(b) : false;
    }
  }
  if (isNumber(a) && isNumber(b)) return toNumber(a) === toNumber(b);
  if (typeof a === "string" || typeof b === "string") return false;
  if (a instanceof PyList && b instanceof PyList) return seqEquals(a.items, b.items);
  if (a instanceof PyTuple && b instanceof PyTuple) return seqEquals(a.items, b.items);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a.entries()) {
      const w = b.get(k);
      if (w === undefined || !pyEquals(v, w)) return false;
    }
    return true;
  }
  if (a instanceof PyRange && b instanceof PyRange) {
    const n = a.length;
    if (n !== b.length) return false;
    if (n === 0) return true;
    if (a.start !== b.start) return false;
    return n === 1 || a.step === b.step;
  }
  if (a instanceof PySlice && b instanceof PySlice) {
    return pyEquals(a.start, b.start) && pyEquals(a.stop, b.stop) && pyEquals(a.step, b.step);
  }
  return false;
}

function seqEquals(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x !== y && !pyEquals(x, y)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// repr / str

/** CPython `repr(str)`: single quotes unless the text has `'` and no `"`; escapes as CPython. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c === 0xad) out += "\\xad";
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    } else out += ch;
  }
  return out + quote;
}

/** numpy's float32 scalar text: shortest round-trip digits, scientific from 1e16 down to 1e6 as numpy switches. */
function float32Repr(x: number): string {
  return scalarStr(x, "float32");
}

/** `str()` of a numpy scalar: the Python float/int/bool text. */
export function npScalarStr(s: NpScalar): string {
  switch (s.dtype) {
    case "float64":
      return floatRepr(s.value);
    case "float32":
      return float32Repr(s.value);
    case "int64":
      return String(s.value);
    case "bool":
      return s.value ? "True" : "False";
    default: {
      const never: never = s.dtype;
      return String(never);
    }
  }
}

/** `repr()` of a numpy scalar in numpy 2 style: `np.float64(0.5)`, `np.int64(3)`, `np.True_`. */
export function npScalarRepr(s: NpScalar): string {
  if (s.dtype === "bool") return s.value ? "np.True_" : "np.False_";
  return `np.${s.dtype}(${npScalarStr(s)})`;
}

function reprSeq(items: readonly PyValue[], ctx: KernelContext, seen: Set<object>): string {
  let out = "";
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ", ";
    out += reprInner(items[i] ?? null, ctx, seen);
  }
  return out;
}

function reprInner(v: PyValue, ctx: KernelContext, seen: Set<object>): string {
  if (v instanceof PyList) {
    if (seen.has(v)) return "[...]";
    seen.add(v);
    const r = `[${reprSeq(v.items, ctx, seen)}]`;
    seen.delete(v);
    return r;
  }
  if (v instanceof PyTuple) {
    if (v.items.length === 1) return `(${reprInner(v.items[0] ?? null, ctx, seen)},)`;
    return `(${reprSeq(v.items, ctx, seen)})`;
  }
  if (v instanceof PyDict) {
    if (seen.has(v)) return "{...}";
    seen.add(v);
    const parts: string[] = [];
    for (const [k, val] of v.entries())
      parts.push(`${reprInner(k, ctx, seen)}: ${reprInner(val, ctx, seen)}`);
    seen.delete(v);
    return `{${parts.join(", ")}}`;
  }
  if (v instanceof PyDictView) {
    const items: PyValue[] = [];
    const it = iterate(v, ctx);
    for (let r = it.next(); !r.done; r = it.next()) items.push(r.value);
    return `dict_${v.kind}([${reprSeq(items, ctx, seen)}])`;
  }
  return pyRepr(v, ctx);
}

/** `repr(v)` exactly as CPython / numpy 2 print it. */
export function pyRepr(v: PyValue, ctx: KernelContext): string {
  if (v === null) return "None";
  switch (typeof v) {
    case "boolean":
      return v ? "True" : "False";
    case "number":
    case "bigint":
      return String(v);
    case "string":
      return strRepr(v);
    default:
      break;
  }
  if (v instanceof PyFloat) return floatRepr(v.v);
  if (v instanceof PyList || v instanceof PyTuple || v instanceof PyDict || v instanceof PyDictView) {
    return reprInner(v, ctx, new Set());
  }
  if (v instanceof PyRange) {
    return v.step === 1 ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
  }
  if (v instanceof PySlice)
    return `slice(${pyRepr(v.start, ctx)}, ${pyRepr(v.stop, ctx)}, ${pyRepr(v.step, ctx)})`;
  if (v instanceof PyEllipsis) return "Ellipsis";
  if (v instanceof PyBuiltin) {
    return v.ownerType === null
      ? `<built-in function ${v.name}>`
      : `<built-in method ${v.name} of ${v.ownerType} object>`;
  }
  if (v instanceof PyFunction) return `<function ${v.name}>`;
  if (v instanceof PyType) return `<class '${v.module === null ? "" : `${v.module}.`}${v.name}'>`;
  if (v instanceof PyModule) return `<module '${v.name}'>`;
  if (v instanceof PyIter) return `<${v.typeName} object>`;
  if (v instanceof NDArray) return ctx.formatArray(v, "repr");
  if (v instanceof NpScalar) return npScalarRepr(v);
  return v.repr(ctx);
}

/** `str(v)`: strings as they are, floats/ints as repr, arrays via numpy's str, containers via repr. */
export function pyToStr(v: PyValue, ctx: KernelContext): string {
  if (typeof v === "string") return v;
  if (v instanceof NDArray) return ctx.formatArray(v, "str");
  if (v instanceof NpScalar) return npScalarStr(v);
  if (v instanceof PyObject) return v.str(ctx);
  return pyRepr(v, ctx);
}

/** Re-exported so module code can check `e instanceof PyException`. */
export function isPyException(e: unknown): e is PyException {
  return e instanceof PyException;
}
