/**
 * `np.random.default_rng(seed)` and its `Generator` (on PCG64, seeded by
 * SeedSequence): `random`, `standard_normal`, `normal`, `uniform`,
 * `integers`, `binomial`, `choice`, `shuffle` and `permutation`, each
 * drawing numpy 2.4's stream for the same seed (see nd/generator.ts).
 */
import {
  genIntegers,
  genNormal,
  genPermutation,
  genRandom,
  genUniform,
  intRange,
  sampleWithoutReplacement,
  sampleWithReplacement,
} from "../../nd/generator.ts";
import { copyInto, getItem, NDArray, type Shape, shapeSize, shapeText } from "../../nd/mod.ts";
import { createPcg64, type Pcg64 } from "../../nd/pcg64.ts";
import { binomialDraw } from "../../nd/random-binomial.ts";
import { anyOf, cont2 } from "../../nd/random-params.ts";
import type { Entropy } from "../../nd/seedseq.ts";
import {
  type KernelContext,
  NpScalar,
  type PyBuiltin,
  PyFloat,
  PyList,
  PyObject,
  PyTuple,
  PyType,
  type PyValue,
  pyLen,
  pyRepr,
  raise,
  typeName,
} from "../../py/values.ts";
import { toNDArray, wrap } from "./convert.ts";
import type { Bound } from "./ops.ts";
import { drawResult, fn, paramArg, sizeArg } from "./random-args.ts";
import { DTypeObject } from "./types.ts";

const mismatchText = (s: readonly Shape[], i: number, j: number) =>
  `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${i} with shape ${shapeText(s[i] ?? [], ", ")} and arg ${j} with shape ${shapeText(s[j] ?? [], ", ")}.`;

/** A Python int (number, bigint, bool, np.int64) or a float truncated, as numpy's cast does. */
function intBound(v: PyValue, what: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  const x =
    typeof v === "number" ? v : v instanceof PyFloat ? v.v : v instanceof NpScalar ? v.value : Number.NaN;
  if (typeof v !== "number" && !(v instanceof PyFloat) && !(v instanceof NpScalar)) {
    return raise("TypeError", `${what} must be an integer or an array of integers, not '${typeName(v)}'`);
  }
  if (!Number.isFinite(x)) return raise("OverflowError", "cannot convert float infinity to integer");
  return BigInt(Math.trunc(x));
}

/** `default_rng(seed)` entropy: an int or a (nested) sequence of ints, with SeedSequence's errors. */
function entropyArg(v: PyValue, ctx: KernelContext, top = true): Entropy {
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return intBound(v, "seed");
  if (v instanceof NpScalar) {
    if (v.dtype === "int64" || v.dtype === "bool") return BigInt(v.value);
  } else if (v instanceof PyList || v instanceof PyTuple) {
    return v.items.map((x) => entropyArg(x, ctx, false));
  } else if (v instanceof NDArray) {
    if (v.dtype !== "int64" && v.dtype !== "bool") return raise("TypeError", "seed must be integer");
    return v.toFlatArray().map((x) => BigInt(x));
  }
  if (!top) return raise("TypeError", "seed must be integer");
  const shown = typeof v === "string" ? v : pyRepr(v, ctx);
  return raise("TypeError", `SeedSequence expects int or sequence of ints for entropy not ${shown}`);
}

/** Fresh entropy for `default_rng()` (128 bits, as numpy's `randbits(128)`). */
function osEntropy(): Entropy {
  const words = new Uint32Array(4);
  globalThis.crypto.getRandomValues(words);
  return Array.from(words, (w) => BigInt(w));
}

/** `choice`'s `p`, validated in numpy's order and wording. */
function probabilities(pArg: PyValue, pop: number): number[] {
  const pa = toNDArray(pArg);
  if (pa.ndim !== 1) return raise("ValueError", "p must be 1-dimensional");
  if (pa.size !== pop) return raise("ValueError", "a and p must have same size");
  const p = pa.toFlatArray();
  // numpy sums p with Kahan's compensated sum
  let sum = 0;
  let comp = 0;
  for (const x of p) {
    const y = x - comp;
    const t = sum + y;
    comp = t - sum - y;
    sum = t;
  }
  if (Number.isNaN(sum)) return raise("ValueError", "Probabilities contain NaN");
  if (p.some((x) => x < 0)) return raise("ValueError", "Probabilities are not non-negative");
  if (Math.abs(sum - 1) > Math.sqrt(2.220446049250313e-16)) {
    return raise(
      "ValueError",
      "Probabilities do not sum to 1. See Notes section of docstring for more information.",
    );
  }
  return p;
}

/** `cdf.searchsorted(u, side="right")` for the normalised cumulative sum of `p`. */
export function searchCdf(p: readonly number[], us: readonly number[]): number[] {
  const cdf: number[] = [];
  let acc = 0;
  for (const x of p) {
    acc += x;
    cdf.push(acc);
  }
  const last = cdf[cdf.length - 1] ?? 1;
  for (let i = 0; i < cdf.length; i++) cdf[i] = (cdf[i] ?? 0) / last;
  return us.map((x) => {
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

/**
 * numpy's `choice(replace=False, p=...)` loop (RandomState's and
 * Generator's): draw the missing count, zero the p of those found, keep each
 * index's first occurrence, until `count` distinct indices are found.
 */
export function uniqueByP(p: readonly number[], count: number, draw: (k: number) => number[]): number[] {
  if (p.filter((x) => x > 0).length < count)
    return raise("ValueError", "Fewer non-zero entries in p than size");
  const q = p.slice();
  const idx: number[] = [];
  while (idx.length < count) {
    const us = draw(count - idx.length);
    for (const k of idx) q[k] = 0;
    const seen = new Set<number>();
    for (const k of searchCdf(q, us)) {
      if (!seen.has(k)) {
        seen.add(k);
        idx.push(k);
      }
    }
  }
  return idx;
}

function uniforms(g: Pcg64, n: number): number[] {
  return Array.from({ length: n }, () => g.nextDouble());
}

/** `Generator.choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)` (axis 0 only). */
function choice(
  g: Pcg64,
  a: PyValue,
  size: Shape | null,
  replace: boolean,
  pArg: PyValue,
  shuffle: boolean,
): PyValue {
  let pool: NDArray | null = null;
  let pop: number;
  if (typeof a === "number" || (a instanceof NpScalar && a.dtype === "int64")) {
    pop = typeof a === "number" ? a : a.value;
    if (pop <= 0 && (size === null || shapeSize(size) !== 0)) {
      return raise("ValueError", "a must be a positive integer unless no samples are taken");
    }
  } else {
    pool = toNDArray(a);
    if (pool.ndim === 0) return raise("ValueError", "a must be a sequence or an integer, not <class 'int'>");
    pop = pool.shape[0] ?? 0;
    if (pop === 0 && (size === null || shapeSize(size) !== 0)) {
      return raise("ValueError", "a cannot be empty unless no samples are taken");
    }
  }
  const p = pArg === null ? null : probabilities(pArg, pop);
  const count = size === null ? 1 : shapeSize(size);
  let idx: number[];
  if (replace) {
    idx = p === null ? sampleWithReplacement(g, pop, count) : searchCdf(p, uniforms(g, count));
  } else {
    if (count > pop) {
      return raise("ValueError", "Cannot take a larger sample than population when replace is False");
    }
    if (p !== null) {
      if (p.filter((x) => x > 0).length < count)
        return raise("ValueError", "Fewer non-zero entries in p than size");
      idx = uniqueByP(p, count, (k) => uniforms(g, k));
    } else {
      idx = sampleWithoutReplacement(g, pop, count, shuffle);
    }
  }
  if (pool === null && size === null) return idx[0] ?? 0;
  const idxArray = NDArray.fromData("int64", Float64Array.from(idx), size ?? []);
  if (pool === null) return idxArray;
  if (size === null) {
    const r = getItem(pool, [idx[0] ?? 0]);
    return r instanceof NDArray ? wrap(r) : r;
  }
  return getItem(pool, [idxArray]);
}

/** Rows of `a` in the order `Generator.shuffle` gives them. */
function permuteRows(g: Pcg64, a: NDArray): NDArray {
  const n = a.shape[0] ?? 0;
  const perm = genPermutation(g, n);
  return getItem(a, [NDArray.fromData("int64", Float64Array.from(perm), [n])]);
}

function shuffle(g: Pcg64, x: PyValue, ctx: KernelContext): PyValue {
  if (x instanceof NDArray) {
    if (x.ndim === 0) return raise("TypeError", "len() of unsized object");
    copyInto(x, permuteRows(g, x));
    return null;
  }
  if (x instanceof PyList) {
    const perm = genPermutation(g, x.items.length);
    const old = x.items.slice();
    x.items = perm.map((i) => old[i] ?? null);
    return null;
  }
  pyLen(x, ctx);
  return raise("TypeError", `shuffle() of a '${typeName(x)}' is not supported in this notebook`);
}

function permutation(g: Pcg64, x: PyValue): PyValue {
  if (typeof x === "number" || (x instanceof NpScalar && x.dtype === "int64")) {
    const perm = genPermutation(g, typeof x === "number" ? x : x.value);
    return NDArray.fromData("int64", Float64Array.from(perm), [perm.length]);
  }
  const a = toNDArray(x);
  if (a.ndim === 0) return raise("AxisError", "axis 0 is out of bounds for array of dimension 0");
  return permuteRows(g, a);
}

function integers(g: Pcg64, v: Bound): PyValue {
  const [lowArg, highArg, sizeV, dtype, endpointArg] = v;
  if (dtype !== undefined && dtype !== null && !isInt64DType(dtype)) {
    return raise("NotImplementedError", "integers() supports dtype=np.int64 only in this notebook");
  }
  const endpoint = endpointArg === true || (typeof endpointArg === "number" && endpointArg !== 0);
  const size = sizeArg(sizeV);
  const low = lowArg ?? null;
  const high = highArg === undefined || highArg === null ? null : highArg;
  const arrayLike = (a: PyValue) => a instanceof NDArray || a instanceof PyList || a instanceof PyTuple;
  if ((low !== null && arrayLike(low)) || (high !== null && arrayLike(high))) {
    const lo = high === null ? 0 : toIntParam(low);
    const hi = toIntParam(high ?? low);
    return cont2(
      lo,
      hi,
      size,
      (l, h) => {
        const [off, rng] = intRange(BigInt(l), BigInt(h), endpoint);
        return Number(genIntegers(g, off, rng, null));
      },
      mismatchText,
      "int64",
    );
  }
  if (low === null) return raise("TypeError", "integers() low must be an integer, not None");
  const [off, rng] =
    high === null
      ? intRange(0n, intBound(low, "low"), endpoint)
      : intRange(intBound(low, "low"), intBound(high, "high"), endpoint);
  const r = genIntegers(g, off, rng, size);
  return r instanceof NDArray ? r : new NpScalar("int64", Number(r));
}

function isInt64DType(d: PyValue): boolean {
  if (d instanceof PyType) return d.name === "int" || d.name === "int64";
  if (typeof d === "string") return d === "int64" || d === "int" || d === "i8";
  return d instanceof DTypeObject && d.dtype === "int64";
}

function toIntParam(v: PyValue): number | NDArray {
  const a = toNDArray(v);
  return a.ndim === 0 ? Math.trunc(a.data[a.offset] ?? 0) : a;
}

/** Parameters this notebook does not support raise rather than being ignored. */
function unsupported(
  method: string,
  what: string,
  v: PyValue | undefined,
  ok: (v: PyValue) => boolean,
): void {
  if (v !== undefined && !ok(v))
    raise("NotImplementedError", `${method}(${what}) is not supported in this notebook`);
}

const isZero = (v: PyValue) => v === 0 || v === false;
const isNone = (v: PyValue) => v === null;
const isFloat64 = (v: PyValue) =>
  v === null ||
  (v instanceof PyType && (v.name === "float" || v.name === "float64")) ||
  v === "float64" ||
  (v instanceof DTypeObject && v.dtype === "float64");

interface GenMethod {
  readonly params: readonly string[];
  readonly impl: (g: Pcg64, v: Bound, ctx: KernelContext) => PyValue;
}

const GENERATOR: Readonly<Record<string, GenMethod>> = {
  random: {
    params: ["size?", "dtype?", "out?"],
    impl: (g, [size, dtype, out]) => {
      unsupported("random", "dtype=...", dtype, isFloat64);
      unsupported("random", "out=...", out, isNone);
      return drawResult(genRandom(g, sizeArg(size)));
    },
  },
  standard_normal: {
    params: ["size?", "dtype?", "out?"],
    impl: (g, [size, dtype, out]) => {
      unsupported("standard_normal", "dtype=...", dtype, isFloat64);
      unsupported("standard_normal", "out=...", out, isNone);
      return drawResult(genNormal(g, 0, 1, sizeArg(size)));
    },
  },
  normal: {
    params: ["loc?", "scale?", "size?"],
    impl: (g, [loc, scale, size]) =>
      drawResult(genNormal(g, paramArg(loc, 0, "loc"), paramArg(scale, 1, "scale"), sizeArg(size))),
  },
  uniform: {
    params: ["low?", "high?", "size?"],
    impl: (g, [low, high, size]) =>
      drawResult(genUniform(g, paramArg(low, 0, "low"), paramArg(high, 1, "high"), sizeArg(size))),
  },
  integers: { params: ["low", "high?", "size?", "dtype?", "endpoint?"], impl: integers },
  binomial: {
    params: ["n", "p", "size?"],
    impl: (g, [n, p, size]) => {
      const pp = paramArg(p, 0, "p");
      const nn = paramArg(n, 0, "n");
      if (anyOf(pp, (x) => !(x >= 0 && x <= 1))) return raise("ValueError", "p < 0, p > 1 or p is NaN");
      if (anyOf(nn, (x) => x < 0)) return raise("ValueError", "n < 0");
      const next = () => g.nextDouble();
      const r = cont2(
        pp,
        nn,
        sizeArg(size),
        (pv, nv) => binomialDraw(next, Math.trunc(nv), pv),
        mismatchText,
        "int64",
      );
      // numpy returns a Python int for a scalar draw
      return r;
    },
  },
  choice: {
    params: ["a", "size?", "replace?", "p?", "axis?", "shuffle?"],
    impl: (g, [a, size, replace, p, axis, sh]) => {
      unsupported("choice", "axis != 0", axis, isZero);
      const withReplace = replace !== false && replace !== 0;
      return choice(g, a ?? null, sizeArg(size), withReplace, p ?? null, sh !== false && sh !== 0);
    },
  },
  shuffle: {
    params: ["x", "axis?"],
    impl: (g, [x, axis], ctx) => {
      unsupported("shuffle", "axis != 0", axis, isZero);
      return shuffle(g, x ?? null, ctx);
    },
  },
  permutation: {
    params: ["x", "axis?"],
    impl: (g, [x, axis]) => {
      unsupported("permutation", "axis != 0", axis, isZero);
      return permutation(g, x ?? null);
    },
  },
};

let nextObjectId = 0x7f3a_2e00_0000;

/** A `Generator(PCG64)` object. */
export class GeneratorObj extends PyObject {
  /** As CPython names the extension type in messages. */
  readonly typeName = "numpy.random._generator.Generator";
  private readonly methods = new Map<string, PyBuiltin>();
  private readonly id: number;
  constructor(readonly bitgen: Pcg64) {
    super();
    nextObjectId += 0x40;
    this.id = nextObjectId;
  }
  override getattr(name: string): PyValue | undefined {
    const cached = this.methods.get(name);
    if (cached !== undefined) return cached;
    const m = Object.hasOwn(GENERATOR, name) ? GENERATOR[name] : undefined;
    if (m === undefined) return undefined;
    const b = fn(name, m.params, (v, ctx) => m.impl(this.bitgen, v, ctx));
    this.methods.set(name, b);
    return b;
  }
  override repr(): string {
    return `Generator(PCG64) at 0x${this.id.toString(16).toUpperCase()}`;
  }
}

/** `default_rng` and the `Generator` class for the `numpy.random` module. */
export function generatorAttrs(): Record<string, PyValue> {
  const defaultRng = fn("default_rng", ["seed?"], ([seed], ctx) => {
    if (seed instanceof GeneratorObj) return seed;
    const entropy = seed === undefined || seed === null ? osEntropy() : entropyArg(seed, ctx);
    return new GeneratorObj(createPcg64(entropy));
  });
  return {
    default_rng: defaultRng,
    Generator: new PyType("Generator", (v) => v instanceof GeneratorObj, null, "numpy.random._generator"),
  };
}
