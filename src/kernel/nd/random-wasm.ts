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

const N = 624;
const M = 397;
/** Byte address of the doubles: one f64 per pair of state words, at the pair's word address + D_OFF. */
const D_OFF = 4 * N;

function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n;
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

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

function f64Bytes(x: number): number[] {
  const b = new Uint8Array(new Float64Array([x]).buffer);
  return Array.from(b);
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
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
};

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
  const [P, Y] = [0, 1];
  const nextP: Part[] = [op.get(P), op.i32(4), op.add];
  return assemble([
    [op.i32(0), op.set(P)],
    [op.loop],
    twistStep(P, Y, nextP, [op.get(P), op.i32(4 * M), op.add]),
    [op.get(P), op.i32(4), op.add, op.tee(P), op.i32(4 * (N - M)), op.ne, op.brIf(0), op.end],
    [op.loop],
    twistStep(P, Y, nextP, [op.get(P), op.i32(4 * (N - M)), op.sub]),
    [op.get(P), op.i32(4), op.add, op.tee(P), op.i32(4 * (N - 1)), op.ne, op.brIf(0), op.end],
    twistStep(P, Y, [op.i32(0)], [op.i32(4 * (M - 1))]),
    [op.end],
  ]);
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

/**
 * `doubles(from, mul, sub)`: for each word pair j in [from, 312), the double at
 * byte 2496 + 8j is `((a * 2**26 + b) * 2**-53) * mul - sub`, a = temper(mt[2j]) >>> 5,
 * b = temper(mt[2j+1]) >>> 6.
 */
function doublesBody(): number[] {
  const [FROM, MUL, SUB] = [0, 1, 2];
  const [W, T] = [3, 4];
  return assemble([
    [op.get(FROM), op.i32(3), op.shl, op.set(W)],
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

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const twist = [1, 2, 0x7f, ...twistBody()];
  const doubles = [1, 2, 0x7f, ...doublesBody()];
  const types = [2, 0x60, 0, 0, 0x60, 3, 0x7f, 0x7c, 0x7c, 0];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(3, [2, 0, 1]),
    ...section(5, [1, 0, 1]),
    ...section(7, [3, ...name("mem"), 2, 0, ...name("twist"), 0, 0, ...name("doubles"), 0, 1]),
    ...section(10, [2, ...uleb(twist.length), ...twist, ...uleb(doubles.length), ...doubles]),
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
}

function instantiate(): MtBlocks | null {
  if (typeof WebAssembly === "undefined") return null;
  const bytes = moduleBytes();
  if (!WebAssembly.validate(bytes)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const { mem, twist, doubles } = instance.exports;
  if (!(mem instanceof WebAssembly.Memory) || typeof twist !== "function" || typeof doubles !== "function") {
    return null;
  }
  // Validated boundary: both exports were checked to be functions of the module built above.
  return {
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
