/**
 * Elementwise functions (numpy ufuncs) with broadcasting and numpy 2 type
 * promotion: arithmetic, comparisons, logical/bitwise, math functions,
 * `maximum`/`minimum`, `clip`, `where`, `round`, `isnan`, `isfinite`.
 *
 * Every binary function takes two `Operand`s (see dtype.ts for weak Python
 * scalars) and returns a new array of the broadcast shape. A 0-d result is a
 * 0-d NDArray (the numpy scalar). Inner loops are strided 1-d loops over typed
 * arrays; a C-contiguous same-shape pair runs as one flat loop.
 */
import { broadcastShapes, broadcastStrides, forEachRow } from "./broadcast.ts";
import { asArray, castValue, isFloatDType, isPyScalar, type Operand, resultType } from "./dtype.ts";
import { NdError } from "./errors.ts";
import { type DType, NDArray, type Shape, type TypedData } from "./ndarray.ts";

/** Receives numpy's RuntimeWarnings (`divide by zero encountered in log`). */
export type WarnFn = (category: "RuntimeWarning", message: string) => void;

/** A strided 1-d binary inner loop, the shape of numpy's `PyUFuncGenericFunction`. */
export type BinaryLoop = (
  a: TypedData,
  ia: number,
  sa: number,
  b: TypedData,
  ib: number,
  sb: number,
  o: TypedData,
  io: number,
  so: number,
  n: number,
) => void;

/** A strided 1-d unary inner loop. */
export type UnaryLoop = (
  a: TypedData,
  ia: number,
  sa: number,
  o: TypedData,
  io: number,
  so: number,
  n: number,
) => void;

function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `inner` equals the trailing dimensions of `outer` (row broadcasting `(m, n) op (n,)`). */
function isTrailing(inner: Shape, outer: Shape): boolean {
  const pad = outer.length - inner.length;
  if (pad < 0) return false;
  for (let i = 0; i < inner.length; i++) if (inner[i] !== outer[pad + i]) return false;
  return true;
}

/**
 * Runs a binary loop over broadcast operands into a new array of `outDType`.
 * Contiguous operands take one flat call (same shape), one call with a 0
 * stride (one side a single element), or one call per row (`(m, n) op (n,)`);
 * anything else walks the broadcast iteration row by row.
 */
export function runBinary(x: NDArray, y: NDArray, outDType: DType, loop: BinaryLoop): NDArray {
  const xs = x.shape;
  const ys = y.shape;
  if (x.isContiguous && y.isContiguous) {
    if (sameShape(xs, ys)) {
      const out = NDArray.zeros(xs, outDType);
      loop(x.data, x.offset, 1, y.data, y.offset, 1, out.data, 0, 1, out.data.length);
      return out;
    }
    const ny = y.size;
    const nx = x.size;
    if (ny === 1 && ys.length <= xs.length) {
      const out = NDArray.zeros(xs, outDType);
      loop(x.data, x.offset, 1, y.data, y.offset, 0, out.data, 0, 1, nx);
      return out;
    }
    if (nx === 1 && xs.length <= ys.length) {
      const out = NDArray.zeros(ys, outDType);
      loop(x.data, x.offset, 0, y.data, y.offset, 1, out.data, 0, 1, ny);
      return out;
    }
    if (ny > 0 && isTrailing(ys, xs)) {
      const out = NDArray.zeros(xs, outDType);
      const od = out.data;
      for (let r = 0; r < nx; r += ny) loop(x.data, x.offset + r, 1, y.data, y.offset, 1, od, r, 1, ny);
      return out;
    }
    if (nx > 0 && isTrailing(xs, ys)) {
      const out = NDArray.zeros(ys, outDType);
      const od = out.data;
      for (let r = 0; r < ny; r += nx) loop(x.data, x.offset, 1, y.data, y.offset + r, 1, od, r, 1, nx);
      return out;
    }
  }
  const shape = broadcastShapes(xs, ys);
  const out = NDArray.zeros(shape, outDType);
  const xd = x.data;
  const yd = y.data;
  const od = out.data;
  forEachRow(
    shape,
    [broadcastStrides(x, shape), broadcastStrides(y, shape), out.strides],
    [x.offset, y.offset, 0],
    (p, n, s) => loop(xd, p[0] ?? 0, s[0] ?? 0, yd, p[1] ?? 0, s[1] ?? 0, od, p[2] ?? 0, s[2] ?? 0, n),
  );
  return out;
}

/** Runs a unary loop over `x` into a new C-contiguous array of `outDType`. */
export function runUnary(x: NDArray, outDType: DType, loop: UnaryLoop): NDArray {
  const out = NDArray.zeros(x.shape, outDType);
  if (x.isContiguous) {
    loop(x.data, x.offset, 1, out.data, 0, 1, out.data.length);
    return out;
  }
  const xd = x.data;
  const od = out.data;
  forEachRow(x.shape, [x.strides, out.strides], [x.offset, 0], (p, n, s) =>
    loop(xd, p[0] ?? 0, s[0] ?? 0, od, p[1] ?? 0, s[1] ?? 0, n),
  );
  return out;
}

/** Wraps a scalar function as a strided loop (for rare functions whose own cost dominates the call). */
function unaryLoopOf(f: (v: number) => number): UnaryLoop {
  return (a, ia, sa, o, io, so, n) => {
    for (let i = 0; i < n; i++) {
      o[io] = f(a[ia]!);
      ia += sa;
      io += so;
    }
  };
}

function binaryLoopOf(f: (x: number, y: number) => number): BinaryLoop {
  return (a, ia, sa, b, ib, sb, o, io, so, n) => {
    for (let i = 0; i < n; i++) {
      o[io] = f(a[ia]!, b[ib]!);
      ia += sa;
      ib += sb;
      io += so;
    }
  };
}

// Hand-written loops for the hot operations: a loop built from a closure
// (`binaryLoopOf(f)`) shares one call site among all `f`s, which V8 then
// cannot inline, and costs a call per element. Each loop has a unit-stride
// branch (the common contiguous case) and a general strided one (which also
// serves a broadcast scalar, stride 0).
const loopAdd: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  if (sa === 1 && sb === 1 && so === 1) {
    for (let i = 0; i < n; i++) o[io + i] = a[ia + i]! + b[ib + i]!;
    return;
  }
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! + b[ib]!;
};
const loopSub: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  if (sa === 1 && sb === 1 && so === 1) {
    for (let i = 0; i < n; i++) o[io + i] = a[ia + i]! - b[ib + i]!;
    return;
  }
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! - b[ib]!;
};
const loopMul: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  if (sa === 1 && sb === 1 && so === 1) {
    for (let i = 0; i < n; i++) o[io + i] = a[ia + i]! * b[ib + i]!;
    return;
  }
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! * b[ib]!;
};
const loopDiv: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  if (sa === 1 && sb === 1 && so === 1) {
    for (let i = 0; i < n; i++) o[io + i] = a[ia + i]! / b[ib + i]!;
    return;
  }
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! / b[ib]!;
};
/**
 * numpy's NaN-propagating `maximum`: a NaN in either operand wins, and on a
 * tie the second operand does (`maximum(-0.0, 0.0)` is 0.0, `maximum(0.0, -0.0)` is -0.0).
 */
const loopMax: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) {
    const u = a[ia]!;
    const v = b[ib]!;
    o[io] = u > v || Number.isNaN(u) ? u : v;
  }
};
const loopMin: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) {
    const u = a[ia]!;
    const v = b[ib]!;
    o[io] = u < v || Number.isNaN(u) ? u : v;
  }
};
/** `clip`'s bounds: here the clipped value wins ties (`clip(-0.0, 0.0, 1.0)` is -0.0). */
const loopClipLo: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) {
    const u = a[ia]!;
    const v = b[ib]!;
    o[io] = u >= v || Number.isNaN(u) ? u : v;
  }
};
const loopClipHi: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) {
    const u = a[ia]!;
    const v = b[ib]!;
    o[io] = u <= v || Number.isNaN(u) ? u : v;
  }
};
const loopLt: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! < b[ib]! ? 1 : 0;
};
const loopLe: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! <= b[ib]! ? 1 : 0;
};
const loopGt: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! > b[ib]! ? 1 : 0;
};
const loopGe: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! >= b[ib]! ? 1 : 0;
};
const loopEq: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! === b[ib]! ? 1 : 0;
};
const loopNe: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! !== b[ib]! ? 1 : 0;
};
const loopOr: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! !== 0 || b[ib]! !== 0 ? 1 : 0;
};
const loopAnd: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! !== 0 && b[ib]! !== 0 ? 1 : 0;
};
const loopXor: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = (a[ia]! !== 0) !== (b[ib]! !== 0) ? 1 : 0;
};
const loopCopy: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = a[ia]!;
};
const loopNeg: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = -a[ia]!;
};
const loopAbs: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.abs(a[ia]!);
};
const loopExp: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.exp(a[ia]!);
};
const loopLog: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.log(a[ia]!);
};
const loopSqrt: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.sqrt(a[ia]!);
};
const loopTanh: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.tanh(a[ia]!);
};
const loopSin: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.sin(a[ia]!);
};
const loopCos: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.cos(a[ia]!);
};

/** Whether any element of `a` satisfies the test (contiguous scan, no per-element callback). */
function scan(a: NDArray, test: "zero" | "negative" | "nan" | "infinite"): boolean {
  const d = a.isContiguous ? a.data : a.toContiguousData();
  const i0 = a.isContiguous ? a.offset : 0;
  const end = i0 + a.size;
  switch (test) {
    case "zero":
      for (let i = i0; i < end; i++) if (d[i] === 0) return true;
      return false;
    case "negative":
      for (let i = i0; i < end; i++) if (d[i]! < 0) return true;
      return false;
    case "nan":
      for (let i = i0; i < end; i++) if (Number.isNaN(d[i])) return true;
      return false;
    case "infinite":
      for (let i = i0; i < end; i++) if (d[i] === Infinity || d[i] === -Infinity) return true;
      return false;
    default: {
      const never: never = test;
      throw new Error(`unknown scan ${String(never)}`);
    }
  }
}

/** `copysign(0, x)`. */
function signedZero(x: number): number {
  return x < 0 || Object.is(x, -0) ? -0 : 0;
}

/** numpy's `npy_divmod` floor quotient for floats (C `if (x)` is `x != 0`, true for NaN). */
export function floorDivFloat(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) div -= 1;
  }
  if (div !== 0) {
    let fd = Math.floor(div);
    if (div - fd > 0.5) fd += 1;
    return fd;
  }
  return signedZero(a / b);
}

/** numpy's `npy_remainder` for floats: the result has the sign of the divisor. */
export function remainderFloat(a: number, b: number): number {
  if (b === 0) return a % b;
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else {
    mod = signedZero(b);
  }
  return mod;
}

function floorDivInt(a: number, b: number): number {
  if (b === 0) return 0;
  return Math.floor(a / b) || 0;
}

function remainderInt(a: number, b: number): number {
  if (b === 0) return 0;
  const m = a % b;
  return (m !== 0 && b < 0 !== m < 0 ? m + b : m) || 0;
}

/** Integer power by squaring (exact while results stay below 2**53). */
function powInt(base: number, exp: number): number {
  let result = 1;
  let b = base;
  let e = exp;
  while (e > 0) {
    if (e & 1) result *= b;
    b *= b;
    e = Math.floor(e / 2);
  }
  return result;
}

/** `np.rint`: round half to even, keeping the sign of zero. */
export function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  let r: number;
  if (d > 0.5) r = f + 1;
  else if (d < 0.5) r = f;
  else r = f % 2 === 0 ? f : f + 1;
  return r === 0 ? signedZero(x) : r;
}

function prepare(x: Operand, y: Operand): { a: NDArray; b: NDArray; dt: DType } {
  const dt = resultType(x, y);
  return { a: asArray(x, dt), b: asArray(y, dt), dt };
}

/** `np.add(x, y)` / `x + y`; bool + bool is logical or. */
export function add(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  return runBinary(a, b, dt, dt === "bool" ? loopOr : loopAdd);
}

/** `np.subtract(x, y)` / `x - y`; bool - bool raises numpy's TypeError. */
export function subtract(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  if (dt === "bool") {
    throw new NdError(
      "TypeError",
      "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
    );
  }
  return runBinary(a, b, dt, loopSub);
}

/** `np.multiply(x, y)` / `x * y`; bool * bool is logical and. */
export function multiply(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  return runBinary(a, b, dt, dt === "bool" ? loopAnd : loopMul);
}

/** `np.true_divide(x, y)` / `x / y`: integers and bools divide as float64. */
export function divide(x: Operand, y: Operand, warn?: WarnFn): NDArray {
  const t = resultType(x, y);
  const dt: DType = isFloatDType(t) ? t : "float64";
  const a = asArray(x, dt);
  const b = asArray(y, dt);
  const out = runBinary(a, b, dt, loopDiv);
  if (warn && scan(b, "zero")) {
    if (scan(out, "infinite")) warn("RuntimeWarning", "divide by zero encountered in divide");
    if (scan(out, "nan")) warn("RuntimeWarning", "invalid value encountered in divide");
  }
  return out;
}

/** `np.floor_divide(x, y)` / `x // y` with numpy's float semantics; integer division by 0 gives 0. */
export function floorDivide(x: Operand, y: Operand, warn?: WarnFn): NDArray {
  const { a, b, dt } = prepare(x, y);
  const out: DType = dt === "bool" ? "int64" : dt;
  if (warn && scan(b, "zero")) warn("RuntimeWarning", "divide by zero encountered in floor_divide");
  return runBinary(a, b, out, binaryLoopOf(isFloatDType(dt) ? floorDivFloat : floorDivInt));
}

/** `np.remainder(x, y)` / `x % y`: the sign follows the divisor, as in Python. */
export function remainder(x: Operand, y: Operand, warn?: WarnFn): NDArray {
  const { a, b, dt } = prepare(x, y);
  const out: DType = dt === "bool" ? "int64" : dt;
  if (warn && scan(b, "zero")) warn("RuntimeWarning", "divide by zero encountered in remainder");
  return runBinary(a, b, out, binaryLoopOf(isFloatDType(dt) ? remainderFloat : remainderInt));
}

function scalarOperandValue(y: Operand): number | null {
  if (typeof y === "number") return y;
  if (isPyScalar(y)) return y.value;
  if (y.ndim === 0) return y.at([]);
  return null;
}

/**
 * `np.power(x, y)` / `x ** y`. Integer powers are exact; a negative integer
 * exponent raises numpy's ValueError. Like numpy's `fast_scalar_power`, a
 * float array to the scalar power 2 squares and to 0.5 takes `sqrt`.
 */
export function power(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  if (!isFloatDType(dt)) {
    if (scan(b, "negative")) {
      throw new NdError("ValueError", "Integers to negative integer powers are not allowed.");
    }
    return runBinary(a, b, dt === "bool" ? "int64" : dt, binaryLoopOf(powInt));
  }
  const e = x instanceof NDArray && x.ndim > 0 ? scalarOperandValue(y) : null;
  if (e === 2) return runBinary(a, a, dt, loopMul);
  if (e === 0.5) return runUnary(a, dt, loopSqrt);
  return runBinary(a, b, dt, binaryLoopOf(Math.pow));
}

/** numpy's NaN-propagating `maximum`. */
export function maximum(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  return runBinary(a, b, dt, loopMax);
}

/** numpy's NaN-propagating `minimum`. */
export function minimum(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  return runBinary(a, b, dt, loopMin);
}

export type CompareOp = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** `np.less`, `less_equal`, `greater`, `greater_equal`, `equal`, `not_equal`: bool arrays. */
export function compare(op: CompareOp, x: Operand, y: Operand): NDArray {
  const { a, b } = prepare(x, y);
  switch (op) {
    case "<":
      return runBinary(a, b, "bool", loopLt);
    case "<=":
      return runBinary(a, b, "bool", loopLe);
    case ">":
      return runBinary(a, b, "bool", loopGt);
    case ">=":
      return runBinary(a, b, "bool", loopGe);
    case "==":
      return runBinary(a, b, "bool", loopEq);
    case "!=":
      return runBinary(a, b, "bool", loopNe);
    default: {
      const never: never = op;
      throw new Error(`unknown comparison ${String(never)}`);
    }
  }
}

/** `np.logical_and(x, y)`: truthiness of any dtype, bool result. */
export function logicalAnd(x: Operand, y: Operand): NDArray {
  const { a, b } = prepare(x, y);
  return runBinary(a, b, "bool", loopAnd);
}

/** `np.logical_or(x, y)`. */
export function logicalOr(x: Operand, y: Operand): NDArray {
  const { a, b } = prepare(x, y);
  return runBinary(a, b, "bool", loopOr);
}

/** `np.logical_xor(x, y)`. */
export function logicalXor(x: Operand, y: Operand): NDArray {
  const { a, b } = prepare(x, y);
  return runBinary(a, b, "bool", loopXor);
}

/** `np.logical_not(x)`. */
export function logicalNot(x: Operand): NDArray {
  const a = asArray(x);
  return runBinary(a, NDArray.scalar(0, a.dtype), "bool", loopEq);
}

function bitwiseTypeError(name: string): never {
  throw new NdError(
    "TypeError",
    `ufunc '${name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`,
  );
}

function bigOp(op: "&" | "|" | "^", u: number, v: number): number {
  if (Math.abs(u) < 2 ** 31 && Math.abs(v) < 2 ** 31) {
    return op === "&" ? u & v : op === "|" ? u | v : u ^ v;
  }
  const p = BigInt(u);
  const q = BigInt(v);
  return Number(op === "&" ? p & q : op === "|" ? p | q : p ^ q);
}

/** `np.bitwise_and` / `&`, `bitwise_or` / `|`, `bitwise_xor` / `^` for bool and int64. */
export function bitwise(op: "&" | "|" | "^", x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  const name = op === "&" ? "bitwise_and" : op === "|" ? "bitwise_or" : "bitwise_xor";
  if (isFloatDType(dt)) bitwiseTypeError(name);
  if (dt === "bool") return runBinary(a, b, "bool", op === "&" ? loopAnd : op === "|" ? loopOr : loopXor);
  return runBinary(
    a,
    b,
    dt,
    binaryLoopOf((u, v) => bigOp(op, u, v)),
  );
}

/** `np.invert(x)` / `~x`: logical not for bool, `-x - 1` for int64. */
export function invert(x: Operand): NDArray {
  const a = asArray(x);
  if (a.dtype === "bool") return logicalNot(a);
  if (isFloatDType(a.dtype)) bitwiseTypeError("invert");
  return runUnary(
    a,
    a.dtype,
    unaryLoopOf((v) => -v - 1),
  );
}

/** `np.negative(x)` / `-x`; raises numpy's TypeError for bool. */
export function negative(x: Operand): NDArray {
  const a = asArray(x);
  if (a.dtype === "bool") {
    throw new NdError(
      "TypeError",
      "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
    );
  }
  return runUnary(a, a.dtype, loopNeg);
}

/** `np.positive(x)` / `+x`: a copy. */
export function positive(x: Operand): NDArray {
  const a = asArray(x);
  return runUnary(a, a.dtype, loopCopy);
}

/** `np.abs(x)` (`np.absolute`): same dtype. */
export function absolute(x: Operand): NDArray {
  const a = asArray(x);
  return runUnary(a, a.dtype, loopAbs);
}

/** Float result dtype of a transcendental ufunc: float32 stays, ints and bools give float64. */
function floatOut(a: NDArray): DType {
  return a.dtype === "float32" ? "float32" : "float64";
}

function mathUnary(loop: UnaryLoop, x: Operand): NDArray {
  const a = asArray(x);
  return runUnary(a, floatOut(a), loop);
}

/** `np.tanh(x)`. */
export function tanh(x: Operand): NDArray {
  const a = asArray(x);
  return runUnary(a, floatOut(a), loopTanh);
}

/** `np.exp(x)`. */
export function exp(x: Operand): NDArray {
  return mathUnary(loopExp, x);
}

/** `np.log(x)`; warns like numpy for 0 (divide by zero) and negatives (invalid value). */
export function log(x: Operand, warn?: WarnFn): NDArray {
  const out = mathUnary(loopLog, x);
  if (warn) {
    const src = asArray(x);
    if (scan(src, "zero")) warn("RuntimeWarning", "divide by zero encountered in log");
    if (scan(src, "negative")) warn("RuntimeWarning", "invalid value encountered in log");
  }
  return out;
}

/** `np.sqrt(x)`; warns for negatives. */
export function sqrt(x: Operand, warn?: WarnFn): NDArray {
  const out = mathUnary(loopSqrt, x);
  if (warn && scan(asArray(x), "negative")) {
    warn("RuntimeWarning", "invalid value encountered in sqrt");
  }
  return out;
}

/** `np.sin(x)`. */
export function sin(x: Operand): NDArray {
  return mathUnary(loopSin, x);
}

/** `np.cos(x)`. */
export function cos(x: Operand): NDArray {
  return mathUnary(loopCos, x);
}

/** `np.square(x)`: same dtype (bool squares to bool). */
export function square(x: Operand): NDArray {
  const a = asArray(x);
  return runBinary(a, a, a.dtype, a.dtype === "bool" ? loopAnd : loopMul);
}

/** `np.floor(x)`. */
export function floor(x: Operand): NDArray {
  return mathUnary(unaryLoopOf(Math.floor), x);
}

/** `np.ceil(x)`. */
export function ceil(x: Operand): NDArray {
  return mathUnary(unaryLoopOf(Math.ceil), x);
}

/** `np.isnan(x)`: bool. */
export function isnan(x: Operand): NDArray {
  return runUnary(
    asArray(x),
    "bool",
    unaryLoopOf((v) => (Number.isNaN(v) ? 1 : 0)),
  );
}

/** `np.isfinite(x)`: bool. */
export function isfinite(x: Operand): NDArray {
  return runUnary(
    asArray(x),
    "bool",
    unaryLoopOf((v) => (Number.isFinite(v) ? 1 : 0)),
  );
}

/** `np.isinf(x)`: bool. */
export function isinf(x: Operand): NDArray {
  return runUnary(
    asArray(x),
    "bool",
    unaryLoopOf((v) => (v === Infinity || v === -Infinity ? 1 : 0)),
  );
}

/** numpy's `power_of_ten` used by `np.round`. */
function powerOfTen(n: number): number {
  const p10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
  if (n < 9) return p10[n] ?? 1;
  let r = 1e9;
  for (let i = n; i > 9; i--) r *= 10;
  return r;
}

/**
 * `np.round(a, decimals=0)` (`np.around`): half to even, computed as numpy's
 * `PyArray_Round` does: `rint(a * 10**d) / 10**d` (or `rint(a / 10**-d) * 10**-d`).
 * Integer arrays with `decimals >= 0` are copied unchanged.
 */
export function round(x: Operand, decimals = 0): NDArray {
  const a = asArray(x);
  if (!isFloatDType(a.dtype)) {
    if (decimals >= 0) return positive(a);
    const f = powerOfTen(-decimals);
    return runUnary(
      a,
      a.dtype,
      unaryLoopOf((v) => rint(v / f) * f),
    );
  }
  const fr = a.dtype === "float32" ? Math.fround : (v: number) => v;
  if (decimals === 0) return runUnary(a, a.dtype, unaryLoopOf(rint));
  if (decimals > 0) {
    const f = fr(powerOfTen(decimals));
    return runUnary(
      a,
      a.dtype,
      unaryLoopOf((v) => fr(rint(fr(v * f)) / f)),
    );
  }
  const f = fr(powerOfTen(-decimals));
  return runUnary(
    a,
    a.dtype,
    unaryLoopOf((v) => rint(fr(v / f)) * f),
  );
}

/**
 * `np.clip(a, a_min, a_max)`: `minimum(maximum(a, a_min), a_max)` with NaN in
 * `a` kept. Either bound may be null (None). Result dtype promotes all three.
 */
export function clip(x: Operand, lo: Operand | null, hi: Operand | null): NDArray {
  if (lo === null && hi === null) {
    throw new NdError("ValueError", "One of max or min must be given");
  }
  const ops: Operand[] = [x];
  if (lo !== null) ops.push(lo);
  if (hi !== null) ops.push(hi);
  const dt = resultType(...ops);
  let r = asArray(x, dt);
  if (r.dtype !== dt) r = runUnary(r, dt, loopCopy);
  if (lo !== null) r = runBinary(r, asArray(lo, dt), dt, loopClipLo);
  if (hi !== null) r = runBinary(r, asArray(hi, dt), dt, loopClipHi);
  return r;
}

/** `np.where(condition, x, y)`: elements of x where condition is truthy, else y, broadcast together. */
export function where(condition: Operand, x: Operand, y: Operand): NDArray {
  const c = asArray(condition);
  const dt = resultType(x, y);
  const a = asArray(x, dt);
  const b = asArray(y, dt);
  const shape = broadcastShapes(c.shape, a.shape, b.shape);
  const out = NDArray.zeros(shape, dt);
  const cd = c.data;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  forEachRow(
    shape,
    [broadcastStrides(c, shape), broadcastStrides(a, shape), broadcastStrides(b, shape), out.strides],
    [c.offset, a.offset, b.offset, 0],
    (p, n, s) => {
      let ic = p[0] ?? 0;
      let ia = p[1] ?? 0;
      let ib = p[2] ?? 0;
      let io = p[3] ?? 0;
      const [sc = 0, sa = 0, sb = 0, so = 0] = s;
      for (let i = 0; i < n; i++, ic += sc, ia += sa, ib += sb, io += so)
        od[io] = cd[ic] !== 0 ? ad[ia]! : bd[ib]!;
    },
  );
  return out;
}

/** Reads a 0-d or size-1 operand as a number (`float(x)`). */
export function scalarOf(x: Operand): number {
  if (typeof x === "number") return x;
  if (isPyScalar(x)) return x.value;
  if (x.size !== 1) {
    throw new NdError("TypeError", "only length-1 arrays can be converted to Python scalars");
  }
  return x.at(new Array<number>(x.ndim).fill(0));
}

/**
 * Writes `src` into `dst` (a view is fine) broadcasting `src` to `dst.shape`,
 * casting values to `dst.dtype` as numpy's setitem does (unsafe casting).
 */
export function copyInto(dst: NDArray, src: Operand): void {
  const s = asArray(src, dst.dtype);
  let shape: number[] = [];
  try {
    shape = broadcastShapes(dst.shape, s.shape);
  } catch {
    shape = [];
  }
  if (!sameShape(shape, dst.shape)) {
    throw new NdError(
      "ValueError",
      `could not broadcast input array from shape ${shapeTextOf(s.shape)} into shape ${shapeTextOf(dst.shape)}`,
    );
  }
  const sd = s.data;
  const dd = dst.data;
  const dt = dst.dtype;
  const exact =
    s.dtype === dt || (dt === "float64" && s.dtype !== "float32") || (dt === "int64" && s.dtype === "bool");
  if (s.data === dst.data) {
    // Overlapping source and destination: read everything first.
    const tmp = NDArray.fromData(s.dtype, broadcastCopy(s, shape), shape);
    copyInto(dst, tmp);
    return;
  }
  forEachRow(shape, [broadcastStrides(s, shape), dst.strides], [s.offset, dst.offset], (p, n, st) => {
    let is = p[0] ?? 0;
    let id = p[1] ?? 0;
    const ss = st[0] ?? 0;
    const sdst = st[1] ?? 0;
    if (exact) for (let i = 0; i < n; i++, is += ss, id += sdst) dd[id] = sd[is]!;
    else for (let i = 0; i < n; i++, is += ss, id += sdst) dd[id] = castValue(sd[is]!, dt);
  });
}

function broadcastCopy(s: NDArray, shape: Shape): TypedData {
  const out = NDArray.zeros(shape, s.dtype);
  const sd = s.data;
  const od = out.data;
  forEachRow(shape, [broadcastStrides(s, shape), out.strides], [s.offset, 0], (p, n, st) => {
    let is = p[0] ?? 0;
    let io = p[1] ?? 0;
    for (let i = 0; i < n; i++, is += st[0] ?? 0, io += st[1] ?? 0) od[io] = sd[is]!;
  });
  return out.data;
}

function shapeTextOf(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`;
}
