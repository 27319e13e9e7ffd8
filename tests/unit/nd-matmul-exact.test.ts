/**
 * Small float64 products bit for bit against this machine's numpy
 * (tests/fixtures/matmul_exact.json, written by tests/fixtures/gen_matmul_exact.py):
 * every operand layout (contiguous or a transposed view, on each side) through
 * `matmul` and `dot`, on shapes that reach each rounding pattern of OpenBLAS's
 * small-matrix kernels (sequential fma, 8 fma lanes and both lane-sum trees).
 * Also checks the emulated fma on ties and cancellations against BigInt arithmetic,
 * and the strided SIMD kernel (transposed and padded operands, no copies) against
 * `blockedMatmul` on contiguous copies.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { dot, matmul, type NDArray, transpose } from "../../src/kernel/nd/mod.ts";
import { blockedMatmul, naiveMatmul, openblasSmallMatmul } from "../../src/kernel/nd/matmul-kernel.ts";
import { createStridedWasmMatmul } from "../../src/kernel/nd/matmul-wasm.ts";
import { createRandomState, randn } from "../../src/kernel/nd/random.ts";

interface Operand {
  seed: number;
  shape: number[];
  T: boolean;
}
interface Case {
  name: string;
  fn: "matmul" | "dot";
  a: Operand;
  b: Operand;
  expected: { shape: number[]; data: number[] };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
function isNumbers(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === "number");
}
function toOperand(x: unknown): Operand {
  if (!isRecord(x) || typeof x.seed !== "number" || !isNumbers(x.shape) || typeof x.T !== "boolean") {
    throw new Error("bad operand");
  }
  return { seed: x.seed, shape: x.shape, T: x.T };
}
// Validated boundary: the fixture is written by our generator.
function loadCases(): Case[] {
  const raw: unknown = JSON.parse(
    readFileSync(new URL("../fixtures/matmul_exact.json", import.meta.url), "utf8"),
  );
  if (!isRecord(raw) || !Array.isArray(raw.cases)) throw new Error("bad fixture");
  return raw.cases.map((c: unknown): Case => {
    if (!isRecord(c) || typeof c.name !== "string" || (c.fn !== "matmul" && c.fn !== "dot")) {
      throw new Error("bad case");
    }
    const e = c.expected;
    if (!isRecord(e) || !isNumbers(e.shape) || !isNumbers(e.data)) throw new Error("bad expected");
    return {
      name: c.name,
      fn: c.fn,
      a: toOperand(c.a),
      b: toOperand(c.b),
      expected: { shape: e.shape, data: e.data },
    };
  });
}

function build(op: Operand): NDArray {
  const r = randn(createRandomState(op.seed), op.shape);
  if (typeof r === "number") throw new Error("randn gave a scalar");
  return op.T ? transpose(r) : r;
}

const cases = loadCases();

test("the fixture covers every layout and both functions", () => {
  const kinds = new Set(cases.map((c) => c.name.split(" ").pop()));
  expect([...kinds].sort()).toEqual(["NN", "NT", "TN", "TT"]);
  expect(cases.some((c) => c.fn === "dot")).toBe(true);
});

test.each(cases.map((c) => [c.name, c] as const))("%s equals numpy bit for bit", (_name, c) => {
  const a = build(c.a);
  const b = build(c.b);
  const r = c.fn === "matmul" ? matmul(a, b) : dot(a, b);
  expect(r.shape).toEqual(c.expected.shape);
  expect(Array.from(r.toContiguousData())).toEqual(c.expected.data);
});

/** The exact value of a double as a BigInt numerator over 2**1100. */
function exactScaled(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = bits & ((1n << 52n) - 1n);
  const sig = exp === 0 ? mant : mant | (1n << 52n);
  const e = (exp === 0 ? 1 : exp) - 1075 + 1100;
  const v = e >= 0 ? sig << BigInt(e) : sig >> BigInt(-e);
  return x < 0 ? -v : v;
}

/** Whether `r` is the double nearest to the exact `a*b + c` (ties to even), by exhaustive neighbour check. */
function isCorrectlyRounded(a: number, b: number, c: number, r: number): boolean {
  const exact = exactScaled(a) * exactScaled(b) + (exactScaled(c) << 1100n);
  const scaledR = exactScaled(r) << 1100n;
  const dist = (x: bigint) => (x < 0n ? -x : x);
  const d = dist(exact - scaledR);
  for (const nb of [nextDouble(r, 1), nextDouble(r, -1)]) {
    const dn = dist(exact - (exactScaled(nb) << 1100n));
    if (dn < d) return false;
    if (dn === d) {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, r);
      if ((view.getUint32(4) & 1) === 1) return false;
    }
  }
  return true;
}

function nextDouble(x: number, dir: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  let bits = view.getBigInt64(0);
  if (x === 0) return dir * Number.MIN_VALUE;
  bits += x > 0 === dir > 0 ? 1n : -1n;
  view.setBigInt64(0, bits);
  return view.getFloat64(0);
}

test("the emulated fma rounds once, including exact ties and cancellations", () => {
  // a 1x1 product through the kernel with k = 2: fma(a1, b1, fma(a0, b0, 0)).
  const run = (a0: number, b0: number, a1: number, b1: number): number => {
    const out = new Float64Array(1);
    const A = { data: Float64Array.of(a0, a1), offset: 0, rowStride: 2, colStride: 1 };
    const B = { data: Float64Array.of(b0, b1), offset: 0, rowStride: 1, colStride: 1 };
    if (!openblasSmallMatmul(A, B, false, false, out, 0, 1, 2, 1)) throw new Error("refused");
    return out[0] ?? Number.NaN;
  };
  const eps = 2 ** -52;
  const tricky: [number, number, number][] = [
    [1 + eps, 1 - eps, -1], // cancellation to -eps^2
    [1 + 2 ** -27, 1 + 2 ** -27, 1], // product tail exactly representable
    [3, 1 + eps, 2 ** 53], // sum lands on a tie
    [1 + 2 ** -26, 1 + 2 ** -26, 2 ** 52],
    [0.1, 0.2, -0.02],
    [1e10 + 1, 1e10 - 1, -1e20],
    // a*b = 1 - 2**-60: th + v is the tie 2**53 + 3, the true value just below it.
    [1 + 2 ** -30, 1 - 2 ** -30, 2 ** 53 + 2],
    [1 + 2 ** -30, 1 - 2 ** -30, 2 ** 53],
    [-(1 + 2 ** -30), 1 - 2 ** -30, -(2 ** 53 + 2)],
  ];
  let state = 12345;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  for (let i = 0; i < 2000; i++) tricky.push([rand() * 8, rand() * 3, rand() * 2 ** ((i % 40) - 20)]);
  // 1 + 2**-52 style ties: c chosen so a*b + c is (near) halfway between doubles.
  for (let i = 0; i < 500; i++) {
    const a = 1 + Math.floor(rand() * 2 ** 20 + 2 ** 19) * 2 ** -26;
    tricky.push([a, a, -(a * a)]);
    tricky.push([a, a, 2 ** 27 * (1 + rand())]);
  }
  for (let i = 1; i < 200; i++) {
    const x = i * 2 ** -30;
    tricky.push([1 + x, 1 - x, 2 ** 53 + 2 * i]);
    tricky.push([1 + x, 1 - x, -(2 ** 54) - 4 * i]);
  }
  const bad: string[] = [];
  for (const [a, b, c] of tricky) {
    // c enters as fma(1, c, 0) = c, then fma(a, b, c).
    const r = run(1, c, a, b);
    if (!isCorrectlyRounded(a, b, c, r) && bad.length < 5) bad.push(`fma(${a}, ${b}, ${c}) = ${r}`);
  }
  expect(bad).toEqual([]);
});

test.each([
  [5, 7, 9],
  [33, 600, 17],
  [64, 50, 64],
  [13, 513, 14],
])("the strided SIMD kernel on transposed views (%i x %i @ %i) equals blockedMatmul on copies", (m, k, n) => {
  const wasm = createStridedWasmMatmul();
  if (wasm === null) throw new Error("WebAssembly SIMD is not available in this Node");
  // A is stored transposed (k x m, offset 3), B with a row stride of n + 2 (offset 1).
  const at = new Float64Array(3 + k * m).map((_, i) => Math.sin(i * 1.3));
  const bw = new Float64Array(1 + k * (n + 2)).map((_, i) => Math.cos(i * 0.7));
  const a = new Float64Array(m * k);
  const b = new Float64Array(k * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) a[i * k + p] = at[3 + p * m + i] ?? 0;
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) b[p * n + j] = bw[1 + p * (n + 2) + j] ?? 0;
  const want = new Float64Array(m * n);
  const got = new Float64Array(m * n);
  blockedMatmul(a, 0, b, 0, want, 0, m, k, n);
  wasm(
    { data: at, offset: 3, rowStride: 1, colStride: m },
    { data: bw, offset: 1, rowStride: n + 2, colStride: 1 },
    got,
    0,
    m,
    k,
    n,
  );
  if (m * n * k < 4096) {
    // below the SIMD threshold both run the i-k-j loop
    naiveMatmul(a, 0, b, 0, want, 0, m, k, n);
  }
  expect(Array.from(got)).toEqual(Array.from(want));
});
