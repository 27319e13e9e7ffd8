/**
 * numpy functions for sorting, counting and closeness: `sort`, `argsort`,
 * `unique`, `bincount`, `count_nonzero`, `outer`, `isclose`, `allclose`,
 * `sign`, `log2`, `log10`, `log1p`, bound to src/kernel/nd/sort.ts and
 * nd/elementary.ts.
 */
import { log1p, log10, log2, sign } from "../../nd/elementary.ts";
import { type DType, type NDArray, type Operand, resultType, runBinary } from "../../nd/mod.ts";
import { argsort, bincount, countNonzero, iscloseValue, outer, sort, unique } from "../../nd/sort.ts";
import { NpScalar, PyTuple, type PyValue, raise } from "../../py/values.ts";
import {
  flagArg,
  intArg,
  numberArg,
  rejectOut,
  singleAxisArg,
  toNDArray,
  toOperand,
  wrap,
} from "./convert.ts";
import { type Bound, fn } from "./ops.ts";

function sortAxis(axis: PyValue | undefined): number | null {
  if (axis === undefined) return -1;
  return singleAxisArg(axis);
}

function kindCheck(kind: PyValue | undefined): void {
  if (kind === undefined || kind === null) return;
  if (kind !== "quicksort" && kind !== "mergesort" && kind !== "heapsort" && kind !== "stable") {
    raise("ValueError", `sort kind must be one of 'quick', 'heap', or 'stable' (got '${String(kind)}')`);
  }
}

function uniqueFn(v: Bound): PyValue {
  const [ar, returnIndex, returnInverse, returnCounts] = v;
  const u = unique(toNDArray(ar ?? null));
  const out: PyValue[] = [u.values];
  if (flagArg(returnIndex, false)) out.push(u.index);
  if (flagArg(returnInverse, false)) out.push(u.inverse);
  if (flagArg(returnCounts, false)) out.push(u.counts);
  return out.length === 1 ? u.values : new PyTuple(out);
}

function isclose(v: Bound): NDArray {
  const [a, b, rtol, atol, equalNan] = v;
  const rt = rtol === undefined ? 1e-5 : numberArg(rtol, "rtol");
  const at = atol === undefined ? 1e-8 : numberArg(atol, "atol");
  const en = flagArg(equalNan, false);
  const ax = toNDArray(a ?? null, "float64");
  const bx = toNDArray(b ?? null, "float64");
  return runBinary(ax, bx, "bool", (da, ia, sa, db, ib, sb, o, io, so, n) => {
    for (let i = 0; i < n; i++) {
      o[io] = iscloseValue(da[ia] ?? 0, db[ib] ?? 0, rt, at, en) ? 1 : 0;
      ia += sa;
      ib += sb;
      io += so;
    }
  });
}

function logUfunc(name: string, f: (x: Operand) => NDArray) {
  return fn(name, ["x", "out?"], ([x, out]) => {
    rejectOut(name, out);
    return wrap(f(toOperand(x ?? null)));
  });
}

/** The functions, keyed by their numpy names. */
export function sortingFunctions(): Record<string, PyValue> {
  return {
    sort: fn("sort", ["a", "axis?", "kind?", "order?", "*", "stable?"], ([a, axis, kind]) => {
      kindCheck(kind);
      return sort(toNDArray(a ?? null), sortAxis(axis));
    }),
    argsort: fn("argsort", ["a", "axis?", "kind?", "order?", "*", "stable?"], ([a, axis, kind]) => {
      kindCheck(kind);
      return argsort(toNDArray(a ?? null), sortAxis(axis));
    }),
    unique: fn(
      "unique",
      ["ar", "return_index?", "return_inverse?", "return_counts?", "axis?", "*", "equal_nan?", "sorted?"],
      uniqueFn,
    ),
    bincount: fn("bincount", ["x", "weights?", "minlength?"], ([x, weights, minlength]) =>
      bincount(
        toNDArray(x ?? null),
        weights === undefined || weights === null ? null : toNDArray(weights, "float64"),
        minlength === undefined ? 0 : intArg(minlength),
      ),
    ),
    count_nonzero: fn("count_nonzero", ["a", "axis?", "*", "keepdims?"], ([a, axis]) => {
      if (axis !== undefined && axis !== null) {
        return raise("NotImplementedError", "count_nonzero(axis=...) is not supported in this notebook");
      }
      return new NpScalar("int64", countNonzero(toNDArray(a ?? null)));
    }),
    outer: fn("outer", ["a", "b", "out?"], ([a, b, out]) => {
      rejectOut("outer", out);
      const x = toNDArray(a ?? null);
      const y = toNDArray(b ?? null);
      const dt: DType = resultType(x, y);
      return outer(x, y, dt);
    }),
    isclose: fn("isclose", ["a", "b", "rtol?", "atol?", "equal_nan?"], (v) => wrap(isclose(v))),
    allclose: fn("allclose", ["a", "b", "rtol?", "atol?", "equal_nan?"], (v) => {
      const r = isclose(v);
      for (const x of r.toContiguousData()) if (x === 0) return false;
      return true;
    }),
    sign: fn("sign", ["x", "out?"], ([x, out]) => {
      rejectOut("sign", out);
      const a = toNDArray(x ?? null);
      if (a.dtype === "bool") {
        return raise(
          "TypeError",
          "ufunc 'sign' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None",
        );
      }
      return wrap(sign(a));
    }),
    log2: logUfunc("log2", log2),
    log10: logUfunc("log10", log10),
    log1p: logUfunc("log1p", log1p),
  };
}
