/**
 * numpy's legacy `np.random.RandomState`, draw for draw: MT19937 seeded with
 * `init_genrand` (int seed) or `init_by_array` (sequence seed), 53-bit
 * doubles from two 32-bit words, the polar Box-Muller gaussian with its
 * one-value cache, and `randint` by masked rejection sampling.
 *
 * The generator state is a plain object owned by the caller (one per kernel
 * session); nothing here is module-global. Outputs are C-order NDArrays
 * (float64, or int64 for `randint`), or plain numbers when numpy returns a
 * Python scalar (`size=None` with scalar parameters).
 */
import { NdError } from "./errors.ts";
import { NDArray, type Shape, allocate, shapeSize, shapeText } from "./ndarray.ts";
import { binomialDraw } from "./random-binomial.ts";
import { glibcLog } from "./random-libm.ts";
import {
  anyOf,
  broadcastShapes,
  cont2,
  forEachIndex,
  type Param,
  paramReader,
  paramShape,
} from "./random-params.ts";
import { mtBlocks } from "./random-wasm.ts";

export type { Param } from "./random-params.ts";

const N = 624;
const M = 397;

/** MT19937 state plus the legacy gaussian cache (`has_gauss`/`gauss` of numpy's `aug_bitgen_t`). */
export interface RandomState {
  readonly mt: Uint32Array;
  pos: number;
  hasGauss: boolean;
  gauss: number;
}

/** An int seed in [0, 2**32-1], a 1-d sequence of such ints, or null (seed from the clock). */
export type SeedValue = number | bigint | readonly (number | bigint)[] | null;

const seedRangeError = () => new NdError("ValueError", "Seed must be between 0 and 2**32 - 1");

function seedWord(v: number | bigint): number {
  if (typeof v === "bigint") {
    if (v < 0n || v > 0xffffffffn) throw seedRangeError();
    return Number(v);
  }
  if (!Number.isInteger(v)) {
    throw new NdError(
      "TypeError",
      "Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'",
    );
  }
  if (v < 0 || v > 0xffffffff) throw seedRangeError();
  return v;
}

/** MT19937 `init_genrand`, numpy's `mt19937_seed`. */
function initGenrand(mt: Uint32Array, s: number): void {
  mt[0] = s >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1] ?? 0;
    const x = (prev ^ (prev >>> 30)) >>> 0;
    // 1812433253 * x overflows 2**53; split the multiplier into 16-bit halves.
    mt[i] = (((((x & 0xffff0000) >>> 16) * 1812433253) << 16) + (x & 0x0000ffff) * 1812433253 + i) >>> 0;
  }
}

function mul32(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

/** MT19937 `init_by_array`, numpy's `mt19937_init_by_array`. */
function initByArray(mt: Uint32Array, key: readonly number[]): void {
  initGenrand(mt, 19650218);
  let i = 1;
  let j = 0;
  const len = key.length;
  for (let k = Math.max(N, len); k > 0; k--) {
    const prev = mt[i - 1] ?? 0;
    mt[i] = (((mt[i] ?? 0) ^ mul32(prev ^ (prev >>> 30), 1664525)) + (key[j] ?? 0) + j) >>> 0;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1] ?? 0;
      i = 1;
    }
    if (j >= len) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const prev = mt[i - 1] ?? 0;
    mt[i] = (((mt[i] ?? 0) ^ mul32(prev ^ (prev >>> 30), 1566083941)) - i) >>> 0;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1] ?? 0;
      i = 1;
    }
  }
  mt[0] = 0x80000000;
}

/** Entropy for an unseeded generator: crypto when the runtime has it, else the clock. */
function entropyWords(): number[] {
  const words = new Uint32Array(4);
  const c = globalThis.crypto;
  if (c !== undefined && typeof c.getRandomValues === "function") {
    c.getRandomValues(words);
  } else {
    const t = Date.now();
    words[0] = t >>> 0;
    words[1] = Math.floor(t / 2 ** 32) >>> 0;
    words[2] = Math.floor((globalThis.performance?.now() ?? 0) * 1000) >>> 0;
  }
  return Array.from(words);
}

/** `np.random.seed(seed)`: reseeds in place and clears the cached gaussian. */
export function seedState(state: RandomState, seed: SeedValue): void {
  if (seed === null) {
    initByArray(state.mt, entropyWords());
  } else if (typeof seed === "number" || typeof seed === "bigint") {
    initGenrand(state.mt, seedWord(seed));
  } else {
    if (seed.length === 0) throw new NdError("ValueError", "Seed must be non-empty");
    initByArray(state.mt, seed.map(seedWord));
  }
  state.pos = N;
  state.hasGauss = false;
  state.gauss = 0;
}

/** A new `RandomState(seed)`; without a seed it is seeded from the clock/entropy, as numpy does. */
export function createRandomState(seed: SeedValue = null): RandomState {
  const state: RandomState = { mt: new Uint32Array(N), pos: N, hasGauss: false, gauss: 0 };
  seedState(state, seed);
  return state;
}

/**
 * The MT19937 twist: regenerates all 624 state words in place. `y & 1 ? A : 0`
 * is written as `-(y & 1) & A` so the loop has no data-dependent branch.
 */
function twist(mt: Uint32Array): void {
  let kk = 0;
  for (; kk < N - M; kk++) {
    const y = ((mt[kk] ?? 0) & 0x80000000) | ((mt[kk + 1] ?? 0) & 0x7fffffff);
    mt[kk] = (mt[kk + M] ?? 0) ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
  }
  for (; kk < N - 1; kk++) {
    const y = ((mt[kk] ?? 0) & 0x80000000) | ((mt[kk + 1] ?? 0) & 0x7fffffff);
    mt[kk] = (mt[kk + (M - N)] ?? 0) ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
  }
  const y = ((mt[N - 1] ?? 0) & 0x80000000) | ((mt[0] ?? 0) & 0x7fffffff);
  mt[N - 1] = (mt[M - 1] ?? 0) ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
}

/**
 * MT19937 tempering of one state word, as a signed int32 (callers shift with
 * `>>>`, which reads it as the unsigned word). Small enough for V8 to inline.
 */
function temper(word: number): number {
  let y = word ^ (word >>> 11);
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  return y ^ (y >>> 18);
}

/** 2**-53: `(a * 2**26 + b) * 2**-53` is bit for bit numpy's `/ 9007199254740992.0`. */
const INV_2_53 = 1 / 9007199254740992;

/** One tempered 32-bit word (`mt19937_next32`). */
export function nextUint32(state: RandomState): number {
  if (state.pos >= N) {
    twist(state.mt);
    state.pos = 0;
  }
  return temper(state.mt[state.pos++] ?? 0) >>> 0;
}

/** One 64-bit word, high half drawn first (`mt19937_next64`). */
export function nextUint64(state: RandomState): bigint {
  const hi = nextUint32(state);
  const lo = nextUint32(state);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** A double in [0, 1) with 53 random bits (`mt19937_next_double`). */
export function nextDouble(state: RandomState): number {
  const a = nextUint32(state) >>> 5;
  const b = nextUint32(state) >>> 6;
  return (a * 67108864 + b) * INV_2_53;
}

/** numpy's `legacy_gauss`: polar Box-Muller returning `f*x2` and caching `f*x1`. */
export function nextGauss(state: RandomState): number {
  if (state.hasGauss) {
    const g = state.gauss;
    state.hasGauss = false;
    state.gauss = 0;
    return g;
  }
  let x1: number;
  let x2: number;
  let r2: number;
  do {
    x1 = 2 * nextDouble(state) - 1;
    x2 = 2 * nextDouble(state) - 1;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1 || r2 === 0);
  // numpy calls the C library log; Math.log differs from glibc's in the last bit for ~3% of inputs
  const f = Math.sqrt((-2 * glibcLog(r2)) / r2);
  state.gauss = f * x1;
  state.hasGauss = true;
  return f * x2;
}

// The fills below are the hot paths (a 500x500 randn is 250k gaussians, about
// 1.3M words): state is held in locals, words are tempered inline and the
// position is written back once. Only near the end of a 624-word block (when a
// draw's words might straddle a twist) do they fall back to `nextDouble`, which
// keeps the twist out of the tight loop. Words are consumed exactly as the
// single-draw functions above consume them.

/** `out[i] = lo + range * nextDouble()` for every i (range 1, lo 0 for `random_sample`). */
function fillUniform(state: RandomState, out: Float64Array, lo: number, range: number): void {
  const mt = state.mt;
  const n = out.length;
  let pos = state.pos;
  let i = 0;
  while (i < n) {
    if (pos > N - 2) {
      state.pos = pos;
      out[i++] = lo + range * nextDouble(state);
      pos = state.pos;
      continue;
    }
    const end = Math.min(n, i + ((N - pos) >> 1));
    for (; i < end; i++) {
      const a = temper(mt[pos] ?? 0) >>> 5;
      const b = temper(mt[pos + 1] ?? 0) >>> 6;
      pos += 2;
      out[i] = lo + range * ((a * 67108864 + b) * INV_2_53);
    }
  }
  state.pos = pos;
}

/** Below this many gaussians the state copies of the WASM path cost more than they save. */
const WASM_MIN_DRAWS = 256;

/**
 * The end of one polar Box-Muller step: rejects (x1, x2) outside the unit
 * disc, else writes `loc + scale * f * x2` and then `... * x1` at `out[i]`,
 * caching the second gaussian when only one place was left, as numpy's
 * legacy_gauss does. Returns the next free index (unchanged on a rejection).
 */
function polarPair(
  out: Float64Array,
  i: number,
  n: number,
  loc: number,
  scale: number,
  x1: number,
  x2: number,
  state: RandomState,
): number {
  const r2 = x1 * x1 + x2 * x2;
  if (r2 >= 1 || r2 === 0) return i;
  // numpy calls the C library log; Math.log differs from glibc's in the last bit for ~3% of inputs
  const f = Math.sqrt((-2 * glibcLog(r2)) / r2);
  let k = i;
  out[k++] = loc + scale * (f * x2);
  if (k < n) {
    out[k++] = loc + scale * (f * x1);
  } else {
    state.gauss = f * x1;
    state.hasGauss = true;
  }
  return k;
}

/**
 * `fillGauss` on the WASM block generator, for a state at an even word
 * position (every draw takes two words, so doubles stay on word pairs): the
 * state is copied in, twisted and turned into 312 doubles `2u - 1` a block at
 * a time, and copied back with the position of the next unused pair. WASM
 * also does the rejection step and glibc's log where its fast path decides
 * the rounding; the rest (r2 near 1, rare close calls) goes to `glibcLog`.
 */
function fillGaussBlocks(
  state: RandomState,
  blocks: NonNullable<typeof mtBlocks>,
  out: Float64Array,
  start: number,
  loc: number,
  scale: number,
): void {
  const n = out.length;
  const half = N >> 1;
  const d = blocks.doubles;
  const { x1: bx1, x2: bx2, r2: br2, g1: bg1, g2: bg2, pos: bpos } = blocks;
  blocks.words.set(state.mt);
  let j = state.pos >> 1;
  blocks.fill(j, 2, 1);
  let i = start;
  while (i < n) {
    if (j >= half) {
      blocks.twist();
      blocks.fill(0, 2, 1);
      j = 0;
    }
    if (j === half - 1) {
      // a pair that straddles the twist
      const x1 = d[j] ?? 0;
      blocks.twist();
      blocks.fill(0, 2, 1);
      const x2 = d[0] ?? 0;
      j = 1;
      i = polarPair(out, i, n, loc, scale, x1, x2, state);
      continue;
    }
    const count = blocks.polar(j);
    j += (half - j) & ~1;
    // the common case: every accepted pair fits and WASM decided every log
    let c = 0;
    if (n - i >= 2 * count) {
      for (; c < count; c++) {
        const g2 = bg2[c] ?? 0;
        if (Number.isNaN(g2)) break;
        out[i] = loc + scale * g2;
        out[i + 1] = loc + scale * (bg1[c] ?? 0);
        i += 2;
      }
      if (c === count) continue;
    }
    for (; c < count; c++) {
      let g2 = bg2[c] ?? 0;
      let g1 = bg1[c] ?? 0;
      if (Number.isNaN(g2)) {
        // numpy calls the C library log; Math.log differs from glibc's in the last bit for ~3% of inputs
        const r2 = br2[c] ?? 0;
        const f = Math.sqrt((-2 * glibcLog(r2)) / r2);
        g2 = f * (bx2[c] ?? 0);
        g1 = f * (bx1[c] ?? 0);
      }
      out[i++] = loc + scale * g2;
      if (i < n) {
        out[i++] = loc + scale * g1;
        if (i < n) continue;
      } else {
        // an odd count leaves the second gaussian cached, as numpy's legacy_gauss does
        state.gauss = g1;
        state.hasGauss = true;
      }
      j = (bpos[c] ?? 0) >> 1;
      break;
    }
  }
  state.mt.set(blocks.words);
  state.pos = 2 * j;
}

/** `out[i] = loc + scale * gauss` for every i, through the cached gaussian exactly as `nextGauss`. */
function fillGauss(state: RandomState, out: Float64Array, loc: number, scale: number): void {
  const n = out.length;
  if (n === 0) return;
  let i = 0;
  if (state.hasGauss) {
    out[i++] = loc + scale * state.gauss;
    state.hasGauss = false;
    state.gauss = 0;
  }
  if (mtBlocks !== null && n - i >= WASM_MIN_DRAWS && (state.pos & 1) === 0) {
    fillGaussBlocks(state, mtBlocks, out, i, loc, scale);
    return;
  }
  const mt = state.mt;
  let pos = state.pos;
  while (i < n) {
    let x1: number;
    let x2: number;
    if (pos <= N - 4) {
      const a1 = temper(mt[pos] ?? 0) >>> 5;
      const b1 = temper(mt[pos + 1] ?? 0) >>> 6;
      const a2 = temper(mt[pos + 2] ?? 0) >>> 5;
      const b2 = temper(mt[pos + 3] ?? 0) >>> 6;
      pos += 4;
      x1 = 2 * ((a1 * 67108864 + b1) * INV_2_53) - 1;
      x2 = 2 * ((a2 * 67108864 + b2) * INV_2_53) - 1;
    } else {
      state.pos = pos;
      x1 = 2 * nextDouble(state) - 1;
      x2 = 2 * nextDouble(state) - 1;
      pos = state.pos;
    }
    i = polarPair(out, i, n, loc, scale, x1, x2, state);
  }
  state.pos = pos;
}

/** A zeroed float64 buffer for `shape`, with `allocate`'s checks (negative dims, MemoryError). */
function allocFloat64(shape: Shape): Float64Array {
  const data = allocate("float64", shape);
  if (!(data instanceof Float64Array)) throw new Error("allocate(float64) returned another buffer type");
  return data;
}

/** `random_sample(size)` / `random(size)`: uniform [0, 1); a float when `size` is null. */
export function randomSample(state: RandomState, size: Shape | null): number | NDArray {
  if (size === null) return nextDouble(state);
  const data = allocFloat64(size);
  fillUniform(state, data, 0, 1);
  return NDArray.fromData("float64", data, size);
}

/** `rand(d0, d1, ...)`: shape `dims`; a float when no dims are given. */
export function rand(state: RandomState, dims: readonly number[]): number | NDArray {
  return randomSample(state, dims.length === 0 ? null : dims);
}

/** `standard_normal(size)`: N(0, 1) draws; a float when `size` is null. */
export function standardNormal(state: RandomState, size: Shape | null): number | NDArray {
  if (size === null) return nextGauss(state);
  const data = allocFloat64(size);
  fillGauss(state, data, 0, 1);
  return NDArray.fromData("float64", data, size);
}

/** `randn(d0, d1, ...)`: shape `dims` of N(0, 1); a float when no dims are given. */
export function randn(state: RandomState, dims: readonly number[]): number | NDArray {
  return standardNormal(state, dims.length === 0 ? null : dims);
}

/** `uniform(low=0.0, high=1.0, size=None)`: `low + (high - low) * U`, parameters broadcast. */
export function uniform(state: RandomState, low: Param, high: Param, size: Shape | null): number | NDArray {
  const shapes = [paramShape(low), paramShape(high)];
  broadcastShapes(
    [shapes[1] ?? [], shapes[0] ?? []],
    () =>
      new NdError(
        "ValueError",
        `operands could not be broadcast together with shapes ${shapeText(shapes[1] ?? [])} ${shapeText(shapes[0] ?? [])} `,
      ),
  );
  if (size !== null && typeof low === "number" && typeof high === "number") {
    // scalar parameters: one tight fill (an empty size draws nothing and raises nothing, as before)
    const data = allocFloat64(size);
    const range = high - low;
    if (data.length > 0 && !Number.isFinite(range)) {
      throw new NdError("OverflowError", "Range exceeds valid bounds");
    }
    fillUniform(state, data, low, range);
    return NDArray.fromData("float64", data, [...size]);
  }
  return cont2(
    low,
    high,
    size,
    (lo, hi) => {
      const range = hi - lo;
      if (!Number.isFinite(range)) throw new NdError("OverflowError", "Range exceeds valid bounds");
      return lo + range * nextDouble(state);
    },
    (s, i, j) =>
      `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${i} with shape ${shapeText(s[i] ?? [], ", ")} and arg ${j} with shape ${shapeText(s[j] ?? [], ", ")}.`,
  );
}

/** `normal(loc=0.0, scale=1.0, size=None)`: `loc + scale * gauss`, parameters broadcast. */
export function normal(state: RandomState, loc: Param, scale: Param, size: Shape | null): number | NDArray {
  if (anyOf(scale, (v) => v < 0)) throw new NdError("ValueError", "scale < 0");
  if (size !== null && typeof loc === "number" && typeof scale === "number") {
    const data = allocFloat64(size);
    fillGauss(state, data, loc, scale);
    return NDArray.fromData("float64", data, [...size]);
  }
  return cont2(
    loc,
    scale,
    size,
    (m, s) => m + s * nextGauss(state),
    (s, i, j) =>
      `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${i} with shape ${shapeText(s[i] ?? [], ", ")} and arg ${j} with shape ${shapeText(s[j] ?? [], ", ")}.`,
  );
}

// ---- randint ----

/** Smallest all-ones bit mask >= rng (numpy's `gen_mask`). */
function genMask(rng: bigint): bigint {
  let mask = rng;
  for (let s = 1n; s <= 32n; s <<= 1n) mask |= mask >> s;
  return mask;
}

/**
 * One draw in [off, off + rng] as numpy's `random_bounded_uint64_fill` with
 * `use_masked=True`: 32-bit words when rng fits in 32 bits, else 64-bit words
 * (high word first), rejecting masked values above rng.
 */
function boundedDraw(state: RandomState, off: bigint, rng: bigint): bigint {
  if (rng === 0n) return off;
  if (rng <= 0xffffffffn) {
    if (rng === 0xffffffffn) return off + BigInt(nextUint32(state));
    const r = Number(rng);
    const mask = Number(genMask(rng));
    let v: number;
    do {
      v = (nextUint32(state) & mask) >>> 0;
    } while (v > r);
    return off + BigInt(v);
  }
  if (rng === 0xffffffffffffffffn) return BigInt.asIntN(64, off + nextUint64(state));
  const mask = genMask(rng);
  let v: bigint;
  do {
    v = nextUint64(state) & mask;
  } while (v > rng);
  return BigInt.asIntN(64, off + v);
}

function toBigInt(v: number): bigint {
  if (!Number.isFinite(v)) {
    throw new NdError(
      "OverflowError",
      `cannot convert float ${v > 0 ? "infinity" : v < 0 ? "-infinity" : "NaN"} to integer`,
    );
  }
  return BigInt(Math.trunc(v));
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function checkedRange(low: bigint, high: bigint): bigint {
  const hi = high - 1n;
  if (low < INT64_MIN) throw new NdError("ValueError", "low is out of bounds for int64");
  if (hi > INT64_MAX) throw new NdError("ValueError", "high is out of bounds for int64");
  if (low > hi) throw new NdError("ValueError", low === 0n ? "high <= 0" : "low >= high");
  return hi - low;
}

/**
 * `randint(low, high=None, size=None, dtype=int)` of legacy RandomState, int64
 * only: integers in [low, high) (or [0, low) when `high` is null). Returns a
 * number for scalar bounds with `size=None` (numpy returns a Python int), else
 * an int64 NDArray of `size` or of the broadcast bounds' shape.
 */
export function randint(
  state: RandomState,
  low: Param,
  high: Param | null,
  size: Shape | null,
): number | NDArray {
  let lo: Param = low;
  const hi: Param = high ?? low;
  if (high === null) lo = 0;
  if (size !== null && shapeSize(size) === 0) return NDArray.zeros(size, "int64");
  const loShape = paramShape(lo);
  const hiShape = paramShape(hi);
  if (loShape.length === 0 && hiShape.length === 0) {
    const l = toBigInt(typeof lo === "number" ? lo : (lo.toFlatArray()[0] ?? 0));
    const h = toBigInt(typeof hi === "number" ? hi : (hi.toFlatArray()[0] ?? 0));
    const rng = checkedRange(l, h);
    if (size === null) return Number(boundedDraw(state, l, rng));
    const data = allocate("int64", size);
    for (let i = 0; i < data.length; i++) data[i] = Number(boundedDraw(state, l, rng));
    return NDArray.fromData("int64", data, size);
  }
  // numpy's _rand_int64_broadcast: validates all bounds first, then draws one value per element.
  const shapes = [loShape, hiShape];
  const bshape = broadcastShapes(
    size === null ? shapes : [size, ...shapes],
    () =>
      new NdError(
        "ValueError",
        `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ${shapeText(shapes[0] ?? [], ", ")} and arg 1 with shape ${shapeText(shapes[1] ?? [], ", ")}.`,
      ),
  );
  const outShape = size === null ? bshape : [...size];
  const rl = paramReader(lo, outShape.length);
  const rh = paramReader(hi, outShape.length);
  const bounds: [bigint, bigint][] = [];
  forEachIndex(outShape, (idx) => {
    const l = toBigInt(rl.get(idx));
    const h = toBigInt(rh.get(idx));
    bounds.push([l, checkedRange(l, h)]);
  });
  const data = allocate("int64", outShape);
  bounds.forEach(([l, rng], k) => {
    data[k] = Number(boundedDraw(state, l, rng));
  });
  return NDArray.fromData("int64", data, outShape);
}

/** numpy's `random_interval(max)`: uniform integer in [0, max] by masked rejection. */
function randomInterval(state: RandomState, max: number): number {
  if (max === 0) return 0;
  return Number(boundedDraw(state, 0n, BigInt(max)));
}

/** Legacy `shuffle` order: for i = n-1 .. 1, swap i with `random_interval(i)`. Returns the permutation of 0..n-1. */
export function permutationIndices(state: RandomState, n: number): number[] {
  // numpy permutes np.arange(n): empty for n <= 0
  const idx = Array.from({ length: Math.max(0, n) }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInterval(state, i);
    const t = idx[i] ?? 0;
    idx[i] = idx[j] ?? 0;
    idx[j] = t;
  }
  return idx;
}

/**
 * `binomial(n, p, size=None)` of legacy RandomState: p is checked before n,
 * as numpy does; an int for scalar parameters with `size=None`, else an
 * int64 array of `size` or of the broadcast parameters' shape.
 */
export function binomial(state: RandomState, n: Param, p: Param, size: Shape | null): number | NDArray {
  if (anyOf(p, (v) => !(v >= 0 && v <= 1))) throw new NdError("ValueError", "p < 0, p > 1 or p is NaN");
  if (anyOf(n, (v) => v < 0)) throw new NdError("ValueError", "n < 0");
  const next = () => nextDouble(state);
  return cont2(
    p,
    n,
    size,
    (pv, nv) => binomialDraw(next, Math.trunc(nv), pv),
    (s, i, j) =>
      `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${i} with shape ${shapeText(s[i] ?? [], ", ")} and arg ${j} with shape ${shapeText(s[j] ?? [], ", ")}.`,
    "int64",
  );
}
