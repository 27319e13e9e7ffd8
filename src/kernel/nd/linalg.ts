/**
 * `np.dot`, `np.matmul` (`@`) and `np.inner`-style products on top of the
 * pluggable float64 `MatmulKernel` (`defaultMatmul`: WASM SIMD when available).
 *
 * Results: int64 and bool products are exact sums (bool: any(a & b)); float32
 * operands are multiplied in float64 and stored as float32. numpy computes
 * float64 products with OpenBLAS: a 2-d product of at most
 * EXACT_MATMUL_LIMIT multiply-adds (both result dimensions >= 2) is rounded
 * exactly as OpenBLAS's small-matrix kernels round it on this machine
 * (`openblasSmallMatmul`), so it equals numpy bit for bit; larger products
 * use the fast kernel and agree to the last bits.
 */
import { broadcastShapes } from "./broadcast.ts";
import { asArray, type Operand, resultType } from "./dtype.ts";
import { NdError } from "./errors.ts";
import { type MatmulKernel, openblasSmallMatmul, type StridedMatrix } from "./matmul-kernel.ts";
import { defaultMatmul, defaultStridedMatmul } from "./matmul-wasm.ts";
import { type DType, NDArray, type Shape, shapeText } from "./ndarray.ts";
import { moveaxis, reshape } from "./manip.ts";
import { multiply } from "./ufunc.ts";

/** A float64 view of an array's elements in C order (no copy when already contiguous float64/int64). */
function f64Contiguous(a: NDArray): { data: Float64Array; offset: number } {
  if (a.data instanceof Float64Array && a.isContiguous) return { data: a.data, offset: a.offset };
  const out = new Float64Array(a.size);
  const src = a.data;
  if (a.ndim === 2) {
    // A transposed or sliced matrix: one strided pass, no position table.
    const [rows = 0, cols = 0] = a.shape;
    const [s0 = 0, s1 = 0] = a.strides;
    let o = 0;
    for (let r = 0; r < rows; r++) {
      let p = a.offset + r * s0;
      for (let c = 0; c < cols; c++, p += s1) out[o++] = src[p]!;
    }
    return { data: out, offset: 0 };
  }
  const flat = a.toContiguousData();
  for (let i = 0; i < flat.length; i++) out[i] = flat[i]!;
  return { data: out, offset: 0 };
}

/** A 2-d array over a float64 buffer as the kernels' strided operand. */
function stridedOf(a: NDArray, data: Float64Array): StridedMatrix {
  return { data, offset: a.offset, rowStride: a.strides[0] ?? 0, colStride: a.strides[1] ?? 0 };
}

/** Above this many multiply-adds a float64 product uses the fast kernel instead of numpy's exact rounding. */
export const EXACT_MATMUL_LIMIT = 65536;

/**
 * How numpy hands a 2-d float64 operand to BLAS: "N" (rows contiguous),
 * "T" (a transposed contiguous view, passed as CblasTrans), or null when
 * neither (numpy then copies it or uses its own loop).
 */
function blasLayout(a: NDArray): "N" | "T" | null {
  const [r = 0, c = 0] = a.shape;
  const [s0 = 0, s1 = 0] = a.strides;
  if (s1 === 1 && s0 >= c) return "N";
  if (s0 === 1 && s1 >= r) return "T";
  return null;
}

/**
 * A 2-d float64 product computed with numpy's exact roundings (see
 * `openblasSmallMatmul`), or null when this product is outside what that
 * emulation covers: vector shapes (numpy calls gemv), `x @ x.T` (syrk),
 * operands BLAS cannot take as they are, or more than EXACT_MATMUL_LIMIT
 * multiply-adds.
 */
function exactMatmul2d(a: NDArray, b: NDArray): NDArray | null {
  const [m = 0, k = 0] = a.shape;
  const n = b.shape[1] ?? 0;
  if (m < 2 || n < 2 || m * n * k > EXACT_MATMUL_LIMIT) return null;
  if (!(a.data instanceof Float64Array) || !(b.data instanceof Float64Array)) return null;
  const la = blasLayout(a);
  const lb = blasLayout(b);
  if (la === null || lb === null) return null;
  const syrk =
    a.data === b.data &&
    a.offset === b.offset &&
    m === n &&
    a.strides[0] === b.strides[1] &&
    a.strides[1] === b.strides[0];
  if (syrk) return null;
  const out = new Float64Array(m * n);
  if (
    !openblasSmallMatmul(stridedOf(a, a.data), stridedOf(b, b.data), la === "T", lb === "T", out, 0, m, k, n)
  ) {
    return null;
  }
  return NDArray.fromData("float64", out, [m, n]);
}

function finish(raw: Float64Array, shape: Shape, dt: DType): NDArray {
  if (dt === "float64" || dt === "int64") return NDArray.fromData(dt, raw, shape);
  if (dt === "float32") return NDArray.fromData(dt, Float32Array.from(raw), shape);
  const b = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) b[i] = raw[i] !== 0 ? 1 : 0;
  return NDArray.fromData(dt, b, shape);
}

const SIGNATURE = "(n?,k),(k,m?)->(n?,m?)";

/**
 * `np.matmul(x, y)` / `x @ y`. Shapes: (k,)@(k,) -> (); (n,k)@(k,) -> (n,);
 * (k,)@(k,m) -> (m,); (...,n,k)@(...,k,m) -> (...,n,m) with the leading batch
 * dimensions broadcast. `kernel` defaults to `defaultMatmul` (WASM SIMD, else JS).
 */
export function matmul(x: Operand, y: Operand, kernel: MatmulKernel = defaultMatmul): NDArray {
  const dt = resultType(x, y);
  const a = asArray(x, dt);
  const b = asArray(y, dt);
  if (a.ndim === 2 && b.ndim === 2 && a.shape[1] === b.shape[0] && kernel === defaultMatmul) {
    // The common 2-d case: numpy's exact roundings when small, else the SIMD
    // kernel reading the operands through their strides (no copies of views).
    if (dt === "float64") {
      const exact = exactMatmul2d(a, b);
      if (exact !== null) return exact;
    }
    if (a.data instanceof Float64Array && b.data instanceof Float64Array) {
      const [m = 0, k = 0] = a.shape;
      const n = b.shape[1] ?? 0;
      const out = new Float64Array(m * n);
      defaultStridedMatmul(stridedOf(a, a.data), stridedOf(b, b.data), out, 0, m, k, n);
      return finish(out, [m, n], dt);
    }
  }
  [a, b].forEach((op, i) => {
    if (op.ndim === 0) {
      throw new NdError(
        "ValueError",
        `matmul: Input operand ${i} does not have enough dimensions (has 0, gufunc core with signature ${SIGNATURE} requires 1)`,
      );
    }
  });
  const a2 = a.ndim === 1 ? reshape(a, [1, a.shape[0] ?? 0]) : a;
  const b2 = b.ndim === 1 ? reshape(b, [b.shape[0] ?? 0, 1]) : b;
  const m = a2.shape[a2.ndim - 2] ?? 0;
  const k = a2.shape[a2.ndim - 1] ?? 0;
  const kb = b2.shape[b2.ndim - 2] ?? 0;
  const n = b2.shape[b2.ndim - 1] ?? 0;
  if (k !== kb) {
    throw new NdError(
      "ValueError",
      `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${SIGNATURE} (size ${kb} is different from ${k})`,
    );
  }
  const batchA = a2.shape.slice(0, -2);
  const batchB = b2.shape.slice(0, -2);
  let batch: number[];
  try {
    batch = broadcastShapes(batchA, batchB);
  } catch {
    const remap = (s: Shape, core: number) =>
      `${shapeText(s)}->${`(${[...s.slice(0, s.length - core), ...new Array<string>(core).fill("newaxis")].join(",")})`}`;
    const req = a.ndim === 1 ? `(${n},)` : b.ndim === 1 ? `(${m},)` : `(${m},${n})`;
    throw new NdError(
      "ValueError",
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${remap(a.shape, a.ndim === 1 ? 1 : 2)} ${remap(b.shape, b.ndim === 1 ? 1 : 2)}  and requested shape ${req}`,
    );
  }
  const A = f64Contiguous(a2);
  const B = f64Contiguous(b2);
  let nb = 1;
  for (const d of batch) nb *= d;
  const out = new Float64Array(nb * m * n);
  const idx = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < nb; t++) {
    let offA = 0;
    let offB = 0;
    let sA = m * k;
    let sB = k * n;
    // Batch offsets with broadcasting: a batch dimension of size 1 does not advance.
    for (let d = batch.length - 1; d >= 0; d--) {
      const ia = d - (batch.length - batchA.length);
      const ib = d - (batch.length - batchB.length);
      const da = ia >= 0 ? (batchA[ia] ?? 1) : 1;
      const db = ib >= 0 ? (batchB[ib] ?? 1) : 1;
      if (da !== 1) offA += (idx[d] ?? 0) * sA;
      if (db !== 1) offB += (idx[d] ?? 0) * sB;
      sA *= da;
      sB *= db;
    }
    kernel(A.data, A.offset + offA, B.data, B.offset + offB, out, t * m * n, m, k, n);
    for (let d = batch.length - 1; d >= 0; d--) {
      const v = (idx[d] ?? 0) + 1;
      if (v < (batch[d] ?? 1)) {
        idx[d] = v;
        break;
      }
      idx[d] = 0;
    }
  }
  const shape = [...batch];
  if (a.ndim > 1) shape.push(m);
  if (b.ndim > 1) shape.push(n);
  return finish(out, shape, dt);
}

/**
 * `np.dot(x, y)`: scalars multiply; (k,)·(k,) -> (); (...,k)·(k,) -> (...);
 * (...,k)·(...,k,m) -> (..., ..., m) summing over the last axis of x and the
 * second-to-last of y. Raises numpy's "shapes ... not aligned" ValueError.
 */
export function dot(x: Operand, y: Operand, kernel: MatmulKernel = defaultMatmul): NDArray {
  const dt = resultType(x, y);
  const a = asArray(x, dt);
  const b = asArray(y, dt);
  if (a.ndim === 0 || b.ndim === 0) return multiply(x, y);
  const k = a.shape[a.ndim - 1] ?? 0;
  const bAxis = b.ndim === 1 ? 0 : b.ndim - 2;
  const kb = b.shape[bAxis] ?? 0;
  if (k !== kb) {
    throw new NdError(
      "ValueError",
      `shapes ${shapeText(a.shape)} and ${shapeText(b.shape)} not aligned: ${k} (dim ${a.ndim - 1}) != ${kb} (dim ${bAxis})`,
    );
  }
  if (a.ndim <= 2 && b.ndim <= 2) return matmul(a, b, kernel);
  const a2 = reshape(a, [-1, k]);
  const bFront = moveaxis(b, bAxis, 0);
  const b2 = reshape(bFront, [k, -1]);
  const r = matmul(a2, b2, kernel);
  const shape = [...a.shape.slice(0, -1), ...b.shape.filter((_, i) => i !== bAxis)];
  return reshape(r, shape);
}
