/**
 * NDArray: an n-dimensional array on a typed buffer, laid out like numpy's
 * `ndarray` (shape, strides in elements, offset into the buffer).
 *
 * Storage per dtype:
 *   float64 -> Float64Array, float32 -> Float32Array,
 *   int64   -> Float64Array holding integral values (exact below 2**53),
 *   bool    -> Uint8Array holding 0 or 1.
 *
 * Strides are counted in elements, not bytes. A view shares `data` with its
 * base; `base` points at the array that owns the buffer (null when owning).
 */
import { NdError } from "./errors.ts";

export type DType = "float64" | "float32" | "int64" | "bool";
export type TypedData = Float64Array | Float32Array | Uint8Array;
export type Shape = readonly number[];

/** Arrays above this many elements raise MemoryError instead of allocating. */
export const limits = { maxElements: 2 ** 28 };

const itemSize: Record<DType, number> = { float64: 8, float32: 4, int64: 8, bool: 1 };

export function dtypeItemSize(dtype: DType): number {
  return itemSize[dtype];
}

export function shapeSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** numpy's shape text: `(4,10)` in error messages uses no spaces; `(4, 10)` in reprs does. */
export function shapeText(shape: Shape, sep = ","): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(sep)})`;
}

/** C-order strides, in elements. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] ?? 1;
  }
  return strides;
}

/** Allocates a zeroed buffer for `size` elements of `dtype`, or raises numpy's MemoryError. */
export function allocate(dtype: DType, shape: Shape): TypedData {
  for (const d of shape) {
    if (d < 0) throw new NdError("ValueError", "negative dimensions are not allowed");
  }
  const size = shapeSize(shape);
  if (size > limits.maxElements) {
    const bytes = size * itemSize[dtype];
    throw new NdError(
      "MemoryError",
      `Unable to allocate ${formatBytes(bytes)} for an array with shape ${shapeText(shape, ", ")} and data type ${dtype}`,
    );
  }
  switch (dtype) {
    case "float64":
    case "int64":
      return new Float64Array(size);
    case "float32":
      return new Float32Array(size);
    case "bool":
      return new Uint8Array(size);
    default: {
      const never: never = dtype;
      throw new Error(`unknown dtype ${String(never)}`);
    }
  }
}

/** numpy's `_ArrayMemoryError` size text: `7.45 GiB`, `512. MiB`, `3.00 TiB`. */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${bytes} bytes`;
  // numpy prints 3 significant digits with a trailing point when needed: "512. MiB".
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  const text = v.toFixed(digits);
  return `${digits === 0 ? `${text}.` : text} ${units[i]}`;
}

export class NDArray {
  constructor(
    readonly dtype: DType,
    readonly data: TypedData,
    readonly shape: Shape,
    readonly strides: readonly number[],
    readonly offset: number,
    readonly base: NDArray | null = null,
  ) {}

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return shapeSize(this.shape);
  }

  /** True when the elements are the buffer slice [offset, offset + size) in C order. */
  get isContiguous(): boolean {
    let s = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      const d = this.shape[i] ?? 1;
      if (d !== 1 && this.strides[i] !== s) return false;
      s *= d;
    }
    return true;
  }

  /** Element at a full multi-index (no bounds checks; callers validate). */
  at(index: readonly number[]): number {
    let p = this.offset;
    for (let i = 0; i < index.length; i++) p += (index[i] ?? 0) * (this.strides[i] ?? 0);
    return this.data[p] ?? 0;
  }

  /** Buffer positions of every element in C order. */
  positions(): Int32Array | Float64Array {
    const n = this.size;
    const out = n < 2 ** 31 ? new Int32Array(n) : new Float64Array(n);
    const nd = this.shape.length;
    if (nd === 0) {
      if (n === 1) out[0] = this.offset;
      return out;
    }
    const idx = new Array<number>(nd).fill(0);
    let p = this.offset;
    for (let k = 0; k < n; k++) {
      out[k] = p;
      for (let ax = nd - 1; ax >= 0; ax--) {
        const s = this.strides[ax] ?? 0;
        const i = (idx[ax] ?? 0) + 1;
        if (i < (this.shape[ax] ?? 0)) {
          idx[ax] = i;
          p += s;
          break;
        }
        idx[ax] = 0;
        p -= s * (i - 1);
      }
    }
    return out;
  }

  /** A new C-contiguous buffer with this array's elements (copied even if already contiguous). */
  toContiguousData(): TypedData {
    const out = allocate(this.dtype, this.shape);
    if (this.isContiguous) {
      out.set(this.data.subarray(this.offset, this.offset + out.length));
      return out;
    }
    const pos = this.positions();
    for (let k = 0; k < pos.length; k++) out[k] = this.data[pos[k] ?? 0] ?? 0;
    return out;
  }

  /** Elements as plain numbers in C order. */
  toFlatArray(): number[] {
    return Array.from(this.toContiguousData());
  }

  static fromData(dtype: DType, data: TypedData, shape: Shape): NDArray {
    if (data.length !== shapeSize(shape)) {
      throw new Error(`internal: buffer of ${data.length} for shape ${shapeText(shape)}`);
    }
    return new NDArray(dtype, data, [...shape], contiguousStrides(shape), 0, null);
  }

  static zeros(shape: Shape, dtype: DType = "float64"): NDArray {
    return NDArray.fromData(dtype, allocate(dtype, shape), shape);
  }

  /** A 0-d array holding one value. */
  static scalar(value: number, dtype: DType = "float64"): NDArray {
    const data = allocate(dtype, []);
    data[0] = value;
    return NDArray.fromData(dtype, data, []);
  }
}
