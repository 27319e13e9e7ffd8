/**
 * Attributes and methods of `numpy.ndarray` (`a.shape`, `a.T`, `a.sum(axis=0)`,
 * `a.reshape(2, -1)`, `a.tolist()`, ...) and of numpy scalars
 * (`np.float64(1.5).item()`), looked up by the interpreter through
 * `arrayGetattr` / `scalarGetattr`.
 */
import {
  astype,
  copy,
  copyInto,
  dot,
  type DType,
  flatten,
  NDArray,
  ravel,
  reshape,
  transpose,
} from "../../nd/mod.ts";
import {
  compileSignature,
  type KernelContext,
  makeMethod,
  type NpScalar,
  PyBuiltin,
  PyList,
  PyTuple,
  type PyValue,
  raise,
} from "../../py/values.ts";
import { argsort, sort } from "../../nd/sort.ts";
import {
  intArg,
  pyScalarOf,
  rejectOut,
  shapeArg,
  singleAxisArg,
  toList,
  toOperand,
  wrap,
} from "./convert.ts";
import { clipWith, lookupArrayOp, method } from "./ops.ts";
import { DTypeObject, dtypeArg } from "./types.ts";

// Method signatures, compiled once (a bound method is made on every attribute access).
const SIG_RESHAPE = compileSignature(["*shape", "**kw"]);
const SIG_TRANSPOSE = compileSignature(["*axes"]);
const SIG_RAVEL = compileSignature(["order?"]);
const SIG_FLATTEN = compileSignature(["order?"]);
const SIG_COPY = compileSignature(["order?"]);
const SIG_ASTYPE = compileSignature(["dtype", "order?", "casting?", "subok?", "copy?"]);
const SIG_TOLIST = compileSignature([]);
const SIG_ITEM = compileSignature(["*args"]);
const SIG_DOT = compileSignature(["b", "out?"]);
const SIG_CLIP = compileSignature(["min?", "max?", "out?"]);
const SIG_FILL = compileSignature(["value"]);
const SIG_SORT = compileSignature(["axis?", "kind?", "order?", "*", "stable?"]);

/** Shape (or axes) given either as separate ints or as one tuple/list: `reshape(2, 3)`, `reshape((2, 3))`. */
function varShape(args: readonly PyValue[]): number[] {
  const first = args[0];
  if (args.length === 1 && first !== undefined && (first instanceof PyTuple || first instanceof PyList)) {
    return shapeArg(first);
  }
  return args.map((x) => intArg(x));
}

/** `a.item(*args)`: one element as a Python scalar. */
function item(a: NDArray, args: readonly PyValue[]): PyValue {
  if (args.length === 0) {
    if (a.size !== 1) return raise("ValueError", "can only convert an array of size 1 to a Python scalar");
    return pyScalarOf(a.dtype, a.toFlatArray()[0] ?? 0);
  }
  if (args.length === 1 && !(args[0] instanceof PyTuple)) {
    const n = a.size;
    let i = intArg(args[0] ?? null);
    if (i < -n || i >= n) {
      const where = a.ndim === 1 ? "axis 0 with size" : "size";
      return raise("IndexError", `index ${i} is out of bounds for ${where} ${n}`);
    }
    if (i < 0) i += n;
    return pyScalarOf(a.dtype, a.toFlatArray()[i] ?? 0);
  }
  const idx = varShape(args);
  if (idx.length !== a.ndim) return raise("ValueError", "incorrect number of indices for array");
  const pos = idx.map((i, ax) => {
    const d = a.shape[ax] ?? 0;
    if (i < -d || i >= d) raise("IndexError", `index ${i} is out of bounds for axis ${ax} with size ${d}`);
    return i < 0 ? i + d : i;
  });
  return pyScalarOf(a.dtype, a.at(pos));
}

/**
 * `getattr(a, name)` for an ndarray: the attribute value or a bound method,
 * or undefined when ndarray has no such attribute (the interpreter raises
 * `AttributeError: 'numpy.ndarray' object has no attribute 'foo'`).
 */
export function arrayGetattr(_ctx: KernelContext, a: NDArray, name: string): PyValue | undefined {
  switch (name) {
    case "shape":
      return new PyTuple([...a.shape]);
    case "ndim":
      return a.ndim;
    case "size":
      return a.size;
    case "dtype":
      return new DTypeObject(a.dtype);
    case "T":
      return transpose(a);
    case "itemsize":
      return new DTypeObject(a.dtype).getattr("itemsize", _ctx);
    case "nbytes": {
      const itemsize = new DTypeObject(a.dtype).getattr("itemsize", _ctx);
      return typeof itemsize === "number" ? itemsize * a.size : undefined;
    }
    case "reshape":
      return method(a, "reshape", SIG_RESHAPE, (self, [shape]) =>
        reshape(self, varShape(shape instanceof PyTuple ? shape.items : [])),
      );
    case "transpose":
      return method(a, "transpose", SIG_TRANSPOSE, (self, [axes]) => {
        const list = axes instanceof PyTuple ? axes.items : [];
        const first = list[0];
        if (list.length === 0 || (list.length === 1 && first === null)) return transpose(self);
        return transpose(self, varShape(list));
      });
    case "ravel":
      return method(a, "ravel", SIG_RAVEL, (self) => ravel(self));
    case "flatten":
      return method(a, "flatten", SIG_FLATTEN, (self) => flatten(self));
    case "copy":
      return method(a, "copy", SIG_COPY, (self) => copy(self));
    case "astype":
      return method(a, "astype", SIG_ASTYPE, (self, [dtype], ctx) => {
        const dt: DType = dtypeArg(dtype ?? null, ctx) ?? "float64";
        return astype(self, dt);
      });
    case "tolist":
      return method(a, "tolist", SIG_TOLIST, (self) => toList(self));
    case "item":
      return method(a, "item", SIG_ITEM, (self, [args]) =>
        item(self, args instanceof PyTuple ? args.items : []),
      );
    case "dot":
      return method(a, "dot", SIG_DOT, (self, [b, out]) => {
        rejectOut("dot", out);
        return wrap(dot(self, toOperand(b ?? null)));
      });
    case "clip":
      return method(a, "clip", SIG_CLIP, (self, [lo, hi, out]) => {
        rejectOut("clip", out);
        return clipWith(self, lo, hi);
      });
    case "fill":
      return method(a, "fill", SIG_FILL, (self, [value]) => {
        copyInto(self, toOperand(value ?? null));
        return null;
      });
    case "sort":
      return method(a, "sort", SIG_SORT, (self, [axis]) => {
        copyInto(self, sort(self, axis === undefined ? -1 : singleAxisArg(axis)));
        return null;
      });
    case "argsort":
      return method(a, "argsort", SIG_SORT, (self, [axis]) =>
        argsort(self, axis === undefined ? -1 : singleAxisArg(axis)),
      );
    default: {
      const found = lookupArrayOp(name);
      if (found !== undefined) return method(a, name, found.sig, found.op.run);
      return undefined;
    }
  }
}

/** A 0-d array result of a scalar's method becomes a scalar again, as numpy scalars' methods do. */
function scalarResult(v: PyValue): PyValue {
  return v instanceof NDArray && v.ndim === 0 ? wrap(v) : v;
}

/**
 * `getattr(x, name)` for a numpy scalar: the ndarray attributes and methods
 * of the equivalent 0-d array (`np.float64(2.5).round()`, `.item()`,
 * `.dtype`, `.shape == ()`), with 0-d results returned as scalars.
 */
export function scalarGetattr(ctx: KernelContext, s: NpScalar, name: string): PyValue | undefined {
  const a = NDArray.scalar(s.value, s.dtype);
  const v = arrayGetattr(ctx, a, name);
  if (v instanceof PyBuiltin) {
    return makeMethod(s.dtype === "bool" ? "numpy.bool" : `numpy.${s.dtype}`, v.name, (args, kwargs, c) =>
      scalarResult(v.impl(args, kwargs, c)),
    );
  }
  return v === undefined ? undefined : scalarResult(v);
}
