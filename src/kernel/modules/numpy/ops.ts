/**
 * Operations shared by the `np.name(a, ...)` functions and the
 * `a.name(...)` array methods: each takes the array and the arguments after
 * it, bound by numpy's parameter names (`axis=`, `keepdims=`, `ddof=`, ...).
 */
import {
  all,
  any,
  argmax,
  argmin,
  astype,
  clip,
  cumsum,
  type DType,
  max,
  mean,
  min,
  type NDArray,
  prod,
  round,
  std,
  sum,
  variance,
} from "../../nd/mod.ts";
import {
  bindArgs,
  compileSignature,
  type KernelContext,
  makeBuiltin,
  makeMethod,
  type PyBuiltin,
  type PyValue,
  raise,
  type Signature,
} from "../../py/values.ts";
import { axisArg, flagArg, intArg, rejectOut, singleAxisArg, toNDArray, toOperand, wrap } from "./convert.ts";
import { dtypeArg } from "./types.ts";

/** Bound argument values in signature order (undefined when absent). */
export type Bound = readonly (PyValue | undefined)[];

/** A host function with numpy's parameter names (see `parseArgs` for the notation). */
export function fn(
  name: string,
  params: readonly string[],
  impl: (v: Bound, ctx: KernelContext) => PyValue,
): PyBuiltin {
  const sig = compileSignature(params);
  return makeBuiltin(name, (args, kwargs, ctx) => impl(bindArgs(name, sig, args, kwargs), ctx));
}

/**
 * A bound ndarray method with numpy's parameter names. `sig` is compiled once
 * (`compileSignature`) by the caller: a method object is made on every
 * attribute access, so parsing its parameter list there would repeat per call.
 */
export function method(
  self: NDArray,
  name: string,
  sig: Signature,
  impl: (a: NDArray, v: Bound, ctx: KernelContext) => PyValue,
): PyBuiltin {
  return makeMethod("numpy.ndarray", name, (args, kwargs, ctx) =>
    impl(self, bindArgs(name, sig, args, kwargs), ctx),
  );
}

/** An operation usable as `np.name(a, *params)` and `a.name(*params)`. */
export interface ArrayOp {
  /** Parameter names after the array. */
  readonly params: readonly string[];
  readonly run: (a: NDArray, v: Bound, ctx: KernelContext) => PyValue;
}

/** A reduction's `dtype=` argument applied to its input (numpy accumulates in that dtype). */
function withDType(a: NDArray, v: PyValue | undefined, ctx: KernelContext): NDArray {
  const dt: DType | undefined = dtypeArg(v, ctx);
  return dt === undefined || dt === a.dtype ? a : astype(a, dt);
}

function ddofArg(v: PyValue | undefined): number {
  if (v === undefined || v === null) return 0;
  return typeof v === "number" ? v : intArg(v);
}

function varOp(name: "var" | "std"): ArrayOp {
  return {
    params: ["axis?", "dtype?", "out?", "ddof?", "keepdims?"],
    run: (a, [axis, dtype, out, ddof, keepdims], ctx) => {
      rejectOut(name, out);
      const opts = { axis: axisArg(axis), ddof: ddofArg(ddof), keepdims: flagArg(keepdims, false) };
      const x = withDType(a, dtype, ctx);
      return wrap(name === "var" ? variance(x, opts) : std(x, opts));
    },
  };
}

function minmaxOp(name: string, f: typeof max): ArrayOp {
  return {
    params: ["axis?", "out?", "keepdims?"],
    run: (a, [axis, out, keepdims]) => {
      rejectOut(name, out);
      return wrap(f(a, { axis: axisArg(axis), keepdims: flagArg(keepdims, false) }));
    },
  };
}

function argOp(name: string, f: typeof argmax): ArrayOp {
  return {
    params: ["axis?", "out?", "*", "keepdims?"],
    run: (a, [axis, out, keepdims]) => {
      rejectOut(name, out);
      return wrap(f(a, singleAxisArg(axis), flagArg(keepdims, false)));
    },
  };
}

function boolOp(name: string, f: typeof any): ArrayOp {
  return {
    params: ["axis?", "out?", "keepdims?"],
    run: (a, [axis, out, keepdims]) => {
      rejectOut(name, out);
      return wrap(f(a, { axis: axisArg(axis), keepdims: flagArg(keepdims, false) }));
    },
  };
}

/** The decimals of `round`: an int (numpy rejects floats with a TypeError). */
function decimalsArg(v: PyValue | undefined): number {
  if (v === undefined || v === null) return 0;
  return intArg(v);
}

export const arrayOps = {
  sum: {
    params: ["axis?", "dtype?", "out?", "keepdims?"],
    run: (a, [axis, dtype, out, keepdims], ctx) => {
      rejectOut("sum", out);
      const dt = dtypeArg(dtype, ctx);
      return wrap(sum(a, { axis: axisArg(axis), keepdims: flagArg(keepdims, false) }, dt));
    },
  },
  prod: {
    params: ["axis?", "dtype?", "out?", "keepdims?"],
    run: (a, [axis, dtype, out, keepdims], ctx) => {
      rejectOut("prod", out);
      return wrap(
        prod(withDType(a, dtype, ctx), { axis: axisArg(axis), keepdims: flagArg(keepdims, false) }),
      );
    },
  },
  mean: {
    params: ["axis?", "dtype?", "out?", "keepdims?"],
    run: (a, [axis, dtype, out, keepdims], ctx) => {
      rejectOut("mean", out);
      return wrap(
        mean(withDType(a, dtype, ctx), { axis: axisArg(axis), keepdims: flagArg(keepdims, false) }),
      );
    },
  },
  var: varOp("var"),
  std: varOp("std"),
  min: minmaxOp("min", min),
  max: minmaxOp("max", max),
  argmax: argOp("argmax", argmax),
  argmin: argOp("argmin", argmin),
  any: boolOp("any", any),
  all: boolOp("all", all),
  cumsum: {
    params: ["axis?", "dtype?", "out?"],
    run: (a, [axis, dtype, out], ctx) => {
      rejectOut("cumsum", out);
      return cumsum(withDType(a, dtype, ctx), singleAxisArg(axis));
    },
  },
  round: {
    params: ["decimals?", "out?"],
    run: (a, [decimals, out]) => {
      rejectOut("round", out);
      return wrap(round(a, decimalsArg(decimals)));
    },
  },
} satisfies Record<string, ArrayOp>;

const opTable: ReadonlyMap<string, { op: ArrayOp; sig: Signature }> = new Map(
  Object.entries(arrayOps).map(([name, op]): [string, { op: ArrayOp; sig: Signature }] => [
    name,
    { op, sig: compileSignature(op.params) },
  ]),
);

/** The shared op named `name` (`sum`, `mean`, ...) with its compiled method signature, or undefined. */
export function lookupArrayOp(name: string): { op: ArrayOp; sig: Signature } | undefined {
  return opTable.get(name);
}

/** `np.clip` / `a.clip` once the bounds are known (None means unbounded). */
export function clipWith(a: NDArray, lo: PyValue | undefined, hi: PyValue | undefined): PyValue {
  const l = lo === undefined || lo === null ? null : toOperand(lo);
  const h = hi === undefined || hi === null ? null : toOperand(hi);
  return wrap(clip(a, l, h));
}

/** The `np.name(a, ...)` function of an array op: `a` is any array_like. */
export function opFunction(name: string, op: ArrayOp): PyBuiltin {
  return fn(name, ["a", ...op.params], (v, ctx) => {
    const a = v[0];
    if (a === undefined) return raise("TypeError", `${name}() missing 1 required positional argument: 'a'`);
    return op.run(toNDArray(a), v.slice(1), ctx);
  });
}
