/**
 * glibcLog / glibcLogExact / fma against glibc, through CPython's math.log and
 * libm's fma: tests/fixtures/libm_log.json, made by tests/fixtures/gen_libm.py.
 * The inputs are regenerated here from the same xorshift32 streams (and numpy's
 * MT19937 for the polar category); every output is checked through checksums of
 * its bit pattern, chunk by chunk, plus the first values of each category in full.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fma, glibcLog, glibcLogExact } from "../../src/kernel/nd/random-libm.ts";
import { createRandomState, nextDouble } from "../../src/kernel/nd/random.ts";

interface Category {
  name: string;
  count: number;
  inputChecksum: string;
  outputChecksum: string;
  chunkChecksums: string[];
  sample: [string, string][];
}
interface Fixture {
  chunk: number;
  categories: Category[];
  nearMidpoint: { count: number; misroundedByGlibc: number };
  explicit: [string, string][];
  fma: [string, string, string, string][];
}

// The fixture is produced by our own generator; this is the validated boundary.
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/libm_log.json", import.meta.url), "utf8"),
) as Fixture;

const view = new DataView(new ArrayBuffer(8));

function bitsOf(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

function fromBits(b: bigint): number {
  view.setBigUint64(0, BigInt.asUintN(64, b));
  return view.getFloat64(0);
}

const fromHex = (h: string): number => fromBits(BigInt(`0x${h}`));

/** The bit pattern as 16 hex digits; every NaN as "nan" (payloads are not compared). */
function hex(x: number): string {
  return Number.isNaN(x) ? "nan" : bitsOf(x).toString(16).padStart(16, "0");
}

const hexOrNan = (h: string): string => hex(fromHex(h));

/** FNV-1a over the high then low 32-bit word of each double, as gen_libm.py's `fnv`. */
function fnv(values: ArrayLike<number>, from = 0, to = values.length): string {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    view.setFloat64(0, values[i] ?? 0);
    h = Math.imul(h ^ view.getUint32(0), 16777619) >>> 0;
    h = Math.imul(h ^ view.getUint32(4), 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

interface XorShift32 {
  s: number;
}

function next(g: XorShift32): number {
  let s = g.s;
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  g.s = s >>> 0;
  return g.s;
}

function u53(g: XorShift32): number {
  const a = next(g) >>> 5;
  const b = next(g) >>> 6;
  return (a * 67108864 + b) / 9007199254740992;
}

function pow2(e: number): number {
  let p = 1;
  for (let i = 0; i < Math.abs(e); i++) p *= e < 0 ? 0.5 : 2;
  return p;
}

// Each generator mirrors the one of the same name in gen_libm.py.

function genUniform(seed: number, n: number): number[] {
  const g = { s: seed };
  const out: number[] = [];
  while (out.length < n) {
    const u = u53(g);
    if (u !== 0) out.push(u);
  }
  return out;
}

function genPolar(seed: number, n: number): number[] {
  const state = createRandomState(seed);
  const out: number[] = [];
  while (out.length < n) {
    const x1 = 2 * nextDouble(state) - 1;
    const x2 = 2 * nextDouble(state) - 1;
    const r2 = x1 * x1 + x2 * x2;
    if (r2 < 1 && r2 !== 0) out.push(r2);
  }
  return out;
}

function genNear1(seed: number, n: number): number[] {
  const g = { s: seed };
  return Array.from({ length: n }, () => 0.9375 + u53(g) * 0.127197265625);
}

function genUlps1(seed: number, n: number): number[] {
  const g = { s: seed };
  return Array.from({ length: n }, () => {
    const j = next(g) % 53;
    return 1 + (u53(g) - 0.5) * pow2(-j);
  });
}

function genBits(seed: number, n: number, hiLimit: number): number[] {
  const g = { s: seed };
  const out: number[] = [];
  while (out.length < n) {
    const hi = next(g) % hiLimit;
    const lo = next(g);
    const x = fromBits((BigInt(hi) << 32n) | BigInt(lo));
    if (x !== 0) out.push(x);
  }
  return out;
}

function genEdges(seed: number, n: number): number[] {
  const g = { s: seed };
  return Array.from({ length: n }, () => {
    const i = next(g) % 128;
    const z = i < 80 ? (i + 176) / 256 : (i + 48) / 128;
    const e = (next(g) % 2000) - 1000;
    const d = (next(g) % 9) - 4;
    return fromBits(bitsOf(z * pow2(e)) + BigInt(d));
  });
}

const generators: Record<string, () => number[]> = {
  uniform: () => genUniform(1, 60000),
  "polar-r2": () => genPolar(12345, 60000),
  "near-1": () => genNear1(3, 30000),
  "ulps-from-1": () => genUlps1(4, 10000),
  tiny: () => genBits(5, 15000, 0x3ff00000),
  subnormal: () => genBits(6, 5000, 0x00100000),
  "all-bits": () => genBits(7, 15000, 0x7ff00000),
  edges: () => genEdges(8, 10000),
};

interface Observed {
  outputChecksum: string;
  chunkChecksums: string[];
  sample: [string, string][];
}

function observe(xs: readonly number[], log: (x: number) => number): Observed {
  const ys = Float64Array.from(xs, log);
  const chunkChecksums: string[] = [];
  for (let i = 0; i < ys.length; i += fixture.chunk)
    chunkChecksums.push(fnv(ys, i, Math.min(ys.length, i + fixture.chunk)));
  const sample: [string, string][] = xs
    .slice(0, fixture.categories[0]?.sample.length ?? 0)
    .map((x, i) => [hex(x), hex(ys[i] ?? 0)]);
  return { outputChecksum: fnv(ys), chunkChecksums, sample };
}

describe("glibcLog matches CPython's math.log (glibc) bit for bit", () => {
  it("covers every generated category", () => {
    expect(fixture.categories.map((c) => c.name)).toEqual(Object.keys(generators));
  });

  describe.each(fixture.categories.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const xs = generators[name]?.() ?? [];

    it("regenerates the same inputs", () => {
      expect({ count: xs.length, inputChecksum: fnv(xs) }).toEqual({
        count: c.count,
        inputChecksum: c.inputChecksum,
      });
    });

    const want: Observed = {
      outputChecksum: c.outputChecksum,
      chunkChecksums: c.chunkChecksums,
      sample: c.sample,
    };
    it("glibcLog", () => {
      expect(observe(xs, glibcLog)).toEqual(want);
    });
    it("glibcLogExact", () => {
      expect(observe(xs, glibcLogExact)).toEqual(want);
    });
  });

  it("special arguments and inputs within 0.01 ulp of a rounding midpoint", () => {
    expect(fixture.nearMidpoint.count).toBeGreaterThan(1000);
    const xs = fixture.explicit.map(([x]) => fromHex(x));
    const want = fixture.explicit.map(([x, y]) => [x, hexOrNan(y)]);
    expect(xs.map((x, i) => [fixture.explicit[i]?.[0], hex(glibcLog(x))])).toEqual(want);
    expect(xs.map((x, i) => [fixture.explicit[i]?.[0], hex(glibcLogExact(x))])).toEqual(want);
  });

  it("the fixture tells glibc from Math.log (a check that these tests can fail)", () => {
    const c = fixture.categories.find((k) => k.name === "polar-r2");
    const xs = generators["polar-r2"]?.() ?? [];
    expect(observe(xs, Math.log).outputChecksum).not.toBe(c?.outputChecksum);
  });
});

describe("fma matches libm's fma", () => {
  it("on 6500 operand triples, most with c close to -a*b, some with a*b near 2**-910", () => {
    const got = fixture.fma.map(([a, b, c]) => [a, b, c, hex(fma(fromHex(a), fromHex(b), fromHex(c)))]);
    expect(got).toEqual(fixture.fma);
  });
});
