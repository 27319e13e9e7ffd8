/**
 * Parameter broadcasting for the distributions of `RandomState` and
 * `Generator` (numpy's `cont`/`disc` helpers): a parameter is a Python number
 * or an array, the output shape is `size` (which the broadcast parameters must
 * fit) or the parameters' broadcast shape.
 */
import type { DType } from "./ndarray.ts";
import { NdError } from "./errors.ts";
import { allocate, NDArray, type Shape, shapeSize, shapeText } from "./ndarray.ts";

/** A distribution parameter: a Python number or an array broadcast against the others. */
export type Param = number | NDArray;

export interface Flat {
  readonly shape: Shape;
  readonly get: (outIndex: readonly number[]) => number;
}

export function paramShape(p: Param): Shape {
  return typeof p === "number" ? [] : p.shape;
}

export function broadcastShapes(
  shapes: readonly Shape[],
  mismatch: (a: number, b: number) => NdError,
): number[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  const owner = new Array<number>(nd).fill(-1);
  shapes.forEach((s, argIndex) => {
    for (let i = 0; i < s.length; i++) {
      const ax = nd - s.length + i;
      const d = s[i] ?? 1;
      const cur = out[ax] ?? 1;
      if (d === cur || d === 1) continue;
      if (cur === 1) {
        out[ax] = d;
        owner[ax] = argIndex;
      } else {
        throw mismatch(owner[ax] ?? 0, argIndex);
      }
    }
  });
  return out;
}

export function paramReader(p: Param, outNd: number): Flat {
  if (typeof p === "number") return { shape: [], get: () => p };
  const shape = p.shape;
  const lead = outNd - shape.length;
  return {
    shape,
    get: (idx) => {
      let pos = p.offset;
      for (let i = 0; i < shape.length; i++) {
        if ((shape[i] ?? 1) !== 1) pos += (idx[lead + i] ?? 0) * (p.strides[i] ?? 0);
      }
      return p.data[pos] ?? 0;
    },
  };
}

/** Iterates `outShape` in C order calling `fn(index)`. */
export function forEachIndex(outShape: Shape, fn: (idx: readonly number[], k: number) => void): void {
  const n = shapeSize(outShape);
  const idx = new Array<number>(outShape.length).fill(0);
  for (let k = 0; k < n; k++) {
    fn(idx, k);
    for (let ax = outShape.length - 1; ax >= 0; ax--) {
      const v = (idx[ax] ?? 0) + 1;
      if (v < (outShape[ax] ?? 0)) {
        idx[ax] = v;
        break;
      }
      idx[ax] = 0;
    }
  }
}

/**
 * numpy's `cont(...)` for two parameters: the output shape is `size` (which the
 * broadcast parameters must fit) or the broadcast shape of the parameters.
 */
export function cont2(
  a: Param,
  b: Param,
  size: Shape | null,
  draw: (a: number, b: number) => number,
  mismatchText: (shapes: readonly Shape[], i: number, j: number) => string,
  dtype: DType = "float64",
): number | NDArray {
  const shapes = [paramShape(a), paramShape(b)];
  const scalarParams = shapes.every((s) => s.length === 0);
  const mismatch = (i: number, j: number) => new NdError("ValueError", mismatchText(shapes, i, j));
  const bshape = broadcastShapes(shapes, mismatch);
  if (size === null && scalarParams) {
    return draw(paramReader(a, 0).get([]), paramReader(b, 0).get([]));
  }
  const outShape = size === null ? bshape : [...size];
  if (size !== null) {
    const all = broadcastShapes([size, ...shapes], (i, j) =>
      i === 0 || j === 0
        ? new NdError(
            "ValueError",
            `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ${shapeText(size, ", ")} and arg ${j} with shape ${shapeText(shapes[j - 1] ?? [], ", ")}.`,
          )
        : mismatch(i - 1, j - 1),
    );
    if (all.length !== size.length || all.some((d, i) => d !== size[i])) {
      throw new NdError(
        "ValueError",
        `Output size ${shapeText(size, ", ")} is not compatible with broadcast dimensions of inputs ${shapeText(all, ", ")}.`,
      );
    }
  }
  const ra = paramReader(a, outShape.length);
  const rb = paramReader(b, outShape.length);
  const data = allocate(dtype, outShape);
  forEachIndex(outShape, (idx, k) => {
    data[k] = draw(ra.get(idx), rb.get(idx));
  });
  return NDArray.fromData(dtype, data, outShape);
}

export function anyOf(p: Param, test: (v: number) => boolean): boolean {
  if (typeof p === "number") return test(p);
  const flat = p.toFlatArray();
  return flat.some(test);
}
