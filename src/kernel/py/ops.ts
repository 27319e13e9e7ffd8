/**
 * Python operators on kernel values: arithmetic with CPython's int/float
 * semantics and error texts, comparisons, containment, subscripts and
 * attributes. Whenever an operand is an NDArray or a numpy scalar the
 * operation goes to the array library with numpy 2 (NEP 50) scalar rules:
 * Python int/float/bool operands are weak scalars; 0-d results come back as
 * numpy scalars.
 */
import {
  add,
  bitwise,
  compare,
  divide,
  floorDivide,
  getItem as ndGetItem,
  type IndexItem,
  invert,
  matmul,
  multiply,
  negative,
  positive,
  power,
  remainder,
  setItem as ndSetItem,
  type SliceSpec,
  subtract,
  absolute,
} from "../nd/mod.ts";
import { NDArray } from "../nd/ndarray.ts";
import { floorDivFloat, remainderFloat } from "../nd/ufunc.ts";
import { arrayGetattr, scalarGetattr } from "../modules/numpy/methods.ts";
import { toOperand, wrap } from "../modules/numpy/convert.ts";
import type { BinOp, CmpOp } from "./ast.ts";
import { percentFormat } from "./format.ts";
import { builtinAttr } from "./methods.ts";
import {
  callValue,
  Ellipsis,
  INT_LIMIT,
  iterate,
  type KernelContext,
  normInt,
  NpScalar,
  PyBuiltin,
  PyDict,
  PyDictView,
  PyEllipsis,
  PyFloat,
  PyFunction,
  PyList,
  PyModule,
  PyObject,
  PyRange,
  PySlice,
  PyTuple,
  PyType,
  type PyValue,
  pyEquals,
  pyRepr,
  raise,
  strLength,
  toIndex,
  typeName,
} from "./values.ts";

/** The type name CPython puts in error messages (`tp_name`): `numpy.ndarray`, `numpy.float64`, `int`. */
export function errTypeName(v: PyValue): string {
  if (v instanceof NDArray) return "numpy.ndarray";
  if (v instanceof NpScalar) return `numpy.${v.dtype === "bool" ? "bool" : v.dtype}`;
  return typeName(v);
}

function isNumeric(v: PyValue): v is number | bigint | boolean | PyFloat {
  return typeof v === "number" || typeof v === "bigint" || typeof v === "boolean" || v instanceof PyFloat;
}

function isArrayLike(v: PyValue): boolean {
  return v instanceof NDArray || v instanceof NpScalar;
}

function arrayOperand(v: PyValue): boolean {
  return isNumeric(v) || isArrayLike(v) || v instanceof PyList || v instanceof PyTuple;
}

function num(v: number | bigint | boolean | PyFloat): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  return v.v;
}

function big(v: number | bigint | boolean): bigint {
  return typeof v === "bigint" ? v : BigInt(typeof v === "boolean" ? (v ? 1 : 0) : v);
}

/** Exact int arithmetic on bigints (results past 2**53 stay bigint, smaller ones become numbers). */
function bigBinary(op: BinOp, x: bigint, y: bigint, a: PyValue, b: PyValue): PyValue {
  switch (op) {
    case "+":
      return normInt(x + y);
    case "-":
      return normInt(x - y);
    case "*":
      return normInt(x * y);
    case "/":
      if (y === 0n) return raise("ZeroDivisionError", "division by zero");
      return new PyFloat(Number(x) / Number(y));
    case "//": {
      if (y === 0n) return raise("ZeroDivisionError", "integer division or modulo by zero");
      const q = x / y;
      return normInt(x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q);
    }
    case "%": {
      if (y === 0n) return raise("ZeroDivisionError", "integer modulo by zero");
      const r = x % y;
      return normInt(r !== 0n && r < 0n !== y < 0n ? r + y : r);
    }
    case "**":
      if (y < 0n) return floatPow(Number(x), Number(y));
      if (y > 100000n) return raise("MemoryError", "");
      return normInt(x ** y);
    case "&":
      return normInt(x & y);
    case "|":
      return normInt(x | y);
    case "^":
      return normInt(x ^ y);
    case "<<":
      if (y < 0n) return raise("ValueError", "negative shift count");
      return normInt(x << y);
    case ">>":
      if (y < 0n) return raise("ValueError", "negative shift count");
      return normInt(x >> y);
    case "@":
      return unsupported(op, a, b);
    default: {
      const never: never = op;
      return raise("TypeError", `bad operator ${String(never)}`);
    }
  }
}

function unsupported(op: string, a: PyValue, b: PyValue, inplace = false): never {
  const shown = inplace ? `${op}=` : op === "**" ? "** or pow()" : op;
  return raise(
    "TypeError",
    `unsupported operand type(s) for ${shown}: '${errTypeName(a)}' and '${errTypeName(b)}'`,
  );
}

function arrayBinary(op: BinOp, a: PyValue, b: PyValue): PyValue {
  const x = toOperand(a);
  const y = toOperand(b);
  let r: NDArray;
  switch (op) {
    case "+":
      r = add(x, y);
      break;
    case "-":
      r = subtract(x, y);
      break;
    case "*":
      r = multiply(x, y);
      break;
    case "/":
      r = divide(x, y);
      break;
    case "//":
      r = floorDivide(x, y);
      break;
    case "%":
      r = remainder(x, y);
      break;
    case "**":
      r = power(x, y);
      break;
    case "@":
      r = matmul(x, y);
      break;
    case "&":
    case "|":
    case "^":
      r = bitwise(op, x, y);
      break;
    case "<<":
    case ">>":
      return unsupported(op, a, b);
    default: {
      const never: never = op;
      return raise("TypeError", `bad operator ${String(never)}`);
    }
  }
  return wrap(r);
}

/** Integer power: exact; bigint past 2**53. */
function intPow(base: number, exp: number): PyValue {
  const r = base ** exp;
  if (Math.abs(r) < INT_LIMIT) return r;
  return bigBinary("**", BigInt(base), BigInt(exp), base, exp);
}

function floatPow(a: number, b: number): PyValue {
  if (a === 0 && b < 0) return raise("ZeroDivisionError", "0.0 cannot be raised to a negative power");
  if (a < 0 && !Number.isInteger(b) && Number.isFinite(b)) {
    return raise("NotImplementedError", "complex numbers are not supported in this notebook");
  }
  const r = a ** b;
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) {
    return raise("OverflowError", "(34, 'Numerical result out of range')");
  }
  return new PyFloat(r);
}

function numericBinary(
  op: BinOp,
  a: number | bigint | boolean | PyFloat,
  b: number | bigint | boolean | PyFloat,
): PyValue {
  const isFloat = a instanceof PyFloat || b instanceof PyFloat;
  if (!isFloat && (typeof a === "bigint" || typeof b === "bigint"))
    return bigBinary(op, big(a), big(b), a, b);
  const x = num(a);
  const y = num(b);
  if (!isFloat) {
    switch (op) {
      case "+": {
        const r = x + y;
        return r < INT_LIMIT && r > -INT_LIMIT ? r : normInt(BigInt(x) + BigInt(y));
      }
      case "-": {
        const r = x - y;
        return r < INT_LIMIT && r > -INT_LIMIT ? r : normInt(BigInt(x) - BigInt(y));
      }
      case "*": {
        const r = x * y + 0;
        return r < INT_LIMIT && r > -INT_LIMIT ? r : normInt(BigInt(x) * BigInt(y));
      }
      case "/":
        if (y === 0) return raise("ZeroDivisionError", "division by zero");
        return new PyFloat(x / y);
      case "//": {
        if (y === 0) return raise("ZeroDivisionError", "integer division or modulo by zero");
        // x / y rounds; past 2**50 that can cross an integer, so use exact bigint division.
        if (Math.abs(x) >= 2 ** 50) return bigBinary("//", BigInt(x), BigInt(y), a, b);
        return Math.floor(x / y) + 0;
      }
      case "%": {
        if (y === 0) return raise("ZeroDivisionError", "integer modulo by zero");
        const r = x % y;
        return r !== 0 && r < 0 !== y < 0 ? r + y : r + 0;
      }
      case "**":
        if (y < 0) return floatPow(x, y);
        return intPow(x, y);
      case "&":
        return Number(BigInt(x) & BigInt(y));
      case "|":
        return Number(BigInt(x) | BigInt(y));
      case "^":
        return Number(BigInt(x) ^ BigInt(y));
      case "<<":
        if (y < 0) return raise("ValueError", "negative shift count");
        return normInt(BigInt(x) << BigInt(y));
      case ">>":
        if (y < 0) return raise("ValueError", "negative shift count");
        return Number(BigInt(x) >> BigInt(y));
      case "@":
        return unsupported(op, a, b);
      default: {
        const never: never = op;
        return raise("TypeError", `bad operator ${String(never)}`);
      }
    }
  }
  switch (op) {
    case "+":
      return new PyFloat(x + y);
    case "-":
      return new PyFloat(x - y);
    case "*":
      return new PyFloat(x * y);
    case "/":
      if (y === 0) return raise("ZeroDivisionError", "float division by zero");
      return new PyFloat(x / y);
    case "//":
      if (y === 0) return raise("ZeroDivisionError", "float floor division by zero");
      return new PyFloat(floorDivFloat(x, y));
    case "%":
      if (y === 0) return raise("ZeroDivisionError", "float modulo");
      return new PyFloat(remainderFloat(x, y));
    case "**":
      return floatPow(x, y);
    default:
      return unsupported(op, a, b);
  }
}

function repeatSeq<T>(items: readonly T[], n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) for (const x of items) out.push(x);
  return out;
}

/** `a op b` for Python values (`inplace` only changes the operator shown in errors: `+=`). */
export function binaryOp(op: BinOp, a: PyValue, b: PyValue, ctx: KernelContext, inplace = false): PyValue {
  if (isNumeric(a) && isNumeric(b)) return numericBinary(op, a, b);
  if ((isArrayLike(a) || isArrayLike(b)) && arrayOperand(a) && arrayOperand(b)) return arrayBinary(op, a, b);
  if (a instanceof PyObject) {
    const r = a.binop(op, b, false, ctx);
    if (r !== undefined) return r;
  }
  if (b instanceof PyObject) {
    const r = b.binop(op, a, true, ctx);
    if (r !== undefined) return r;
  }
  switch (op) {
    case "+":
      if (typeof a === "string") {
        if (typeof b === "string") return a + b;
        return raise("TypeError", `can only concatenate str (not "${errTypeName(b)}") to str`);
      }
      if (a instanceof PyList) {
        if (b instanceof PyList) return new PyList([...a.items, ...b.items]);
        return raise("TypeError", `can only concatenate list (not "${errTypeName(b)}") to list`);
      }
      if (a instanceof PyTuple) {
        if (b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
        return raise("TypeError", `can only concatenate tuple (not "${errTypeName(b)}") to tuple`);
      }
      break;
    case "*": {
      const [seq, n] = typeof b === "number" || typeof b === "boolean" ? [a, num(b)] : [b, a];
      if (typeof n === "number") {
        const times = Math.max(0, n);
        if (typeof seq === "string") {
          if (seq.length * times > 2 ** 28) return raise("MemoryError", "");
          return seq.repeat(times);
        }
        if (seq instanceof PyList) return new PyList(repeatSeq(seq.items, times));
        if (seq instanceof PyTuple) return new PyTuple(repeatSeq(seq.items, times));
      }
      if (
        (typeof a === "string" || a instanceof PyList || a instanceof PyTuple) &&
        (b instanceof PyFloat || typeof b === "string" || b instanceof PyList)
      ) {
        return raise("TypeError", `can't multiply sequence by non-int of type '${errTypeName(b)}'`);
      }
      if (
        (typeof b === "string" || b instanceof PyList || b instanceof PyTuple) &&
        (a instanceof PyFloat || typeof a === "string")
      ) {
        return raise("TypeError", `can't multiply sequence by non-int of type '${errTypeName(a)}'`);
      }
      break;
    }
    case "%":
      if (typeof a === "string") return percentFormat(a, b, ctx);
      break;
    default:
      break;
  }
  return unsupported(op, a, b, inplace);
}

/** `a op= b`: lists extend in place, arrays update in place; other values rebind. */
export function inplaceOp(op: BinOp, a: PyValue, b: PyValue, ctx: KernelContext): PyValue {
  if (op === "+" && a instanceof PyList) {
    if (b instanceof PyList || b instanceof PyTuple) a.items.push(...b.items);
    else {
      const it = iterate(b, ctx);
      for (let r = it.next(); !r.done; r = it.next()) a.items.push(r.value);
    }
    return a;
  }
  if (op === "*" && a instanceof PyList && (typeof b === "number" || typeof b === "boolean")) {
    a.items = repeatSeq(a.items, Math.max(0, num(b)));
    return a;
  }
  if (a instanceof NDArray && arrayOperand(b)) {
    const r = binaryOp(op, a, b, ctx);
    const result = r instanceof NpScalar ? NDArray.scalar(r.value, r.dtype) : r;
    if (!(result instanceof NDArray)) return r;
    if (result.dtype !== a.dtype && castRank(result.dtype) > castRank(a.dtype)) {
      return raise(
        "UFuncTypeError",
        `Cannot cast ufunc '${ufuncName(op)}' output from dtype('${result.dtype}') to dtype('${a.dtype}') with casting rule 'same_kind'`,
      );
    }
    ndSetItem(a, [], result);
    return a;
  }
  return binaryOp(op, a, b, ctx, true);
}

function castRank(d: string): number {
  return d === "bool" ? 0 : d === "int64" ? 1 : 2;
}

function ufuncName(op: BinOp): string {
  switch (op) {
    case "+":
      return "add";
    case "-":
      return "subtract";
    case "*":
      return "multiply";
    case "/":
      return "divide";
    case "//":
      return "floor_divide";
    case "%":
      return "remainder";
    case "**":
      return "power";
    case "@":
      return "matmul";
    case "&":
      return "bitwise_and";
    case "|":
      return "bitwise_or";
    case "^":
      return "bitwise_xor";
    case "<<":
      return "left_shift";
    case ">>":
      return "right_shift";
    default: {
      const never: never = op;
      return String(never);
    }
  }
}

/** Unary `-x`, `+x`, `~x`. */
export function unaryOp(op: "-" | "+" | "~", v: PyValue, _ctx: KernelContext): PyValue {
  if (typeof v === "bigint") {
    if (op === "-") return normInt(-v);
    if (op === "+") return v;
    return normInt(-v - 1n);
  }
  if (typeof v === "number" || typeof v === "boolean") {
    const x = num(v);
    if (op === "-") return x === 0 ? 0 : -x;
    if (op === "+") return x;
    return -x - 1;
  }
  if (v instanceof PyFloat) {
    if (op === "-") return new PyFloat(-v.v);
    if (op === "+") return v;
  }
  if (isArrayLike(v)) {
    const x = toOperand(v);
    if (op === "-") return wrap(negative(x));
    if (op === "+") return wrap(positive(x));
    return wrap(invert(x));
  }
  return raise("TypeError", `bad operand type for unary ${op}: '${errTypeName(v)}'`);
}

/** `abs(v)`. */
export function absOp(v: PyValue): PyValue {
  if (typeof v === "bigint") return v < 0n ? -v : v;
  if (typeof v === "number" || typeof v === "boolean") return Math.abs(num(v));
  if (v instanceof PyFloat) return new PyFloat(Math.abs(v.v));
  if (isArrayLike(v)) return wrap(absolute(toOperand(v)));
  return raise("TypeError", `bad operand type for abs(): '${errTypeName(v)}'`);
}

function seqCompare(a: readonly PyValue[], b: readonly PyValue[], op: CmpOp, ctx: KernelContext): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (!pyEquals(x, y)) return compareOp(op, x, y, ctx) === true;
  }
  return ordered(op, a.length, b.length);
}

function ordered(op: CmpOp, x: number | bigint | string, y: number | bigint | string): boolean {
  switch (op) {
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case ">=":
      return x >= y;
    case "==":
      return x === y;
    case "!=":
      return x !== y;
    default:
      return false;
  }
}

/** Comparison operators `< <= > >= == !=`; arrays compare elementwise. */
export function compareOp(op: CmpOp, a: PyValue, b: PyValue, ctx: KernelContext): PyValue {
  if (isNumeric(a) && isNumeric(b)) {
    if (
      (typeof a === "bigint" || typeof b === "bigint") &&
      !(a instanceof PyFloat) &&
      !(b instanceof PyFloat)
    ) {
      return ordered(op, big(a), big(b));
    }
    return ordered(op, num(a), num(b));
  }
  if ((isArrayLike(a) || isArrayLike(b)) && arrayOperand(a) && arrayOperand(b)) {
    if (op === "<" || op === "<=" || op === ">" || op === ">=" || op === "==" || op === "!=") {
      return wrap(compare(op, toOperand(a), toOperand(b)));
    }
  }
  if (a instanceof PyObject) {
    const r = a.binop(op, b, false, ctx);
    if (r !== undefined) return r;
  }
  if (op === "==") return pyEquals(a, b);
  if (op === "!=") return !pyEquals(a, b);
  if (typeof a === "string" && typeof b === "string") return ordered(op, a, b);
  if (a instanceof PyList && b instanceof PyList) return seqCompare(a.items, b.items, op, ctx);
  if (a instanceof PyTuple && b instanceof PyTuple) return seqCompare(a.items, b.items, op, ctx);
  return raise(
    "TypeError",
    `'${op}' not supported between instances of '${errTypeName(a)}' and '${errTypeName(b)}'`,
  );
}

/** `item in container`. */
export function containsOp(container: PyValue, item: PyValue, ctx: KernelContext): boolean {
  if (typeof container === "string") {
    if (typeof item !== "string") {
      return raise("TypeError", `'in <string>' requires string as left operand, not ${errTypeName(item)}`);
    }
    return container.includes(item);
  }
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const x of container.items) if (x === item || pyEquals(x, item)) return true;
    return false;
  }
  if (container instanceof PyDict) return container.has(item);
  if (container instanceof PyDictView) {
    if (container.kind === "keys") return container.dict.has(item);
    const it = iterate(container, ctx);
    for (let r = it.next(); !r.done; r = it.next()) if (pyEquals(r.value, item)) return true;
    return false;
  }
  if (container instanceof PyRange) {
    if (!(typeof item === "number" || typeof item === "boolean" || item instanceof PyFloat)) return false;
    const x = num(item);
    if (!Number.isInteger(x)) return false;
    const { start, stop, step } = container;
    if (step > 0 ? x < start || x >= stop : x > start || x <= stop) return false;
    return (x - start) % step === 0;
  }
  if (container instanceof NDArray) {
    const eq = compare("==", container, toOperand(item));
    const d = eq.toContiguousData();
    for (let i = 0; i < d.length; i++) if (d[i]) return true;
    return false;
  }
  if (container instanceof PyObject || container instanceof PyFunction) {
    const it = container instanceof PyObject ? container.iter(ctx) : undefined;
    if (it) {
      for (let r = it.next(); !r.done; r = it.next()) if (pyEquals(r.value, item)) return true;
      return false;
    }
  }
  return raise("TypeError", `argument of type '${errTypeName(container)}' is not iterable`);
}

// ---------------------------------------------------------------------------
// Subscripts

function sliceBound(v: PyValue): number | null {
  if (v === null) return null;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof NpScalar && (v.dtype === "int64" || v.dtype === "bool")) return v.value;
  return raise("TypeError", "slice indices must be integers or None or have an __index__ method");
}

/** `slice.indices(n)` for a Python sequence: start, step and element count. */
export function sliceRange(s: PySlice, n: number): { start: number; step: number; length: number } {
  const step = sliceBound(s.step) ?? 1;
  if (step === 0) return raise("ValueError", "slice step cannot be zero");
  const neg = step < 0;
  const adj = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    let x = v < 0 ? v + n : v;
    if (x < 0) x = neg ? -1 : 0;
    else if (x >= n) x = neg ? n - 1 : n;
    return x;
  };
  const start = adj(sliceBound(s.start), neg ? n - 1 : 0);
  const stop = adj(sliceBound(s.stop), neg ? -1 : n);
  let length = 0;
  if (neg) {
    if (stop < start) length = Math.floor((start - stop - 1) / -step) + 1;
  } else if (start < stop) length = Math.floor((stop - start - 1) / step) + 1;
  return { start, step, length };
}

function sliceItems<T>(items: readonly T[], s: PySlice): T[] {
  const { start, step, length } = sliceRange(s, items.length);
  if (step === 1) return items.slice(start, start + length);
  const out: T[] = [];
  for (let i = 0, k = start; i < length; i++, k += step) {
    const v = items[k];
    if (v !== undefined) out.push(v);
  }
  return out;
}

function seqIndex(idx: PyValue, n: number, what: string): number {
  let i: number;
  if (typeof idx === "number") i = idx;
  else if (typeof idx === "boolean") i = idx ? 1 : 0;
  else if (idx instanceof NpScalar && (idx.dtype === "int64" || idx.dtype === "bool")) i = idx.value;
  else return raise("TypeError", `${what} indices must be integers or slices, not ${errTypeName(idx)}`);
  const k = i < 0 ? i + n : i;
  if (k < 0 || k >= n) return raise("IndexError", `${what} index out of range`);
  return k;
}

function toIndexItem(v: PyValue): IndexItem {
  if (typeof v === "number") return v;
  if (v instanceof PySlice) {
    const spec: SliceSpec = {
      start: sliceBound(v.start),
      stop: sliceBound(v.stop),
      step: sliceBound(v.step),
    };
    return spec;
  }
  if (v instanceof PyEllipsis) return "ellipsis";
  if (v === null) return "newaxis";
  if (v instanceof NDArray) return v;
  if (v instanceof NpScalar) {
    if (v.dtype === "int64") return v.value;
    return NDArray.scalar(v.value, v.dtype);
  }
  if (typeof v === "boolean") return NDArray.scalar(v ? 1 : 0, "bool");
  if (v instanceof PyList) {
    const op = toOperand(v);
    if (op instanceof NDArray) return op;
  }
  if (v instanceof PyFloat) {
    return raise(
      "IndexError",
      "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    );
  }
  return raise(
    "IndexError",
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
  );
}

function arrayIndex(idx: PyValue): IndexItem[] {
  if (idx instanceof PyTuple) return idx.items.map(toIndexItem);
  return [toIndexItem(idx)];
}

/** `obj[idx]`. */
export function getItem(obj: PyValue, idx: PyValue, ctx: KernelContext): PyValue {
  if (obj instanceof PyList) {
    if (idx instanceof PySlice) return new PyList(sliceItems(obj.items, idx));
    return obj.items[seqIndex(idx, obj.items.length, "list")] ?? null;
  }
  if (obj instanceof PyTuple) {
    if (idx instanceof PySlice) return new PyTuple(sliceItems(obj.items, idx));
    return obj.items[seqIndex(idx, obj.items.length, "tuple")] ?? null;
  }
  if (typeof obj === "string") {
    const chars = strLength(obj) === obj.length ? null : Array.from(obj);
    if (idx instanceof PySlice) {
      if (chars) return sliceItems(chars, idx).join("");
      const { start, step, length } = sliceRange(idx, obj.length);
      if (step === 1) return obj.slice(start, start + length);
      let out = "";
      for (let i = 0, k = start; i < length; i++, k += step) out += obj[k];
      return out;
    }
    if (chars) return chars[seqIndex(idx, chars.length, "string")] ?? "";
    return obj[seqIndex(idx, obj.length, "string")] ?? "";
  }
  if (obj instanceof PyDict) {
    const v = obj.get(idx);
    if (v === undefined) return raise("KeyError", pyRepr(idx, ctx));
    return v;
  }
  if (obj instanceof NDArray) {
    const items = arrayIndex(idx);
    const r = ndGetItem(obj, items);
    const allInts = items.every((x) => typeof x === "number");
    return allInts && r.ndim === 0 ? wrap(r) : r;
  }
  if (obj instanceof PyRange) {
    if (idx instanceof PySlice) {
      const { start, step, length } = sliceRange(idx, obj.length);
      const s = obj.start + start * obj.step;
      const st = obj.step * step;
      return new PyRange(s, s + length * st, st);
    }
    return obj.start + seqIndex(idx, obj.length, "range object") * obj.step;
  }
  if (obj instanceof PyObject) {
    const r = obj.getitem(idx, ctx);
    if (r !== undefined) return r;
  }
  if (obj instanceof NpScalar) return raise("IndexError", "invalid index to scalar variable.");
  return raise("TypeError", `'${errTypeName(obj)}' object is not subscriptable`);
}

/** `obj[idx] = v`. */
export function setItem(obj: PyValue, idx: PyValue, v: PyValue, ctx: KernelContext): void {
  if (obj instanceof PyList) {
    if (idx instanceof PySlice) {
      const src: PyValue[] = [];
      if (typeof v === "number" || typeof v === "boolean" || v === null || v instanceof PyFloat) {
        raise("TypeError", "can only assign an iterable");
      }
      const it = iterate(v, ctx);
      for (let r = it.next(); !r.done; r = it.next()) src.push(r.value);
      const { start, step, length } = sliceRange(idx, obj.items.length);
      if (step === 1) {
        obj.items.splice(start, length, ...src);
        return;
      }
      if (src.length !== length) {
        raise(
          "ValueError",
          `attempt to assign sequence of size ${src.length} to extended slice of size ${length}`,
        );
      }
      for (let i = 0, k = start; i < length; i++, k += step) obj.items[k] = src[i] ?? null;
      return;
    }
    obj.items[seqIndex(idx, obj.items.length, "list assignment")] = v;
    return;
  }
  if (obj instanceof PyDict) {
    obj.set(idx, v);
    return;
  }
  if (obj instanceof NDArray) {
    if (!(isNumeric(v) || isArrayLike(v) || v instanceof PyList || v instanceof PyTuple)) {
      if (v === null) {
        raise("TypeError", "float() argument must be a string or a real number, not 'NoneType'");
      }
      raise("TypeError", `float() argument must be a string or a real number, not '${errTypeName(v)}'`);
    }
    ndSetItem(obj, arrayIndex(idx), toOperand(v));
    return;
  }
  if (obj instanceof PyObject && obj.setitem(idx, v, ctx)) return;
  if (obj instanceof PyTuple || typeof obj === "string") {
    raise("TypeError", `'${errTypeName(obj)}' object does not support item assignment`);
  }
  raise("TypeError", `'${errTypeName(obj)}' object does not support item assignment`);
}

/** `del obj[idx]`. */
export function delItem(obj: PyValue, idx: PyValue, ctx: KernelContext): void {
  if (obj instanceof PyList) {
    if (idx instanceof PySlice) {
      const { start, step, length } = sliceRange(idx, obj.items.length);
      const drop = new Set<number>();
      for (let i = 0, k = start; i < length; i++, k += step) drop.add(k);
      obj.items = obj.items.filter((_, i) => !drop.has(i));
      return;
    }
    obj.items.splice(seqIndex(idx, obj.items.length, "list assignment"), 1);
    return;
  }
  if (obj instanceof PyDict) {
    if (obj.delete(idx) === undefined) raise("KeyError", pyRepr(idx, ctx));
    return;
  }
  raise("TypeError", `'${errTypeName(obj)}' object doesn't support item deletion`);
}

// ---------------------------------------------------------------------------
// Attributes

function noAttr(obj: PyValue, name: string): never {
  if (obj instanceof PyModule)
    return raise("AttributeError", `module '${obj.name}' has no attribute '${name}'`);
  if (obj instanceof PyType)
    return raise("AttributeError", `type object '${obj.name}' has no attribute '${name}'`);
  return raise("AttributeError", `'${errTypeName(obj)}' object has no attribute '${name}'`);
}

/** `obj.name`. */
export function getAttr(obj: PyValue, name: string, ctx: KernelContext): PyValue {
  let r: PyValue | undefined;
  if (obj instanceof PyModule) {
    // Module attributes may be None (`np.newaxis`), so test presence rather than the value.
    r = obj.attrs.has(name) ? (obj.attrs.get(name) ?? null) : name === "__name__" ? obj.name : undefined;
  } else if (obj instanceof NDArray) r = arrayGetattr(ctx, obj, name);
  else if (obj instanceof NpScalar) r = scalarGetattr(ctx, obj, name);
  else if (obj instanceof PyObject) r = obj.getattr(name, ctx);
  else if (obj instanceof PyType) {
    if (obj.attrs.has(name)) r = obj.attrs.get(name) ?? null;
    else r = name === "__name__" ? obj.name : unboundMethod(obj, name, ctx);
  } else if (obj instanceof PyFunction || obj instanceof PyBuiltin)
    r = name === "__name__" ? obj.name : undefined;
  else r = builtinAttr(obj, name, ctx);
  if (r === undefined) return noAttr(obj, name);
  return r;
}

const PROBES: Readonly<Record<string, () => PyValue>> = {
  str: () => "",
  list: () => new PyList([]),
  tuple: () => new PyTuple([]),
  dict: () => new PyDict(),
  int: () => 0,
  float: () => new PyFloat(0),
};

/** `str.lower`, `list.append`, ...: the method of a builtin type, taking the instance first. */
function unboundMethod(t: PyType, name: string, ctx: KernelContext): PyValue | undefined {
  const probe = t.module === null ? PROBES[t.name] : undefined;
  if (!probe || builtinAttr(probe(), name, ctx) === undefined) return undefined;
  const qual = `${t.name}.${name}`;
  return new PyBuiltin(qual, (args, kwargs, c) => {
    const self = args[0];
    if (self === undefined) return raise("TypeError", `unbound method ${qual}() needs an argument`);
    if (!t.isInstance(self)) {
      return raise(
        "TypeError",
        `descriptor '${name}' for '${t.name}' objects doesn't apply to a '${errTypeName(self)}' object`,
      );
    }
    const m = builtinAttr(self, name, c);
    if (m === undefined) return noAttr(self, name);
    return callValue(c, m, args.slice(1), kwargs);
  });
}

/** `obj.name = v`. */
export function setAttr(obj: PyValue, name: string, v: PyValue, ctx: KernelContext): void {
  if (obj instanceof PyObject && obj.setattr(name, v, ctx)) return;
  if (obj instanceof PyModule) {
    obj.attrs.set(name, v);
    return;
  }
  if (getAttrOrUndefined(obj, name, ctx) !== undefined) {
    raise("AttributeError", `'${errTypeName(obj)}' object attribute '${name}' is read-only`);
  }
  raise("AttributeError", `'${errTypeName(obj)}' object has no attribute '${name}'`);
}

/** `getattr(obj, name, None)`-style lookup that returns undefined when absent. */
export function getAttrOrUndefined(obj: PyValue, name: string, ctx: KernelContext): PyValue | undefined {
  try {
    return getAttr(obj, name, ctx);
  } catch (e) {
    if (e instanceof Error && e.name === "AttributeError") return undefined;
    throw e;
  }
}

export { Ellipsis, INT_LIMIT, toIndex };
