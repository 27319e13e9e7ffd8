/**
 * numpy's type objects: the scalar types `np.float64`, `np.float32`,
 * `np.int64`, `np.bool_` (usable as `dtype=` and callable as constructors),
 * `np.ndarray` (for `isinstance`/`type`), and dtype objects (`a.dtype`, repr
 * `dtype('float64')`, equal to `np.float64`, `"float64"` and `float`).
 *
 * The type objects are created once per session (`numpyTypes(ctx)`), so
 * `type(x) == np.float64` and `type(a) is np.ndarray` compare by identity
 * like in Python, and nothing is shared between sessions.
 */
import { astype, type DType, dtypeItemSize, NDArray } from "../../nd/mod.ts";
import {
  type KernelContext,
  type Kwargs,
  NpScalar,
  PyFloat,
  PyObject,
  PyType,
  type PyValue,
  parseArgs,
  pyRepr,
  raise,
  SlotKey,
  typeName,
} from "../../py/values.ts";
import { toNDArray, wrap } from "./convert.ts";

/** A numpy scalar type (`np.float64`, ...): a PyType that also names a dtype. */
export class NpScalarType extends PyType {
  constructor(
    readonly dtype: DType,
    name: string,
  ) {
    super(
      name,
      (v) => v instanceof NpScalar && v.dtype === dtype,
      (args, kwargs) => constructScalar(dtype, name, args, kwargs),
      "numpy",
    );
  }
}

/** numpy's dtype kind character: `f` floating, `i` signed integer, `b` boolean. */
function dtypeKind(dtype: DType): string {
  switch (dtype) {
    case "float64":
    case "float32":
      return "f";
    case "int64":
      return "i";
    case "bool":
      return "b";
    default: {
      const never: never = dtype;
      return String(never);
    }
  }
}

/** A dtype object: `a.dtype`, `np.dtype("float32")`. */
export class DTypeObject extends PyObject {
  readonly typeName = "dtype";
  constructor(readonly dtype: DType) {
    super();
  }
  override repr(): string {
    return `dtype('${this.dtype}')`;
  }
  override str(): string {
    return this.dtype;
  }
  override getattr(name: string, ctx: KernelContext): PyValue | undefined {
    switch (name) {
      case "name":
        return this.dtype;
      case "kind":
        return dtypeKind(this.dtype);
      case "itemsize":
        return dtypeItemSize(this.dtype);
      case "type":
        return numpyTypes(ctx).scalar[this.dtype];
      default:
        return undefined;
    }
  }
  override binop(op: string, other: PyValue, _reflected: boolean, ctx: KernelContext): PyValue | undefined {
    if (op !== "==" && op !== "!=") return undefined;
    const o = tryDType(other, ctx);
    const same = o !== undefined && o === this.dtype;
    return op === "==" ? same : !same;
  }
}

/** The per-session numpy type objects. */
export interface NumpyTypes {
  readonly scalar: Readonly<Record<DType, NpScalarType>>;
  readonly ndarray: PyType;
  readonly dtype: PyType;
}

const typesKey = new SlotKey<NumpyTypes>("numpy.types", () => ({
  scalar: {
    float64: new NpScalarType("float64", "float64"),
    float32: new NpScalarType("float32", "float32"),
    int64: new NpScalarType("int64", "int64"),
    bool: new NpScalarType("bool", "bool"),
  },
  ndarray: new PyType("ndarray", (v) => v instanceof NDArray, null, "numpy"),
  dtype: new PyType(
    "dtype",
    (v) => v instanceof DTypeObject,
    (args, kwargs, ctx) => {
      const [t] = parseArgs("dtype", ["dtype"], args, kwargs);
      return new DTypeObject(dtypeArg(t ?? null, ctx) ?? "float64");
    },
    "numpy",
  ),
}));

/** The session's numpy type objects (created on first use). */
export function numpyTypes(ctx: KernelContext): NumpyTypes {
  return ctx.slot(typesKey);
}

/**
 * `type(v)` for numpy values: `np.ndarray` for arrays, `np.float64` etc. for
 * numpy scalars, `np.dtype` for dtype objects; undefined for other values.
 */
export function numpyTypeOf(ctx: KernelContext, v: PyValue): PyType | undefined {
  const t = numpyTypes(ctx);
  if (v instanceof NDArray) return t.ndarray;
  if (v instanceof NpScalar) return t.scalar[v.dtype];
  if (v instanceof DTypeObject) return t.dtype;
  return undefined;
}

const dtypeNames: ReadonlyMap<string, DType> = new Map<string, DType>([
  ["float64", "float64"],
  ["float", "float64"],
  ["double", "float64"],
  ["f8", "float64"],
  ["d", "float64"],
  ["float32", "float32"],
  ["single", "float32"],
  ["f4", "float32"],
  ["f", "float32"],
  ["int64", "int64"],
  ["int", "int64"],
  ["int_", "int64"],
  ["i8", "int64"],
  ["bool", "bool"],
  ["bool_", "bool"],
  ["?", "bool"],
]);

/** The dtype a value names, or undefined when it names none. */
function tryDType(v: PyValue, ctx: KernelContext): DType | undefined {
  if (v instanceof NpScalarType) return v.dtype;
  if (v instanceof DTypeObject) return v.dtype;
  if (typeof v === "string") return dtypeNames.get(v.replace(/^[<>=|]/, ""));
  if (v instanceof PyType && v.module === null) {
    if (v.name === "float") return "float64";
    if (v.name === "int") return "int64";
    if (v.name === "bool") return "bool";
  }
  void ctx;
  return undefined;
}

/**
 * A `dtype=` argument: None/absent -> undefined; `np.float64`, `float`,
 * `"float32"`, `a.dtype`, ... -> the dtype; numpy's TypeError otherwise
 * (`data type 'complex64' not understood` names types this notebook lacks).
 */
export function dtypeArg(v: PyValue | undefined, ctx: KernelContext): DType | undefined {
  if (v === undefined || v === null) return undefined;
  const d = tryDType(v, ctx);
  if (d !== undefined) return d;
  if (typeof v === "string") return raise("TypeError", `data type '${v}' not understood`);
  if (v instanceof PyType) {
    return raise(
      "TypeError",
      `data type ${pyRepr(v, ctx)} is not supported in this notebook (use float64, float32, int64 or bool)`,
    );
  }
  return raise("TypeError", `Cannot interpret '${pyRepr(v, ctx)}' as a data type`);
}

/** Python's `float(str)` parsing (underscores, inf/nan words, surrounding whitespace). */
function parseFloatText(s: string): number {
  const t = s.trim().toLowerCase().replace(/_/g, "");
  const m = /^([+-]?)(inf|infinity|nan)$/.exec(t);
  if (m) return m[2] === "nan" ? Number.NaN : m[1] === "-" ? -Infinity : Number.POSITIVE_INFINITY;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return Number(t);
  return raise("ValueError", `could not convert string to float: '${s}'`);
}

function parseIntText(s: string): number {
  const t = s.trim().replace(/_/g, "");
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  return raise("ValueError", `invalid literal for int() with base 10: '${s}'`);
}

/** `np.float64(x)`, `np.int64(x)`, `np.float32(x)`, `np.bool_(x)`. */
function constructScalar(dtype: DType, name: string, args: PyValue[], kwargs: Kwargs | null): PyValue {
  const [x] = parseArgs(name, ["x?"], args, kwargs);
  if (x === undefined) return new NpScalar(dtype, 0);
  if (x instanceof NDArray) return wrap(astype(x, dtype));
  if (dtype === "bool") return new NpScalar("bool", boolOf(x));
  let v: number;
  if (typeof x === "string") v = dtype === "int64" ? parseIntText(x) : parseFloatText(x);
  else if (typeof x === "number") v = x;
  else if (typeof x === "boolean") v = x ? 1 : 0;
  else if (x instanceof PyFloat) v = x.v;
  else if (x instanceof NpScalar) v = x.value;
  else if (x === null && dtype !== "int64") v = Number.NaN;
  else if (x === null) {
    return raise(
      "TypeError",
      "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
    );
  } else {
    // Lists and tuples build arrays, as numpy's scalar types do.
    return wrap(toNDArray(x, dtype));
  }
  switch (dtype) {
    case "float64":
      return new NpScalar(dtype, v);
    case "float32":
      return new NpScalar(dtype, Math.fround(v));
    case "int64":
      if (Number.isNaN(v)) return raise("ValueError", "cannot convert float NaN to integer");
      if (!Number.isFinite(v)) return raise("OverflowError", "cannot convert float infinity to integer");
      return new NpScalar(dtype, Math.trunc(v) || 0);
    default: {
      const never: never = dtype;
      return raise("TypeError", `unknown dtype ${String(never)}`);
    }
  }
}

function boolOf(x: PyValue): number {
  if (x === null) return 0;
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "number") return x !== 0 ? 1 : 0;
  if (typeof x === "string") return x.length > 0 ? 1 : 0;
  if (x instanceof PyFloat) return x.v !== 0 ? 1 : 0;
  if (x instanceof NpScalar) return x.value !== 0 ? 1 : 0;
  return raise("TypeError", `np.bool_() of a '${typeName(x)}' is not supported in this notebook`);
}
