import { describe, expect, it } from "vitest";
import type { NDArray } from "../../src/kernel/nd/ndarray.ts";
import {
  createRandomState,
  nextGauss,
  nextUint32,
  randn,
  type RandomState,
} from "../../src/kernel/nd/random.ts";
import { mtBlocks } from "../../src/kernel/nd/random-wasm.ts";

/** randn(n) as a plain array (the block fill for n >= 256). */
function filled(state: RandomState, n: number): number[] {
  const r = randn(state, [n]);
  if (typeof r === "number") throw new Error("scalar");
  return (r satisfies NDArray).toFlatArray();
}

/** The same draws one `nextGauss` at a time (numpy's legacy_gauss, word by word). */
function oneByOne(state: RandomState, n: number): number[] {
  return Array.from({ length: n }, () => nextGauss(state));
}

describe("randn block fill (WASM MT19937 and log) matches the draw-by-draw path", () => {
  it("has the WASM module", () => {
    expect(mtBlocks).not.toBeNull();
  });

  it.each([
    [0, [256, 257, 1, 311, 312, 313, 100_001, 5000, 623, 624, 625]],
    [7, [999, 3, 4096, 1, 2, 70_000]],
    [123456789, [50_000, 257, 258, 259]],
  ] as const)("seed %i, sizes %j, with odd word positions in between", (seed, sizes) => {
    const a = createRandomState(seed);
    const b = createRandomState(seed);
    sizes.forEach((n, k) => {
      expect(filled(a, n)).toEqual(oneByOne(b, n));
      if (k % 3 === 1) {
        // an odd number of 32-bit draws leaves the state at an odd word position
        expect(nextUint32(a)).toBe(nextUint32(b));
      }
    });
    expect(a.hasGauss).toBe(b.hasGauss);
    expect(a.pos).toBe(b.pos);
    expect(Array.from(a.mt)).toEqual(Array.from(b.mt));
  });
});
