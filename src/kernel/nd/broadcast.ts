/**
 * Broadcasting (`np.broadcast_shapes`, `np.broadcast_to`) and the strided
 * N-d iteration helpers every elementwise loop runs on.
 */
import { NdError } from "./errors.ts";
import { NDArray, type Shape, shapeText } from "./ndarray.ts";

/** `np.broadcast_shapes(*shapes)`; raises numpy's "operands could not be broadcast" ValueError. */
export function broadcastShapes(...shapes: readonly Shape[]): number[] {
  let nd = 0;
  for (const s of shapes) nd = Math.max(nd, s.length);
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    const pad = nd - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i] ?? 1;
      const cur = out[pad + i] ?? 1;
      if (d === cur || d === 1) continue;
      if (cur === 1) out[pad + i] = d;
      else {
        // numpy lists every operand's shape, each followed by a space.
        const text = shapes.map((sh) => `${shapeText(sh)} `).join("");
        throw new NdError("ValueError", `operands could not be broadcast together with shapes ${text}`);
      }
    }
  }
  return out;
}

/** Strides (in elements) of `a` viewed with `shape` (0 strides on broadcast dimensions). */
export function broadcastStrides(a: NDArray, shape: Shape): number[] {
  const nd = shape.length;
  const pad = nd - a.ndim;
  const out = new Array<number>(nd).fill(0);
  for (let i = 0; i < a.ndim; i++) {
    const d = a.shape[i] ?? 1;
    out[pad + i] = d === 1 ? 0 : (a.strides[i] ?? 0);
  }
  return out;
}

/** `np.broadcast_to(a, shape)`: a read-only-in-spirit view with 0 strides. */
export function broadcastTo(a: NDArray, shape: Shape): NDArray {
  const target = [...shape];
  const check = broadcastShapes(a.shape, target);
  if (check.length !== target.length || check.some((d, i) => d !== target[i])) {
    throw new NdError(
      "ValueError",
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${shapeText(a.shape)}  and requested shape ${shapeText(target)}`,
    );
  }
  return new NDArray(a.dtype, a.data, target, broadcastStrides(a, target), a.offset, a.base ?? a);
}

/**
 * Merges dimensions that every operand walks contiguously and drops size-1
 * dimensions, so loops run over as few, as long, inner rows as possible.
 * `strides[k]` are the strides of operand k over `shape`.
 */
export function coalesce(
  shape: Shape,
  strides: readonly (readonly number[])[],
): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i] ?? 1;
    if (d === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0) {
      let ok = true;
      for (let k = 0; k < strides.length; k++) {
        const prev = outStrides[k]?.[last] ?? 0;
        const s = strides[k]?.[i] ?? 0;
        if (prev !== s * d) {
          ok = false;
          break;
        }
      }
      if (ok) {
        outShape[last] = (outShape[last] ?? 1) * d;
        for (let k = 0; k < strides.length; k++) {
          const os = outStrides[k];
          if (os) os[last] = strides[k]?.[i] ?? 0;
        }
        continue;
      }
    }
    outShape.push(d);
    for (let k = 0; k < strides.length; k++) outStrides[k]?.push(strides[k]?.[i] ?? 0);
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Calls `inner(offsets, n, innerStrides)` once per innermost row of an N-d
 * iteration over `shape` for several operands at once (like numpy's nditer
 * with an external loop). `offsets[k]` is the buffer position of operand k at
 * the start of the row. The arrays passed to `inner` are reused between calls.
 */
export function forEachRow(
  shape: Shape,
  strides: readonly (readonly number[])[],
  offsets: readonly number[],
  inner: (offsets: number[], n: number, innerStrides: readonly number[]) => void,
): void {
  const c = coalesce(shape, strides);
  const nops = offsets.length;
  const nd = c.shape.length;
  for (const d of shape) if (d === 0) return;
  const pos = [...offsets];
  if (nd === 0) {
    inner(pos, 1, new Array<number>(nops).fill(0));
    return;
  }
  const n = c.shape[nd - 1] ?? 1;
  const innerStrides = c.strides.map((s) => s[nd - 1] ?? 0);
  const rowPos = [...offsets];
  const idx = new Array<number>(nd - 1).fill(0);
  for (;;) {
    for (let k = 0; k < nops; k++) pos[k] = rowPos[k] ?? 0;
    inner(pos, n, innerStrides);
    let ax = nd - 2;
    for (; ax >= 0; ax--) {
      const i = (idx[ax] ?? 0) + 1;
      const dim = c.shape[ax] ?? 1;
      if (i < dim) {
        idx[ax] = i;
        for (let k = 0; k < nops; k++) rowPos[k] = (rowPos[k] ?? 0) + (c.strides[k]?.[ax] ?? 0);
        break;
      }
      idx[ax] = 0;
      for (let k = 0; k < nops; k++) rowPos[k] = (rowPos[k] ?? 0) - (c.strides[k]?.[ax] ?? 0) * (dim - 1);
    }
    if (ax < 0) return;
  }
}
