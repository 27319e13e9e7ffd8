/**
 * The `numpy.linalg` submodule: `norm`, `det`, `inv`, `solve`, `qr`, bound
 * to src/kernel/nd/linalg-decomp.ts. Errors raise `LinAlgError` by name
 * (the interpreter has no exception class objects to expose yet).
 */
import { det, inv, matrixNorm, type NormOrd, qr, solve, vectorNorm } from "../../nd/linalg-decomp.ts";
import { NDArray, normalizeAxis } from "../../nd/mod.ts";
import {
  makeModule,
  NpScalar,
  PyFloat,
  PyList,
  type PyModule,
  PyTuple,
  type PyValue,
  raise,
} from "../../py/values.ts";
import { flagArg, intArg, toNDArray } from "./convert.ts";
import { type Bound, fn } from "./ops.ts";

function floatMatrix(v: PyValue | undefined): NDArray {
  return toNDArray(v ?? null, "float64");
}

function ordArg(v: PyValue | undefined): NormOrd {
  if (v === undefined || v === null) return null;
  if (v === "fro") return "fro";
  if (typeof v === "string") return raise("ValueError", `Invalid norm order '${v}' for vectors`);
  if (typeof v === "number") return v;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof NpScalar) return v.value;
  return raise("ValueError", "Invalid norm order for vectors.");
}

/** Elements of the 1-d lane of `a` along `axis` at the other axes' index `rest`. */
function normAlong(a: NDArray, axis: number, ord: NormOrd, keepdims: boolean): NDArray {
  const ax = normalizeAxis(axis, a.ndim);
  const flat = a.toFlatArray();
  const n = a.shape[ax] ?? 0;
  let inner = 1;
  for (let i = ax + 1; i < a.ndim; i++) inner *= a.shape[i] ?? 1;
  const outer = n === 0 ? 0 : flat.length / (n * inner);
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const lane: number[] = [];
      for (let k = 0; k < n; k++) lane.push(flat[(o * n + k) * inner + i] ?? 0);
      out[o * inner + i] = vectorNorm(lane, ord);
    }
  }
  const shape = a.shape.map((d, i) => (i === ax ? 1 : d)).filter((_, i) => keepdims || i !== ax);
  return NDArray.fromData("float64", out, shape);
}

function normFn(v: Bound): PyValue {
  const [x, ordV, axisV, keepdimsV] = v;
  const a = floatMatrix(x);
  const ord = ordArg(ordV);
  const keepdims = flagArg(keepdimsV, false);
  if (axisV instanceof PyTuple || axisV instanceof PyList) {
    return raise("NotImplementedError", "norm(axis=(i, j)) is not supported in this notebook");
  }
  if (axisV !== undefined && axisV !== null) {
    const r = normAlong(a, intArg(axisV), ord, keepdims);
    return r.ndim === 0 ? new NpScalar("float64", r.data[0] ?? 0) : r;
  }
  let value: number;
  if (ord === null) value = vectorNorm(a.toFlatArray(), null);
  else if (a.ndim === 1) value = vectorNorm(a.toFlatArray(), ord);
  else if (a.ndim === 2) value = matrixNorm(a.toFlatArray(), a.shape[0] ?? 0, a.shape[1] ?? 0, ord);
  else return raise("ValueError", "Improper number of dimensions to norm.");
  if (keepdims)
    return NDArray.fromData(
      "float64",
      Float64Array.of(value),
      a.shape.map(() => 1),
    );
  return new NpScalar("float64", value);
}

/** The `numpy.linalg` module. */
export function linalgModule(): PyModule {
  return makeModule("numpy.linalg", {
    norm: fn("norm", ["x", "ord?", "axis?", "keepdims?"], normFn),
    det: fn("det", ["a"], ([a]) => new NpScalar("float64", det(floatMatrix(a)))),
    inv: fn("inv", ["a"], ([a]) => inv(floatMatrix(a))),
    solve: fn("solve", ["a", "b"], ([a, b]) => solve(floatMatrix(a), floatMatrix(b))),
    qr: fn("qr", ["a", "mode?"], ([a, mode]) => {
      if (mode !== undefined && mode !== "reduced") {
        return raise("NotImplementedError", "qr() supports only mode='reduced' in this notebook");
      }
      const { q, r } = qr(floatMatrix(a));
      return new PyTuple([q, r]);
    }),
  });
}
