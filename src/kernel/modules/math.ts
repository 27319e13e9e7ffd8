/**
 * Python's `math` module (the subset lessons use), on JS doubles.
 *
 * Arguments convert like CPython's `PyFloat_AsDouble`: int, bool, float,
 * numpy scalars and 0-d arrays; anything else is `TypeError: must be real
 * number, not str`. Results that CPython checks raise its errors:
 * `ValueError: math domain error` for inputs outside the domain and
 * `OverflowError: math range error` when a finite input gives an infinite
 * result. `floor`/`ceil`/`trunc` return ints (bounded by this notebook's
 * 2**53 int limit).
 */
import { NDArray } from "../nd/ndarray.ts";
import {
  checkInt,
  type KernelContext,
  type Kwargs,
  makeBuiltin,
  makeModule,
  NpScalar,
  PyFloat,
  type PyModule,
  type PyValue,
  parseArgs,
  pyFloat,
  raise,
  toIndex,
  typeName,
} from "../py/values.ts";

/** CPython's float conversion of a math argument (`__float__`, numpy's 0-d rule). */
export function mathFloatArg(v: PyValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof NpScalar) return v.value;
  if (v instanceof NDArray) {
    if (v.ndim !== 0)
      return raise("TypeError", "only 0-dimensional arrays can be converted to Python scalars");
    return v.data[v.offset] ?? 0;
  }
  return raise("TypeError", `must be real number, not ${typeName(v)}`);
}

function noKeywords(name: string, kwargs: Kwargs | null): void {
  if (kwargs !== null && kwargs.size > 0) raise("TypeError", `math.${name}() takes no keyword arguments`);
}

/** Positional-only arguments with CPython's "takes exactly one argument" text. */
function exactArgs(name: string, args: readonly PyValue[], kwargs: Kwargs | null, n: number): number[] {
  noKeywords(name, kwargs);
  if (args.length !== n) {
    if (n === 1) raise("TypeError", `math.${name}() takes exactly one argument (${args.length} given)`);
    raise("TypeError", `${name} expected ${n} arguments, got ${args.length}`);
  }
  return args.map(mathFloatArg);
}

const positive = (x: number): boolean => Number.isNaN(x) || x > 0;
const notInfinite = (x: number): boolean => Number.isNaN(x) || Number.isFinite(x);

const domainError = (): never => raise("ValueError", "math domain error");
const rangeError = (): never => raise("OverflowError", "math range error");

/**
 * A one-argument float function with CPython's `math_1` checks: NaN out of a
 * non-NaN input is a domain error, an infinite result of a finite input is a
 * range error (unless `canOverflow` is false, for functions such as log whose
 * infinite results come only from domain edges).
 */
function unary(
  name: string,
  f: (x: number) => number,
  opts: { domain?: (x: number) => boolean; canOverflow?: boolean } = {},
) {
  return makeBuiltin(name, (args, kwargs) => {
    const [x = 0] = exactArgs(name, args, kwargs, 1);
    if (opts.domain && !opts.domain(x)) return domainError();
    const r = f(x);
    if (Number.isNaN(r) && !Number.isNaN(x)) return domainError();
    if (!Number.isFinite(r) && !Number.isNaN(r) && Number.isFinite(x) && opts.canOverflow !== false) {
      return rangeError();
    }
    return pyFloat(r);
  });
}

/** Natural log with CPython's domain rule (x <= 0 is a domain error, not -inf). */
function logOf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x <= 0) return domainError();
  return Math.log(x);
}

/** floor/ceil/trunc: int results, CPython's errors for inf and NaN. */
function toIntResult(x: number): number {
  if (Number.isNaN(x)) return raise("ValueError", "cannot convert float NaN to integer");
  if (!Number.isFinite(x)) return raise("OverflowError", "cannot convert float infinity to integer");
  return checkInt(x === 0 ? 0 : x);
}

function intRounding(name: string, f: (x: number) => number) {
  return makeBuiltin(name, (args, kwargs) => {
    noKeywords(name, kwargs);
    if (args.length !== 1) {
      return raise("TypeError", `math.${name}() takes exactly one argument (${args.length} given)`);
    }
    const v = args[0] ?? null;
    // Python ints (and int/bool numpy scalars) pass through unchanged.
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v instanceof NpScalar && (v.dtype === "int64" || v.dtype === "bool")) return v.value;
    return toIntResult(f(mathFloatArg(v)));
  });
}

/** `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`, CPython's algorithm. */
function isclose(a: number, b: number, relTol: number, absTol: number): boolean {
  if (relTol < 0 || absTol < 0) return raise("ValueError", "tolerances must be non-negative");
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(b - a);
  return diff <= Math.abs(relTol * b) || diff <= Math.abs(relTol * a) || diff <= absTol;
}

function factorial(v: PyValue): number {
  if (v instanceof PyFloat || (v instanceof NpScalar && v.dtype !== "int64" && v.dtype !== "bool")) {
    return raise("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`);
  }
  const n = toIndex(v);
  if (n < 0) return raise("ValueError", "factorial() not defined for negative values");
  let r = 1;
  for (let i = 2; i <= n; i++) r = checkInt(r * i);
  return r;
}

/** The `math` module (factory for the module registry; holds no state). */
export function mathModule(_ctx: KernelContext): PyModule {
  return makeModule("math", {
    pi: pyFloat(Math.PI),
    e: pyFloat(Math.E),
    tau: pyFloat(2 * Math.PI),
    inf: pyFloat(Number.POSITIVE_INFINITY),
    nan: pyFloat(Number.NaN),
    sqrt: unary("sqrt", Math.sqrt, { domain: (x) => Number.isNaN(x) || x >= 0 }),
    exp: unary("exp", Math.exp),
    tanh: unary("tanh", Math.tanh),
    sinh: unary("sinh", Math.sinh),
    cosh: unary("cosh", Math.cosh),
    sin: unary("sin", Math.sin, { domain: notInfinite }),
    cos: unary("cos", Math.cos, { domain: notInfinite }),
    tan: unary("tan", Math.tan, { domain: notInfinite }),
    atan: unary("atan", Math.atan),
    fabs: unary("fabs", Math.abs),
    log10: unary("log10", Math.log10, { domain: positive, canOverflow: false }),
    log2: unary("log2", Math.log2, { domain: positive, canOverflow: false }),
    degrees: unary("degrees", (x) => (x * 180) / Math.PI),
    radians: unary("radians", (x) => (x * Math.PI) / 180),
    floor: intRounding("floor", Math.floor),
    ceil: intRounding("ceil", Math.ceil),
    trunc: intRounding("trunc", Math.trunc),
    log: makeBuiltin("log", (args, kwargs) => {
      noKeywords("log", kwargs);
      if (args.length < 1 || args.length > 2) return raise("TypeError", "math.log requires 1 to 2 arguments");
      const x = logOf(mathFloatArg(args[0] ?? null));
      if (args.length === 1) return pyFloat(x);
      const base = logOf(mathFloatArg(args[1] ?? null));
      if (base === 0) return raise("ZeroDivisionError", "float division by zero");
      return pyFloat(x / base);
    }),
    pow: makeBuiltin("pow", (args, kwargs) => {
      const [x = 0, y = 0] = exactArgs("pow", args, kwargs, 2);
      const r = x ** y;
      // CPython: 1**nan and x**0 are 1; 0**negative and negative**fraction are domain errors.
      if (x === 0 && y < 0 && Number.isFinite(y)) return domainError();
      if (Number.isNaN(r) && !Number.isNaN(x) && !Number.isNaN(y)) return domainError();
      if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) return rangeError();
      return pyFloat(x === 1 || y === 0 ? 1 : r);
    }),
    atan2: makeBuiltin("atan2", (args, kwargs) => {
      const [y = 0, x = 0] = exactArgs("atan2", args, kwargs, 2);
      return pyFloat(Math.atan2(y, x));
    }),
    hypot: makeBuiltin("hypot", (args, kwargs) => {
      noKeywords("hypot", kwargs);
      return pyFloat(Math.hypot(...args.map(mathFloatArg)));
    }),
    isclose: makeBuiltin("isclose", (args, kwargs) => {
      if (args.length > 2) {
        return raise("TypeError", `isclose() takes exactly 2 positional arguments (${args.length} given)`);
      }
      const [a, b, relTol, absTol] = parseArgs(
        "isclose",
        ["a?", "b?", "*", "rel_tol?", "abs_tol?"],
        args,
        kwargs,
      );
      if (a === undefined) return raise("TypeError", "isclose() missing required argument 'a' (pos 1)");
      if (b === undefined) return raise("TypeError", "isclose() missing required argument 'b' (pos 2)");
      return isclose(
        mathFloatArg(a),
        mathFloatArg(b),
        relTol === undefined ? 1e-9 : mathFloatArg(relTol),
        absTol === undefined ? 0 : mathFloatArg(absTol),
      );
    }),
    isnan: makeBuiltin("isnan", (args, kwargs) => Number.isNaN(exactArgs("isnan", args, kwargs, 1)[0])),
    isinf: makeBuiltin("isinf", (args, kwargs) => {
      const [x = 0] = exactArgs("isinf", args, kwargs, 1);
      return !Number.isFinite(x) && !Number.isNaN(x);
    }),
    isfinite: makeBuiltin("isfinite", (args, kwargs) =>
      Number.isFinite(exactArgs("isfinite", args, kwargs, 1)[0]),
    ),
    factorial: makeBuiltin("factorial", (args, kwargs) => {
      noKeywords("factorial", kwargs);
      if (args.length !== 1) {
        return raise("TypeError", `math.factorial() takes exactly one argument (${args.length} given)`);
      }
      return factorial(args[0] ?? null);
    }),
  });
}
