/**
 * MT19937 block generation in WebAssembly: the twist of the 624 state words
 * and the 312 doubles `u * mul - sub` (u = `(a * 2**26 + b) * 2**-53` from two
 * tempered words) that one twisted state yields. random.ts copies a
 * generator's state in, consumes the doubles, and copies the state back out,
 * so the module's memory is scratch and holds no generator between calls.
 *
 * Every operation is IEEE-exact or rounds exactly as the same JS expression
 * (`u * 2 - 1` is exact up to the one rounding of the subtraction, as in JS),
 * so the doubles are bit for bit those of `nextDouble`.
 *
 * Memory layout (bytes): state words at [0, 2496), doubles at [2496, 4992).
 * The module is assembled below from the WebAssembly binary format.
 */
import { name, section, uleb } from "./wasm-encode.ts";
import {
  A0,
  A1,
  A2,
  A3,
  A4,
  LN2HI,
  LN2LO,
  MIN_NORMAL,
  NEAR1_LO,
  P48,
  P100,
  SPLIT,
  TAB,
} from "./random-libm.ts";

const N = 624;
const M = 397;
/** Byte address of the doubles: one f64 per pair of state words, at the pair's word address + D_OFF. */
const D_OFF = 4 * N;
/** glibc's log table: invc, its Veltkamp halves and logc, 128 doubles each. */
const TAB_OFF = 2 * D_OFF;
const INVC_HI = TAB_OFF + 1024;
const INVC_LO = TAB_OFF + 2048;
const LOGC = TAB_OFF + 3072;
/** `polar`'s accepted pairs (at most 156 per block): x1, x2, r2, log r2 and the word position after each. */
const MAX_PAIRS = N / 4;
const X1_OFF = TAB_OFF + 4096;
const X2_OFF = X1_OFF + 8 * MAX_PAIRS;
const R2_OFF = X2_OFF + 8 * MAX_PAIRS;
const LOG_OFF = R2_OFF + 8 * MAX_PAIRS;
const POS_OFF = LOG_OFF + 8 * MAX_PAIRS;
/** The two gaussians f * x2 and f * x1 of each accepted pair. */
const G2_OFF = POS_OFF + 4 * MAX_PAIRS;
const G1_OFF = G2_OFF + 8 * MAX_PAIRS;

/** Signed LEB128 of a 32-bit integer (given signed or unsigned). */
function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Signed LEB128 of a 64-bit integer. */
function sleb64(n: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asIntN(64, n);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function f64Bytes(x: number): number[] {
  const b = new Uint8Array(new Float64Array([x]).buffer);
  return Array.from(b);
}

const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  f64: (v: number) => [0x44, ...f64Bytes(v)],
  load: (offset: number) => [0x28, 2, ...uleb(offset)],
  store: (offset: number) => [0x36, 2, ...uleb(offset)],
  f64Store: (offset: number) => [0x39, 3, ...uleb(offset)],
  add: [0x6a],
  sub: [0x6b],
  and: [0x71],
  or: [0x72],
  xor: [0x73],
  shl: [0x74],
  shrU: [0x76],
  ne: [0x47],
  geU: [0x4f],
  f64FromU32: [0xb8],
  fadd: [0xa0],
  fsub: [0xa1],
  fmul: [0xa2],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (d: number) => [0x0c, ...uleb(d)],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  end: [0x0b],
  i64: (v: bigint) => [0x42, ...sleb64(v)],
  fload: (offset: number) => [0x2b, 3, ...uleb(offset)],
  i64FromF64: [0xbd],
  f64FromI64Bits: [0xbf],
  i64Sub: [0x7d],
  i64And: [0x83],
  i64ShrS: [0x87],
  i64ShrU: [0x88],
  i32FromI64: [0xa7],
  f64FromI64: [0xb9],
  feq: [0x61],
  fne: [0x62],
  flt: [0x63],
  fge: [0x66],
  fabs: [0x99],
  if: [0x04, 0x40],
  else: [0x05],
  select: [0x1b],
  simd: (code: number) => [0xfd, ...uleb(code)],
  vload: (offset: number) => [0xfd, 0x00, 4, ...uleb(offset)],
  vstore: (offset: number) => [0xfd, 0x0b, 4, ...uleb(offset)],
  shuffle: (lanes: number[]) => [0xfd, 0x0d, ...lanes],
};
const v = {
  and: op.simd(0x4e),
  or: op.simd(0x50),
  xor: op.simd(0x51),
  i32Splat: op.simd(0x11),
  f64Splat: op.simd(0x14),
  shl: op.simd(0xab),
  shrU: op.simd(0xad),
  sub: op.simd(0xb1),
  fadd: op.simd(0xf0),
  fsub: op.simd(0xf1),
  fmul: op.simd(0xf2),
  fromU32Low: op.simd(0xff),
  i32: (c: number) => [...op.i32(c), ...op.simd(0x11)],
  f64: (c: number) => [...op.f64(c), ...op.simd(0x14)],
};
const bytesOf = (lane: number) => [4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3];
/** i32x4 lanes (a, b, c, d) -> (a, c, _, _) and -> (b, d, _, _). */
const EVEN_LANES = [...bytesOf(0), ...bytesOf(2), ...bytesOf(0), ...bytesOf(0)];
const ODD_LANES = [...bytesOf(1), ...bytesOf(3), ...bytesOf(1), ...bytesOf(1)];

type Part = number | number[];
function assemble(parts: Part[][]): number[] {
  const out: number[] = [];
  for (const group of parts) for (const x of group) typeof x === "number" ? out.push(x) : out.push(...x);
  return out;
}

/**
 * One twist step on the word at byte address `local P`: pushes nothing, stores
 * mt[kk] = mix ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df), y from mt[kk] and mt[kk+1].
 * `next` and `mix` push the byte addresses of mt[kk+1] and of the mixed-in word.
 */
function twistStep(P: number, Y: number, next: Part[], mix: Part[]): Part[] {
  return [
    op.get(P),
    op.get(P),
    op.load(0),
    op.i32(0x80000000),
    op.and,
    ...next,
    op.load(0),
    op.i32(0x7fffffff),
    op.and,
    op.or,
    op.set(Y),
    ...mix,
    op.load(0),
    op.get(Y),
    op.i32(1),
    op.shrU,
    op.xor,
    op.i32(0),
    op.get(Y),
    op.i32(1),
    op.and,
    op.sub,
    op.i32(0x9908b0df),
    op.and,
    op.xor,
    op.store(0),
  ];
}

/** `twist()`: regenerates the 624 words at [0, 2496) in place, as random.ts's `twist`. */
function twistBody(): number[] {
  const [P, Y, VY] = [0, 1, 2];
  const nextP: Part[] = [op.get(P), op.i32(4), op.add];
  const loopTo = (end: number, step: number): Part[] =>
    [[op.get(P), op.i32(step), op.add, op.tee(P), op.i32(end), op.ne, op.brIf(0), op.end]].flat();
  return assemble([
    [op.i32(0), op.set(P)],
    // words 0..223 four at a time (each reads only words not yet rewritten), then 224..226
    [op.loop],
    twistStepX4(P, VY, [op.get(P), op.i32(4 * M), op.add]),
    loopTo(4 * 224, 16),
    [op.loop],
    twistStep(P, Y, nextP, [op.get(P), op.i32(4 * M), op.add]),
    loopTo(4 * (N - M), 4),
    // words 227..622 (99 groups of four): the mixed-in words, 227 back, are rewritten already
    [op.loop],
    twistStepX4(P, VY, [op.get(P), op.i32(4 * (N - M)), op.sub]),
    loopTo(4 * (N - 1), 16),
    twistStep(P, Y, [op.i32(0)], [op.i32(4 * (M - 1))]),
    [op.end],
  ]);
}

/** `twistStep` on the four words at byte address `local P`, with the v128 local VY. */
function twistStepX4(P: number, VY: number, mix: Part[]): Part[] {
  return [
    op.get(P),
    op.get(P),
    op.vload(0),
    v.i32(0x80000000),
    v.and,
    op.get(P),
    op.vload(4),
    v.i32(0x7fffffff),
    v.and,
    v.or,
    op.set(VY),
    ...mix,
    op.vload(0),
    op.get(VY),
    op.i32(1),
    v.shrU,
    v.xor,
    v.i32(0),
    op.get(VY),
    v.i32(1),
    v.and,
    v.sub,
    v.i32(0x9908b0df),
    v.and,
    v.xor,
    op.vstore(0),
  ];
}

/** Tempers the i32 on the stack (using local T), leaving the tempered word. */
function temper(T: number): Part[] {
  return [
    op.tee(T),
    op.get(T),
    op.i32(11),
    op.shrU,
    op.xor,
    op.tee(T),
    op.get(T),
    op.i32(7),
    op.shl,
    op.i32(0x9d2c5680),
    op.and,
    op.xor,
    op.tee(T),
    op.get(T),
    op.i32(15),
    op.shl,
    op.i32(0xefc60000),
    op.and,
    op.xor,
    op.tee(T),
    op.get(T),
    op.i32(18),
    op.shrU,
    op.xor,
  ];
}

/** `temper` on four words (the i32x4 on the stack), using the v128 local T. */
function temperX4(T: number): Part[] {
  return [
    op.tee(T),
    op.get(T),
    op.i32(11),
    v.shrU,
    v.xor,
    op.tee(T),
    op.get(T),
    op.i32(7),
    v.shl,
    v.i32(0x9d2c5680),
    v.and,
    v.xor,
    op.tee(T),
    op.get(T),
    op.i32(15),
    v.shl,
    v.i32(0xefc60000),
    v.and,
    v.xor,
    op.tee(T),
    op.get(T),
    op.i32(18),
    v.shrU,
    v.xor,
  ];
}

/**
 * `doubles(from, mul, sub)`: for each word pair j in [from, 312), the double at
 * byte 2496 + 8j is `((a * 2**26 + b) * 2**-53) * mul - sub`, a = temper(mt[2j]) >>> 5,
 * b = temper(mt[2j+1]) >>> 6.
 */
function doublesBody(): number[] {
  const [FROM, MUL, SUB] = [0, 1, 2];
  const [W, T] = [3, 4];
  const [VT, VW] = [5, 6];
  return assemble([
    [op.get(FROM), op.i32(3), op.shl, op.set(W)],
    // two pairs at a time: the same operations lane by lane
    [op.block, op.loop],
    [op.get(W), op.i32(D_OFF - 8), op.geU, op.brIf(1)],
    [op.get(W), op.vload(0)],
    temperX4(VT),
    [op.set(VW), op.get(W)],
    [
      op.get(VW),
      op.i32(5),
      v.shrU,
      op.get(VW),
      op.shuffle(EVEN_LANES),
      v.fromU32Low,
      v.f64(67108864),
      v.fmul,
    ],
    [op.get(VW), op.i32(6), v.shrU, op.get(VW), op.shuffle(ODD_LANES), v.fromU32Low, v.fadd],
    [v.f64(1 / 9007199254740992), v.fmul, op.get(MUL), v.f64Splat, v.fmul, op.get(SUB), v.f64Splat, v.fsub],
    [op.vstore(D_OFF)],
    [op.get(W), op.i32(16), op.add, op.set(W), op.br(0)],
    [op.end, op.end],
    // the last pair when an odd number remain
    [op.block, op.loop],
    [op.get(W), op.i32(D_OFF), op.geU, op.brIf(1)],
    [op.get(W)],
    [op.get(W), op.load(0)],
    temper(T),
    [op.i32(5), op.shrU, op.f64FromU32, op.f64(67108864), op.fmul],
    [op.get(W), op.load(4)],
    temper(T),
    [op.i32(6), op.shrU, op.f64FromU32, op.fadd, op.f64(1 / 9007199254740992), op.fmul],
    [op.get(MUL), op.fmul, op.get(SUB), op.fsub],
    [op.f64Store(D_OFF)],
    [op.get(W), op.i32(8), op.add, op.set(W), op.br(0)],
    [op.end, op.end, op.end],
  ]);
}

/** Expression helpers for `polarBody`: each returns the code that pushes one value. */
const ex = {
  get: (i: number): number[] => op.get(i),
  c: (v: number): number[] => op.f64(v),
  bin: (code: number[], a: number[], b: number[]): number[] => [...a, ...b, ...code],
  set: (i: number, v: number[]): number[] => [...v, ...op.set(i)],
};
const fmul = (a: number[], b: number[]) => ex.bin(op.fmul, a, b);
const fadd = (a: number[], b: number[]) => ex.bin(op.fadd, a, b);
const fsub = (a: number[], b: number[]) => ex.bin(op.fsub, a, b);

/**
 * `polar(from) -> count`: walks the word pairs' doubles two at a time from
 * index `from` (x1, x2 as in numpy's legacy_gauss, with r2 = x1*x1 + x2*x2),
 * and for each accepted pair (0 < r2 < 1) records x1, x2, r2, the word
 * position after the pair and the polar factor f = sqrt(-2 * log(r2) / r2),
 * with glibc's table-branch log as random-libm's `glibcLog` computes it; f is
 * NaN where that fast path cannot decide the rounding or r2 is near 1 or
 * subnormal (random.ts then calls `glibcLog`).
 */
function polarBody(): number[] {
  const FROM = 0;
  const [JB, C, TI] = [1, 2, 3];
  // f64 locals
  const X1 = 4;
  const X2 = 5;
  const R2 = 6;
  const Z = 7;
  const ZH = 8;
  const ZL = 9;
  const PZ = 10;
  const R = 11;
  const K = 12;
  const W = 13;
  const HI = 14;
  const LO = 15;
  const RR = 16;
  const T = 17;
  const Y = 18;
  const ERR = 19;
  const BOUND = 20;
  const P = 21;
  const LG = 22;
  const [IX, TMP] = [23, 24];
  const g = ex.get;
  const tab = (offset: number) => [...op.get(TI), ...op.fload(offset)];
  const logBranch: number[][] = [
    [...op.get(R2), ...op.i64FromF64, ...op.set(IX)],
    [...op.get(IX), ...op.i64(0x3fe6000000000000n), ...op.i64Sub, ...op.set(TMP)],
    [...op.get(TMP), ...op.i64(45n), ...op.i64ShrU, ...op.i32FromI64, ...op.i32(127), ...op.and],
    [...op.i32(3), ...op.shl, ...op.set(TI)],
    [...op.get(TMP), ...op.i64(52n), ...op.i64ShrS, ...op.f64FromI64, ...op.set(K)],
    [...op.get(IX), ...op.get(TMP), ...op.i64(0xfff0000000000000n), ...op.i64And, ...op.i64Sub],
    [...op.f64FromI64Bits, ...op.set(Z)],
    ex.set(ZH, fmul(ex.c(SPLIT), g(Z))),
    ex.set(ZH, fsub(g(ZH), fsub(g(ZH), g(Z)))),
    ex.set(ZL, fsub(g(Z), g(ZH))),
    ex.set(PZ, fmul(g(Z), tab(TAB_OFF))),
    ex.set(
      R,
      fadd(
        fsub(g(PZ), ex.c(1)),
        fadd(
          fadd(
            fadd(fsub(fmul(g(ZH), tab(INVC_HI)), g(PZ)), fmul(g(ZH), tab(INVC_LO))),
            fmul(g(ZL), tab(INVC_HI)),
          ),
          fmul(g(ZL), tab(INVC_LO)),
        ),
      ),
    ),
    ex.set(W, fadd(fmul(g(K), ex.c(LN2HI)), tab(LOGC))),
    ex.set(HI, fadd(g(W), g(R))),
    ex.set(LO, fadd(fmul(g(K), ex.c(LN2LO)), fadd(fsub(g(W), g(HI)), g(R)))),
    ex.set(RR, fmul(g(R), g(R))),
    ex.set(P, fadd(fmul(g(RR), fadd(fmul(g(R), ex.c(A4)), ex.c(A3))), fadd(fmul(g(R), ex.c(A2)), ex.c(A1)))),
    ex.set(T, fadd(fmul(fmul(g(R), g(RR)), g(P)), fadd(fmul(g(RR), ex.c(A0)), g(LO)))),
    ex.set(Y, fadd(g(HI), g(T))),
    ex.set(ERR, fsub(g(T), fsub(g(Y), g(HI)))),
    ex.set(
      BOUND,
      fadd(fmul(fadd(g(RR), [...g(LO), ...op.fabs]), ex.c(P48)), fmul([...g(Y), ...op.fabs], ex.c(P100))),
    ),
    // y when both ends of glibc's possible tail round to y, else NaN
    [...g(Y), ...ex.c(Number.NaN)],
    ex.bin(op.feq, fadd(g(Y), fadd(g(ERR), g(BOUND))), g(Y)),
    ex.bin(op.feq, fadd(g(Y), fsub(g(ERR), g(BOUND))), g(Y)),
    [...op.and, ...op.select, ...op.set(LG)],
  ];
  const store = (offset: number, local: number) => [...op.get(C), ...op.get(local), ...op.f64Store(offset)];
  const code: Part[][] = [
    [op.get(FROM), op.i32(3), op.shl, op.set(JB), op.i32(0), op.set(C)],
    [op.block, op.loop],
    [op.get(JB), op.i32(D_OFF - 8), op.geU, op.brIf(1)],
    [op.get(JB), op.fload(D_OFF), op.set(X1), op.get(JB), op.fload(D_OFF + 8), op.set(X2)],
    [ex.set(R2, fadd(fmul(g(X1), g(X1)), fmul(g(X2), g(X2))))],
    [op.get(JB), op.i32(16), op.add, op.set(JB)],
    [ex.bin(op.flt, g(R2), ex.c(1)), ex.bin(op.fne, g(R2), ex.c(0)), op.and, op.if],
    [ex.bin(op.fge, g(R2), ex.c(MIN_NORMAL)), ex.bin(op.flt, g(R2), ex.c(NEAR1_LO)), op.and, op.if],
    logBranch,
    [op.else, ex.c(Number.NaN), op.set(LG), op.end],
    // f = sqrt(-2 * log(r2) / r2), as random.ts computes it (NaN stays NaN)
    [ex.set(LG, [...ex.bin([0xa3], fmul(ex.c(-2), g(LG)), g(R2)), 0x9f])],
    [store(X1_OFF, X1), store(X2_OFF, X2), store(R2_OFF, R2), store(LOG_OFF, LG)],
    [op.get(C), fmul(g(LG), g(X2)), op.f64Store(G2_OFF), op.get(C), fmul(g(LG), g(X1)), op.f64Store(G1_OFF)],
    [op.get(C), op.i32(1), op.shrU, op.get(JB), op.i32(2), op.shrU, op.store(POS_OFF)],
    [op.get(C), op.i32(8), op.add, op.set(C)],
    [op.end],
    [op.br(0), op.end, op.end],
    [op.get(C), op.i32(3), op.shrU, op.end],
  ];
  return assemble(code);
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const twist = [2, 2, 0x7f, 1, 0x7b, ...twistBody()];
  const doubles = [2, 2, 0x7f, 2, 0x7b, ...doublesBody()];
  // locals of polar: jb, c, ti (i32); x1 .. lg (19 f64); ix, tmp (i64)
  const polar = [3, 3, 0x7f, 19, 0x7c, 2, 0x7e, ...polarBody()];
  const types = [3, 0x60, 0, 0, 0x60, 3, 0x7f, 0x7c, 0x7c, 0, 0x60, 1, 0x7f, 1, 0x7f];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(3, [3, 0, 1, 2]),
    ...section(5, [1, 0, 1]),
    ...section(7, [
      4,
      ...name("mem"),
      2,
      0,
      ...name("twist"),
      0,
      0,
      ...name("doubles"),
      0,
      1,
      ...name("polar"),
      0,
      2,
    ]),
    ...section(10, [
      3,
      ...uleb(twist.length),
      ...twist,
      ...uleb(doubles.length),
      ...doubles,
      ...uleb(polar.length),
      ...polar,
    ]),
  ];
  return new Uint8Array(bytes);
}

/** The WASM block generator: its state words and doubles as views on its memory. */
export interface MtBlocks {
  /** The 624 state words (copy a generator's `mt` in before and out after). */
  readonly words: Uint32Array;
  /** Doubles of the word pairs: `doubles[j]` comes from words 2j and 2j+1. */
  readonly doubles: Float64Array;
  readonly twist: () => void;
  /** Fills `doubles[from..312)` with `u * mul - sub` from the current words. */
  readonly fill: (from: number, mul: number, sub: number) => void;
  /** The accepted polar pairs of `doubles[from..]` (see `polarBody`); returns how many. */
  readonly polar: (from: number) => number;
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  readonly r2: Float64Array;
  /** sqrt(-2 * log(r2) / r2), or NaN where the caller must compute it. */
  readonly f: Float64Array;
  /** The word position after each accepted pair. */
  readonly pos: Int32Array;
  /** f * x2 and f * x1 (NaN with f). */
  readonly g2: Float64Array;
  readonly g1: Float64Array;
}

function instantiate(): MtBlocks | null {
  if (typeof WebAssembly === "undefined") return null;
  const bytes = moduleBytes();
  if (!WebAssembly.validate(bytes)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const { mem, twist, doubles, polar } = instance.exports;
  if (
    !(mem instanceof WebAssembly.Memory) ||
    typeof twist !== "function" ||
    typeof doubles !== "function" ||
    typeof polar !== "function"
  ) {
    return null;
  }
  const buf = mem.buffer;
  new Float64Array(buf, TAB_OFF, 128).set(TAB.invc);
  new Float64Array(buf, INVC_HI, 128).set(TAB.invcHi);
  new Float64Array(buf, INVC_LO, 128).set(TAB.invcLo);
  new Float64Array(buf, LOGC, 128).set(TAB.logc);
  // Validated boundary: the exports were checked to be functions of the module built above.
  return {
    x1: new Float64Array(buf, X1_OFF, MAX_PAIRS),
    x2: new Float64Array(buf, X2_OFF, MAX_PAIRS),
    r2: new Float64Array(buf, R2_OFF, MAX_PAIRS),
    f: new Float64Array(buf, LOG_OFF, MAX_PAIRS),
    pos: new Int32Array(buf, POS_OFF, MAX_PAIRS),
    g2: new Float64Array(buf, G2_OFF, MAX_PAIRS),
    g1: new Float64Array(buf, G1_OFF, MAX_PAIRS),
    polar: (from) => {
      const count: unknown = Reflect.apply(polar, undefined, [from]);
      return typeof count === "number" ? count : 0;
    },
    words: new Uint32Array(mem.buffer, 0, N),
    doubles: new Float64Array(mem.buffer, D_OFF, N / 2),
    twist: () => {
      Reflect.apply(twist, undefined, []);
    },
    fill: (from, mul, sub) => {
      Reflect.apply(doubles, undefined, [from, mul, sub]);
    },
  };
}

/** The shared scratch generator, or null without WebAssembly (random.ts then keeps its JS loops). */
export const mtBlocks: MtBlocks | null = instantiate();
