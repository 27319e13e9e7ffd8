/**
 * numpy 2 type promotion for the four dtypes Initlab supports, including the
 * NEP 50 rules for Python scalars.
 *
 * Operands of array functions are `Operand`s:
 *   - an `NDArray` (a numpy scalar such as `np.float64(1.5)` is a 0-d NDArray):
 *     "strong", its dtype always takes part in promotion;
 *   - a `PyScalar` made with `pyInt(3)`, `pyFloat(0.5)` or `pyBool(true)`: a
 *     Python literal, "weak": it only decides the result kind when the other
 *     operands are of a lower kind (bool < integer < floating);
 *   - a bare JS `number`: shorthand for a weak Python float (`pyFloat(n)`),
 *     never a Python int. The interpreter passes `pyInt` for Python ints.
 *
 * Examples (numpy 2): float32 array + 0.5 -> float32; int64 array + 3 ->
 * int64; int64 array + 0.5 -> float64; bool array + 1 -> int64; int64 array /
 * int64 array -> float64 (true division); comparisons -> bool.
 */
import { type DType, NDArray } from "./ndarray.ts";

export type PyScalarKind = "bool" | "int" | "float";

/** A Python scalar (weak under NEP 50). `value` is the number (bool: 0 or 1). */
export interface PyScalar {
  readonly kind: PyScalarKind;
  readonly value: number;
}

/** Anything an array function accepts as an array-like input. */
export type Operand = NDArray | PyScalar | number;

export function pyInt(value: number): PyScalar {
  return { kind: "int", value };
}
export function pyFloat(value: number): PyScalar {
  return { kind: "float", value };
}
export function pyBool(value: boolean): PyScalar {
  return { kind: "bool", value: value ? 1 : 0 };
}

export function isPyScalar(x: Operand): x is PyScalar {
  return typeof x === "object" && !(x instanceof NDArray);
}

/** 0 for bool, 1 for integers, 2 for floating: the order NEP 50 compares weak scalars by. */
export function kindRank(dtype: DType): number {
  switch (dtype) {
    case "bool":
      return 0;
    case "int64":
      return 1;
    case "float32":
    case "float64":
      return 2;
    default: {
      const never: never = dtype;
      throw new Error(`unknown dtype ${String(never)}`);
    }
  }
}

const scalarKindRank: Record<PyScalarKind, number> = { bool: 0, int: 1, float: 2 };
const scalarDefault: Record<PyScalarKind, DType> = { bool: "bool", int: "int64", float: "float64" };

export function isFloatDType(dtype: DType): boolean {
  return dtype === "float64" || dtype === "float32";
}

/** `np.promote_types(a, b)` for the supported dtypes (int64 with float32 gives float64). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === "bool") return b;
  if (b === "bool") return a;
  // Remaining pairs mix int64/float32/float64 and differ: int64+float32 needs float64.
  return "float64";
}

/** The dtype of a single operand as an array (`np.asarray(x).dtype`). */
export function operandDType(x: Operand): DType {
  if (x instanceof NDArray) return x.dtype;
  if (typeof x === "number") return "float64";
  return scalarDefault[x.kind];
}

/** `np.result_type(*operands)` with NEP 50 weak Python scalars. */
export function resultType(...operands: readonly Operand[]): DType {
  let strong: DType | null = null;
  let weakRank = -1;
  for (const x of operands) {
    if (x instanceof NDArray) strong = strong === null ? x.dtype : promoteTypes(strong, x.dtype);
    else weakRank = Math.max(weakRank, typeof x === "number" ? 2 : scalarKindRank[x.kind]);
  }
  const weakDefault: DType = weakRank === 2 ? "float64" : weakRank === 1 ? "int64" : "bool";
  if (strong === null) return weakDefault;
  if (weakRank > kindRank(strong)) return promoteTypes(strong, weakDefault);
  return strong;
}

/** Casts one value to a dtype as numpy's unsafe cast would (float -> int truncates). */
export function castValue(value: number, dtype: DType): number {
  switch (dtype) {
    case "float64":
      return value;
    case "float32":
      return Math.fround(value);
    case "int64":
      // NaN and infinities become INT64_MIN in numpy's cast (with a RuntimeWarning).
      return Number.isFinite(value) ? Math.trunc(value) || 0 : -(2 ** 63);
    case "bool":
      return value !== 0 ? 1 : 0;
    default: {
      const never: never = dtype;
      throw new Error(`unknown dtype ${String(never)}`);
    }
  }
}

/**
 * An operand as an array of `dtype`: arrays are returned as they are (their
 * values read as numbers need no conversion when widening), weak scalars
 * become 0-d arrays cast to `dtype` (NEP 50: `float32_array + 0.1` uses float32(0.1)).
 */
export function asArray(x: Operand, dtype?: DType): NDArray {
  if (x instanceof NDArray) return x;
  const dt = dtype ?? operandDType(x);
  const value = typeof x === "number" ? x : x.value;
  return NDArray.scalar(castValue(value, dt), dt);
}

/** numpy's dtype repr text: `dtype('float64')`. */
export function dtypeRepr(dtype: DType): string {
  return `dtype('${dtype}')`;
}
