/**
 * numpy's `SeedSequence` (numpy.random.bit_generator): the entropy (an int
 * or a sequence of ints, each split into 32-bit words, least significant
 * first) is hashed into a pool of 4 words, the pool words are mixed into
 * each other, and `generateState` hashes the pool out into as many words as
 * asked. All arithmetic is on uint32 (`Math.imul`, `>>> 0`).
 */
import { NdError } from "./errors.ts";

const POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;

/** Seed entropy: a non-negative int, or a (possibly nested) sequence of them. */
export type Entropy = bigint | readonly Entropy[];

/** numpy's `_coerce_to_uint32_array`: words of each int, least significant first, concatenated. */
export function entropyWords(e: Entropy): number[] {
  if (typeof e === "bigint") {
    if (e < 0n) throw new NdError("ValueError", "expected non-negative integer");
    if (e === 0n) return [0];
    const out: number[] = [];
    for (let v = e; v > 0n; v >>= 32n) out.push(Number(v & 0xffffffffn));
    return out;
  }
  return e.flatMap(entropyWords);
}

/** One `hashmix` with the running hash constant `h` (a one-element box, as numpy's). */
function hashmix(value: number, h: { c: number }): number {
  let v = (value ^ h.c) >>> 0;
  h.c = Math.imul(h.c, MULT_A) >>> 0;
  v = Math.imul(v, h.c) >>> 0;
  return (v ^ (v >>> XSHIFT)) >>> 0;
}

function mix(x: number, y: number): number {
  const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  return (r ^ (r >>> XSHIFT)) >>> 0;
}

/** The mixed pool of `SeedSequence(entropy)` (no spawn key). */
export function seedPool(words: readonly number[]): Uint32Array {
  const pool = new Uint32Array(POOL_SIZE);
  const h = { c: INIT_A };
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < words.length ? (words[i] ?? 0) : 0, h);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst] ?? 0, hashmix(pool[src] ?? 0, h));
    }
  }
  for (let src = POOL_SIZE; src < words.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst] ?? 0, hashmix(words[src] ?? 0, h));
  }
  return pool;
}

/** `SeedSequence.generate_state(n, np.uint32)`: `n` words hashed out of the pool, cycling over it. */
export function generateState(pool: Uint32Array, n: number): Uint32Array {
  const out = new Uint32Array(n);
  let h = INIT_B;
  for (let i = 0; i < n; i++) {
    let v = ((pool[i % POOL_SIZE] ?? 0) ^ h) >>> 0;
    h = Math.imul(h, MULT_B) >>> 0;
    v = Math.imul(v, h) >>> 0;
    out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
  }
  return out;
}
