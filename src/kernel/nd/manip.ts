/**
 * Shape manipulation: `reshape`, `transpose` (`.T`), `ravel`, `flatten`,
 * `copy`, `astype`, `concatenate`, `stack`, `expand_dims` (newaxis),
 * `squeeze`, `moveaxis`, `swapaxes`. Views share the buffer wherever numpy
 * returns a view.
 */
import { castValue } from "./dtype.ts";
import { NdError } from "./errors.ts";
import { allocate, contiguousStrides, type DType, NDArray, type Shape } from "./ndarray.ts";
import { normalizeAxis } from "./reduce.ts";
import { copyInto } from "./ufunc.ts";

function ownerOf(a: NDArray): NDArray {
  return a.base ?? a;
}

/** `ndarray.copy()` / `np.copy(a)`: a C-contiguous copy. */
export function copy(a: NDArray): NDArray {
  return NDArray.fromData(a.dtype, a.toContiguousData(), a.shape);
}

/** `a.astype(dtype)`: a converted copy (float -> int truncates toward zero, nonzero -> True). */
export function astype(a: NDArray, dtype: DType): NDArray {
  if (dtype === a.dtype) return copy(a);
  const src = a.toContiguousData();
  const out = allocate(dtype, a.shape);
  for (let i = 0; i < src.length; i++) out[i] = castValue(src[i] ?? 0, dtype);
  return NDArray.fromData(dtype, out, a.shape);
}

/**
 * numpy's `convert_shape_to_string`: leading negative (-1) dimensions are
 * dropped, later ones print as `newaxis`, and the parentheses get a trailing
 * comma only when the requested shape has one dimension (`(4,)`, but `(4)`
 * for `(-1, 4)`).
 */
function reshapeError(size: number, shape: readonly number[]): never {
  let i = 0;
  while (i < shape.length && (shape[i] ?? 0) < 0) i++;
  const parts = shape.slice(i).map((d) => (d < 0 ? "newaxis" : String(d)));
  const text = i === shape.length ? "()" : shape.length === 1 ? `(${parts[0]},)` : `(${parts.join(",")})`;
  throw new NdError("ValueError", `cannot reshape array of size ${size} into shape ${text}`);
}

/**
 * `a.reshape(shape)` / `np.reshape(a, shape)`: one dimension may be -1 (any negative).
 * Returns a view when `a` is C-contiguous, else a reshaped copy.
 */
export function reshape(a: NDArray, newShape: number | Shape): NDArray {
  const req = typeof newShape === "number" ? [newShape] : [...newShape];
  let unknown = -1;
  let known = 1;
  for (let i = 0; i < req.length; i++) {
    const d = req[i] ?? 0;
    // numpy takes any negative dimension (not only -1) as the unknown one.
    if (d < 0) {
      if (unknown >= 0) throw new NdError("ValueError", "can only specify one unknown dimension");
      unknown = i;
    } else known *= d;
  }
  const size = a.size;
  const shape = [...req];
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) reshapeError(size, req);
    shape[unknown] = size / known;
  } else if (known !== size) reshapeError(size, req);
  if (a.isContiguous)
    return new NDArray(a.dtype, a.data, shape, contiguousStrides(shape), a.offset, ownerOf(a));
  return NDArray.fromData(a.dtype, a.toContiguousData(), shape);
}

/** `np.transpose(a, axes=None)` / `a.T`: a view with permuted axes (reversed by default). */
export function transpose(a: NDArray, axes: readonly number[] | null = null): NDArray {
  const nd = a.ndim;
  let perm: number[];
  if (axes === null) perm = Array.from({ length: nd }, (_, i) => nd - 1 - i);
  else {
    if (axes.length !== nd) throw new NdError("ValueError", "axes don't match array");
    perm = axes.map((x) => normalizeAxis(x, nd));
    if (new Set(perm).size !== nd) throw new NdError("ValueError", "repeated axis in transpose");
  }
  return new NDArray(
    a.dtype,
    a.data,
    perm.map((i) => a.shape[i] ?? 1),
    perm.map((i) => a.strides[i] ?? 0),
    a.offset,
    ownerOf(a),
  );
}

/** `np.swapaxes(a, axis1, axis2)`: a view. */
export function swapaxes(a: NDArray, axis1: number, axis2: number): NDArray {
  const p = Array.from({ length: a.ndim }, (_, i) => i);
  const i = normalizeAxis(axis1, a.ndim);
  const j = normalizeAxis(axis2, a.ndim);
  p[i] = j;
  p[j] = i;
  return transpose(a, p);
}

/** `np.moveaxis(a, source, destination)` for single axes: a view. */
export function moveaxis(a: NDArray, source: number, destination: number): NDArray {
  const s = normalizeAxis(source, a.ndim);
  const d = normalizeAxis(destination, a.ndim);
  const order = Array.from({ length: a.ndim }, (_, i) => i).filter((i) => i !== s);
  order.splice(d, 0, s);
  return transpose(a, order);
}

/** `a.ravel()`: a flat view when C-contiguous, else a copy. */
export function ravel(a: NDArray): NDArray {
  return reshape(a, [a.size]);
}

/** `a.flatten()`: always a flat copy. */
export function flatten(a: NDArray): NDArray {
  return NDArray.fromData(a.dtype, a.toContiguousData(), [a.size]);
}

/** `np.expand_dims(a, axis)` / `a[..., np.newaxis]`: a view with a new length-1 axis. */
export function expandDims(a: NDArray, axis: number): NDArray {
  const ax = normalizeAxis(axis, a.ndim + 1);
  const shape = [...a.shape];
  const strides = [...a.strides];
  shape.splice(ax, 0, 1);
  strides.splice(ax, 0, 0);
  return new NDArray(a.dtype, a.data, shape, strides, a.offset, ownerOf(a));
}

/** `np.squeeze(a, axis=None)`: drops length-1 axes (a view). */
export function squeeze(a: NDArray, axis: number | null = null): NDArray {
  const drop = new Set<number>();
  if (axis === null) {
    for (let i = 0; i < a.ndim; i++) if (a.shape[i] === 1) drop.add(i);
  } else {
    const ax = normalizeAxis(axis, a.ndim);
    if (a.shape[ax] !== 1) {
      throw new NdError("ValueError", "cannot select an axis to squeeze out which has size not equal to one");
    }
    drop.add(ax);
  }
  return new NDArray(
    a.dtype,
    a.data,
    a.shape.filter((_, i) => !drop.has(i)),
    a.strides.filter((_, i) => !drop.has(i)),
    a.offset,
    ownerOf(a),
  );
}

function promoteAll(arrays: readonly NDArray[]): DType {
  let dt: DType = arrays[0]?.dtype ?? "float64";
  for (const x of arrays) {
    if (x.dtype === dt) continue;
    if (dt === "bool") dt = x.dtype;
    else if (x.dtype !== "bool") dt = "float64";
  }
  return dt;
}

/**
 * `np.concatenate(arrays, axis=0)`; axis null flattens first. Shapes must
 * match except along `axis`; numpy's messages for the mismatches.
 */
export function concatenate(arrays: readonly NDArray[], axis: number | null = 0): NDArray {
  if (arrays.length === 0) throw new NdError("ValueError", "need at least one array to concatenate");
  const parts = axis === null ? arrays.map((x) => flatten(x)) : arrays;
  const first = parts[0];
  if (first === undefined) throw new NdError("ValueError", "need at least one array to concatenate");
  const nd = first.ndim;
  if (nd === 0) throw new NdError("ValueError", "zero-dimensional arrays cannot be concatenated");
  const ax = normalizeAxis(axis ?? 0, nd);
  let total = 0;
  parts.forEach((x, idx) => {
    if (x.ndim !== nd) {
      throw new NdError(
        "ValueError",
        `all the input arrays must have same number of dimensions, but the array at index 0 has ${nd} dimension(s) and the array at index ${idx} has ${x.ndim} dimension(s)`,
      );
    }
    for (let d = 0; d < nd; d++) {
      if (d !== ax && x.shape[d] !== first.shape[d]) {
        throw new NdError(
          "ValueError",
          `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${d}, the array at index 0 has size ${first.shape[d]} and the array at index ${idx} has size ${x.shape[d]}`,
        );
      }
    }
    total += x.shape[ax] ?? 0;
  });
  const shape = [...first.shape];
  shape[ax] = total;
  const out = NDArray.zeros(shape, promoteAll(parts));
  let start = 0;
  for (const x of parts) {
    const len = x.shape[ax] ?? 0;
    const viewShape = [...shape];
    viewShape[ax] = len;
    const view = new NDArray(
      out.dtype,
      out.data,
      viewShape,
      out.strides,
      start * (out.strides[ax] ?? 0),
      out,
    );
    copyInto(view, x);
    start += len;
  }
  return out;
}

/** `np.stack(arrays, axis=0)`: joins equal-shaped arrays along a new axis. */
export function stack(arrays: readonly NDArray[], axis = 0): NDArray {
  const first = arrays[0];
  if (first === undefined) throw new NdError("ValueError", "need at least one array to stack");
  for (const x of arrays) {
    if (x.ndim !== first.ndim || x.shape.some((d, i) => d !== first.shape[i])) {
      throw new NdError("ValueError", "all input arrays must have the same shape");
    }
  }
  const ax = normalizeAxis(axis, first.ndim + 1);
  return concatenate(
    arrays.map((x) => expandDims(x, ax)),
    ax,
  );
}
