/**
 * The blocked matmul kernel against the reference i-k-j loop on shapes that
 * exercise edge tiles (m, n not multiples of 4), several KC blocks (k > 512)
 * and buffer offsets. Sums are reordered by blocking, so values agree to
 * rounding, not bit for bit. The WASM SIMD kernel sums in the same order as
 * the blocked JS kernel, so those two must agree exactly.
 */
import { expect, test } from "vitest";
import { blockedMatmul, naiveMatmul } from "../../src/kernel/nd/matmul-kernel.ts";
import { createWasmMatmul } from "../../src/kernel/nd/matmul-wasm.ts";

const shapes: readonly (readonly [number, number, number])[] = [
  [5, 7, 9],
  [33, 600, 17],
  [1, 1030, 3],
  [64, 64, 64],
  [13, 513, 14],
  [100, 3, 101],
];

test.each(shapes)("blockedMatmul(%i x %i @ %i) matches the reference loop", (m, k, n) => {
  const a = new Float64Array(m * k + 3).map((_, i) => Math.sin(i * 1.3));
  const b = new Float64Array(k * n + 5).map((_, i) => Math.cos(i * 0.7));
  const want = new Float64Array(m * n + 2).fill(7);
  const got = new Float64Array(m * n + 2).fill(7);
  naiveMatmul(a, 3, b, 5, want, 2, m, k, n);
  blockedMatmul(a, 3, b, 5, got, 2, m, k, n);
  const bad: string[] = [];
  want.forEach((w, i) => {
    const g = got[i] ?? Number.NaN;
    if (!(Math.abs(g - w) <= 1e-13 * (1 + Math.abs(w))) && bad.length < 3) bad.push(`[${i}] ${g} != ${w}`);
  });
  expect(bad).toEqual([]);
});

test.each(shapes)("WASM SIMD kernel (%i x %i @ %i) equals blockedMatmul bit for bit", (m, k, n) => {
  const wasm = createWasmMatmul();
  if (wasm === null) throw new Error("WebAssembly SIMD is not available in this Node");
  const a = new Float64Array(m * k + 3).map((_, i) => Math.sin(i * 1.3));
  const b = new Float64Array(k * n + 5).map((_, i) => Math.cos(i * 0.7));
  const want = new Float64Array(m * n + 2).fill(7);
  const got = new Float64Array(m * n + 2).fill(7);
  blockedMatmul(a, 3, b, 5, want, 2, m, k, n);
  wasm(a, 3, b, 5, got, 2, m, k, n);
  expect(Array.from(got)).toEqual(Array.from(want));
});
