/**
 * Legacy np.random streams, draw for draw, against tests/fixtures/nd_print.json
 * (made by tests/fixtures/gen_nd_print.py with the real numpy).
 */
import { describe, expect, it } from "vitest";
import { NDArray, allocate, type DType } from "../../src/kernel/nd/ndarray.ts";
import {
  createRandomState,
  normal,
  type Param,
  permutationIndices,
  rand,
  randint,
  randn,
  randomSample,
  type RandomState,
  seedState,
  standardNormal,
  uniform,
} from "../../src/kernel/nd/random.ts";
import { fixtureNumber, readFixtureJson } from "./fixture-json.ts";

type Elem = number | string | boolean;
interface StoredArray {
  shape: number[];
  dtype: string;
  data: Elem[];
}
type StoredParam = number | null | { array: StoredArray };
interface Expected {
  shape?: number[];
  data?: Elem[];
  ints?: string[];
  scalar?: Elem;
  int?: string;
}
interface Call {
  op: string;
  seed?: number | number[];
  dims?: number[];
  size?: number[] | null;
  low?: StoredParam;
  high?: StoredParam;
  loc?: StoredParam;
  scale?: StoredParam;
  n?: number;
  expected: Expected | null;
}
interface RngCase {
  name: string;
  seed: number | number[];
  calls: Call[];
}

// The fixture is produced by our own generator; this is the validated boundary.
const fixture = readFixtureJson("nd_print.json") as {
  rng: RngCase[];
};

function toParam(p: StoredParam | undefined): Param {
  if (p === undefined || p === null) throw new Error("missing parameter");
  if (typeof p === "number") return p;
  const dtype: DType = p.array.dtype === "int64" ? "int64" : "float64";
  const data = allocate(dtype, p.array.shape);
  p.array.data.forEach((v, i) => {
    data[i] = fixtureNumber(v);
  });
  return NDArray.fromData(dtype, data, p.array.shape);
}

/** A result as comparable plain data: shape plus elements, or a scalar. */
function plain(r: number | NDArray | number[]): Expected {
  if (Array.isArray(r)) return { shape: [r.length], ints: r.map((v) => String(v)) };
  if (typeof r === "number") return { scalar: r };
  if (r.dtype === "int64")
    return { shape: [...r.shape], ints: r.toFlatArray().map((v) => BigInt(v).toString()) };
  return { shape: [...r.shape], data: r.toFlatArray() };
}

function expectedPlain(e: Expected): Expected {
  if (e.int !== undefined) return { scalar: Number(e.int) };
  if (e.scalar !== undefined) return { scalar: fixtureNumber(e.scalar) };
  // int64 beyond 2**53 is stored as the nearest double, as our int64 arrays hold it
  if (e.ints !== undefined)
    return { shape: e.shape ?? [], ints: e.ints.map((s) => BigInt(Number(s)).toString()) };
  return { shape: e.shape ?? [], data: (e.data ?? []).map(fixtureNumber) };
}

function run(state: RandomState, c: Call): number | NDArray | number[] | null {
  const size = c.size === undefined ? null : c.size;
  switch (c.op) {
    case "seed":
      seedState(state, c.seed ?? null);
      return null;
    case "rand":
      return rand(state, c.dims ?? []);
    case "randn":
      return randn(state, c.dims ?? []);
    case "random_sample":
      return randomSample(state, size);
    case "standard_normal":
      return standardNormal(state, size);
    case "uniform":
      return uniform(state, toParam(c.low), toParam(c.high), size);
    case "normal":
      return normal(state, toParam(c.loc), toParam(c.scale), size);
    case "randint":
      return randint(state, toParam(c.low), c.high === null ? null : toParam(c.high), size);
    case "permutation":
      return permutationIndices(state, c.n ?? 0);
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

describe("legacy RandomState streams match numpy", () => {
  it.each(fixture.rng.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const state = createRandomState(c.seed);
    const got: (Expected | null)[] = [];
    const want: (Expected | null)[] = [];
    for (const call of c.calls) {
      const r = run(state, call);
      got.push(r === null ? null : plain(r));
      want.push(call.expected === null ? null : expectedPlain(call.expected));
    }
    expect(got).toEqual(want);
  });
});

describe("RandomState basics", () => {
  it("seed 0 gives numpy's first rand() and randn()", () => {
    const s = createRandomState(0);
    expect(rand(s, [])).toBe(0.5488135039273248);
    seedState(s, 0);
    expect(randn(s, [])).toBe(1.764052345967664);
  });

  it("rejects seeds outside [0, 2**32-1] with numpy's message", () => {
    expect(() => createRandomState(-1)).toThrow("Seed must be between 0 and 2**32 - 1");
    expect(() => createRandomState(2 ** 32)).toThrow("Seed must be between 0 and 2**32 - 1");
  });

  it("randint bounds errors follow numpy", () => {
    const s = createRandomState(0);
    expect(() => randint(s, 0, null, null)).toThrow("high <= 0");
    expect(() => randint(s, 5, 2, null)).toThrow("low >= high");
  });

  it("normal rejects a negative scale", () => {
    expect(() => normal(createRandomState(0), 0, -1, null)).toThrow("scale < 0");
  });

  it("an unseeded state draws from entropy (two states differ)", () => {
    const a = randomSample(createRandomState(), [4]);
    const b = randomSample(createRandomState(), [4]);
    expect(plain(a)).not.toEqual(plain(b));
  });
});
