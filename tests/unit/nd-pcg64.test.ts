/**
 * PCG64's two ways of making outputs, the WebAssembly block and the JS step
 * it falls back to without WebAssembly, give one stream (numpy's own stream
 * is checked by the golden snippets tests/golden/numpy/random_generator*.py).
 */
import { describe, expect, test } from "vitest";
import { pcgBlocks } from "../../src/kernel/nd/pcg64-wasm.ts";
import { createPcg64 } from "../../src/kernel/nd/pcg64.ts";

describe("pcg64", () => {
  test("the WebAssembly filler is available in node", () => {
    expect(pcgBlocks).not.toBeNull();
  });

  for (const seed of [0n, 1n, 2n ** 70n + 5n]) {
    test(`wasm and JS steps agree over three blocks (seed ${seed})`, () => {
      const a = createPcg64(seed, true);
      const b = createPcg64(seed, false);
      for (let i = 0; i < 3 * 4096 + 7; i++) {
        a.next64();
        b.next64();
        if (a.hi !== b.hi || a.lo !== b.lo) {
          expect([i, a.hi, a.lo]).toEqual([i, b.hi, b.lo]);
        }
      }
      expect(a.nextDouble()).toBe(b.nextDouble());
      expect(a.nextUint32()).toBe(b.nextUint32());
    });
  }
});
