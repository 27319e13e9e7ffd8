/**
 * Argument conversion shared by `RandomState` and `Generator` methods:
 * Cython's positional-count check, `size=`, distribution parameters and
 * scalar results.
 */
import { astype, NDArray, type Shape } from "../../nd/mod.ts";
import type { Param } from "../../nd/random-params.ts";
import {
  type KernelContext,
  makeBuiltin,
  PyFloat,
  PyList,
  PyTuple,
  type PyValue,
  pyFloat,
  raise,
  toIndex,
} from "../../py/values.ts";
import { numberArg, shapeArg, toNDArray } from "./convert.ts";
import { type Bound, fn as pyFn } from "./ops.ts";

/**
 * A RandomState/Generator method: Cython's "takes at most N positional arguments"
 * TypeError for extra positionals, then the usual keyword binding.
 */
export function fn(name: string, params: readonly string[], impl: (v: Bound, ctx: KernelContext) => PyValue) {
  const bound = pyFn(name, params, impl);
  const varargs = params.some((p) => p.startsWith("*") && p !== "*" && !p.startsWith("**"));
  const star = params.indexOf("*");
  const max = star < 0 ? params.filter((p) => !p.startsWith("**")).length : star;
  return makeBuiltin(name, (args, kwargs, ctx) => {
    if (!varargs && args.length > max) {
      const what = `positional argument${max === 1 ? "" : "s"}`;
      raise("TypeError", `${name}() takes at most ${max} ${what} (${args.length} given)`);
    }
    return bound.impl(args, kwargs, ctx);
  });
}

/** A draw result: a Python float/int for a scalar draw, else the array. */
export function drawResult(r: number | NDArray, integer = false): PyValue {
  if (r instanceof NDArray) return r;
  return integer ? r : pyFloat(r);
}

/** `size=`: None, an int, or a tuple of ints (numpy's TypeError for floats). */
export function sizeArg(v: PyValue | undefined): Shape | null {
  if (v === undefined || v === null) return null;
  if (v instanceof PyFloat) {
    return raise("TypeError", `expected a sequence of integers or a single integer, got '${v.v}'`);
  }
  return shapeArg(v);
}

/** `rand(d0, d1, ...)` dimensions. */
export function dimsArg(v: PyValue | undefined): number[] {
  if (!(v instanceof PyTuple)) return [];
  return v.items.map((d) => {
    if (d instanceof PyFloat) return raise("TypeError", "'float' object cannot be interpreted as an integer");
    return toIndex(d);
  });
}

/** A distribution parameter: a number, or an array_like broadcast against the others. */
export function paramArg(v: PyValue | undefined, dflt: number, what: string): Param {
  if (v === undefined) return dflt;
  if (v instanceof PyList || v instanceof PyTuple || v instanceof NDArray) {
    const a = toNDArray(v);
    if (a.ndim === 0) return a.data[a.offset] ?? 0;
    return a.dtype === "float64" ? a : astype(a, "float64");
  }
  return numberArg(v, what);
}

/** An integer bound of `randint` (floats are truncated, as numpy's cast does). */
export function boundArg(v: PyValue | undefined): Param | null {
  if (v === undefined || v === null) return null;
  if (v instanceof PyList || v instanceof PyTuple || v instanceof NDArray) {
    const a = toNDArray(v);
    return astype(a, "int64");
  }
  return Math.trunc(numberArg(v, "randint bound"));
}
