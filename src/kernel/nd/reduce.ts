/**
 * Reductions along axes: `sum`, `prod`, `mean`, `var`, `std`, `min`, `max`,
 * `argmax`, `argmin`, `cumsum`, `any`, `all`.
 *
 * Summation follows numpy bit for bit: the elements are visited in the
 * input's memory order (numpy's nditer sorts axes by stride); when the
 * innermost visited axis is reduced, that row is added with numpy's
 * `pairwise_sum`, otherwise output elements accumulate one input row at a
 * time (so `sum(axis=0)` of a C-ordered 2-d array adds row after row).
 */
import { forEachRow } from "./broadcast.ts";
import { NdError } from "./errors.ts";
import { type DType, NDArray, type TypedData } from "./ndarray.ts";
import { divide, multiply, sqrt, subtract, type WarnFn } from "./ufunc.ts";

/** An axis argument: an int (negative counts from the end), a tuple of ints, or None. */
export type Axis = number | readonly number[] | null;

/** Common options of the reductions. `warn` receives numpy's RuntimeWarnings. */
export interface ReduceOptions {
  readonly axis?: Axis;
  readonly keepdims?: boolean;
  readonly warn?: WarnFn;
}

/** Normalises one axis against `ndim`, raising numpy's AxisError. */
export function normalizeAxis(axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new NdError("AxisError", `axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** The sorted distinct axes an `Axis` argument selects (None selects all). */
export function normalizeAxes(axis: Axis | undefined, ndim: number): number[] {
  if (axis === null || axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(a, ndim));
  if (new Set(out).size !== out.length) throw new NdError("ValueError", "duplicate value in 'axis'");
  return out.sort((p, q) => p - q);
}

const PW_BLOCKSIZE = 128;

/**
 * numpy's `pairwise_sum` over `n` elements of `d` starting at `i0` with
 * `stride`: a plain loop below 8 elements, eight accumulators up to 128, and a
 * split at `n/2` rounded down to a multiple of 8 above.
 */
export function pairwiseSum(d: TypedData, i0: number, n: number, stride: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += d[i0 + i * stride]!;
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = d[i0]!;
    let r1 = d[i0 + stride]!;
    let r2 = d[i0 + 2 * stride]!;
    let r3 = d[i0 + 3 * stride]!;
    let r4 = d[i0 + 4 * stride]!;
    let r5 = d[i0 + 5 * stride]!;
    let r6 = d[i0 + 6 * stride]!;
    let r7 = d[i0 + 7 * stride]!;
    const m = n - (n % 8);
    let i = 8;
    for (; i < m; i += 8) {
      const p = i0 + i * stride;
      r0 += d[p]!;
      r1 += d[p + stride]!;
      r2 += d[p + 2 * stride]!;
      r3 += d[p + 3 * stride]!;
      r4 += d[p + 4 * stride]!;
      r5 += d[p + 5 * stride]!;
      r6 += d[p + 6 * stride]!;
      r7 += d[p + 7 * stride]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += d[i0 + i * stride]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(d, i0, n2, stride) + pairwiseSum(d, i0 + n2 * stride, n - n2, stride);
}

/** `pairwiseSum` with float32 accumulators, as numpy's FLOAT_pairwise_sum. */
export function pairwiseSumF32(d: TypedData, i0: number, n: number, stride: number): number {
  const f = Math.fround;
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = f(res + d[i0 + i * stride]!);
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    const r = new Float32Array(8);
    for (let j = 0; j < 8; j++) r[j] = d[i0 + j * stride]!;
    const m = n - (n % 8);
    let i = 8;
    for (; i < m; i += 8) for (let j = 0; j < 8; j++) r[j] = r[j]! + d[i0 + (i + j) * stride]!;
    let res = f(f(f(r[0]! + r[1]!) + f(r[2]! + r[3]!)) + f(f(r[4]! + r[5]!) + f(r[6]! + r[7]!)));
    for (; i < n; i++) res = f(res + d[i0 + i * stride]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return f(pairwiseSumF32(d, i0, n2, stride) + pairwiseSumF32(d, i0 + n2 * stride, n - n2, stride));
}

type ReduceKind = "sum" | "prod" | "max" | "min";

function initialOf(kind: ReduceKind): number {
  switch (kind) {
    case "sum":
      return 0;
    case "prod":
      return 1;
    case "max":
      return -Infinity;
    case "min":
      return Infinity;
    default: {
      const never: never = kind;
      throw new Error(`unknown reduction ${String(never)}`);
    }
  }
}

function combine(kind: ReduceKind, acc: number, v: number): number {
  switch (kind) {
    case "sum":
      return acc + v;
    case "prod":
      return acc * v;
    // `maximum(acc, v)`: on a tie (0.0 and -0.0) the later element wins, as in numpy.
    case "max":
      return acc > v || Number.isNaN(acc) ? acc : v;
    case "min":
      return acc < v || Number.isNaN(acc) ? acc : v;
    default: {
      const never: never = kind;
      throw new Error(`unknown reduction ${String(never)}`);
    }
  }
}

function reduceRow(
  kind: ReduceKind,
  f32: boolean,
  d: TypedData,
  i0: number,
  n: number,
  s: number,
  acc: number,
): number {
  if (kind === "sum") {
    return f32 ? Math.fround(acc + pairwiseSumF32(d, i0, n, s)) : acc + pairwiseSum(d, i0, n, s);
  }
  let r = acc;
  if (f32 && kind === "prod") for (let i = 0; i < n; i++) r = Math.fround(r * d[i0 + i * s]!);
  else for (let i = 0; i < n; i++) r = combine(kind, r, d[i0 + i * s]!);
  return r;
}

/** The shape left after reducing `axes` (with 1s kept when `keepdims`). */
function reducedShape(shape: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (!axes.includes(i)) out.push(shape[i] ?? 1);
    else if (keepdims) out.push(1);
  }
  return out;
}

/**
 * `reduceCore` for a C-contiguous input reduced over one axis, without the
 * general iteration: the input is `outer` blocks of `len` rows of `inner`
 * elements. With `inner` 1 (the last axis) each output element is one row
 * reduced by `reduceRow` (numpy's pairwise sum); otherwise the rows are added
 * into the output one after another, the order numpy's iterator uses.
 * `dst` holds the initial values and receives the results.
 */
function reduceContiguousAxis(a: NDArray, axis: number, kind: ReduceKind, dst: TypedData): void {
  const src = a.data;
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= a.shape[i] ?? 1;
  const len = a.shape[axis] ?? 1;
  let inner = 1;
  for (let i = axis + 1; i < a.ndim; i++) inner *= a.shape[i] ?? 1;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) dst[o] = reduceRow(kind, false, src, a.offset + o * len, len, 1, dst[o]!);
    return;
  }
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let r = 0; r < len; r++) {
      const ib = a.offset + (o * len + r) * inner;
      switch (kind) {
        case "sum":
          for (let j = 0; j < inner; j++) dst[ob + j] = dst[ob + j]! + src[ib + j]!;
          break;
        case "prod":
          for (let j = 0; j < inner; j++) dst[ob + j] = dst[ob + j]! * src[ib + j]!;
          break;
        case "max":
          for (let j = 0; j < inner; j++) {
            const v = src[ib + j]!;
            const acc = dst[ob + j]!;
            dst[ob + j] = acc > v || Number.isNaN(acc) ? acc : v;
          }
          break;
        case "min":
          for (let j = 0; j < inner; j++) {
            const v = src[ib + j]!;
            const acc = dst[ob + j]!;
            dst[ob + j] = acc < v || Number.isNaN(acc) ? acc : v;
          }
          break;
        default: {
          const never: never = kind;
          throw new Error(`unknown reduction ${String(never)}`);
        }
      }
    }
  }
}

/**
 * The reduction engine: reduces `a` over `axes` into a new array of
 * `outDType`, visiting elements in memory order like numpy's iterator.
 */
function reduceCore(a: NDArray, axes: readonly number[], kind: ReduceKind, outDType: DType): NDArray {
  if (outDType === "bool") {
    // A Uint8Array cannot hold the +-Infinity starting values: reduce in float64.
    const r = reduceCore(a, axes, kind, "float64");
    const data = new Uint8Array(r.size);
    for (let i = 0; i < data.length; i++) data[i] = r.data[i] !== 0 ? 1 : 0;
    return NDArray.fromData("bool", data, r.shape);
  }
  const keptShape = reducedShape(a.shape, axes, false);
  const out = NDArray.zeros(keptShape, outDType);
  out.data.fill(initialOf(kind));
  const f32 = outDType === "float32";
  if (!f32 && axes.length === 1 && a.isContiguous) {
    reduceContiguousAxis(a, axes[0] ?? 0, kind, out.data);
    return out;
  }
  // Output strides over the input's dimensions: 0 along reduced axes.
  const outStrides: number[] = [];
  let k = 0;
  for (let i = 0; i < a.ndim; i++) {
    if (axes.includes(i)) outStrides.push(0);
    else outStrides.push(out.strides[k++] ?? 0);
  }
  // numpy's nditer visits axes in memory order of the input (largest |stride| outermost).
  const order = Array.from({ length: a.ndim }, (_, i) => i).sort(
    (p, q) => Math.abs(a.strides[q] ?? 0) - Math.abs(a.strides[p] ?? 0),
  );
  const shape = order.map((i) => a.shape[i] ?? 1);
  const inS = order.map((i) => a.strides[i] ?? 0);
  const outS = order.map((i) => outStrides[i] ?? 0);
  const src = a.data;
  const dst = out.data;
  forEachRow(shape, [inS, outS], [a.offset, 0], (p, n, s) => {
    const ia = p[0] ?? 0;
    const io = p[1] ?? 0;
    const sa = s[0] ?? 0;
    const so = s[1] ?? 0;
    if (so === 0) {
      dst[io] = reduceRow(kind, f32, src, ia, n, sa, dst[io]!);
      return;
    }
    if (kind === "sum" && !f32) {
      for (let i = 0; i < n; i++) dst[io + i * so] = dst[io + i * so]! + src[ia + i * sa]!;
      return;
    }
    for (let i = 0; i < n; i++) {
      const r = combine(kind, dst[io + i * so]!, src[ia + i * sa]!);
      dst[io + i * so] = f32 ? Math.fround(r) : r;
    }
  });
  return out;
}

function withKeepdims(
  r: NDArray,
  shape: readonly number[],
  axes: readonly number[],
  keepdims: boolean,
): NDArray {
  if (!keepdims) return r;
  return NDArray.fromData(r.dtype, r.data, reducedShape(shape, axes, true));
}

/** Number of elements combined into each output element. */
function reducedCount(a: NDArray, axes: readonly number[]): number {
  let n = 1;
  for (const ax of axes) n *= a.shape[ax] ?? 1;
  return n;
}

/** Accumulator dtype of `sum`/`prod`/`cumsum`: bool and int64 give int64. */
function accumDType(dtype: DType): DType {
  return dtype === "bool" ? "int64" : dtype;
}

/** `np.sum(a, axis=None, keepdims=False)`; pairwise summation as numpy. */
export function sum(a: NDArray, opts: ReduceOptions = {}, dtype?: DType): NDArray {
  const axes = normalizeAxes(opts.axis, a.ndim);
  const r = reduceCore(a, axes, "sum", dtype ?? accumDType(a.dtype));
  return withKeepdims(r, a.shape, axes, opts.keepdims ?? false);
}

/** `np.prod(a, axis=None, keepdims=False)`. */
export function prod(a: NDArray, opts: ReduceOptions = {}): NDArray {
  const axes = normalizeAxes(opts.axis, a.ndim);
  const r = reduceCore(a, axes, "prod", accumDType(a.dtype));
  return withKeepdims(r, a.shape, axes, opts.keepdims ?? false);
}

function minmax(a: NDArray, opts: ReduceOptions, kind: "max" | "min"): NDArray {
  const axes = normalizeAxes(opts.axis, a.ndim);
  const n = reducedCount(a, axes);
  if (n === 0 || (a.size === 0 && axes.length > 0)) {
    const name = kind === "max" ? "maximum" : "minimum";
    throw new NdError("ValueError", `zero-size array to reduction operation ${name} which has no identity`);
  }
  const r = reduceCore(a, axes, kind, a.dtype);
  return withKeepdims(r, a.shape, axes, opts.keepdims ?? false);
}

/** `np.max(a, axis=None, keepdims=False)` (`amax`): NaN propagates; empty raises ValueError. */
export function max(a: NDArray, opts: ReduceOptions = {}): NDArray {
  return minmax(a, opts, "max");
}

/** `np.min(a, axis=None, keepdims=False)` (`amin`). */
export function min(a: NDArray, opts: ReduceOptions = {}): NDArray {
  return minmax(a, opts, "min");
}

/** The float dtype `mean`/`var` compute in: float32 stays, everything else float64. */
function meanDType(dtype: DType): DType {
  return dtype === "float32" ? "float32" : "float64";
}

/**
 * `np.mean(a, axis=None, keepdims=False)`: numpy's `_mean`, a pairwise sum
 * divided by the count in the result dtype. Empty slices give NaN with
 * numpy's "Mean of empty slice" warning.
 */
export function mean(a: NDArray, opts: ReduceOptions = {}): NDArray {
  const axes = normalizeAxes(opts.axis, a.ndim);
  const n = reducedCount(a, axes);
  if (n === 0) opts.warn?.("RuntimeWarning", "Mean of empty slice");
  const s = sum(a, { axis: axes, keepdims: opts.keepdims ?? false }, meanDType(a.dtype));
  return divideByCount(s, n, opts.warn);
}

function divideByCount(s: NDArray, n: number, warn?: WarnFn): NDArray {
  const count = NDArray.scalar(n, "int64");
  const r = divide(s, s.dtype === "float32" ? { kind: "int", value: n } : count);
  if (n === 0 && warn) {
    const where = `${s.ndim === 0 ? "scalar " : ""}divide`;
    const vals = s.toFlatArray();
    if (vals.some((v) => v !== 0 && !Number.isNaN(v)))
      warn("RuntimeWarning", `divide by zero encountered in ${where}`);
    if (vals.some((v) => v === 0 || Number.isNaN(v)))
      warn("RuntimeWarning", `invalid value encountered in ${where}`);
  }
  return r;
}

/** Options of `var`/`std`: `ddof` is the delta degrees of freedom (divisor `N - ddof`). */
export interface VarOptions extends ReduceOptions {
  readonly ddof?: number;
}

/**
 * `np.var(a, axis=None, ddof=0, keepdims=False)` exactly as numpy's `_var`:
 * `arrmean = sum(a, keepdims=True) / n; x = a - arrmean; x = x * x;
 * sum(x) / max(n - ddof, 0)`.
 */
export function variance(a: NDArray, opts: VarOptions = {}): NDArray {
  const axes = normalizeAxes(opts.axis, a.ndim);
  const n = reducedCount(a, axes);
  const ddof = opts.ddof ?? 0;
  if (n - ddof <= 0) opts.warn?.("RuntimeWarning", "Degrees of freedom <= 0 for slice");
  const dt = meanDType(a.dtype);
  const arrmean = divideByCount(sum(a, { axis: axes, keepdims: true }, dt), n, opts.warn);
  const x = subtract(a, arrmean);
  const x2 = multiply(x, x);
  const ret = sum(x2, { axis: axes, keepdims: opts.keepdims ?? false }, dt);
  return divideByCount(ret, Math.max(n - ddof, 0), opts.warn);
}

/** `np.std(a, axis=None, ddof=0, keepdims=False)`: `sqrt(var)`. */
export function std(a: NDArray, opts: VarOptions = {}): NDArray {
  return sqrt(variance(a, opts));
}

function argReduce(
  a: NDArray,
  axis: number | null | undefined,
  keepdims: boolean,
  kind: "argmax" | "argmin",
): NDArray {
  if (axis === null || axis === undefined) {
    if (a.size === 0) throw new NdError("ValueError", `attempt to get ${kind} of an empty sequence`);
    const flat = a.toContiguousData();
    const r = NDArray.scalar(argRow(flat, 0, flat.length, 1, kind), "int64");
    return keepdims
      ? NDArray.fromData(
          "int64",
          r.data,
          a.shape.map(() => 1),
        )
      : r;
  }
  const ax = normalizeAxis(axis, a.ndim);
  const n = a.shape[ax] ?? 1;
  if (n === 0) throw new NdError("ValueError", `attempt to get ${kind} of an empty sequence`);
  const outShape = reducedShape(a.shape, [ax], false);
  const out = NDArray.zeros(outShape, "int64");
  const restShape = a.shape.filter((_, i) => i !== ax);
  const restStrides = a.strides.filter((_, i) => i !== ax);
  const step = a.strides[ax] ?? 0;
  const src = a.data;
  const dst = out.data;
  forEachRow(restShape, [restStrides, out.strides], [a.offset, 0], (p, m, s) => {
    for (let i = 0; i < m; i++) {
      dst[(p[1] ?? 0) + i * (s[1] ?? 0)] = argRow(src, (p[0] ?? 0) + i * (s[0] ?? 0), n, step, kind);
    }
  });
  return withKeepdims(out, a.shape, [ax], keepdims);
}

/** Index of the first extreme element; the first NaN wins, as in numpy. */
function argRow(d: TypedData, i0: number, n: number, s: number, kind: "argmax" | "argmin"): number {
  let best = d[i0]!;
  let bi = 0;
  if (Number.isNaN(best)) return 0;
  for (let i = 1; i < n; i++) {
    const v = d[i0 + i * s]!;
    if (Number.isNaN(v)) return i;
    if (kind === "argmax" ? v > best : v < best) {
      best = v;
      bi = i;
    }
  }
  return bi;
}

/** `np.argmax(a, axis=None, keepdims=False)`: int64 indices (flat C index for axis None). */
export function argmax(a: NDArray, axis: number | null = null, keepdims = false): NDArray {
  return argReduce(a, axis, keepdims, "argmax");
}

/** `np.argmin(a, axis=None, keepdims=False)`. */
export function argmin(a: NDArray, axis: number | null = null, keepdims = false): NDArray {
  return argReduce(a, axis, keepdims, "argmin");
}

/** `np.cumsum(a, axis=None)`: running sums (flattened for axis None); bool/int give int64. */
export function cumsum(a: NDArray, axis: number | null = null): NDArray {
  const dt = accumDType(a.dtype);
  const src = axis === null ? NDArray.fromData(a.dtype, a.toContiguousData(), [a.size]) : a;
  const ax = axis === null ? 0 : normalizeAxis(axis, a.ndim);
  const out = NDArray.zeros(src.shape, dt);
  const n = src.shape[ax] ?? 0;
  const restShape = src.shape.filter((_, i) => i !== ax);
  const restIn = src.strides.filter((_, i) => i !== ax);
  const restOut = out.strides.filter((_, i) => i !== ax);
  const si = src.strides[ax] ?? 0;
  const so = out.strides[ax] ?? 0;
  const d = src.data;
  const o = out.data;
  const f32 = dt === "float32";
  if (n === 0) return out;
  forEachRow(restShape, [restIn, restOut], [src.offset, 0], (p, m, s) => {
    for (let j = 0; j < m; j++) {
      let acc = 0;
      const ib = (p[0] ?? 0) + j * (s[0] ?? 0);
      const ob = (p[1] ?? 0) + j * (s[1] ?? 0);
      for (let i = 0; i < n; i++) {
        acc += d[ib + i * si]!;
        if (f32) acc = Math.fround(acc);
        o[ob + i * so] = acc;
      }
    }
  });
  return out;
}

/** `np.any(a, axis=None, keepdims=False)`: bool. */
export function any(a: NDArray, opts: ReduceOptions = {}): NDArray {
  const axes = normalizeAxes(opts.axis, a.ndim);
  const truth = NDArray.fromData("bool", boolData(a), a.shape);
  const r = reduceCore(truth, axes, "max", "bool");
  return withKeepdims(r, a.shape, axes, opts.keepdims ?? false);
}

/** `np.all(a, axis=None, keepdims=False)`: bool. */
export function all(a: NDArray, opts: ReduceOptions = {}): NDArray {
  const axes = normalizeAxes(opts.axis, a.ndim);
  const truth = NDArray.fromData("bool", boolData(a), a.shape);
  const r = reduceCore(truth, axes, "min", "bool");
  return withKeepdims(r, a.shape, axes, opts.keepdims ?? false);
}

function boolData(a: NDArray): Uint8Array {
  const src = a.toContiguousData();
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
  return out;
}
