/**
 * `np.histogram` and `np.percentile` (linear method), following numpy's
 * `_histograms_impl.py` and `_function_base_impl.py` step by step so bin
 * edges, counts and interpolated values match numpy exactly.
 */
import { NdError } from "./errors.ts";
import { NDArray } from "./ndarray.ts";
import { linspace } from "./creation.ts";
import { flatten, moveaxis, reshape } from "./manip.ts";
import { floatRepr } from "./pyfloat.ts";
import { type Axis, max, min, normalizeAxes } from "./reduce.ts";

/** `np.histogram`'s result: int64 counts (nbins,) and bin edges (nbins + 1,). */
export interface Histogram {
  readonly hist: NDArray;
  readonly edges: NDArray;
}

/** float32 `np.linspace` computed in float32 arithmetic (numpy does when start/stop are float32 scalars). */
function linspaceF32(start: number, stop: number, num: number): Float32Array {
  const f = Math.fround;
  const y = new Float32Array(num);
  const div = num - 1;
  const delta = f(stop - start);
  for (let i = 0; i < num; i++) y[i] = i;
  if (div > 0) {
    const step = f(delta / div);
    for (let i = 0; i < num; i++) y[i] = step === 0 ? f(f(y[i]! / div) * delta) : f(y[i]! * step);
  } else for (let i = 0; i < num; i++) y[i] = f(y[i]! * delta);
  for (let i = 0; i < num; i++) y[i] = f(y[i]! + start);
  if (num > 1) y[num - 1] = stop;
  return y;
}

function pyNumber(x: number): string {
  return floatRepr(x);
}

/**
 * `np.histogram(a, bins=10, range=None)` for unweighted data. `bins` is a
 * bin count (equal-width bins over `range`, default `(a.min(), a.max())`,
 * widened by 0.5 on each side when they are equal) or an increasing array of
 * edges. All bins are half-open except the last; values outside are ignored.
 * `range` holds Python numbers (weak scalars: float32 data keeps float32 edges).
 */
export function histogram(
  a: NDArray,
  bins: number | NDArray = 10,
  range: readonly [number, number] | null = null,
): Histogram {
  const flat = flatten(a);
  const values = flat.data;
  const f32 = a.dtype === "float32";
  if (bins instanceof NDArray) return histogramEdges(values, bins);
  if (!Number.isInteger(bins))
    throw new NdError("TypeError", "`bins` must be an integer, a string, or an array");
  if (bins < 1) throw new NdError("ValueError", "`bins` must be positive, when an integer");
  const n = bins;
  const fr = (x: number) => (f32 ? Math.fround(x) : x);
  // Edge scalars are float32 numpy scalars only when they come from the float32 data itself.
  const strongF32 = f32 && range === null;
  let first: number;
  let last: number;
  if (range !== null) {
    [first, last] = range;
    if (first > last) throw new NdError("ValueError", "max must be larger than min in range parameter.");
    if (!Number.isFinite(first) || !Number.isFinite(last)) {
      throw new NdError(
        "ValueError",
        `supplied range of [${pyNumber(first)}, ${pyNumber(last)}] is not finite`,
      );
    }
  } else if (flat.size === 0) {
    first = 0;
    last = 1;
  } else {
    first = min(flat).at([]);
    last = max(flat).at([]);
    if (!Number.isFinite(first) || !Number.isFinite(last)) {
      throw new NdError(
        "ValueError",
        `autodetected range of [${pyNumber(first)}, ${pyNumber(last)}] is not finite`,
      );
    }
  }
  if (first === last) {
    first = strongF32 ? Math.fround(first - 0.5) : first - 0.5;
    last = strongF32 ? Math.fround(last + 0.5) : last + 0.5;
  }
  const edgesData: Float64Array | Float32Array = strongF32
    ? linspaceF32(first, last, n + 1)
    : f32
      ? Float32Array.from(linspace(first, last, n + 1).data)
      : Float64Array.from(linspace(first, last, n + 1).data);
  for (let i = 0; i < n; i++) {
    if (edgesData[i]! >= edgesData[i + 1]!) {
      throw new NdError("ValueError", `Too many bins for data range. Cannot create ${n} finite-sized bins.`);
    }
  }
  const counts = new Float64Array(n);
  // Python-float range bounds are cast to float32 when compared with float32 data.
  const lo = fr(first);
  const hi = fr(last);
  const denom = strongF32 ? Math.fround(last - first) : last - first;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!(x >= lo && x <= hi)) continue;
    const diff = fr(x - lo);
    const fidx = strongF32 ? Math.fround(Math.fround(diff / denom) * n) : (diff / denom) * n;
    let idx = Math.trunc(fidx);
    if (idx === n) idx -= 1;
    if (x < edgesData[idx]!) idx -= 1;
    if (x >= edgesData[idx + 1]! && idx !== n - 1) idx += 1;
    counts[idx] = counts[idx]! + 1;
  }
  return {
    hist: NDArray.fromData("int64", counts, [n]),
    edges: NDArray.fromData(f32 ? "float32" : "float64", edgesData, [n + 1]),
  };
}

function lowerBound(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Histogram with explicit edges: numpy's sorted-search counting (last bin closed). */
function histogramEdges(values: ArrayLike<number>, bins: NDArray): Histogram {
  if (bins.ndim !== 1) throw new NdError("ValueError", "`bins` must be 1d, when an array");
  const e = bins.toFlatArray();
  for (let i = 0; i + 1 < e.length; i++) {
    if (e[i]! > e[i + 1]!)
      throw new NdError("ValueError", "`bins` must increase monotonically, when an array");
  }
  const sorted = Float64Array.from(values).sort();
  const cum = e.map((v, i) => (i === e.length - 1 ? upperBound(sorted, v) : lowerBound(sorted, v)));
  const nb = Math.max(e.length - 1, 0);
  const counts = new Float64Array(nb);
  for (let i = 0; i < nb; i++) counts[i] = cum[i + 1]! - cum[i]!;
  return { hist: NDArray.fromData("int64", counts, [nb]), edges: bins };
}

/**
 * `np.percentile(a, q, axis=None, keepdims=False)` with the default linear
 * method: `virtual = (n - 1) * q/100`, neighbours `floor(virtual)` and the
 * next, interpolated by numpy's `_lerp` (`b - diff*(1-t)` when t >= 0.5).
 * `q` as a number is a Python scalar (weak): float32 data keeps float32; a
 * list/array q gives a leading q dimension and float64 results.
 */
export function percentile(
  a: NDArray,
  q: number | readonly number[] | NDArray,
  axis: Axis = null,
  keepdims = false,
): NDArray {
  const weakQ = typeof q === "number";
  const qArr = typeof q === "number" ? [q] : q instanceof NDArray ? q.toFlatArray() : [...q];
  const qShape = typeof q === "number" ? [] : q instanceof NDArray ? [...q.shape] : [q.length];
  const qs = qArr.map((v) => v / 100);
  if (qs.some((v) => !(v >= 0 && v <= 1)))
    throw new NdError("ValueError", "Percentiles must be in the range [0, 100]");
  // Bring the reduced axes to the front and merge them (numpy's _ureduce).
  const axes = normalizeAxes(axis, a.ndim);
  let moved = a;
  for (let i = 0; i < axes.length; i++) moved = moveaxis(moved, axes[i]!, i);
  const rest = moved.shape.slice(axes.length);
  let n = 1;
  for (let i = 0; i < axes.length; i++) n *= moved.shape[i] ?? 1;
  const arr = reshape(moved, [n, ...rest]);
  let m = 1;
  for (const d of rest) m *= d;
  const cols = arr.toContiguousData();
  const outF32 = a.dtype === "float32" && weakQ;
  const outData = outF32 ? new Float32Array(qs.length * m) : new Float64Array(qs.length * m);
  const fr = outF32 ? Math.fround : (x: number) => x;
  const col = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) col[i] = cols[i * m + j]!;
    col.sort();
    const hasNaN = n > 0 && Number.isNaN(col[n - 1]!);
    qs.forEach((qv, qi) => {
      outData[qi * m + j] = hasNaN ? Number.NaN : lerpAt(col, n, qv, fr);
    });
  }
  const shape = [...qShape, ...(keepdims ? a.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : rest)];
  return NDArray.fromData(outF32 ? "float32" : "float64", outData, shape);
}

function lerpAt(sorted: Float64Array, n: number, q: number, fr: (x: number) => number): number {
  if (n === 0) return Number.NaN;
  const virtual = (n - 1) * q;
  let prev = Math.floor(virtual);
  let next = prev + 1;
  if (virtual >= n - 1) {
    prev = -1;
    next = -1;
  } else if (virtual < 0) {
    prev = 0;
    next = 0;
  }
  const t = virtual - prev;
  const a = sorted[prev < 0 ? n + prev : prev]!;
  const b = sorted[next < 0 ? n + next : next]!;
  const diff = fr(b - a);
  if (t >= 0.5) return fr(b - fr(diff * fr(1 - t)));
  return fr(a + fr(diff * fr(t)));
}

/**
 * `np.histogram(..., density=True)`: numpy's `n / db / n.sum()` with
 * `db = np.diff(bin_edges)`, divided in that order so the digits match.
 */
export function histogramDensity(h: Histogram): Histogram {
  const counts = h.hist.toFlatArray();
  const edges = h.edges.toFlatArray();
  let total = 0;
  for (const c of counts) total += c;
  const f32 = h.edges.dtype === "float32";
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    const db = f32
      ? Math.fround((edges[i + 1] ?? 0) - (edges[i] ?? 0))
      : (edges[i + 1] ?? 0) - (edges[i] ?? 0);
    out[i] = (counts[i] ?? 0) / db / total;
  }
  return { hist: NDArray.fromData("float64", out, [counts.length]), edges: h.edges };
}
