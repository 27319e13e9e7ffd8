/**
 * Sorting and counting: `sort`, `argsort` (along one axis), `unique`,
 * `bincount`, `countNonzero`, plus `outer`, `isclose` and the elementwise
 * `sign`, `log2`, `log10`, `log1p`.
 *
 * Order: NaN sorts last, as in numpy. `argsort` is stable (numpy's
 * `kind='stable'`); numpy's default introsort gives the same indices when
 * there are no ties, and for ties in arrays of at most 16 elements (its
 * insertion-sort cutoff), which is what the golden tests cover.
 */
import { NdError } from "./errors.ts";
import { contiguousStrides, type DType, NDArray, allocate } from "./ndarray.ts";
import { normalizeAxis } from "./reduce.ts";

/** numpy's order: NaN after every number. */
function less(a: number, b: number): boolean {
  return a < b || (Number.isNaN(b) && !Number.isNaN(a));
}

function stableOrder(vals: ArrayLike<number>): number[] {
  const idx = Array.from({ length: vals.length }, (_, i) => i);
  idx.sort((i, j) => {
    const a = vals[i] ?? 0;
    const b = vals[j] ?? 0;
    if (less(a, b)) return -1;
    if (less(b, a)) return 1;
    return i - j;
  });
  return idx;
}

/** Applies `f` to every 1-d lane along `axis`; `f` gets the lane values and writes into `out`. */
function alongAxis(
  a: NDArray,
  axis: number | null,
  outDType: DType,
  f: (lane: number[], out: number[]) => void,
): NDArray {
  const src = axis === null ? NDArray.fromData(a.dtype, a.toContiguousData(), [a.size]) : a;
  const ax = axis === null ? 0 : normalizeAxis(axis, src.ndim);
  if (src.ndim === 0)
    throw new NdError("AxisError", `axis ${axis} is out of bounds for array of dimension 0`);
  const shape = src.shape;
  const data = src.toContiguousData();
  const strides = contiguousStrides(shape);
  const n = shape[ax] ?? 0;
  const st = strides[ax] ?? 1;
  const out = allocate(outDType, shape);
  const lanes = n === 0 ? 0 : data.length / n;
  const lane = new Array<number>(n);
  const res = new Array<number>(n);
  const outer = lanes / st;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < st; i++) {
      const base = o * n * st + i;
      for (let k = 0; k < n; k++) lane[k] = data[base + k * st] ?? 0;
      f(lane, res);
      for (let k = 0; k < n; k++) out[base + k * st] = res[k] ?? 0;
    }
  }
  return NDArray.fromData(outDType, out, shape);
}

export function sort(a: NDArray, axis: number | null = -1): NDArray {
  return alongAxis(a, axis, a.dtype, (lane, out) => {
    const order = stableOrder(lane);
    for (let k = 0; k < order.length; k++) out[k] = lane[order[k] ?? 0] ?? 0;
  });
}

export function argsort(a: NDArray, axis: number | null = -1): NDArray {
  return alongAxis(a, axis, "int64", (lane, out) => {
    const order = stableOrder(lane);
    for (let k = 0; k < order.length; k++) out[k] = order[k] ?? 0;
  });
}

export interface UniqueResult {
  values: NDArray;
  index: NDArray;
  inverse: NDArray;
  counts: NDArray;
}

/** `np.unique` of the flattened array (NaNs collapse to one, as numpy 2 does by default). */
export function unique(a: NDArray): UniqueResult {
  const flat = a.toFlatArray();
  const order = stableOrder(flat);
  const vals: number[] = [];
  const first: number[] = [];
  const counts: number[] = [];
  const inverse = new Array<number>(flat.length);
  for (const i of order) {
    const v = flat[i] ?? 0;
    const last = vals[vals.length - 1];
    const same = vals.length > 0 && (last === v || (Number.isNaN(last ?? 0) && Number.isNaN(v)));
    if (!same) {
      vals.push(v);
      first.push(i);
      counts.push(0);
    }
    counts[counts.length - 1] = (counts[counts.length - 1] ?? 0) + 1;
    inverse[i] = vals.length - 1;
  }
  const mk = (xs: number[], dt: DType) => NDArray.fromData(dt, fill(dt, xs), [xs.length]);
  return {
    values: mk(vals, a.dtype),
    index: mk(first, "int64"),
    inverse: NDArray.fromData("int64", fill("int64", inverse), a.ndim === 0 ? [1] : [...a.shape]),
    counts: mk(counts, "int64"),
  };
}

function fill(dt: DType, xs: number[]) {
  const d = allocate(dt, [xs.length]);
  for (let i = 0; i < xs.length; i++) d[i] = xs[i] ?? 0;
  return d;
}

/** `np.bincount(x, weights=None, minlength=0)`. */
export function bincount(x: NDArray, weights: NDArray | null, minlength: number): NDArray {
  if (x.ndim > 1) {
    throw new NdError(
      "ValueError",
      "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
    );
  }
  if (minlength < 0) throw new NdError("ValueError", "'minlength' must not be negative");
  const xs = x.toFlatArray();
  let m = 0;
  for (const v of xs) {
    if (v < 0) throw new NdError("ValueError", "'list' argument must have no negative elements");
    if (v + 1 > m) m = v + 1;
  }
  const n = Math.max(m, minlength);
  if (weights !== null) {
    if (weights.size !== xs.length)
      throw new NdError("ValueError", "The weights and list don't have the same length.");
    const w = weights.toFlatArray();
    const out = new Float64Array(n);
    for (let i = 0; i < xs.length; i++) out[xs[i] ?? 0] = (out[xs[i] ?? 0] ?? 0) + (w[i] ?? 0);
    return NDArray.fromData("float64", out, [n]);
  }
  const out = new Float64Array(n);
  for (const v of xs) out[v] = (out[v] ?? 0) + 1;
  return NDArray.fromData("int64", out, [n]);
}

export function countNonzero(a: NDArray): number {
  let c = 0;
  for (const v of a.toContiguousData()) if (v !== 0) c++;
  return c;
}

/** `np.outer(a, b)`: both flattened. */
export function outer(a: NDArray, b: NDArray, outDType: DType): NDArray {
  const x = a.toFlatArray();
  const y = b.toFlatArray();
  const out = allocate(outDType, [x.length, y.length]);
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < y.length; j++) out[i * y.length + j] = (x[i] ?? 0) * (y[j] ?? 0);
  }
  return NDArray.fromData(outDType, out, [x.length, y.length]);
}

/** numpy's isclose test for one pair: `|a - b| <= atol + rtol * |b|`, NaN equal only with equal_nan. */
export function iscloseValue(a: number, b: number, rtol: number, atol: number, equalNan: boolean): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return equalNan && Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

export function signValue(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}
