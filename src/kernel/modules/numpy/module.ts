/**
 * The `numpy` module object: creation functions, ufuncs, reductions,
 * shape functions, `dot`/`matmul`, `histogram`/`percentile`, the scalar
 * types, constants, print options and the `random` submodule, each bound to
 * the array library in `src/kernel/nd` with numpy's parameter names.
 */
import {
  absolute,
  add,
  arange,
  array,
  ceil,
  concatenate,
  copy,
  cos,
  divide,
  dot,
  type DType,
  exp,
  expandDims,
  eye,
  floor,
  floorDivide,
  full,
  isfinite,
  isinf,
  isnan,
  linspace,
  log,
  logicalAnd,
  logicalNot,
  logicalOr,
  matmul,
  maximum,
  minimum,
  multiply,
  NDArray,
  negative,
  nonzero,
  type Operand,
  ones,
  power,
  ravel,
  remainder,
  reshape,
  sin,
  sqrt,
  square,
  squeeze,
  stack,
  subtract,
  tanh,
  transpose,
  where,
  zeros,
} from "../../nd/mod.ts";
import { floatRepr } from "../../nd/pyfloat.ts";
import { histogram, histogramDensity, percentile } from "../../nd/stats.ts";
import {
  type KernelContext,
  makeModule,
  NpScalar,
  PyFloat,
  PyList,
  PyModule,
  PyRange,
  PyTuple,
  type PyValue,
  pyFloat,
  raise,
  toArray,
  typeName,
} from "../../py/values.ts";
import {
  axisArg,
  flagArg,
  intArg,
  numberArg,
  rejectOut,
  shapeArg,
  singleAxisArg,
  toNDArray,
  toOperand,
  wrap,
} from "./convert.ts";
import { arrayOps, clipWith, fn, opFunction } from "./ops.ts";
import { printOptionFunctions } from "./printoptions.ts";
import { linalgModule } from "./linalg.ts";
import { randomModule } from "./random.ts";
import { sortingFunctions } from "./sorting.ts";
import { dtypeArg, numpyTypes } from "./types.ts";

function unaryUfunc(name: string, f: (x: Operand) => NDArray) {
  return fn(name, ["x", "out?", "*", "dtype?"], ([x, out, dtype], ctx) => {
    rejectOut(name, out);
    const r = f(toOperand(x ?? null));
    const dt = dtypeArg(dtype, ctx);
    return wrap(dt === undefined || dt === r.dtype ? r : array(r, dt));
  });
}

function binaryUfunc(name: string, f: (x: Operand, y: Operand) => NDArray) {
  return fn(name, ["x1", "x2", "out?"], ([x1, x2, out]) => {
    rejectOut(name, out);
    return wrap(f(toOperand(x1 ?? null), toOperand(x2 ?? null)));
  });
}

/** Arrays of a sequence argument (`concatenate((a, b))`, `stack([x, y])`). */
function arraysArg(name: string, v: PyValue | undefined, ctx: KernelContext): NDArray[] {
  if (v instanceof NDArray) {
    // numpy iterates an array argument along its first axis.
    const n = v.shape[0] ?? 0;
    return toArray(v, ctx)
      .map((row) => toNDArray(row))
      .slice(0, n);
  }
  if (!(v instanceof PyList || v instanceof PyTuple)) {
    return raise(
      "TypeError",
      `${name}() argument 1 must be a sequence of arrays, not ${typeName(v ?? null)}`,
    );
  }
  return v.items.map((x) => toNDArray(x));
}

/** A creation shape (`zeros((2, 3))`), with numpy's TypeError text for floats. */
function creationShape(v: PyValue | undefined): number[] {
  if (v instanceof PyFloat) {
    return raise("TypeError", `expected a sequence of integers or a single integer, got '${floatRepr(v.v)}'`);
  }
  return shapeArg(v ?? null);
}

/** `np.arange([start,] stop[, step], dtype=None)`. */
function arangeFn(v: readonly (PyValue | undefined)[], ctx: KernelContext): PyValue {
  const [start, stop, step, dtype] = v;
  if (start === undefined) return raise("TypeError", "arange() requires stop to be specified.");
  const op = (x: PyValue | undefined): Operand | null =>
    x === undefined || x === null ? null : toOperand(x);
  return arange(toOperand(start), op(stop), op(step), dtypeArg(dtype, ctx));
}

/** `np.linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None)`. */
function linspaceFn(v: readonly (PyValue | undefined)[], ctx: KernelContext): PyValue {
  const [start, stop, num, endpoint, retstep, dtype] = v;
  const lo = numberArg(start ?? null, "start");
  const hi = numberArg(stop ?? null, "stop");
  let n = 50;
  if (num !== undefined) {
    if (num instanceof PyFloat)
      return raise("TypeError", "'float' object cannot be interpreted as an integer");
    n = intArg(num);
  }
  const end = flagArg(endpoint, true);
  const a = linspace(lo, hi, n, end, dtypeArg(dtype, ctx));
  if (!flagArg(retstep, false)) return a;
  const div = end ? n - 1 : n;
  return new PyTuple([a, new NpScalar("float64", div > 0 ? (hi - lo) / div : Number.NaN)]);
}

/** `np.histogram(a, bins=10, range=None)`: a tuple `(counts, edges)`. */
function histogramFn(v: readonly (PyValue | undefined)[]): PyValue {
  const [a, bins, range, density, weights] = v;
  if (weights !== undefined && weights !== null) {
    return raise("NotImplementedError", "histogram(weights=...) is not supported in this notebook");
  }
  let b: number | NDArray = 10;
  if (bins instanceof PyList || bins instanceof PyTuple || bins instanceof PyRange || bins instanceof NDArray)
    b = toNDArray(bins);
  else if (typeof bins === "string") {
    return raise("NotImplementedError", `histogram(bins='${bins}') is not supported in this notebook`);
  } else if (bins instanceof PyFloat) {
    return raise("TypeError", "`bins` must be an integer, a string, or an array");
  } else if (bins !== undefined && bins !== null) b = intArg(bins);
  let r: [number, number] | null = null;
  if (range !== undefined && range !== null) {
    const items = range instanceof PyTuple || range instanceof PyList ? range.items : null;
    if (items === null || items.length !== 2) {
      return raise("ValueError", `too many values to unpack (expected 2)`);
    }
    r = [numberArg(items[0] ?? null, "range"), numberArg(items[1] ?? null, "range")];
  }
  const h0 = histogram(toNDArray(a ?? null), b, r);
  const h = density !== undefined && density !== null && density !== false ? histogramDensity(h0) : h0;
  return new PyTuple([h.hist, h.edges]);
}

/** `np.percentile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False)`. */
function percentileFn(v: readonly (PyValue | undefined)[]): PyValue {
  const [a, q, axis, out, , method, keepdims] = v;
  rejectOut("percentile", out);
  if (method !== undefined && method !== "linear") {
    return raise("NotImplementedError", "percentile() supports only method='linear' in this notebook");
  }
  const qv: number | NDArray =
    q instanceof PyList || q instanceof PyTuple || q instanceof NDArray
      ? toNDArray(q)
      : numberArg(q ?? null, "q");
  return wrap(percentile(toNDArray(a ?? null), qv, axisArg(axis), flagArg(keepdims, false)));
}

/** `np.where(condition)` (indices of the true elements) or `np.where(condition, x, y)`. */
function whereFn(v: readonly (PyValue | undefined)[]): PyValue {
  const [condition, x, y] = v;
  if (x === undefined && y === undefined) return new PyTuple(nonzero(toNDArray(condition ?? null)));
  if (x === undefined || y === undefined)
    return raise("ValueError", "either both or neither of x and y should be given");
  return wrap(where(toOperand(condition ?? null), toOperand(x), toOperand(y)));
}

/** `np.vstack`: 1-d inputs become rows, then concatenate along axis 0. */
function atLeast2d(a: NDArray): NDArray {
  if (a.ndim >= 2) return a;
  return a.ndim === 1 ? reshape(a, [1, a.size]) : reshape(a, [1, 1]);
}

/** The dtype of a creation function (`zeros(shape, dtype=float)`), float64 by default. */
function creationDType(v: PyValue | undefined, ctx: KernelContext): DType {
  return dtypeArg(v, ctx) ?? "float64";
}

/** The `numpy` module (factory for the module registry). */
export function numpyModule(ctx: KernelContext): PyModule {
  const types = numpyTypes(ctx);
  const reductions: Record<string, PyValue> = {};
  for (const [name, op] of Object.entries(arrayOps)) reductions[name] = opFunction(name, op);
  return makeModule("numpy", {
    __version__: "2.4.6",
    // Constants.
    pi: pyFloat(Math.PI),
    e: pyFloat(Math.E),
    inf: pyFloat(Number.POSITIVE_INFINITY),
    nan: pyFloat(Number.NaN),
    newaxis: null,
    // Types.
    float64: types.scalar.float64,
    double: types.scalar.float64,
    float32: types.scalar.float32,
    single: types.scalar.float32,
    int64: types.scalar.int64,
    int_: types.scalar.int64,
    bool_: types.scalar.bool,
    bool: types.scalar.bool,
    ndarray: types.ndarray,
    dtype: types.dtype,
    // Creation.
    array: fn("array", ["object", "dtype?", "*", "copy?", "order?", "subok?", "ndmin?"], (v, c) => {
      const [object, dtype, , , , ndmin] = v;
      let a = array(object instanceof NDArray ? object : toNDArray(object ?? null), dtypeArg(dtype, c));
      const nmin = ndmin === undefined ? 0 : intArg(ndmin);
      if (a.ndim < nmin) a = reshape(a, [...new Array<number>(nmin - a.ndim).fill(1), ...a.shape]);
      return a;
    }),
    asarray: fn("asarray", ["a", "dtype?", "order?"], ([a, dtype], c) =>
      toNDArray(a ?? null, dtypeArg(dtype, c)),
    ),
    copy: fn("copy", ["a", "order?"], ([a]) => copy(toNDArray(a ?? null))),
    zeros: fn("zeros", ["shape", "dtype?", "order?"], ([shape, dtype], c) =>
      zeros(creationShape(shape), creationDType(dtype, c)),
    ),
    ones: fn("ones", ["shape", "dtype?", "order?"], ([shape, dtype], c) =>
      ones(creationShape(shape), creationDType(dtype, c)),
    ),
    empty: fn("empty", ["shape", "dtype?", "order?"], ([shape, dtype], c) =>
      zeros(creationShape(shape), creationDType(dtype, c)),
    ),
    full: fn("full", ["shape", "fill_value", "dtype?", "order?"], ([shape, fill, dtype], c) =>
      full(creationShape(shape), toOperand(fill ?? null), dtypeArg(dtype, c)),
    ),
    zeros_like: fn("zeros_like", ["a", "dtype?", "order?", "subok?", "shape?"], ([a, dtype], c) => {
      const x = toNDArray(a ?? null);
      return zeros(x.shape, dtypeArg(dtype, c) ?? x.dtype);
    }),
    ones_like: fn("ones_like", ["a", "dtype?", "order?", "subok?", "shape?"], ([a, dtype], c) => {
      const x = toNDArray(a ?? null);
      return ones(x.shape, dtypeArg(dtype, c) ?? x.dtype);
    }),
    empty_like: fn("empty_like", ["a", "dtype?", "order?", "subok?", "shape?"], ([a, dtype], c) => {
      const x = toNDArray(a ?? null);
      return zeros(x.shape, dtypeArg(dtype, c) ?? x.dtype);
    }),
    full_like: fn(
      "full_like",
      ["a", "fill_value", "dtype?", "order?", "subok?", "shape?"],
      ([a, fill, dtype], c) => {
        const x = toNDArray(a ?? null);
        return full(x.shape, toOperand(fill ?? null), dtypeArg(dtype, c) ?? x.dtype);
      },
    ),
    eye: fn("eye", ["N", "M?", "k?", "dtype?", "order?"], ([n, m, k, dtype], c) =>
      eye(
        intArg(n ?? null),
        m === undefined || m === null ? null : intArg(m),
        k === undefined ? 0 : intArg(k),
        creationDType(dtype, c),
      ),
    ),
    identity: fn("identity", ["n", "dtype?"], ([n, dtype], c) =>
      eye(intArg(n ?? null), null, 0, creationDType(dtype, c)),
    ),
    arange: fn("arange", ["start?", "stop?", "step?", "dtype?"], arangeFn),
    linspace: fn(
      "linspace",
      ["start", "stop", "num?", "endpoint?", "retstep?", "dtype?", "axis?"],
      linspaceFn,
    ),
    // Shape.
    reshape: fn("reshape", ["a", "shape?", "order?", "*", "newshape?"], ([a, shape, , newshape]) => {
      const s = shape ?? newshape;
      if (s === undefined)
        return raise("TypeError", "reshape() missing 1 required positional argument: 'shape'");
      return reshape(toNDArray(a ?? null), shapeArg(s));
    }),
    transpose: fn("transpose", ["a", "axes?"], ([a, axes]) => {
      const x = toNDArray(a ?? null);
      return axes === undefined || axes === null ? transpose(x) : transpose(x, shapeArg(axes));
    }),
    ravel: fn("ravel", ["a", "order?"], ([a]) => ravel(toNDArray(a ?? null))),
    squeeze: fn("squeeze", ["a", "axis?"], ([a, axis]) => squeeze(toNDArray(a ?? null), singleAxisArg(axis))),
    expand_dims: fn("expand_dims", ["a", "axis"], ([a, axis]) =>
      expandDims(toNDArray(a ?? null), intArg(axis ?? null)),
    ),
    concatenate: fn(
      "concatenate",
      ["arrays", "axis?", "out?", "*", "dtype?"],
      ([arrays, axis, out, dtype], c) => {
        rejectOut("concatenate", out);
        const r = concatenate(
          arraysArg("concatenate", arrays, c),
          axis === undefined ? 0 : singleAxisArg(axis),
        );
        const dt = dtypeArg(dtype, c);
        return dt === undefined ? r : array(r, dt);
      },
    ),
    stack: fn("stack", ["arrays", "axis?", "out?"], ([arrays, axis, out], c) => {
      rejectOut("stack", out);
      return stack(arraysArg("stack", arrays, c), axis === undefined || axis === null ? 0 : intArg(axis));
    }),
    vstack: fn("vstack", ["tup"], ([tup], c) => concatenate(arraysArg("vstack", tup, c).map(atLeast2d), 0)),
    hstack: fn("hstack", ["tup"], ([tup], c) => {
      const arrs = arraysArg("hstack", tup, c).map((a) => (a.ndim === 0 ? reshape(a, [1]) : a));
      return concatenate(arrs, arrs[0] !== undefined && arrs[0].ndim === 1 ? 0 : 1);
    }),
    // Products.
    dot: fn("dot", ["a", "b", "out?"], ([a, b, out]) => {
      rejectOut("dot", out);
      return wrap(dot(toOperand(a ?? null), toOperand(b ?? null)));
    }),
    matmul: fn("matmul", ["x1", "x2", "out?"], ([a, b, out]) => {
      rejectOut("matmul", out);
      return wrap(matmul(toOperand(a ?? null), toOperand(b ?? null)));
    }),
    // Elementwise.
    tanh: unaryUfunc("tanh", tanh),
    exp: unaryUfunc("exp", exp),
    log: unaryUfunc("log", (x) => log(x)),
    sqrt: unaryUfunc("sqrt", (x) => sqrt(x)),
    abs: unaryUfunc("absolute", absolute),
    absolute: unaryUfunc("absolute", absolute),
    sin: unaryUfunc("sin", sin),
    cos: unaryUfunc("cos", cos),
    square: unaryUfunc("square", square),
    floor: unaryUfunc("floor", floor),
    ceil: unaryUfunc("ceil", ceil),
    negative: unaryUfunc("negative", negative),
    isnan: unaryUfunc("isnan", isnan),
    isfinite: unaryUfunc("isfinite", isfinite),
    isinf: unaryUfunc("isinf", isinf),
    logical_not: unaryUfunc("logical_not", logicalNot),
    add: binaryUfunc("add", add),
    subtract: binaryUfunc("subtract", subtract),
    multiply: binaryUfunc("multiply", multiply),
    divide: binaryUfunc("divide", (x, y) => divide(x, y)),
    true_divide: binaryUfunc("divide", (x, y) => divide(x, y)),
    floor_divide: binaryUfunc("floor_divide", (x, y) => floorDivide(x, y)),
    power: binaryUfunc("power", power),
    remainder: binaryUfunc("remainder", (x, y) => remainder(x, y)),
    mod: binaryUfunc("remainder", (x, y) => remainder(x, y)),
    maximum: binaryUfunc("maximum", maximum),
    minimum: binaryUfunc("minimum", minimum),
    logical_and: binaryUfunc("logical_and", logicalAnd),
    logical_or: binaryUfunc("logical_or", logicalOr),
    clip: fn(
      "clip",
      ["a", "a_min?", "a_max?", "out?", "*", "min?", "max?"],
      ([a, aMin, aMax, out, lo, hi]) => {
        rejectOut("clip", out);
        return clipWith(toNDArray(a ?? null), aMin ?? lo, aMax ?? hi);
      },
    ),
    where: fn("where", ["condition", "x?", "y?"], whereFn),
    around: opFunction("around", arrayOps.round),
    nonzero: fn("nonzero", ["a"], ([a]) => new PyTuple(nonzero(toNDArray(a ?? null)))),
    // Reductions (also the ndarray methods of the same names).
    ...reductions,
    amin: opFunction("amin", arrayOps.min),
    amax: opFunction("amax", arrayOps.max),
    // Statistics.
    percentile: fn(
      "percentile",
      ["a", "q", "axis?", "out?", "overwrite_input?", "method?", "keepdims?"],
      percentileFn,
    ),
    histogram: fn("histogram", ["a", "bins?", "range?", "density?", "weights?"], histogramFn),
    // Sorting, counting, closeness (sorting.ts).
    ...sortingFunctions(),
    // Print options and the random submodule.
    ...printOptionFunctions(),
    random: randomModule(ctx),
    linalg: linalgModule(),
  });
}

/**
 * The `numpy.random` factory: the submodule the `numpy` module already
 * holds, so `np.random` and `import numpy.random` are the same object.
 */
export function numpyRandomModule(ctx: KernelContext): PyModule {
  const r = ctx.importModule("numpy").attrs.get("random");
  return r instanceof PyModule ? r : randomModule(ctx);
}
