/**
 * `numpy.random`: the legacy module-level functions (`seed`, `rand`, `randn`,
 * `random`, `uniform`, `normal`, `randint`, `choice`, ...) drawing from the
 * session's `RandomState` (a session slot, so two notebooks never share a
 * stream). Scalar draws (`size=None`) return Python floats/ints as numpy does.
 */
import { copyInto, getItem, NDArray, type Shape, astype, shapeSize } from "../../nd/mod.ts";
import {
  createRandomState,
  normal,
  type Param,
  permutationIndices,
  type RandomState,
  rand,
  randint,
  randn,
  randomSample,
  type SeedValue,
  seedState,
  standardNormal,
  uniform,
} from "../../nd/random.ts";
import {
  type KernelContext,
  makeBuiltin,
  makeModule,
  NpScalar,
  PyFloat,
  PyList,
  type PyModule,
  PyTuple,
  type PyValue,
  pyFloat,
  pyLen,
  raise,
  SlotKey,
  toIndex,
  typeName,
} from "../../py/values.ts";
import { intArg, numberArg, shapeArg, toNDArray, wrap } from "./convert.ts";
import { type Bound, fn as pyFn } from "./ops.ts";

/**
 * A RandomState method: Cython's "takes at most N positional arguments"
 * TypeError for extra positionals, then the usual keyword binding.
 */
function fn(name: string, params: readonly string[], impl: (v: Bound, ctx: KernelContext) => PyValue) {
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

/** The session's legacy RandomState, seeded from the clock until `np.random.seed`. */
export const randomStateKey = new SlotKey<RandomState>("numpy.random.state", () => createRandomState());

function stateOf(ctx: KernelContext): RandomState {
  return ctx.slot(randomStateKey);
}

/** A draw result: a Python float/int for a scalar draw, else the array. */
function drawResult(r: number | NDArray, integer = false): PyValue {
  if (r instanceof NDArray) return r;
  return integer ? r : pyFloat(r);
}

/** `size=`: None, an int, or a tuple of ints (numpy's TypeError for floats). */
function sizeArg(v: PyValue | undefined): Shape | null {
  if (v === undefined || v === null) return null;
  if (v instanceof PyFloat) {
    return raise("TypeError", `expected a sequence of integers or a single integer, got '${v.v}'`);
  }
  return shapeArg(v);
}

/** `rand(d0, d1, ...)` dimensions. */
function dimsArg(v: PyValue | undefined): number[] {
  if (!(v instanceof PyTuple)) return [];
  return v.items.map((d) => {
    if (d instanceof PyFloat) return raise("TypeError", "'float' object cannot be interpreted as an integer");
    return toIndex(d);
  });
}

/** A distribution parameter: a number, or an array_like broadcast against the others. */
function paramArg(v: PyValue | undefined, dflt: number, what: string): Param {
  if (v === undefined) return dflt;
  if (v instanceof PyList || v instanceof PyTuple || v instanceof NDArray) {
    const a = toNDArray(v);
    if (a.ndim === 0) return a.data[a.offset] ?? 0;
    return a.dtype === "float64" ? a : astype(a, "float64");
  }
  return numberArg(v, what);
}

/** An integer bound of `randint` (floats are truncated, as numpy's cast does). */
function boundArg(v: PyValue | undefined): Param | null {
  if (v === undefined || v === null) return null;
  if (v instanceof PyList || v instanceof PyTuple || v instanceof NDArray) {
    const a = toNDArray(v);
    return astype(a, "int64");
  }
  return Math.trunc(numberArg(v, "randint bound"));
}

function seedArg(v: PyValue | undefined): SeedValue {
  if (v === undefined || v === null) return null;
  if (v instanceof PyFloat || (v instanceof NpScalar && (v.dtype === "float64" || v.dtype === "float32"))) {
    return raise(
      "TypeError",
      "Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'",
    );
  }
  if (v instanceof PyList || v instanceof PyTuple || v instanceof NDArray) {
    return toNDArray(v).toFlatArray();
  }
  if (typeof v === "number" || typeof v === "boolean" || v instanceof NpScalar) return intArg(v);
  return raise("TypeError", `Cannot cast scalar from ${typeName(v)} to dtype('int64')`);
}

/** Rows of `a` (axis 0) reordered by the legacy shuffle permutation, as a new array. */
function permuteRows(state: RandomState, a: NDArray): NDArray {
  const n = a.shape[0] ?? 0;
  const perm = permutationIndices(state, n);
  return getItem(a, [NDArray.fromData("int64", Float64Array.from(perm), [n])]);
}

/** `choice(a, size=None, replace=True, p=None)` of legacy RandomState. */
function choice(
  ctx: KernelContext,
  aArg: PyValue,
  size: Shape | null,
  replace: boolean,
  pArg: PyValue | undefined,
): PyValue {
  const state = stateOf(ctx);
  let pool: NDArray | null = null;
  let popSize: number;
  if (typeof aArg === "number" || (aArg instanceof NpScalar && aArg.dtype === "int64")) {
    popSize = intArg(aArg);
    if (popSize < 0) return raise("ValueError", "a must be greater than 0 unless no samples are taken");
  } else {
    pool = toNDArray(aArg);
    if (pool.ndim !== 1) return raise("ValueError", "a must be 1-dimensional");
    popSize = pool.size;
  }
  const count = size === null ? 1 : shapeSize(size);
  if (popSize === 0 && count > 0) {
    return raise("ValueError", "a must be greater than 0 unless no samples are taken");
  }
  let p: number[] | null = null;
  if (pArg !== undefined && pArg !== null) {
    const pa = toNDArray(pArg);
    if (pa.ndim !== 1) return raise("ValueError", "p must be 1-dimensional");
    if (pa.size !== popSize) return raise("ValueError", "'a' and 'p' must have same size");
    p = pa.toFlatArray();
    if (p.some((x) => x < 0)) return raise("ValueError", "probabilities are not non-negative");
    const total = p.reduce((s, x) => s + x, 0);
    if (Math.abs(total - 1) > Math.sqrt(Number.EPSILON)) {
      return raise("ValueError", "probabilities do not sum to 1");
    }
  }
  let idx: number[];
  if (replace) {
    if (p === null) {
      const r = randint(state, 0, popSize, [count]);
      idx = r instanceof NDArray ? r.toFlatArray() : [r];
    } else {
      const cdf: number[] = [];
      let acc = 0;
      for (const x of p) {
        acc += x;
        cdf.push(acc);
      }
      const last = cdf[cdf.length - 1] ?? 1;
      for (let i = 0; i < cdf.length; i++) cdf[i] = (cdf[i] ?? 0) / last;
      const u = randomSample(state, [count]);
      const us = u instanceof NDArray ? u.toFlatArray() : [u];
      // searchsorted(side="right"): the first index whose cdf exceeds the sample.
      idx = us.map((x) => {
        let lo = 0;
        let hi = cdf.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((cdf[mid] ?? 0) <= x) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      });
    }
  } else {
    if (count > popSize) {
      return raise("ValueError", "Cannot take a larger sample than population when 'replace=False'");
    }
    if (p !== null) {
      return raise("NotImplementedError", "choice(replace=False, p=...) is not supported in this notebook");
    }
    idx = permutationIndices(state, popSize).slice(0, count);
  }
  const idxArray = NDArray.fromData("int64", Float64Array.from(idx), size ?? []);
  if (pool === null) return size === null ? (idx[0] ?? 0) : idxArray;
  if (size === null) return wrap(getItem(pool, [idx[0] ?? 0]));
  return getItem(pool, [idxArray]);
}

/** The `numpy.random` module (factory; the state is the session's slot). */
export function randomModule(_ctx: KernelContext): PyModule {
  const sized = (name: string, draw: (s: RandomState, size: Shape | null) => number | NDArray) =>
    fn(name, ["size?"], ([size], ctx) => drawResult(draw(stateOf(ctx), sizeArg(size))));
  return makeModule("numpy.random", {
    seed: fn("seed", ["seed?"], ([seed], ctx) => {
      seedState(stateOf(ctx), seedArg(seed));
      return null;
    }),
    rand: fn("rand", ["*dims"], ([dims], ctx) => drawResult(rand(stateOf(ctx), dimsArg(dims)))),
    randn: fn("randn", ["*dims"], ([dims], ctx) => drawResult(randn(stateOf(ctx), dimsArg(dims)))),
    random: sized("random", randomSample),
    random_sample: sized("random_sample", randomSample),
    sample: sized("sample", randomSample),
    ranf: sized("ranf", randomSample),
    standard_normal: sized("standard_normal", standardNormal),
    uniform: fn("uniform", ["low?", "high?", "size?"], ([low, high, size], ctx) =>
      drawResult(uniform(stateOf(ctx), paramArg(low, 0, "low"), paramArg(high, 1, "high"), sizeArg(size))),
    ),
    normal: fn("normal", ["loc?", "scale?", "size?"], ([loc, scale, size], ctx) =>
      drawResult(normal(stateOf(ctx), paramArg(loc, 0, "loc"), paramArg(scale, 1, "scale"), sizeArg(size))),
    ),
    randint: fn("randint", ["low", "high?", "size?", "dtype?"], ([low, high, size], ctx) => {
      const lo = boundArg(low);
      if (lo === null) return raise("TypeError", "randint() low must be an integer, not None");
      return drawResult(randint(stateOf(ctx), lo, boundArg(high), sizeArg(size)), true);
    }),
    choice: fn("choice", ["a", "size?", "replace?", "p?"], ([a, size, replace, p], ctx) =>
      choice(
        ctx,
        a ?? null,
        sizeArg(size),
        replace === undefined ? true : replace !== false && replace !== 0,
        p,
      ),
    ),
    permutation: fn("permutation", ["x"], ([x], ctx) => {
      const state = stateOf(ctx);
      if (typeof x === "number" || (x instanceof NpScalar && x.dtype === "int64")) {
        const n = intArg(x);
        return NDArray.fromData("int64", Float64Array.from(permutationIndices(state, n)), [n]);
      }
      const a = toNDArray(x ?? null);
      if (a.ndim === 0) return raise("IndexError", "x must be an integer or at least 1-dimensional");
      return permuteRows(state, a);
    }),
    shuffle: fn("shuffle", ["x"], ([x], ctx) => {
      if (!(x instanceof NDArray)) {
        if (x instanceof PyList) {
          const perm = permutationIndices(stateOf(ctx), x.items.length);
          const old = x.items.slice();
          x.items = perm.map((i) => old[i] ?? null);
          return null;
        }
        pyLen(x ?? null, ctx);
        return raise(
          "TypeError",
          `shuffle() of a '${typeName(x ?? null)}' is not supported in this notebook`,
        );
      }
      if (x.ndim === 0) return raise("TypeError", "len() of unsized object");
      copyInto(x, permuteRows(stateOf(ctx), x));
      return null;
    }),
  });
}
