/**
 * `a[index]` and `a[index] = value` with numpy's rules: basic indexing
 * (ints, slices, `...`, `np.newaxis`) returns views; integer-array and
 * boolean-mask ("advanced") indexing returns copies; assignment broadcasts
 * the value through any of them. Also `tolist` and `item`.
 *
 * The interpreter passes a subscript as a list of `IndexItem`s (a Python
 * tuple index is several items, `a[i]` is one). A full integer index returns
 * a 0-d view; read it with `item`.
 */
import { broadcastShapes, broadcastTo } from "./broadcast.ts";
import { asArray, castValue, type Operand } from "./dtype.ts";
import { NdError } from "./errors.ts";
import { type DType, NDArray, shapeText } from "./ndarray.ts";
import { copyInto } from "./ufunc.ts";

/** A Python `slice(start, stop, step)`; null is None. */
export interface SliceSpec {
  readonly start: number | null;
  readonly stop: number | null;
  readonly step: number | null;
}

/** One element of a subscript: int, slice, `...`, `None`/`np.newaxis`, or an int/bool array. */
export type IndexItem = number | SliceSpec | "ellipsis" | "newaxis" | NDArray;

/** `slice(None)`, the `:` in `a[:, 0]`. */
export const fullSlice: SliceSpec = { start: null, stop: null, step: null };

/** Python's `slice.indices(n)` as (start, step, length). */
export function sliceIndices(s: SliceSpec, n: number): { start: number; step: number; length: number } {
  const step = s.step ?? 1;
  if (step === 0) throw new NdError("ValueError", "slice step cannot be zero");
  const neg = step < 0;
  const adjust = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    let x = v < 0 ? v + n : v;
    if (x < 0) x = neg ? -1 : 0;
    else if (x >= n) x = neg ? n - 1 : n;
    return x;
  };
  const start = adjust(s.start, neg ? n - 1 : 0);
  const stop = adjust(s.stop, neg ? -1 : n);
  let length = 0;
  if (neg) {
    if (stop < start) length = Math.floor((start - stop - 1) / -step) + 1;
  } else if (start < stop) length = Math.floor((stop - start - 1) / step) + 1;
  return { start, step, length };
}

function isSlice(x: IndexItem): x is SliceSpec {
  return typeof x === "object" && !(x instanceof NDArray);
}

function outOfBounds(i: number, axis: number, n: number): never {
  throw new NdError("IndexError", `index ${i} is out of bounds for axis ${axis} with size ${n}`);
}

type Entry =
  | { kind: "int"; value: number; axis: number }
  | { kind: "slice"; slice: SliceSpec; axis: number }
  | { kind: "newaxis" }
  | { kind: "array"; index: NDArray; axis: number };

/** Validates and expands the subscript against `a` (ellipsis filled, bool masks turned into int arrays). */
function expand(a: NDArray, index: readonly IndexItem[]): Entry[] {
  let consumed = 0;
  let ellipses = 0;
  for (const it of index) {
    if (it === "ellipsis") ellipses++;
    else if (it === "newaxis") continue;
    else if (typeof it === "number") {
      if (!Number.isInteger(it)) invalidIndex();
      consumed++;
    } else if (it instanceof NDArray) {
      if (it.dtype === "float32" || it.dtype === "float64") {
        throw new NdError("IndexError", "arrays used as indices must be of integer (or boolean) type");
      }
      consumed += it.dtype === "bool" ? it.ndim : 1;
    } else consumed++;
  }
  if (ellipses > 1) throw new NdError("IndexError", "an index can only have a single ellipsis ('...')");
  if (consumed > a.ndim) {
    throw new NdError(
      "IndexError",
      `too many indices for array: array is ${a.ndim}-dimensional, but ${consumed} were indexed`,
    );
  }
  const entries: Entry[] = [];
  let axis = 0;
  const items = ellipses === 0 ? [...index, "ellipsis" as const] : index;
  for (const it of items) {
    if (it === "ellipsis") {
      for (let k = 0; k < a.ndim - consumed; k++)
        entries.push({ kind: "slice", slice: fullSlice, axis: axis++ });
    } else if (it === "newaxis") entries.push({ kind: "newaxis" });
    else if (typeof it === "number") entries.push({ kind: "int", value: it, axis: axis++ });
    else if (it instanceof NDArray) {
      if (it.dtype === "bool") {
        for (let j = 0; j < it.ndim; j++) {
          const n = a.shape[axis + j] ?? 0;
          if (it.shape[j] !== n) {
            throw new NdError(
              "IndexError",
              `boolean index did not match indexed array along axis ${axis + j}; size of axis is ${n} but size of corresponding boolean axis is ${it.shape[j]}`,
            );
          }
        }
        for (const idx of nonzero(it)) entries.push({ kind: "array", index: idx, axis: axis++ });
        if (it.ndim === 0) entries.push({ kind: "array", index: zeroDimMask(it), axis: -1 });
      } else entries.push({ kind: "array", index: it, axis: axis++ });
    } else if (isSlice(it)) entries.push({ kind: "slice", slice: it, axis: axis++ });
  }
  return entries;
}

function invalidIndex(): never {
  throw new NdError(
    "IndexError",
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
  );
}

function zeroDimMask(m: NDArray): NDArray {
  // A 0-d mask adds a length-1 (True) or length-0 (False) axis.
  return NDArray.fromData("int64", new Float64Array(m.at([]) !== 0 ? 1 : 0), [m.at([]) !== 0 ? 1 : 0]);
}

/** `np.nonzero(mask)`: one int64 index array per dimension, in C order. */
export function nonzero(mask: NDArray): NDArray[] {
  const flat = mask.toContiguousData();
  const hits: number[] = [];
  for (let i = 0; i < flat.length; i++) if (flat[i] !== 0) hits.push(i);
  const out: NDArray[] = [];
  const nd = mask.ndim;
  const strides = new Array<number>(nd);
  let s = 1;
  for (let d = nd - 1; d >= 0; d--) {
    strides[d] = s;
    s *= mask.shape[d] ?? 1;
  }
  for (let d = 0; d < nd; d++) {
    const data = new Float64Array(hits.length);
    const st = strides[d] ?? 1;
    const n = mask.shape[d] ?? 1;
    for (let k = 0; k < hits.length; k++) data[k] = Math.floor((hits[k] ?? 0) / st) % n;
    out.push(NDArray.fromData("int64", data, [hits.length]));
  }
  return out;
}

/** Applies the basic entries; advanced entries keep their axis whole. */
function basicView(a: NDArray, entries: readonly Entry[]): { view: NDArray; advDims: number[] } {
  const shape: number[] = [];
  const strides: number[] = [];
  const advDims: number[] = [];
  let offset = a.offset;
  for (const e of entries) {
    switch (e.kind) {
      case "int": {
        const n = a.shape[e.axis] ?? 0;
        const i = e.value < 0 ? e.value + n : e.value;
        if (i < 0 || i >= n) outOfBounds(e.value, e.axis, n);
        offset += i * (a.strides[e.axis] ?? 0);
        break;
      }
      case "slice": {
        const n = a.shape[e.axis] ?? 0;
        const st = a.strides[e.axis] ?? 0;
        const { start, step, length } = sliceIndices(e.slice, n);
        if (length > 0) offset += start * st;
        shape.push(length);
        strides.push(st * step);
        break;
      }
      case "newaxis":
        shape.push(1);
        strides.push(0);
        break;
      case "array":
        if (e.axis < 0) break;
        advDims.push(shape.length);
        shape.push(a.shape[e.axis] ?? 0);
        strides.push(a.strides[e.axis] ?? 0);
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown index entry ${String(never)}`);
      }
    }
  }
  return { view: new NDArray(a.dtype, a.data, shape, strides, offset, a.base ?? a), advDims };
}

/** Buffer positions (C order of the result) and shape of an advanced index. */
function advancedPositions(a: NDArray, entries: Entry[]): { positions: Float64Array; shape: number[] } {
  // With any array present numpy treats integer scalars as 0-d index arrays.
  const conv: Entry[] = entries.map((e) =>
    e.kind === "int" ? { kind: "array", index: NDArray.scalar(e.value, "int64"), axis: e.axis } : e,
  );
  const { view, advDims } = basicView(a, conv);
  const arrays: { index: NDArray; axis: number }[] = [];
  for (const e of conv) if (e.kind === "array") arrays.push({ index: e.index, axis: e.axis });
  let bshape: number[];
  try {
    bshape = broadcastShapes(...arrays.map((x) => x.index.shape));
  } catch {
    const text = arrays.map((x) => `${shapeText(x.index.shape)} `).join("");
    throw new NdError(
      "IndexError",
      `shape mismatch: indexing arrays could not be broadcast together with shapes ${text}`,
    );
  }
  // Advanced offsets for every broadcast index position.
  let bsize = 1;
  for (const d of bshape) bsize *= d;
  const adv = new Float64Array(bsize);
  let dimPtr = 0;
  for (const x of arrays) {
    if (x.axis < 0) continue;
    const dim = advDims[dimPtr++] ?? 0;
    const n = view.shape[dim] ?? 0;
    const st = view.strides[dim] ?? 0;
    const vals = broadcastTo(x.index, bshape).toFlatArray();
    for (let k = 0; k < bsize; k++) {
      const raw = vals[k] ?? 0;
      const i = raw < 0 ? raw + n : raw;
      if (i < 0 || i >= n) outOfBounds(raw, x.axis, n);
      adv[k] = (adv[k] ?? 0) + i * st;
    }
  }
  // Where the broadcast dimensions go: in place when the array entries are adjacent, else first.
  const arrayPos = conv.flatMap((e, i) => (e.kind === "array" ? [i] : []));
  const adjacent = arrayPos.every((p, i) => i === 0 || p === (arrayPos[i - 1] ?? 0) + 1);
  const restShape: number[] = [];
  const restStrides: number[] = [];
  for (let d = 0; d < view.ndim; d++) {
    if (advDims.includes(d)) continue;
    restShape.push(view.shape[d] ?? 0);
    restStrides.push(view.strides[d] ?? 0);
  }
  const insertAt = adjacent ? (advDims[0] ?? countBefore(conv, arrayPos[0] ?? 0)) : 0;
  const before = new NDArray(
    a.dtype,
    a.data,
    restShape.slice(0, insertAt),
    restStrides.slice(0, insertAt),
    0,
  );
  const after = new NDArray(a.dtype, a.data, restShape.slice(insertAt), restStrides.slice(insertAt), 0);
  const pb = before.positions();
  const pa = after.positions();
  const shape = [...restShape.slice(0, insertAt), ...bshape, ...restShape.slice(insertAt)];
  const positions = new Float64Array(pb.length * bsize * pa.length);
  let k = 0;
  for (let i = 0; i < pb.length; i++) {
    for (let j = 0; j < bsize; j++) {
      const base = view.offset + (pb[i] ?? 0) + (adv[j] ?? 0);
      for (let m = 0; m < pa.length; m++) positions[k++] = base + (pa[m] ?? 0);
    }
  }
  return { positions, shape };
}

/** Result dimensions produced by the entries before position `p` (for a 0-d mask with no axis). */
function countBefore(entries: readonly Entry[], p: number): number {
  let n = 0;
  for (let i = 0; i < p; i++) {
    const e = entries[i];
    if (e && (e.kind === "slice" || e.kind === "newaxis")) n++;
  }
  return n;
}

function hasArray(index: readonly IndexItem[]): boolean {
  return index.some((x) => x instanceof NDArray);
}

/**
 * `a[index]`: a view for basic indices (0-d for a full integer index), a new
 * array for advanced ones. Raises numpy's IndexErrors.
 */
function sameShape(x: readonly number[], y: readonly number[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/**
 * `a[mask]` for a bool mask of a's own shape (C-contiguous a): the selected
 * elements in C order as a 1-d array, in two passes (count, copy) without
 * the index arrays of the general path.
 */
function compress(a: NDArray, mask: NDArray): NDArray {
  const m = mask.isContiguous ? mask.data : mask.toContiguousData();
  const m0 = mask.isContiguous ? mask.offset : 0;
  const n = a.size;
  let count = 0;
  for (let i = 0; i < n; i++) if (m[m0 + i] !== 0) count++;
  const out = NDArray.zeros([count], a.dtype);
  const src = a.data;
  const dst = out.data;
  let k = 0;
  for (let i = 0; i < n; i++) if (m[m0 + i] !== 0) dst[k++] = src[a.offset + i]!;
  return out;
}

/**
 * `a[idx]` for an int64 index array on axis 0 of a C-contiguous array:
 * shape `idx.shape + a.shape[1:]`, one row copy per index (negative indices
 * count from the end; out-of-range ones raise numpy's IndexError).
 */
function takeRows(a: NDArray, idx: NDArray): NDArray {
  const n = a.shape[0] ?? 0;
  let rowLen = 1;
  for (let i = 1; i < a.ndim; i++) rowLen *= a.shape[i] ?? 1;
  const ix = idx.isContiguous ? idx.data : idx.toContiguousData();
  const i0 = idx.isContiguous ? idx.offset : 0;
  const count = idx.size;
  const out = NDArray.zeros([...idx.shape, ...a.shape.slice(1)], a.dtype);
  const src = a.data;
  const dst = out.data;
  for (let k = 0; k < count; k++) {
    let v = ix[i0 + k]!;
    if (v < -n || v >= n) outOfBounds(v, 0, n);
    if (v < 0) v += n;
    const from = a.offset + v * rowLen;
    const to = k * rowLen;
    if (rowLen < 16) for (let j = 0; j < rowLen; j++) dst[to + j] = src[from + j]!;
    else dst.set(src.subarray(from, from + rowLen), to);
  }
  return out;
}

export function getItem(a: NDArray, index: readonly IndexItem[]): NDArray {
  const first = index[0];
  if (index.length === 1 && first instanceof NDArray && a.ndim >= 1 && a.isContiguous) {
    if (first.dtype === "int64") return takeRows(a, first);
    if (first.dtype === "bool" && sameShape(first.shape, a.shape)) return compress(a, first);
  }
  const entries = expand(a, index);
  if (!hasArray(index)) return basicView(a, entries).view;
  const { positions, shape } = advancedPositions(a, entries);
  const out = NDArray.zeros(shape, a.dtype);
  const src = a.data;
  const dst = out.data;
  for (let i = 0; i < positions.length; i++) dst[i] = src[positions[i] ?? 0]!;
  return out;
}

/** `a[index] = value`: writes through views, masks and index arrays, broadcasting `value`. */
export function setItem(a: NDArray, index: readonly IndexItem[], value: Operand): void {
  const entries = expand(a, index);
  if (!hasArray(index)) {
    copyInto(basicView(a, entries).view, value);
    return;
  }
  const { positions, shape } = advancedPositions(a, entries);
  const v = asArray(value, a.dtype);
  let vb: NDArray;
  try {
    const s = broadcastShapes(v.shape, shape);
    if (s.length !== shape.length || s.some((d, i) => d !== shape[i])) throw new Error("mismatch");
    vb = broadcastTo(v, shape);
  } catch {
    throw new NdError(
      "ValueError",
      `shape mismatch: value array of shape ${shapeText(v.shape)} could not be broadcast to indexing result of shape ${shapeText(shape)}`,
    );
  }
  const vals = vb.toContiguousData();
  const dst = a.data;
  const dt = a.dtype;
  for (let i = 0; i < positions.length; i++) dst[positions[i] ?? 0] = castValue(vals[i] ?? 0, dt);
}

/** Nested JS arrays of `ndarray.tolist()`: numbers, or booleans for a bool array. */
export type NestedList = number | boolean | NestedList[];

function pyValue(v: number, dtype: DType): number | boolean {
  return dtype === "bool" ? v !== 0 : v;
}

/** `a.tolist()`: a 0-d array gives the bare value. */
export function tolist(a: NDArray): NestedList {
  const flat = a.toFlatArray();
  if (a.ndim === 0) return pyValue(flat[0] ?? 0, a.dtype);
  let k = 0;
  const build = (d: number): NestedList[] => {
    const n = a.shape[d] ?? 0;
    const out: NestedList[] = [];
    for (let i = 0; i < n; i++) {
      if (d === a.ndim - 1) out.push(pyValue(flat[k++] ?? 0, a.dtype));
      else out.push(build(d + 1));
    }
    return out;
  };
  return build(0);
}

/**
 * `a.item()` for size-1 arrays, `a.item(i)` with a flat C-order index, or
 * `a.item(i, j, ...)` with a full index.
 */
export function item(a: NDArray, ...index: number[]): number | boolean {
  if (index.length === 0) {
    if (a.size !== 1)
      throw new NdError("ValueError", "can only convert an array of size 1 to a Python scalar");
    return pyValue(a.at(new Array<number>(a.ndim).fill(0)), a.dtype);
  }
  if (index.length === 1) {
    const n = a.size;
    const raw = index[0] ?? 0;
    const i = raw < 0 ? raw + n : raw;
    if (i < 0 || i >= n) throw new NdError("IndexError", `index ${raw} is out of bounds for size ${n}`);
    return pyValue(a.toFlatArray()[i] ?? 0, a.dtype);
  }
  if (index.length !== a.ndim) throw new NdError("ValueError", "incorrect number of indices for array");
  const v = getItem(a, index);
  return pyValue(v.at([]), a.dtype);
}
