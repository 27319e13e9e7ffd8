/**
 * numpy's PCG64 bit generator: a 128-bit LCG (`state = state * MULT + inc`
 * mod 2**128) with the XSL-RR output (the xor of the state's halves rotated
 * right by its top 6 bits), stepped before each output, as numpy's
 * `pcg64_random_r`. The state and increment are held as eight 16-bit limbs
 * so every partial product is exact in a double; outputs are made a block
 * ahead (pcg64-wasm.ts, or this JS step without WebAssembly) and taken in
 * order, which draws cannot tell from stepping one at a time.
 *
 * Seeding is numpy's: `SeedSequence(seed).generate_state(4, uint64)` gives
 * the initial state (words 0, 1: high, low) and sequence (words 2, 3), then
 * `pcg64_srandom_r`: inc = seq << 1 | 1; state = 0; step; state += init; step.
 */
import { PCG_BLOCK, pcgBlocks } from "./pcg64-wasm.ts";
import { type Entropy, entropyWords, generateState, seedPool } from "./seedseq.ts";

const MASK64 = (1n << 64n) - 1n;

/** PCG_DEFAULT_MULTIPLIER_128 = 0x2360ED051FC65DA44385DF649FCCF645, 16-bit limbs, least significant first. */
const MUL = [0xf645, 0x9fcc, 0xdf64, 0x4385, 0x5da4, 0x1fc6, 0xed05, 0x2360] as const;
const M0 = MUL[0];
const M1 = MUL[1];
const M2 = MUL[2];
const M3 = MUL[3];
const M4 = MUL[4];
const M5 = MUL[5];
const M6 = MUL[6];
const M7 = MUL[7];
const B16 = 65536;

/** PCG64's state plus numpy's buffered upper half for 32-bit draws. */
export class Pcg64 {
  /** State limbs, least significant first. */
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  s4 = 0;
  s5 = 0;
  s6 = 0;
  s7 = 0;
  /** Increment limbs. */
  private readonly inc = new Float64Array(8);
  /** The last 64-bit output, as two uint32 halves (set by `next64`). */
  hi = 0;
  lo = 0;
  /** numpy's `has_uint32`/`uinteger`: the upper half of a 64-bit word kept for the next 32-bit draw. */
  hasUint32 = false;
  uinteger = 0;

  /** `state = state * MUL + inc` mod 2**128. */
  step(): void {
    const { s0, s1, s2, s3, s4, s5, s6, s7 } = this;
    const inc = this.inc;
    let t = s0 * M0 + (inc[0] ?? 0);
    let c = Math.floor(t / B16);
    this.s0 = t - c * B16;
    t = s0 * M1 + s1 * M0 + (inc[1] ?? 0) + c;
    c = Math.floor(t / B16);
    this.s1 = t - c * B16;
    t = s0 * M2 + s1 * M1 + s2 * M0 + (inc[2] ?? 0) + c;
    c = Math.floor(t / B16);
    this.s2 = t - c * B16;
    t = s0 * M3 + s1 * M2 + s2 * M1 + s3 * M0 + (inc[3] ?? 0) + c;
    c = Math.floor(t / B16);
    this.s3 = t - c * B16;
    t = s0 * M4 + s1 * M3 + s2 * M2 + s3 * M1 + s4 * M0 + (inc[4] ?? 0) + c;
    c = Math.floor(t / B16);
    this.s4 = t - c * B16;
    t = s0 * M5 + s1 * M4 + s2 * M3 + s3 * M2 + s4 * M1 + s5 * M0 + (inc[5] ?? 0) + c;
    c = Math.floor(t / B16);
    this.s5 = t - c * B16;
    t = s0 * M6 + s1 * M5 + s2 * M4 + s3 * M3 + s4 * M2 + s5 * M1 + s6 * M0 + (inc[6] ?? 0) + c;
    c = Math.floor(t / B16);
    this.s6 = t - c * B16;
    t = s0 * M7 + s1 * M6 + s2 * M5 + s3 * M4 + s4 * M3 + s5 * M2 + s6 * M1 + s7 * M0 + (inc[7] ?? 0) + c;
    this.s7 = t % B16;
  }

  /** Outputs made ahead (uint32 pairs, low word first): draws take them in order. */
  readonly buf = new Uint32Array(2 * PCG_BLOCK);
  /** The next unused output in `buf`; bulk fills read `buf` directly and advance it. */
  bufPos = 0;
  bufLen = 0;

  /** Sets `hi`/`lo` to the next output (the generator's next step, made ahead a block at a time). */
  next64(): void {
    if (this.bufPos === this.bufLen) this.refill();
    const k = 2 * this.bufPos++;
    this.lo = this.buf[k] ?? 0;
    this.hi = this.buf[k + 1] ?? 0;
  }

  /** `useWasm` false keeps the JS step (the path taken where WebAssembly is missing). */
  constructor(private readonly useWasm = true) {}

  /** The next block of outputs, in WebAssembly when it is there. */
  refill(): void {
    const blocks = this.useWasm ? pcgBlocks : null;
    if (blocks !== null) {
      const s = this.state();
      const inc = this.incValue();
      blocks.state[0] = s >> 64n;
      blocks.state[1] = s & MASK64;
      blocks.state[2] = inc >> 64n;
      blocks.state[3] = inc & MASK64;
      blocks.fill(PCG_BLOCK);
      this.setState(((blocks.state[0] ?? 0n) << 64n) | (blocks.state[1] ?? 0n));
      this.buf.set(blocks.out);
    } else {
      for (let i = 0; i < PCG_BLOCK; i++) {
        this.stepOutput();
        this.buf[2 * i] = this.lo;
        this.buf[2 * i + 1] = this.hi;
      }
    }
    this.bufPos = 0;
    this.bufLen = PCG_BLOCK;
  }

  private incValue(): bigint {
    return Array.from(this.inc).reduceRight((acc, l) => (acc << 16n) | BigInt(l), 0n);
  }

  /** One step in JS, then `hi`/`lo` = the XSL-RR output of the new state. */
  private stepOutput(): void {
    this.step();
    const xh = (((this.s7 << 16) | this.s6) ^ ((this.s3 << 16) | this.s2)) >>> 0;
    const xl = (((this.s5 << 16) | this.s4) ^ ((this.s1 << 16) | this.s0)) >>> 0;
    const rot = this.s7 >>> 10;
    if (rot === 0) {
      this.hi = xh;
      this.lo = xl;
    } else if (rot < 32) {
      this.hi = ((xh >>> rot) | (xl << (32 - rot))) >>> 0;
      this.lo = ((xl >>> rot) | (xh << (32 - rot))) >>> 0;
    } else if (rot === 32) {
      this.hi = xl;
      this.lo = xh;
    } else {
      const r = rot - 32;
      this.hi = ((xl >>> r) | (xh << (32 - r))) >>> 0;
      this.lo = ((xh >>> r) | (xl << (32 - r))) >>> 0;
    }
  }

  /** `out[i] = lo + range * next_double()` for every i, straight from the output blocks. */
  fillDoubles(out: Float64Array, lo: number, range: number): void {
    const n = out.length;
    const buf = this.buf;
    let i = 0;
    while (i < n) {
      if (this.bufPos === this.bufLen) this.refill();
      let p = this.bufPos;
      const end = Math.min(n, i + (this.bufLen - p));
      for (; i < end; i++, p++) {
        out[i] =
          lo +
          range * (((buf[2 * p + 1] ?? 0) * 2097152 + ((buf[2 * p] ?? 0) >>> 11)) * 1.1102230246251565e-16);
      }
      this.bufPos = p;
    }
  }

  /** `next_double`: the top 53 bits of a 64-bit output, times 2**-53. */
  nextDouble(): number {
    this.next64();
    return (this.hi * 2097152 + (this.lo >>> 11)) * 1.1102230246251565e-16;
  }

  /** `next_uint32`: the low half of a fresh 64-bit word, the high half kept for the next call. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.next64();
    this.hasUint32 = true;
    this.uinteger = this.hi;
    return this.lo;
  }

  /** `next_uint64` as a BigInt. */
  nextUint64(): bigint {
    this.next64();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** Sets state and increment from 128-bit values (`pcg64_srandom_r`). */
  seed128(init: bigint, seq: bigint): void {
    const inc = ((seq << 1n) | 1n) & ((1n << 128n) - 1n);
    for (let i = 0; i < 8; i++) this.inc[i] = Number((inc >> BigInt(16 * i)) & 0xffffn);
    this.setState(0n);
    this.step();
    this.setState((this.state() + init) & ((1n << 128n) - 1n));
    this.step();
  }

  /** The 128-bit state as a BigInt. */
  state(): bigint {
    const limbs = [this.s0, this.s1, this.s2, this.s3, this.s4, this.s5, this.s6, this.s7];
    return limbs.reduceRight((acc, l) => (acc << 16n) | BigInt(l), 0n);
  }

  private setState(v: bigint): void {
    const l = (i: number) => Number((v >> BigInt(16 * i)) & 0xffffn);
    this.s0 = l(0);
    this.s1 = l(1);
    this.s2 = l(2);
    this.s3 = l(3);
    this.s4 = l(4);
    this.s5 = l(5);
    this.s6 = l(6);
    this.s7 = l(7);
  }
}

/** `PCG64(seed)`: SeedSequence over the entropy's words, 4 uint64 words (8 uint32, low word first). */
export function createPcg64(entropy: Entropy, useWasm = true): Pcg64 {
  const w = generateState(seedPool(entropyWords(entropy)), 8);
  const u64 = (i: number) => (BigInt(w[2 * i + 1] ?? 0) << 32n) | BigInt(w[2 * i] ?? 0);
  const g = new Pcg64(useWasm);
  g.seed128((u64(0) << 64n) | u64(1), (u64(2) << 64n) | u64(3));
  return g;
}
