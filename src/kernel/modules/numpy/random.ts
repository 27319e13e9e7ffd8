/**
 * `numpy.random`: `RandomState` objects and the legacy module-level functions
 * (`seed`, `rand`, `randn`, `random`, `uniform`, `normal`, `randint`,
 * `binomial`, `choice`, `shuffle`, `permutation`), which are the methods of a
 * hidden global RandomState (a session slot, so two notebooks never share a
 * stream). Scalar draws (`size=None`) return Python floats/ints as numpy does.
 * `default_rng` and the Generator live in random-generator.ts.
 */
import { copyInto, getItem, NDArray, type Shape, shapeSize } from "../../nd/mod.ts";
import {
  binomial,
  createRandomState,
  normal,
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
  makeModule,
  NpScalar,
  type PyBuiltin,
  PyFloat,
  PyList,
  type PyModule,
  PyObject,
  PyTuple,
  PyType,
  type PyValue,
  pyLen,
  raise,
  SlotKey,
  typeName,
} from "../../py/values.ts";
import { intArg, toNDArray, wrap } from "./convert.ts";
import type { Bound } from "./ops.ts";
import { generatorAttrs, searchCdf, uniqueByP } from "./random-generator.ts";
import { boundArg, dimsArg, drawResult, fn, paramArg, sizeArg } from "./random-args.ts";

/** The session's legacy RandomState, seeded from the clock until `np.random.seed`. */
export const randomStateKey = new SlotKey<RandomState>("numpy.random.state", () => createRandomState());

function stateOf(ctx: KernelContext): RandomState {
  return ctx.slot(randomStateKey);
}

const castScalarError = (from: string) =>
  raise("TypeError", `Cannot cast scalar from ${from} to dtype('int64') according to the rule 'safe'`);

/**
 * numpy's `_legacy_seeding`: an array is squeezed first, so `np.array([42])`
 * seeds as `42` does (init_genrand); any other sequence seeds by init_by_array.
 */
function seedArg(v: PyValue | undefined): SeedValue {
  if (v === undefined || v === null) return null;
  if (v instanceof PyFloat || (v instanceof NpScalar && (v.dtype === "float64" || v.dtype === "float32"))) {
    return castScalarError("dtype('float64')");
  }
  if (v instanceof NDArray && v.size === 1 && v.ndim > 0) {
    // `seed.squeeze()` is a 0-d array, which operator.index takes when it is integral
    const x = v.data[v.offset] ?? 0;
    if (v.dtype === "int64" || v.dtype === "bool") return x;
    return castScalarError(`dtype('${v.dtype}')`);
  }
  if (v instanceof PyList || v instanceof PyTuple || v instanceof NDArray) {
    const a = toNDArray(v);
    if (a.size === 0) return raise("ValueError", "Seed must be non-empty");
    if (a.dtype !== "int64" && a.dtype !== "bool") {
      return raise(
        "TypeError",
        a.ndim === 0
          ? `Cannot cast scalar from dtype('${a.dtype}') to dtype('int64') according to the rule 'safe'`
          : `Cannot cast array data from dtype('${a.dtype}') to dtype('int64') according to the rule 'safe'`,
      );
    }
    if (a.ndim === 0) return a.data[a.offset] ?? 0;
    if (a.ndim !== 1) return raise("ValueError", "Seed array must be 1-d");
    return a.toFlatArray();
  }
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean" || v instanceof NpScalar) {
    return typeof v === "bigint" ? v : intArg(v);
  }
  if (typeof v === "string") return castScalarError(`dtype('<U${Math.max(1, v.length)}')`);
  return castScalarError(typeName(v));
}

/** Rows of `a` (axis 0) reordered by the legacy shuffle permutation, as a new array. */
function permuteRows(state: RandomState, a: NDArray): NDArray {
  const n = a.shape[0] ?? 0;
  const perm = permutationIndices(state, n);
  return getItem(a, [NDArray.fromData("int64", Float64Array.from(perm), [n])]);
}

/** `choice(a, size=None, replace=True, p=None)` of legacy RandomState. */
function choice(
  state: RandomState,
  aArg: PyValue,
  size: Shape | null,
  replace: boolean,
  pArg: PyValue | undefined,
): PyValue {
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
      const u = randomSample(state, [count]);
      idx = searchCdf(p, u instanceof NDArray ? u.toFlatArray() : [u]);
    }
  } else {
    if (count > popSize) {
      return raise("ValueError", "Cannot take a larger sample than population when 'replace=False'");
    }
    if (p !== null) {
      idx = uniqueByP(p, count, (k) => {
        const u = randomSample(state, [k]);
        return u instanceof NDArray ? u.toFlatArray() : [u];
      });
    } else {
      idx = permutationIndices(state, popSize).slice(0, count);
    }
  }
  const idxArray = NDArray.fromData("int64", Float64Array.from(idx), size ?? []);
  if (pool === null) return size === null ? (idx[0] ?? 0) : idxArray;
  if (size === null) return wrap(getItem(pool, [idx[0] ?? 0]));
  return getItem(pool, [idxArray]);
}

/** A method of RandomState: parameter names as numpy's, drawing from `state`. */
interface LegacyMethod {
  readonly params: readonly string[];
  readonly impl: (state: RandomState, v: Bound, ctx: KernelContext) => PyValue;
}

const sized = (draw: (s: RandomState, size: Shape | null) => number | NDArray): LegacyMethod => ({
  params: ["size?"],
  impl: (state, [size]) => drawResult(draw(state, sizeArg(size))),
});

/** Legacy `permutation(x)`: a permuted `arange(x)` for an int, else a permuted copy along axis 0. */
function permutation(state: RandomState, x: PyValue): PyValue {
  if (typeof x === "number" || (x instanceof NpScalar && x.dtype === "int64")) {
    const perm = permutationIndices(state, intArg(x));
    return NDArray.fromData("int64", Float64Array.from(perm), [perm.length]);
  }
  const a = toNDArray(x);
  if (a.ndim === 0) return raise("IndexError", "x must be an integer or at least 1-dimensional");
  return permuteRows(state, a);
}

/** Legacy `shuffle(x)`: permutes a list or an array's axis 0 in place. */
function shuffle(state: RandomState, x: PyValue, ctx: KernelContext): PyValue {
  if (!(x instanceof NDArray)) {
    if (x instanceof PyList) {
      const perm = permutationIndices(state, x.items.length);
      const old = x.items.slice();
      x.items = perm.map((i) => old[i] ?? null);
      return null;
    }
    pyLen(x, ctx);
    return raise("TypeError", `shuffle() of a '${typeName(x)}' is not supported in this notebook`);
  }
  if (x.ndim === 0) return raise("TypeError", "len() of unsized object");
  copyInto(x, permuteRows(state, x));
  return null;
}

/** Every RandomState method; the `numpy.random` functions are these on the hidden global instance. */
const LEGACY: Readonly<Record<string, LegacyMethod>> = {
  seed: {
    params: ["seed?"],
    impl: (state, [seed]) => {
      seedState(state, seedArg(seed));
      return null;
    },
  },
  rand: { params: ["*dims"], impl: (state, [dims]) => drawResult(rand(state, dimsArg(dims))) },
  randn: { params: ["*dims"], impl: (state, [dims]) => drawResult(randn(state, dimsArg(dims))) },
  random: sized(randomSample),
  random_sample: sized(randomSample),
  sample: sized(randomSample),
  ranf: sized(randomSample),
  standard_normal: sized(standardNormal),
  uniform: {
    params: ["low?", "high?", "size?"],
    impl: (state, [low, high, size]) =>
      drawResult(uniform(state, paramArg(low, 0, "low"), paramArg(high, 1, "high"), sizeArg(size))),
  },
  normal: {
    params: ["loc?", "scale?", "size?"],
    impl: (state, [loc, scale, size]) =>
      drawResult(normal(state, paramArg(loc, 0, "loc"), paramArg(scale, 1, "scale"), sizeArg(size))),
  },
  randint: {
    params: ["low", "high?", "size?", "dtype?"],
    impl: (state, [low, high, size]) => {
      const lo = boundArg(low);
      if (lo === null) return raise("TypeError", "randint() low must be an integer, not None");
      return drawResult(randint(state, lo, boundArg(high), sizeArg(size)), true);
    },
  },
  binomial: {
    params: ["n", "p", "size?"],
    impl: (state, [n, p, size]) =>
      drawResult(binomial(state, paramArg(n, 0, "n"), paramArg(p, 0, "p"), sizeArg(size)), true),
  },
  choice: {
    params: ["a", "size?", "replace?", "p?"],
    impl: (state, [a, size, replace, p]) =>
      choice(
        state,
        a ?? null,
        sizeArg(size),
        replace === undefined ? true : replace !== false && replace !== 0,
        p,
      ),
  },
  permutation: { params: ["x"], impl: (state, [x]) => permutation(state, x ?? null) },
  shuffle: { params: ["x"], impl: (state, [x], ctx) => shuffle(state, x ?? null, ctx) },
};

/** `LEGACY[name]` as a builtin drawing from `state` (a function of the state, read at call time). */
function legacyBuiltin(name: string, m: LegacyMethod, state: (ctx: KernelContext) => RandomState) {
  return fn(name, m.params, (v, ctx) => m.impl(state(ctx), v, ctx));
}

let nextObjectId = 0x7f3a_1c00_0000;

/** A `np.random.RandomState(seed)` object: its own MT19937 stream and gaussian cache. */
export class RandomStateObj extends PyObject {
  /** As CPython names the extension type in messages (`type(x).__name__` would be "RandomState"). */
  readonly typeName = "numpy.random.mtrand.RandomState";
  private readonly methods = new Map<string, PyBuiltin>();
  private readonly id: number;
  constructor(readonly state: RandomState) {
    super();
    nextObjectId += 0x40;
    this.id = nextObjectId;
  }
  override getattr(name: string): PyValue | undefined {
    const cached = this.methods.get(name);
    if (cached !== undefined) return cached;
    const m = Object.hasOwn(LEGACY, name) ? LEGACY[name] : undefined;
    if (m === undefined) return undefined;
    const b = legacyBuiltin(name, m, () => this.state);
    this.methods.set(name, b);
    return b;
  }
  override repr(): string {
    return `RandomState(MT19937) at 0x${this.id.toString(16).toUpperCase()}`;
  }
}

const randomStateSig = ["seed?"];

/** `np.random.RandomState`: the class; calling it seeds a new state. */
function randomStateType(): PyType {
  const make = fn(
    "RandomState",
    randomStateSig,
    ([seed]) => new RandomStateObj(createRandomState(seedArg(seed))),
  );
  return new PyType(
    "RandomState",
    (v) => v instanceof RandomStateObj,
    (args, kwargs, ctx) => make.impl(args, kwargs, ctx),
    "numpy.random.mtrand",
  );
}

/** The `numpy.random` module (factory; the global state is the session's slot). */
export function randomModule(_ctx: KernelContext): PyModule {
  const attrs: Record<string, PyValue> = {};
  for (const [name, m] of Object.entries(LEGACY)) attrs[name] = legacyBuiltin(name, m, stateOf);
  attrs.RandomState = randomStateType();
  Object.assign(attrs, generatorAttrs());
  return makeModule("numpy.random", attrs);
}
