/**
 * PCG64 output blocks in WebAssembly: `fill(n)` steps the 128-bit LCG n
 * times and stores each XSL-RR output, with i64 arithmetic (the high half of
 * the 64x64 product from four 32x32 products). pcg64.ts copies a
 * generator's state in, takes the outputs, and copies the state back out,
 * so the memory is scratch and holds no generator between calls.
 *
 * Memory layout (bytes): state high, state low, increment high, increment
 * low as u64 at 0, 8, 16, 24; outputs (u64, little-endian) from 64.
 */
import { name, section, uleb } from "./wasm-encode.ts";

/** Outputs per `fill` call at most. */
export const PCG_BLOCK = 4096;
const OUT = 64;
const MUL_HI = 0x2360ed051fc65da4n;
const MUL_LO = 0x4385df649fccf645n;

/** Signed LEB128 of a 64-bit integer (given as an unsigned BigInt). */
function sleb64(v: bigint): number[] {
  let x = BigInt.asIntN(64, v);
  const out: number[] = [];
  for (;;) {
    const byte = Number(x & 0x7fn);
    x >>= 7n;
    if ((x === 0n && (byte & 0x40) === 0) || (x === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

// opcodes
const GET = 0x20;
const SET = 0x21;
const TEE = 0x22;
const I32C = 0x41;
const I64C = 0x42;
const I64_LOAD = 0x29;
const I64_STORE = 0x37;
const I64_ADD = 0x7c;
const I64_MUL = 0x7e;
const I64_AND = 0x83;
const I64_XOR = 0x85;
const I64_SHR_U = 0x88;
const I64_ROTR = 0x8a;
const I64_LT_U = 0x54;
const I64_EXTEND_U = 0xad;
const I32_ADD = 0x6a;
const I32_LT_U = 0x49;
const I32_SHL = 0x74;

// locals: 0 n (param, i32), 1 i (i32), 2 sh, 3 sl, 4 ih, 5 il, 6 nl, 7 al, 8 ah, 9 p1, 10 p2 (i64)
const [N, I, SH, SL, IH, IL, NL, AL, AH, P1, P2] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const MASK32 = [I64C, ...sleb64(0xffffffffn)];
const load = (addr: number, local: number) => [I32C, addr, I64_LOAD, 3, 0, SET, local];
const store = (addr: number, local: number) => [I32C, addr, GET, local, I64_STORE, 3, 0];

function fillBody(): number[] {
  const mlLo = MUL_LO & 0xffffffffn;
  const mlHi = MUL_LO >> 32n;
  return [
    ...load(0, SH),
    ...load(8, SL),
    ...load(16, IH),
    ...load(24, IL),
    ...[I32C, 0, SET, I],
    0x02,
    0x40, // block
    0x03,
    0x40, // loop
    ...[GET, I, GET, N, I32_LT_U, 0x45, 0x0d, 1], // br_if 1 unless i < n (i32.eqz)
    // al, ah: 32-bit halves of the low state word
    ...[GET, SL, ...MASK32, I64_AND, SET, AL],
    ...[GET, SL, I64C, 32, I64_SHR_U, SET, AH],
    // p1 = al * mlHi, p2 = ah * mlLo
    ...[GET, AL, I64C, ...sleb64(mlHi), I64_MUL, SET, P1],
    ...[GET, AH, I64C, ...sleb64(mlLo), I64_MUL, SET, P2],
    // new high word, part 1: mulhi(sl, MUL_LO) = ah*mlHi + p1>>32 + p2>>32 + mid>>32,
    // mid = (al*mlLo)>>32 + (p1 & mask) + (p2 & mask)
    ...[GET, AH, I64C, ...sleb64(mlHi), I64_MUL],
    ...[GET, P1, I64C, 32, I64_SHR_U, I64_ADD],
    ...[GET, P2, I64C, 32, I64_SHR_U, I64_ADD],
    ...[GET, AL, I64C, ...sleb64(mlLo), I64_MUL, I64C, 32, I64_SHR_U],
    ...[GET, P1, ...MASK32, I64_AND, I64_ADD],
    ...[GET, P2, ...MASK32, I64_AND, I64_ADD],
    ...[I64C, 32, I64_SHR_U, I64_ADD],
    // + sl * MUL_HI + sh * MUL_LO + ih
    ...[GET, SL, I64C, ...sleb64(MUL_HI), I64_MUL, I64_ADD],
    ...[GET, SH, I64C, ...sleb64(MUL_LO), I64_MUL, I64_ADD],
    ...[GET, IH, I64_ADD],
    // new low word nl = sl * MUL_LO + il, and its carry
    ...[GET, SL, I64C, ...sleb64(MUL_LO), I64_MUL, GET, IL, I64_ADD, TEE, NL],
    ...[GET, IL, I64_LT_U, I64_EXTEND_U, I64_ADD, SET, SH],
    ...[GET, NL, SET, SL],
    // out[i] = rotr(sh ^ sl, sh >> 58)
    ...[GET, I, I32C, 3, I32_SHL, I32C, ...sleb64(BigInt(OUT)), I32_ADD],
    ...[GET, SH, GET, SL, I64_XOR, GET, SH, I64C, 58, I64_SHR_U, I64_ROTR],
    ...[I64_STORE, 3, 0],
    ...[GET, I, I32C, 1, I32_ADD, SET, I],
    0x0c,
    0, // br 0 (loop)
    0x0b, // end loop
    0x0b, // end block
    ...store(0, SH),
    ...store(8, SL),
    0x0b, // end function
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const fill = [2, 1, 0x7f, 9, 0x7e, ...fillBody()];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, 0x7f, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...name("mem"), 2, 0, ...name("fill"), 0, 0]),
    ...section(10, [1, ...uleb(fill.length), ...fill]),
  ]);
}

/** The WASM block filler: the state as u64 words and the outputs, as views on its memory. */
export interface PcgBlocks {
  /** state high, state low, increment high, increment low. */
  readonly state: BigUint64Array;
  /** Outputs as uint32 pairs, low word first. */
  readonly out: Uint32Array;
  readonly fill: (n: number) => void;
}

function instantiate(): PcgBlocks | null {
  if (typeof WebAssembly === "undefined") return null;
  const bytes = moduleBytes();
  if (!WebAssembly.validate(bytes)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const { mem, fill } = instance.exports;
  if (!(mem instanceof WebAssembly.Memory) || typeof fill !== "function") return null;
  return {
    state: new BigUint64Array(mem.buffer, 0, 4),
    out: new Uint32Array(mem.buffer, OUT, 2 * PCG_BLOCK),
    // Validated boundary: `fill` was checked to be a function of the module built above.
    fill: (n) => {
      Reflect.apply(fill, undefined, [n]);
    },
  };
}

/** The shared scratch filler, or null without WebAssembly (pcg64.ts then steps in JS). */
export const pcgBlocks: PcgBlocks | null = instantiate();
