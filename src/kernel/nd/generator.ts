/**
 * The draws of numpy's `Generator` on a PCG64 state: `random`, the ziggurat
 * `standard_normal`/`normal`, `uniform`, bounded integers by Lemire's
 * multiply-and-reject (numpy's default, `use_masked=False`), and the index
 * shuffles of `shuffle`/`permutation` (masked `random_interval`) and
 * `choice` (Lemire, Floyd's sampling with numpy's hash set, tail shuffle).
 * Each consumes the generator's words exactly as numpy 2.4 does.
 */
import { NdError } from "./errors.ts";
import { allocate, NDArray, type Shape } from "./ndarray.ts";
import type { Pcg64 } from "./pcg64.ts";
import { anyOf, cont2, type Param } from "./random-params.ts";
import { ZIGGURAT_NOR_INV_R, ZIGGURAT_NOR_R, zigguratTables } from "./ziggurat.ts";

function allocFloat64(shape: Shape): Float64Array {
  const data = allocate("float64", shape);
  if (!(data instanceof Float64Array)) throw new Error("allocate(float64) returned another buffer type");
  return data;
}

/** numpy's `random_standard_normal`: one ziggurat draw. */
export function gaussDraw(g: Pcg64): number {
  const { ki, wi, fi } = zigguratTables();
  for (;;) {
    g.next64();
    const lo = g.lo;
    const idx = lo & 0xff;
    // bits 9..60 of the word: a 52-bit magnitude
    const rabs = (g.hi & 0x1fffffff) * 8388608 + (lo >>> 9);
    let x = rabs * (wi[idx] ?? 0);
    if ((lo >>> 8) & 1) x = -x;
    if (rabs < (ki[idx] ?? 0)) return x;
    if (idx === 0) {
      // Marsaglia's tail beyond r; 1 - U avoids log(0), as numpy does
      for (;;) {
        const xx = -ZIGGURAT_NOR_INV_R * Math.log1p(-g.nextDouble());
        const yy = -Math.log1p(-g.nextDouble());
        if (yy + yy > xx * xx) return (lo >>> 17) & 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
      }
    }
    const f1 = fi[idx - 1] ?? 0;
    const f0 = fi[idx] ?? 0;
    if ((f1 - f0) * g.nextDouble() + f0 < Math.exp(-0.5 * x * x)) return x;
  }
}

/** `out[i] = loc + scale * z` for ziggurat draws z, the fast accept read straight from the output blocks. */
function fillGauss(g: Pcg64, out: Float64Array, loc: number, scale: number): void {
  const { ki, wi } = zigguratTables();
  const buf = g.buf;
  const n = out.length;
  let i = 0;
  while (i < n) {
    if (g.bufPos === g.bufLen) g.refill();
    let p = g.bufPos;
    const len = g.bufLen;
    for (; i < n && p < len; i++) {
      const lo = buf[2 * p] ?? 0;
      const hi = buf[2 * p + 1] ?? 0;
      p++;
      const idx = lo & 0xff;
      const rabs = (hi & 0x1fffffff) * 8388608 + (lo >>> 9);
      if (rabs < (ki[idx] ?? 0)) {
        const x = rabs * (wi[idx] ?? 0);
        out[i] = loc + scale * ((lo >>> 8) & 1 ? -x : x);
      } else {
        // the slow paths draw more outputs (refilling `buf` in place): hand the position over and back
        g.bufPos = p;
        out[i] = loc + scale * gaussRest(g, lo, rabs, idx);
        p = g.bufPos;
      }
    }
    g.bufPos = p;
  }
}

/** The rest of a ziggurat draw whose first word (`lo`, `rabs`, `idx`) missed the fast accept. */
function gaussRest(g: Pcg64, lo: number, rabs: number, idx: number): number {
  const { wi, fi } = zigguratTables();
  let x = rabs * (wi[idx] ?? 0);
  if ((lo >>> 8) & 1) x = -x;
  if (idx === 0) {
    for (;;) {
      const xx = -ZIGGURAT_NOR_INV_R * Math.log1p(-g.nextDouble());
      const yy = -Math.log1p(-g.nextDouble());
      if (yy + yy > xx * xx) return (lo >>> 17) & 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
    }
  }
  const f1 = fi[idx - 1] ?? 0;
  const f0 = fi[idx] ?? 0;
  if ((f1 - f0) * g.nextDouble() + f0 < Math.exp(-0.5 * x * x)) return x;
  return gaussDraw(g);
}

/** `Generator.random(size)`: doubles in [0, 1); a float for `size=None`. */
export function genRandom(g: Pcg64, size: Shape | null): number | NDArray {
  if (size === null) return g.nextDouble();
  const data = allocFloat64(size);
  g.fillDoubles(data, 0, 1);
  return NDArray.fromData("float64", data, [...size]);
}

const mismatchText = (s: readonly Shape[], i: number, j: number) =>
  `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${i} with shape ${shapeTuple(s[i] ?? [])} and arg ${j} with shape ${shapeTuple(s[j] ?? [])}.`;

function shapeTuple(s: Shape): string {
  return s.length === 1 ? `(${s[0]},)` : `(${s.join(", ")})`;
}

/** `Generator.normal(loc, scale, size)` / `standard_normal(size)`. */
export function genNormal(g: Pcg64, loc: Param, scale: Param, size: Shape | null): number | NDArray {
  if (anyOf(scale, (v) => v < 0)) throw new NdError("ValueError", "scale < 0");
  if (typeof loc === "number" && typeof scale === "number") {
    if (size === null) return loc + scale * gaussDraw(g);
    const data = allocFloat64(size);
    fillGauss(g, data, loc, scale);
    return NDArray.fromData("float64", data, [...size]);
  }
  return cont2(loc, scale, size, (m, s) => m + s * gaussDraw(g), mismatchText);
}

/** `Generator.uniform(low, high, size)`: `low + (high - low) * U`. */
export function genUniform(g: Pcg64, low: Param, high: Param, size: Shape | null): number | NDArray {
  const rangeError = () => new NdError("OverflowError", "high - low range exceeds valid bounds");
  if (typeof low === "number" && typeof high === "number") {
    const range = high - low;
    if (!Number.isFinite(range)) throw rangeError();
    if (size === null) return low + range * g.nextDouble();
    const data = allocFloat64(size);
    g.fillDoubles(data, low, range);
    return NDArray.fromData("float64", data, [...size]);
  }
  return cont2(
    low,
    high,
    size,
    (lo, hi) => {
      const range = hi - lo;
      if (!Number.isFinite(range)) throw rangeError();
      return lo + range * g.nextDouble();
    },
    mismatchText,
  );
}

// ---- bounded integers ----

const TWO32 = 4294967296;

/**
 * Lemire's bounded draw in [0, rng] from 32-bit words
 * (`buffered_bounded_lemire_uint32`), rng < 2**32 - 1: the high word of
 * word * (rng + 1), redrawn while the low word is below 2**32 mod (rng + 1).
 * (numpy tests `low < rng + 1` before computing that threshold; as the
 * threshold is below rng + 1, testing it alone accepts the same words.) The
 * 64-bit product is split on 16 bits so every part is exact in a double.
 */
function lemire32(g: Pcg64, rng: number): number {
  const excl = rng + 1;
  const threshold = (TWO32 - excl) % excl;
  for (;;) {
    const w = g.nextUint32();
    const b = (w >>> 16) * excl;
    const bh = Math.floor(b / 65536);
    const t = (b - bh * 65536) * 65536 + (w & 0xffff) * excl;
    const carry = Math.floor(t / TWO32);
    if (t - carry * TWO32 >= threshold) return bh + carry;
  }
}

const U64 = (1n << 64n) - 1n;

/** Lemire's bounded draw in [0, rng] from 64-bit words (`bounded_lemire_uint64`). */
function lemire64(g: Pcg64, rng: bigint): bigint {
  const excl = rng + 1n;
  let m = g.nextUint64() * excl;
  let leftover = m & U64;
  if (leftover < excl) {
    const threshold = (U64 - rng) % excl;
    while (leftover < threshold) {
      m = g.nextUint64() * excl;
      leftover = m & U64;
    }
  }
  return m >> 64n;
}

/** numpy's `random_bounded_uint64` with `use_masked=False`: a draw in [off, off + rng]. */
export function boundedDraw(g: Pcg64, off: bigint, rng: bigint): bigint {
  if (rng === 0n) return off;
  if (rng <= 0xffffffffn) {
    if (rng === 0xffffffffn) return off + BigInt(g.nextUint32());
    return off + BigInt(lemire32(g, Number(rng)));
  }
  if (rng === U64) return BigInt.asIntN(64, off + g.nextUint64());
  return BigInt.asIntN(64, off + lemire64(g, rng));
}

/** A small bounded draw in [0, rng] as a number (rng < 2**32 - 1), for index sampling. */
function boundedIndex(g: Pcg64, rng: number): number {
  if (rng === 0) return 0;
  return lemire32(g, rng);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Validated [low, high) or [low, high] bounds as (off, rng), with numpy's messages. */
export function intRange(low: bigint, high: bigint, endpoint: boolean): [bigint, bigint] {
  if (low < INT64_MIN) throw new NdError("ValueError", "low is out of bounds for int64");
  const hi = endpoint ? high : high - 1n;
  if (hi > INT64_MAX) throw new NdError("ValueError", "high is out of bounds for int64");
  if (low > hi) {
    throw new NdError("ValueError", endpoint ? "low > high" : low === 0n ? "high <= 0" : "low >= high");
  }
  return [low, hi - low];
}

/** `Generator.integers` for scalar bounds: `count` draws in the validated range. */
export function genIntegers(g: Pcg64, off: bigint, rng: bigint, size: Shape | null): bigint | NDArray {
  if (size === null) return boundedDraw(g, off, rng);
  const data = allocate("int64", size);
  if (rng <= 0xfffffffen && off >= -(2n ** 52n) && off <= 2n ** 52n) {
    // the common case in plain numbers: small ranges, offsets exact in a double
    const o = Number(off);
    const r = Number(rng);
    for (let i = 0; i < data.length; i++) data[i] = o + boundedIndex(g, r);
  } else {
    for (let i = 0; i < data.length; i++) data[i] = Number(boundedDraw(g, off, rng));
  }
  return NDArray.fromData("int64", data, [...size]);
}

// ---- shuffles and choice ----

/** numpy's `random_interval(max)`: masked rejection, 32-bit words when max fits in 32 bits. */
function randomInterval(g: Pcg64, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  for (let s = 1; s <= 16; s <<= 1) mask |= mask >>> s;
  mask >>>= 0;
  if (max <= 0xffffffff) {
    let v: number;
    do {
      v = (g.nextUint32() & mask) >>> 0;
    } while (v > max);
    return v;
  }
  throw new NdError("ValueError", "shuffle of more than 2**32 items is not supported in this notebook");
}

/** The order `Generator.shuffle` gives `n` items: for i = n-1 .. 1, swap i with random_interval(i). */
export function genPermutation(g: Pcg64, n: number): number[] {
  const idx = Array.from({ length: Math.max(0, n) }, (_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = randomInterval(g, i);
    const t = idx[i] ?? 0;
    idx[i] = idx[j] ?? 0;
    idx[j] = t;
  }
  return idx;
}

/** numpy's `_shuffle_int(n, first, data)`: Lemire-drawn swaps for i = n-1 down to `first`. */
function shuffleInt(g: Pcg64, data: number[], n: number, first: number): void {
  for (let i = n - 1; i >= first; i--) {
    const j = boundedIndex(g, i);
    const t = data[j] ?? 0;
    data[j] = data[i] ?? 0;
    data[i] = t;
  }
}

/** `choice(pop, size, replace=False, p=None, shuffle=True)` indices, as numpy picks them. */
export function sampleWithoutReplacement(g: Pcg64, pop: number, size: number, shuffle: boolean): number[] {
  const cutoff = shuffle ? 50 : 20;
  if (pop > 10000 && size > Math.floor(pop / cutoff)) {
    // tail shuffle of an arange
    const idx = Array.from({ length: pop }, (_, i) => i);
    shuffleInt(g, idx, pop, Math.max(pop - size, 1));
    return idx.slice(pop - size);
  }
  // Floyd's algorithm with numpy's open-addressing set of 2**k > 1.2 size slots
  let mask = Math.trunc(1.2 * size);
  for (let s = 1; s <= 16; s <<= 1) mask |= mask >>> s;
  const set = new Float64Array(mask + 1).fill(-1);
  const out: number[] = new Array<number>(size);
  for (let j = pop - size; j < pop; j++) {
    const val = boundedIndex(g, j);
    let loc = val & mask;
    while (set[loc] !== -1 && set[loc] !== val) loc = (loc + 1) & mask;
    if (set[loc] === -1) {
      set[loc] = val;
      out[j - pop + size] = val;
    } else {
      loc = j & mask;
      while (set[loc] !== -1) loc = (loc + 1) & mask;
      set[loc] = j;
      out[j - pop + size] = j;
    }
  }
  if (shuffle) shuffleInt(g, out, size, 1);
  return out;
}

/** Indices of `count` draws with replacement from `pop` items, uniformly (`integers(0, pop)`). */
export function sampleWithReplacement(g: Pcg64, pop: number, count: number): number[] {
  const r = genIntegers(g, 0n, BigInt(pop - 1), [count]);
  return r instanceof NDArray ? r.toFlatArray() : [Number(r)];
}
