/**
 * Array operations against real numpy: every case of tests/fixtures/nd_ops.json
 * (written by tests/fixtures/gen_nd_ops.py) is run through src/kernel/nd and
 * compared whole: shape, dtype and every value exactly (NaN equals NaN, the
 * sign of zero counts), or the exception name and message. Cases with a `tol`
 * say why numpy's own rounding differs (BLAS summation order).
 */
import { describe, expect, test } from "vitest";
import { NdError } from "../../src/kernel/nd/errors.ts";
import * as nd from "../../src/kernel/nd/mod.ts";
import { createRandomState, randn } from "../../src/kernel/nd/random.ts";
import { fixtureNumber, readFixtureJson } from "./fixture-json.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Allowed difference: relative to each expected element, or to the largest |expected| of the array. */
interface Tolerance {
  rel: number;
  why: string;
  perElement: boolean;
}

interface Case {
  name: string;
  op: string;
  args: Json[];
  kwargs: { [k: string]: Json };
  expected: Json;
  tol?: Tolerance;
}

const fixture = readFixtureJson("nd_ops.json");

function isObj(x: unknown): x is { [k: string]: Json } {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

// Validated boundary: the fixture file is produced by our generator.
function loadCases(x: unknown): Case[] {
  if (!isObj(x) || !Array.isArray(x.cases)) throw new Error("bad fixture");
  return x.cases.map((c) => {
    if (
      !isObj(c) ||
      typeof c.name !== "string" ||
      typeof c.op !== "string" ||
      !Array.isArray(c.args) ||
      !isObj(c.kwargs)
    ) {
      throw new Error("bad case");
    }
    const tol =
      isObj(c.tol) && typeof c.tol.rel === "number" && typeof c.tol.why === "string"
        ? { rel: c.tol.rel, why: c.tol.why, perElement: c.tol.per_element === true }
        : undefined;
    return {
      name: c.name,
      op: c.op,
      args: c.args,
      kwargs: c.kwargs,
      expected: c.expected ?? null,
      ...(tol ? { tol } : {}),
    };
  });
}

const DTYPES: readonly nd.DType[] = ["float64", "float32", "int64", "bool"];
function toDType(s: Json): nd.DType {
  const d = DTYPES.find((t) => t === s);
  if (!d) throw new Error(`unsupported dtype ${String(s)}`);
  return d;
}

function numList(v: Json): number[] {
  if (!Array.isArray(v)) throw new Error("expected a list");
  return v.map(fixtureNumber);
}

function decodeArray(x: { [k: string]: Json }): nd.NDArray {
  const dtype = toDType(x.dtype ?? null);
  const shape = numList(x.shape ?? null);
  const data = nd.allocate(dtype, shape);
  numList(x.data ?? null).forEach((v, i) => {
    data[i] = v;
  });
  return nd.NDArray.fromData(dtype, data, shape);
}

function decodeIndex(items: Json): nd.IndexItem[] {
  if (!Array.isArray(items)) throw new Error("index must be a list");
  return items.map((it): nd.IndexItem => {
    if (it === "...") return "ellipsis";
    if (it === null) return "newaxis";
    if (typeof it === "number") return it;
    if (isObj(it) && Array.isArray(it.slice)) {
      const [start = null, stop = null, step = null] = it.slice.map((v) =>
        v === null ? null : fixtureNumber(v),
      );
      return { start, stop, step };
    }
    return decodeArrayOperand(it);
  });
}

function decode(x: Json): nd.Operand {
  if (!isObj(x)) throw new Error(`cannot decode ${JSON.stringify(x)}`);
  if (isObj(x.arr)) return decodeArray(x.arr);
  if (typeof x.py === "string") {
    const v = fixtureNumber(x.v ?? null);
    return x.py === "int" ? nd.pyInt(v) : x.py === "bool" ? nd.pyBool(v !== 0) : nd.pyFloat(v);
  }
  if (x.gen === "randn") {
    const state = createRandomState(fixtureNumber(x.seed ?? null));
    const r = randn(state, numList(x.shape ?? null));
    if (!(r instanceof nd.NDArray)) throw new Error("randn gave a scalar");
    return r;
  }
  if (x.T !== undefined) return nd.transpose(decodeArrayOperand(x.T));
  if (x.view !== undefined) return nd.getItem(decodeArrayOperand(x.view), decodeIndex(x.index ?? null));
  throw new Error(`cannot decode ${JSON.stringify(x)}`);
}

function decodeArrayOperand(x: Json): nd.NDArray {
  const v = decode(x);
  if (!(v instanceof nd.NDArray)) throw new Error("expected an array operand");
  return v;
}

function axisOf(v: Json | undefined): nd.Axis {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return numList(v);
  return fixtureNumber(v);
}

function nested(v: Json): nd.NestedInput {
  if (Array.isArray(v)) return v.map(nested);
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isInteger(v) ? nd.pyInt(v) : v;
  throw new Error("bad nested input");
}

type Result = nd.NDArray | nd.NDArray[] | nd.DType;

function run(c: Case): Result {
  const k = c.kwargs;
  const A = c.args.map(decode);
  const arg = (i: number): nd.Operand => {
    const v = A[i];
    if (v === undefined) throw new Error(`missing argument ${i}`);
    return v;
  };
  const arrArg = (i: number): nd.NDArray => {
    const v = arg(i);
    if (!(v instanceof nd.NDArray)) throw new Error(`argument ${i} must be an array`);
    return v;
  };
  const scalarArg = (i: number): number => nd.scalarOf(arg(i));
  const opts = { axis: axisOf(k.axis), keepdims: k.keepdims === true };
  switch (c.op) {
    case "add":
      return nd.add(arg(0), arg(1));
    case "subtract":
      return nd.subtract(arg(0), arg(1));
    case "multiply":
      return nd.multiply(arg(0), arg(1));
    case "divide":
      return nd.divide(arg(0), arg(1));
    case "floor_divide":
      return nd.floorDivide(arg(0), arg(1));
    case "remainder":
      return nd.remainder(arg(0), arg(1));
    case "power":
      return nd.power(arg(0), arg(1));
    case "maximum":
      return nd.maximum(arg(0), arg(1));
    case "minimum":
      return nd.minimum(arg(0), arg(1));
    case "less":
      return nd.compare("<", arg(0), arg(1));
    case "less_equal":
      return nd.compare("<=", arg(0), arg(1));
    case "greater":
      return nd.compare(">", arg(0), arg(1));
    case "greater_equal":
      return nd.compare(">=", arg(0), arg(1));
    case "equal":
      return nd.compare("==", arg(0), arg(1));
    case "not_equal":
      return nd.compare("!=", arg(0), arg(1));
    case "logical_and":
      return nd.logicalAnd(arg(0), arg(1));
    case "logical_or":
      return nd.logicalOr(arg(0), arg(1));
    case "logical_xor":
      return nd.logicalXor(arg(0), arg(1));
    case "bitwise_and":
      return nd.bitwise("&", arg(0), arg(1));
    case "bitwise_or":
      return nd.bitwise("|", arg(0), arg(1));
    case "bitwise_xor":
      return nd.bitwise("^", arg(0), arg(1));
    case "result_type":
      return nd.resultType(arg(0), arg(1));
    case "negative":
      return nd.negative(arg(0));
    case "absolute":
      return nd.absolute(arg(0));
    case "tanh":
      return nd.tanh(arg(0));
    case "exp":
      return nd.exp(arg(0));
    case "log":
      return nd.log(arg(0));
    case "sqrt":
      return nd.sqrt(arg(0));
    case "sin":
      return nd.sin(arg(0));
    case "cos":
      return nd.cos(arg(0));
    case "square":
      return nd.square(arg(0));
    case "isnan":
      return nd.isnan(arg(0));
    case "isfinite":
      return nd.isfinite(arg(0));
    case "logical_not":
      return nd.logicalNot(arg(0));
    case "invert":
      return nd.invert(arg(0));
    case "round":
      return nd.round(arg(0), k.decimals === undefined ? 0 : fixtureNumber(k.decimals));
    case "clip":
      return nd.clip(arg(0), arg(1), arg(2));
    case "where":
      return nd.where(arg(0), arg(1), arg(2));
    case "sum":
      return nd.sum(arrArg(0), opts);
    case "mean":
      return nd.mean(arrArg(0), opts);
    case "var":
      return nd.variance(arrArg(0), { ...opts, ddof: k.ddof === undefined ? 0 : fixtureNumber(k.ddof) });
    case "std":
      return nd.std(arrArg(0), { ...opts, ddof: k.ddof === undefined ? 0 : fixtureNumber(k.ddof) });
    case "min":
      return nd.min(arrArg(0), opts);
    case "max":
      return nd.max(arrArg(0), opts);
    case "prod":
      return nd.prod(arrArg(0), opts);
    case "argmax":
      return nd.argmax(arrArg(0), k.axis === undefined || k.axis === null ? null : fixtureNumber(k.axis));
    case "argmin":
      return nd.argmin(arrArg(0), k.axis === undefined || k.axis === null ? null : fixtureNumber(k.axis));
    case "cumsum":
      return nd.cumsum(arrArg(0), k.axis === undefined || k.axis === null ? null : fixtureNumber(k.axis));
    case "dot":
      return nd.dot(arg(0), arg(1));
    case "matmul":
      return nd.matmul(arg(0), arg(1));
    case "matmul_mean":
      return nd.mean(nd.matmul(arg(0), arg(1)));
    case "array":
      return nd.array(nested(k.data ?? null), k.dtype === undefined ? undefined : toDType(k.dtype));
    case "zeros":
      return nd.zeros(numList(k.shape ?? null));
    case "ones":
      return nd.ones(numList(k.shape ?? null), toDType(k.dtype ?? null));
    case "full":
      return nd.full(numList(k.shape ?? null), decode(k.fill ?? null));
    case "eye":
      return nd.eye(
        fixtureNumber(k.n ?? null),
        k.m === undefined ? null : fixtureNumber(k.m),
        k.k === undefined ? 0 : fixtureNumber(k.k),
      );
    case "arange":
      return nd.arange(arg(0), A.length > 1 ? arg(1) : null, A.length > 2 ? arg(2) : null);
    case "linspace":
      return nd.linspace(scalarArg(0), scalarArg(1), scalarArg(2), k.endpoint !== false);
    case "reshape":
      return nd.reshape(arrArg(0), numList(k.shape ?? null));
    case "transpose":
      return nd.transpose(arrArg(0), k.axes === undefined ? null : numList(k.axes));
    case "ravel":
      return nd.ravel(arrArg(0));
    case "astype":
      return nd.astype(arrArg(0), toDType(k.dtype ?? null));
    case "concatenate":
      return nd.concatenate(
        [arrArg(0), arrArg(1)],
        k.axis === undefined ? 0 : k.axis === null ? null : fixtureNumber(k.axis),
      );
    case "stack":
      return nd.stack([arrArg(0), arrArg(1)], k.axis === undefined ? 0 : fixtureNumber(k.axis));
    case "expand_dims":
      return nd.expandDims(arrArg(0), fixtureNumber(k.axis ?? null));
    case "getitem":
      return nd.getItem(arrArg(0), decodeIndex(k.index ?? null));
    case "setitem": {
      const a = nd.copy(arrArg(0));
      nd.setItem(a, decodeIndex(k.index ?? null), arg(1));
      return a;
    }
    case "histogram": {
      const bins =
        k.bins === undefined ? 10 : typeof k.bins === "number" ? k.bins : decodeArrayOperand(k.bins);
      const rangeList = k.range === undefined ? null : numList(k.range);
      const range: [number, number] | null = rangeList ? [rangeList[0] ?? 0, rangeList[1] ?? 0] : null;
      const h = nd.histogram(arrArg(0), bins, range);
      return [h.hist, h.edges];
    }
    case "percentile": {
      const q = arg(1);
      const qv = q instanceof nd.NDArray ? q : nd.scalarOf(q);
      return nd.percentile(arrArg(0), qv, axisOf(k.axis));
    }
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

function same(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

/** A comparable summary of one array: mismatching elements are listed with both values. */
function compareArray(got: nd.NDArray, want: { [k: string]: Json }, tol: Tolerance | null): unknown {
  const exp = decodeArray(want);
  const g = got.toFlatArray();
  const e = exp.toFlatArray();
  const scale = Math.max(1e-300, ...e.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)));
  const bad: string[] = [];
  e.forEach((v, i) => {
    const w = g[i] ?? Number.NaN;
    const ok =
      tol === null
        ? same(w, v)
        : same(w, v) || Math.abs(w - v) <= tol.rel * (tol.perElement ? Math.abs(v) : scale);
    if (!ok && bad.length < 5) bad.push(`[${i}] got ${w} want ${v}`);
  });
  return { dtype: got.dtype, shape: [...got.shape], size: g.length, mismatches: bad };
}

function expectedSummary(want: { [k: string]: Json }): unknown {
  const exp = decodeArray(want);
  return { dtype: exp.dtype, shape: [...exp.shape], size: exp.size, mismatches: [] };
}

const cases = loadCases(fixture);

describe("nd ops vs numpy fixtures", () => {
  test("fixture has enough cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(90);
  });

  for (const c of cases) {
    test(`${c.op}: ${c.name}`, () => {
      const want = c.expected;
      let got: Result;
      try {
        got = run(c);
      } catch (err) {
        if (err instanceof NdError) {
          expect({ error: [err.pyName, err.message] }).toEqual(want);
          return;
        }
        throw err;
      }
      if (isObj(want) && Array.isArray(want.error)) {
        expect({ result: "no error" }).toEqual(want);
        return;
      }
      const tol = c.tol ?? null;
      if (typeof got === "string") {
        expect({ dtype_name: got }).toEqual(want);
      } else if (Array.isArray(got)) {
        if (!Array.isArray(want)) throw new Error("expected a single array");
        const wantArrs = want.map((w) => (isObj(w) && isObj(w.arr) ? w.arr : {}));
        expect(got.map((g, i) => compareArray(g, wantArrs[i] ?? {}, tol))).toEqual(
          wantArrs.map(expectedSummary),
        );
      } else {
        if (!isObj(want) || !isObj(want.arr)) throw new Error(`unexpected expectation for ${c.name}`);
        expect(compareArray(got, want.arr, tol)).toEqual(expectedSummary(want.arr));
      }
    });
  }
});
