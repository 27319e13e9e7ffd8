/**
 * Array creation: `np.array`, `zeros`, `ones`, `*_like`, `full`, `empty`,
 * `eye`, `arange`, `linspace`.
 */
import { castValue, isPyScalar, type Operand, operandDType, type PyScalar, resultType } from "./dtype.ts";
import { NdError } from "./errors.ts";
import { allocate, type DType, NDArray, type Shape } from "./ndarray.ts";

/**
 * A nested Python list/tuple of numbers as the interpreter hands it over.
 * Bare JS numbers are Python floats, booleans are Python bools, `pyInt(n)`
 * marks Python ints; NDArray elements are stacked as numpy does.
 */
export type NestedInput = number | boolean | PyScalar | NDArray | readonly NestedInput[];

/**
 * `np.array(obj, dtype=None)`: shape discovery, dtype inference (bool <
 * int64 < float64 over all leaves, NDArray leaves promote as arrays) and
 * numpy's ragged-input ValueError.
 */
export function array(obj: NestedInput, dtype?: DType): NDArray {
  if (obj instanceof NDArray) return astypeCopy(obj, dtype ?? obj.dtype);
  const shape: number[] = [];
  discoverShape(obj, 0, shape);
  const values: number[] = [];
  let inferred: DType | null = null;
  const visit = (x: NestedInput, depth: number): void => {
    if (Array.isArray(x)) {
      if (x.length !== shape[depth]) raggedError(shape, depth);
      for (const y of x) visit(y, depth + 1);
      return;
    }
    if (isLeafArray(x)) {
      const sub = x.shape;
      for (let i = 0; i < sub.length; i++) if (sub[i] !== shape[depth + i]) raggedError(shape, depth + i);
      if (depth + sub.length !== shape.length) raggedError(shape, depth);
      for (const v of x.toFlatArray()) values.push(v);
      inferred = inferred === null ? x.dtype : promoteLeaf(inferred, x.dtype);
      return;
    }
    if (depth !== shape.length) raggedError(shape, depth);
    const leaf = leafValue(x);
    values.push(leaf.value);
    inferred = inferred === null ? leaf.dtype : promoteLeaf(inferred, leaf.dtype);
  };
  visit(obj, 0);
  const dt: DType = dtype ?? inferred ?? "float64";
  const data = allocate(dt, shape);
  for (let i = 0; i < values.length; i++) data[i] = castValue(values[i] ?? 0, dt);
  return NDArray.fromData(dt, data, shape);
}

function isLeafArray(x: NestedInput): x is NDArray {
  return x instanceof NDArray;
}

function leafValue(x: NestedInput): { value: number; dtype: DType } {
  if (typeof x === "boolean") return { value: x ? 1 : 0, dtype: "bool" };
  if (typeof x === "number") return { value: x, dtype: "float64" };
  if ("kind" in x && "value" in x) return { value: x.value, dtype: operandDType(x) };
  throw new Error("internal: not a leaf");
}

function promoteLeaf(a: DType, b: DType): DType {
  return resultType(NDArray.zeros([], a), NDArray.zeros([], b));
}

function discoverShape(x: NestedInput, depth: number, shape: number[]): void {
  if (Array.isArray(x)) {
    shape.push(x.length);
    if (x.length === 0) return;
    const first: NestedInput = x[0];
    discoverShape(first, depth + 1, shape);
    return;
  }
  if (x instanceof NDArray) for (const d of x.shape) shape.push(d);
}

function raggedError(shape: readonly number[], depth: number): never {
  const prefix = shape.slice(0, depth);
  const text = prefix.length === 1 ? `(${prefix[0]},)` : `(${prefix.join(", ")})`;
  throw new NdError(
    "ValueError",
    `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions. The detected shape was ${text} + inhomogeneous part.`,
  );
}

function astypeCopy(a: NDArray, dtype: DType): NDArray {
  const src = a.toContiguousData();
  const data = allocate(dtype, a.shape);
  if (dtype === a.dtype) data.set(src);
  else for (let i = 0; i < src.length; i++) data[i] = castValue(src[i] ?? 0, dtype);
  return NDArray.fromData(dtype, data, a.shape);
}

/** `np.asarray(x)`: arrays pass through, scalars and lists become arrays. */
export function asarray(x: NestedInput | PyScalar, dtype?: DType): NDArray {
  if (x instanceof NDArray && (dtype === undefined || dtype === x.dtype)) return x;
  return array(x, dtype);
}

/** Normalises a shape argument: an int or a sequence of ints. */
export function toShape(shape: number | Shape): number[] {
  const s = typeof shape === "number" ? [shape] : [...shape];
  for (const d of s) if (d < 0) throw new NdError("ValueError", "negative dimensions are not allowed");
  return s;
}

/** `np.zeros(shape, dtype=float64)`. */
export function zeros(shape: number | Shape, dtype: DType = "float64"): NDArray {
  return NDArray.zeros(toShape(shape), dtype);
}

/** `np.empty(shape, dtype)`: zero-filled here (numpy leaves it uninitialised). */
export function empty(shape: number | Shape, dtype: DType = "float64"): NDArray {
  return zeros(shape, dtype);
}

/** `np.ones(shape, dtype=float64)`. */
export function ones(shape: number | Shape, dtype: DType = "float64"): NDArray {
  const a = zeros(shape, dtype);
  a.data.fill(1);
  return a;
}

/** `np.full(shape, fill_value, dtype=None)`: dtype defaults to the fill value's own. */
export function full(shape: number | Shape, fillValue: Operand, dtype?: DType): NDArray {
  const dt = dtype ?? operandDType(fillValue);
  const a = zeros(shape, dt);
  const v = fillValue instanceof NDArray ? fillValue.at(new Array<number>(fillValue.ndim).fill(0)) : null;
  if (fillValue instanceof NDArray && fillValue.size !== 1) {
    throw new NdError("ValueError", "could not broadcast input array into the requested shape");
  }
  const raw = v ?? (typeof fillValue === "number" ? fillValue : isPyScalar(fillValue) ? fillValue.value : 0);
  a.data.fill(castValue(raw, dt));
  return a;
}

/** `np.zeros_like(a, dtype=None)`. */
export function zerosLike(a: NDArray, dtype?: DType): NDArray {
  return zeros(a.shape, dtype ?? a.dtype);
}

/** `np.ones_like(a, dtype=None)`. */
export function onesLike(a: NDArray, dtype?: DType): NDArray {
  return ones(a.shape, dtype ?? a.dtype);
}

/** `np.full_like(a, fill_value, dtype=None)`. */
export function fullLike(a: NDArray, fillValue: Operand, dtype?: DType): NDArray {
  return full(a.shape, fillValue, dtype ?? a.dtype);
}

/** `np.eye(N, M=None, k=0, dtype=float64)`: (N, M) with ones on diagonal k. */
export function eye(n: number, m: number | null = null, k = 0, dtype: DType = "float64"): NDArray {
  const cols = m ?? n;
  const a = zeros([n, cols], dtype);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) a.data[i * cols + j] = 1;
  }
  return a;
}

function scalarValue(x: Operand): number {
  if (typeof x === "number") return x;
  if (x instanceof NDArray) {
    if (x.size !== 1)
      throw new NdError("TypeError", "only length-1 arrays can be converted to Python scalars");
    return x.at(new Array<number>(x.ndim).fill(0));
  }
  return x.value;
}

/**
 * `np.arange([start,] stop[, step], dtype=None)`. With one argument it is
 * `stop`. Length is `ceil((stop - start) / step)`; values are filled as numpy
 * does: `delta = (start + step) - start`, `a[i] = start + i * delta`.
 * Result dtype: int64 when every argument is an int, else float64.
 */
export function arange(
  startOrStop: Operand,
  stop: Operand | null = null,
  step: Operand | null = null,
  dtype?: DType,
): NDArray {
  const args: Operand[] = [startOrStop];
  if (stop !== null) args.push(stop);
  if (step !== null) args.push(step);
  let dt = dtype ?? resultType(...args);
  if (dt === "bool" && dtype === undefined) dt = "int64";
  const start = stop === null ? 0 : scalarValue(startOrStop);
  const end = stop === null ? scalarValue(startOrStop) : scalarValue(stop);
  const delta = step === null ? 1 : scalarValue(step);
  if (delta === 0) throw new NdError("ZeroDivisionError", "division by zero");
  const lenF = Math.ceil((end - start) / delta);
  if (!Number.isFinite(lenF)) throw new NdError("ValueError", "arange: cannot compute length");
  const len = Math.max(0, lenF);
  const a = zeros([len], dt);
  if (len === 0) return a;
  const first = castValue(start, dt);
  const second = castValue(start + delta, dt);
  a.data[0] = first;
  if (len > 1) a.data[1] = second;
  const d = second - first;
  for (let i = 2; i < len; i++) a.data[i] = castValue(first + i * d, dt);
  return a;
}

/**
 * `np.linspace(start, stop, num=50, endpoint=True, dtype=None)`, numpy's
 * algorithm: `step = (stop - start) / div`, `y = arange(num) * step + start`,
 * the last value set to `stop` exactly (when `step` is 0 it divides first).
 */
export function linspace(start: number, stop: number, num = 50, endpoint = true, dtype?: DType): NDArray {
  if (num < 0) throw new NdError("ValueError", `Number of samples, ${num}, must be non-negative.`);
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const y = new Float64Array(num);
  for (let i = 0; i < num; i++) y[i] = i;
  if (div > 0) {
    const step = delta / div;
    if (step === 0) for (let i = 0; i < num; i++) y[i] = ((y[i] ?? 0) / div) * delta;
    else for (let i = 0; i < num; i++) y[i] = (y[i] ?? 0) * step;
  } else {
    for (let i = 0; i < num; i++) y[i] = (y[i] ?? 0) * delta;
  }
  for (let i = 0; i < num; i++) y[i] = (y[i] ?? 0) + start;
  if (endpoint && num > 1) y[num - 1] = stop;
  const dt = dtype ?? "float64";
  const data = allocate(dt, [num]);
  for (let i = 0; i < num; i++) {
    const v = y[i] ?? 0;
    data[i] = dt === "int64" ? Math.floor(v) : castValue(v, dt);
  }
  return NDArray.fromData(dt, data, [num]);
}
