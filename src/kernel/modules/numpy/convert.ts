/**
 * Conversions between interpreter values (`PyValue`) and the array library's
 * inputs (`Operand`, `NestedInput`), and back.
 *
 * Python ints/floats/bools become numpy's weak scalars (NEP 50) so that
 * `float32_array * 2.0` stays float32; numpy scalars (`NpScalar`) become 0-d
 * arrays, which are strong. Results that numpy returns as scalars (0-d
 * ufunc and reduction results) come back as `NpScalar`.
 */
import {
  array,
  type DType,
  NDArray,
  type NestedInput,
  type Operand,
  pyBool as ndBool,
  pyFloat as ndFloat,
  pyInt as ndInt,
} from "../../nd/mod.ts";
import {
  NpScalar,
  PyFloat,
  PyList,
  PyRange,
  PyTuple,
  type PyValue,
  pyFloat,
  raise,
  toIndex,
  typeName,
} from "../../py/values.ts";

/** A numpy scalar as a strong 0-d array. */
export function scalarToArray(s: NpScalar): NDArray {
  return NDArray.scalar(s.value, s.dtype);
}

/**
 * A nested list/tuple (or anything array_like) as the array library's nested
 * input. Python floats are bare numbers, Python ints `pyInt`, bools booleans.
 */
export function toNested(v: PyValue): NestedInput {
  if (typeof v === "number") return ndInt(v);
  if (typeof v === "boolean") return v;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof NpScalar) return scalarToArray(v);
  if (v instanceof NDArray) return v;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map(toNested);
  if (v instanceof PyRange) {
    const out: NestedInput[] = [];
    const n = v.length;
    for (let i = 0; i < n; i++) out.push(ndInt(v.start + i * v.step));
    return out;
  }
  if (v === null) {
    return raise("TypeError", "float() argument must be a string or a real number, not 'NoneType'");
  }
  if (typeof v === "string") return raise("ValueError", `could not convert string to float: ${quote(v)}`);
  return raise("TypeError", `float() argument must be a string or a real number, not '${typeName(v)}'`);
}

function quote(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`;
}

/** An array_like argument as an `Operand` (weak scalars stay weak). */
export function toOperand(v: PyValue): Operand {
  if (v instanceof NDArray) return v;
  if (typeof v === "number") return ndInt(v);
  if (typeof v === "boolean") return ndBool(v);
  if (v instanceof PyFloat) return ndFloat(v.v);
  if (v instanceof NpScalar) return scalarToArray(v);
  return array(toNested(v));
}

/** An array_like argument as an NDArray (`np.asarray(v, dtype)`). */
export function toNDArray(v: PyValue, dtype?: DType): NDArray {
  if (v instanceof NDArray) return dtype === undefined || dtype === v.dtype ? v : array(v, dtype);
  return array(toNested(v), dtype);
}

/** numpy's scalar return rule: a 0-d result becomes a numpy scalar, others stay arrays. */
export function wrap(a: NDArray): NDArray | NpScalar {
  if (a.ndim === 0) return new NpScalar(a.dtype, a.data[a.offset] ?? 0);
  return a;
}

/** A value of `dtype` as the Python object `.item()`/`.tolist()` give: float, int or bool. */
export function pyScalarOf(dtype: DType, value: number): PyValue {
  switch (dtype) {
    case "float64":
    case "float32":
      return pyFloat(value);
    case "int64":
      return value === 0 ? 0 : value;
    case "bool":
      return value !== 0;
    default: {
      const never: never = dtype;
      return raise("TypeError", `unknown dtype ${String(never)}`);
    }
  }
}

/** An integer argument: Python int/bool or an integer numpy scalar (`operator.index`). */
export function intArg(v: PyValue): number {
  if (v instanceof NDArray && v.ndim === 0 && (v.dtype === "int64" || v.dtype === "bool")) {
    return v.data[v.offset] ?? 0;
  }
  return toIndex(v);
}

/**
 * A shape argument (`zeros((2, 3))`, `zeros(3)`, `reshape(a, [2, -1])`): an
 * int or a sequence of ints, with numpy's TypeError for other values.
 */
export function shapeArg(v: PyValue): number[] {
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map(shapeItem);
  if (v instanceof NDArray && v.ndim === 1 && (v.dtype === "int64" || v.dtype === "bool")) {
    return v.toFlatArray();
  }
  return [shapeItem(v)];
}

function shapeItem(v: PyValue): number {
  if (v instanceof PyFloat || (v instanceof NpScalar && v.dtype !== "int64" && v.dtype !== "bool")) {
    return raise("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`);
  }
  return intArg(v);
}

/** A number argument (`float(x)`): Python numbers, numpy scalars and size-1 arrays. */
export function numberArg(v: PyValue, what: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof NpScalar) return v.value;
  if (v instanceof NDArray && v.ndim === 0) return v.data[v.offset] ?? 0;
  return raise("TypeError", `${what} must be a real number, not ${typeName(v)}`);
}

/** An axis argument: None, an int, or a tuple of ints. */
export function axisArg(v: PyValue | undefined): number | number[] | null {
  if (v === undefined || v === null) return null;
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map(axisItem);
  return axisItem(v);
}

/** A single-int axis argument (argmax, cumsum, concatenate, stack): None or an int. */
export function singleAxisArg(v: PyValue | undefined): number | null {
  if (v === undefined || v === null) return null;
  return axisItem(v);
}

function axisItem(v: PyValue): number {
  if (v instanceof PyFloat || (v instanceof NpScalar && v.dtype !== "int64" && v.dtype !== "bool")) {
    return raise("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`);
  }
  return intArg(v);
}

/** A Python truth value for flag arguments (`keepdims=True`, `endpoint=False`). */
export function flagArg(v: PyValue | undefined, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (v instanceof NpScalar) return v.value !== 0;
  if (v instanceof PyFloat) return v.v !== 0;
  return true;
}

/** A Python list of the elements of `a` (nested by dimension), as `a.tolist()`. */
export function toList(a: NDArray): PyValue {
  if (a.ndim === 0) return pyScalarOf(a.dtype, a.data[a.offset] ?? 0);
  const flat = a.toFlatArray();
  let k = 0;
  const build = (depth: number): PyValue => {
    const n = a.shape[depth] ?? 0;
    const items: PyValue[] = new Array<PyValue>(n);
    if (depth === a.ndim - 1) {
      for (let i = 0; i < n; i++) items[i] = pyScalarOf(a.dtype, flat[k++] ?? 0);
    } else {
      for (let i = 0; i < n; i++) items[i] = build(depth + 1);
    }
    return new PyList(items);
  };
  return build(0);
}

/** `out=` is not supported: numpy code that passes it gets a clear error instead of a silent copy. */
export function rejectOut(fn: string, out: PyValue | undefined): void {
  if (out !== undefined && out !== null) {
    raise("NotImplementedError", `${fn}(): the out= argument is not supported in this notebook`);
  }
}
