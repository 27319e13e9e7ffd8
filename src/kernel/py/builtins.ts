/**
 * Python's builtin functions and types for one session (`makeBuiltins`).
 * Types (`int`, `float`, ...) are `PyType` objects created per session so
 * `type(x) is int` compares by identity.
 */
import { NDArray } from "../nd/ndarray.ts";
import { formatFixed } from "../nd/pyfloat.ts";
import { numpyTypeOf } from "../modules/numpy/types.ts";
import { formatValue } from "./format.ts";
import { sortValues } from "./methods.ts";
import { absOp, binaryOp, compareOp, errTypeName, getAttrOrUndefined, setAttr } from "./ops.ts";
import {
  callValue,
  isCallable,
  iterate,
  type KernelContext,
  type Kwargs,
  makeBuiltin,
  normInt,
  NpScalar,
  PyBuiltin,
  PyDict,
  PyDictView,
  PyFloat,
  PyFunction,
  PyIter,
  PyList,
  PyModule,
  SlotKey,
  PyRange,
  PySlice,
  PyTuple,
  PyType,
  type PyValue,
  parseArgs,
  pyLen,
  pyRepr,
  pyToStr,
  raise,
  strRepr,
  toArray,
  toIndex,
  truthy,
  typeName,
} from "./values.ts";

function noKw(name: string, kwargs: Kwargs | null): void {
  if (kwargs !== null && kwargs.size > 0) raise("TypeError", `${name}() takes no keyword arguments`);
}

function exactArgs(name: string, args: PyValue[], n: number): void {
  if (args.length !== n) {
    if (n === 1) raise("TypeError", `${name}() takes exactly one argument (${args.length} given)`);
    raise("TypeError", `${name} expected ${n} arguments, got ${args.length}`);
  }
}

/** `int(x)`: truncates floats, parses strings, rejects the rest with CPython's messages. */
function toInt(v: PyValue, base: PyValue | undefined): number | bigint {
  if (base !== undefined) {
    if (typeof v !== "string") return raise("TypeError", "int() can't convert non-string with explicit base");
    const b = toIndex(base);
    const t = v.trim().replace(/_/g, "").toLowerCase();
    const body = t
      .replace(/^[-+]/, "")
      .replace(b === 16 ? /^0x/ : b === 8 ? /^0o/ : b === 2 ? /^0b/ : /^$/, "");
    const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, b);
    if (body === "" || [...body].some((c) => !digits.includes(c))) {
      return raise("ValueError", `invalid literal for int() with base ${b}: ${strRepr(v)}`);
    }
    let n = 0n;
    for (const c of body) n = n * BigInt(b) + BigInt(digits.indexOf(c));
    return normInt(t.startsWith("-") ? -n : n);
  }
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  let x: number;
  if (v instanceof PyFloat) x = v.v;
  else if (v instanceof NpScalar) x = v.value;
  else if (v instanceof NDArray && v.size === 1) x = v.data[v.offset] ?? 0;
  else if (typeof v === "string") {
    const t = v.trim();
    if (!/^[-+]?\d(_?\d)*$/.test(t)) {
      return raise("ValueError", `invalid literal for int() with base 10: ${strRepr(v)}`);
    }
    return normInt(BigInt(t.replace(/_/g, "")));
  } else {
    return raise(
      "TypeError",
      `int() argument must be a string, a bytes-like object or a real number, not '${errTypeName(v)}'`,
    );
  }
  if (Number.isNaN(x)) return raise("ValueError", "cannot convert float NaN to integer");
  if (!Number.isFinite(x)) return raise("OverflowError", "cannot convert float infinity to integer");
  return floatToInt(Math.trunc(x));
}

/** An integral float as an exact int (bigint past 2**53). */
function floatToInt(x: number): number | bigint {
  return Math.abs(x) <= 2 ** 53 ? x + 0 : normInt(BigInt(x));
}

/** `float(x)`. */
function toFloat(v: PyValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") {
    const f = Number(v);
    if (!Number.isFinite(f)) return raise("OverflowError", "int too large to convert to float");
    return f;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof NpScalar) return v.value;
  if (v instanceof NDArray && v.size === 1) return v.data[v.offset] ?? 0;
  if (v instanceof NDArray) {
    return raise("TypeError", "only length-1 arrays can be converted to Python scalars");
  }
  if (typeof v === "string") {
    const t = v.trim().toLowerCase().replace(/_/g, "");
    const m = /^([-+]?)(inf|infinity|nan)$/.exec(t);
    if (m) {
      if (m[2] === "nan") return Number.NaN;
      return m[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t) && !/__/.test(v)) return Number(t);
    return raise("ValueError", `could not convert string to float: ${strRepr(v)}`);
  }
  return raise("TypeError", `float() argument must be a string or a real number, not '${errTypeName(v)}'`);
}

/** CPython's `round(x, n)` for floats: exact half-even rounding of the binary value. */
function roundFloat(x: number, n: number): number {
  if (!Number.isFinite(x)) return x;
  if (n >= 0) {
    if (n > 308) return x;
    return Number(formatFixed(x, n));
  }
  const p = 10 ** -n;
  const q = x / p;
  let r = Math.round(q);
  if (Math.abs(q - Math.trunc(q)) === 0.5) r = 2 * Math.round(q / 2);
  return r * p;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) return 2 * Math.round(x / 2);
  return r;
}

function minMax(name: "min" | "max", args: PyValue[], kwargs: Kwargs | null, ctx: KernelContext): PyValue {
  let key: PyValue = null;
  let dflt: PyValue | undefined;
  if (kwargs) {
    for (const [k, v] of kwargs) {
      if (k === "key") key = v;
      else if (k === "default") dflt = v;
      else return raise("TypeError", `'${k}' is an invalid keyword argument for ${name}()`);
    }
  }
  let items: PyValue[];
  if (args.length === 0) return raise("TypeError", `${name} expected at least 1 argument, got 0`);
  if (args.length === 1) items = toArray(args[0] ?? null, ctx);
  else {
    if (dflt !== undefined) {
      return raise("TypeError", `Cannot specify a default for ${name}() with multiple positional arguments`);
    }
    items = args;
  }
  if (items.length === 0) {
    if (dflt !== undefined) return dflt;
    return raise("ValueError", `${name}() arg is an empty sequence`);
  }
  const op = name === "min" ? "<" : ">";
  let best = items[0] ?? null;
  let bestKey = key === null ? best : callValue(ctx, key, [best]);
  for (let i = 1; i < items.length; i++) {
    const x = items[i] ?? null;
    const k = key === null ? x : callValue(ctx, key, [x]);
    const better =
      typeof k === "number" && typeof bestKey === "number"
        ? op === "<"
          ? k < bestKey
          : k > bestKey
        : truthy(compareOp(op, k, bestKey, ctx), ctx);
    if (better) {
      best = x;
      bestKey = k;
    }
  }
  return best;
}

function* enumerateGen(it: Iterator<PyValue>, start: number): Generator<PyValue> {
  let i = start;
  for (let r = it.next(); !r.done; r = it.next()) yield new PyTuple([i++, r.value]);
}

function* zipGen(its: Iterator<PyValue>[]): Generator<PyValue> {
  if (its.length === 0) return;
  for (;;) {
    const row: PyValue[] = [];
    for (const it of its) {
      const r = it.next();
      if (r.done) return;
      row.push(r.value);
    }
    yield new PyTuple(row);
  }
}

function* mapGen(ctx: KernelContext, fn: PyValue, its: Iterator<PyValue>[]): Generator<PyValue> {
  for (;;) {
    const row: PyValue[] = [];
    for (const it of its) {
      const r = it.next();
      if (r.done) return;
      row.push(r.value);
    }
    yield callValue(ctx, fn, row);
  }
}

function* filterGen(ctx: KernelContext, fn: PyValue, it: Iterator<PyValue>): Generator<PyValue> {
  for (let r = it.next(); !r.done; r = it.next()) {
    const keep = fn === null ? truthy(r.value, ctx) : truthy(callValue(ctx, fn, [r.value]), ctx);
    if (keep) yield r.value;
  }
}

function* reverseGen(items: readonly PyValue[]): Generator<PyValue> {
  for (let i = items.length - 1; i >= 0; i--) yield items[i] ?? null;
}

function unsupportedBuiltin(name: string, what = `${name}() is`): PyBuiltin {
  return makeBuiltin(name, () => raise("NotImplementedError", `${what} not supported in this notebook`));
}

/** The builtin namespace of a session. */
export function makeBuiltins(): Map<string, PyValue> {
  const b = new Map<string, PyValue>();
  const fn = (
    name: string,
    impl: (args: PyValue[], kwargs: Kwargs | null, ctx: KernelContext) => PyValue,
  ) => {
    b.set(name, makeBuiltin(name, impl));
  };

  const intType = new PyType(
    "int",
    (v) => typeof v === "number" || typeof v === "bigint" || typeof v === "boolean",
    (args, kwargs) => {
      const [x, base] = parseArgs("int", ["x?", "base?"], args, kwargs);
      return x === undefined ? 0 : toInt(x, base);
    },
  );
  const floatType = new PyType(
    "float",
    (v) => v instanceof PyFloat || (v instanceof NpScalar && v.dtype === "float64"),
    (args, kwargs) => {
      noKw("float", kwargs);
      if (args.length > 1) return raise("TypeError", `float expected at most 1 argument, got ${args.length}`);
      return new PyFloat(args.length === 0 ? 0 : toFloat(args[0] ?? null));
    },
  );
  const strType = new PyType(
    "str",
    (v) => typeof v === "string",
    (args, kwargs, ctx) => {
      const [x] = parseArgs("str", ["object?"], args, kwargs);
      return x === undefined ? "" : pyToStr(x, ctx);
    },
  );
  const boolType = new PyType(
    "bool",
    (v) => typeof v === "boolean",
    (args, kwargs, ctx) => {
      noKw("bool", kwargs);
      if (args.length > 1) return raise("TypeError", `bool expected at most 1 argument, got ${args.length}`);
      return args.length === 0 ? false : truthy(args[0] ?? null, ctx);
    },
  );
  const listType = new PyType(
    "list",
    (v) => v instanceof PyList,
    (args, kwargs, ctx) => {
      noKw("list", kwargs);
      if (args.length > 1) return raise("TypeError", `list expected at most 1 argument, got ${args.length}`);
      return new PyList(args.length === 0 ? [] : toArray(args[0] ?? null, ctx));
    },
  );
  const tupleType = new PyType(
    "tuple",
    (v) => v instanceof PyTuple,
    (args, kwargs, ctx) => {
      noKw("tuple", kwargs);
      if (args.length > 1) return raise("TypeError", `tuple expected at most 1 argument, got ${args.length}`);
      const x = args[0];
      if (x instanceof PyTuple) return x;
      return new PyTuple(x === undefined ? [] : toArray(x, ctx));
    },
  );
  const dictType = new PyType(
    "dict",
    (v) => v instanceof PyDict,
    (args, kwargs, ctx) => {
      if (args.length > 1) return raise("TypeError", `dict expected at most 1 argument, got ${args.length}`);
      const d = new PyDict();
      const src = args[0];
      if (src instanceof PyDict) for (const [k, v] of src.entries()) d.set(k, v);
      else if (src !== undefined) {
        toArray(src, ctx).forEach((item, i) => {
          const pair = toArray(item, ctx);
          if (pair.length !== 2) {
            raise(
              "ValueError",
              `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`,
            );
          }
          d.set(pair[0] ?? null, pair[1] ?? null);
        });
      }
      if (kwargs) for (const [k, v] of kwargs) d.set(k, v);
      return d;
    },
  );
  const rangeType = new PyType(
    "range",
    (v) => v instanceof PyRange,
    (args, kwargs) => {
      noKw("range", kwargs);
      if (args.length === 0) return raise("TypeError", "range expected at least 1 argument, got 0");
      if (args.length > 3)
        return raise("TypeError", `range expected at most 3 arguments, got ${args.length}`);
      const n = args.map((a) => toIndex(a));
      if (n.length === 1) return new PyRange(0, n[0] ?? 0, 1);
      const step = n[2] ?? 1;
      if (step === 0) return raise("ValueError", "range() arg 3 must not be zero");
      return new PyRange(n[0] ?? 0, n[1] ?? 0, step);
    },
  );
  const sliceType = new PyType(
    "slice",
    (v) => v instanceof PySlice,
    (args, kwargs) => {
      noKw("slice", kwargs);
      if (args.length === 1) return new PySlice(null, args[0] ?? null, null);
      return new PySlice(args[0] ?? null, args[1] ?? null, args[2] ?? null);
    },
  );
  const typeType = new PyType(
    "type",
    (v) => v instanceof PyType,
    (args, kwargs, ctx) => {
      noKw("type", kwargs);
      if (args.length !== 1)
        return raise("NotImplementedError", "creating classes with type() is not supported in this notebook");
      return typeOf(args[0] ?? null, ctx);
    },
  );
  const noneType = new PyType("NoneType", (v) => v === null, null);
  const functionType = new PyType("function", (v) => v instanceof PyFunction, null);
  const builtinFnType = new PyType("builtin_function_or_method", (v) => v instanceof PyBuiltin, null);
  const moduleType = new PyType("module", (v) => v instanceof PyModule, null);
  const objectType = new PyType("object", () => true, null);
  const basic = new Map<string, PyType>([
    ["int", intType],
    ["float", floatType],
    ["str", strType],
    ["bool", boolType],
    ["list", listType],
    ["tuple", tupleType],
    ["dict", dictType],
    ["range", rangeType],
    ["slice", sliceType],
    ["type", typeType],
    ["object", objectType],
  ]);
  for (const [k, v] of basic) b.set(k, v);

  const typeOf = (v: PyValue, ctx: KernelContext): PyType => {
    if (v === null) return noneType;
    if (typeof v === "boolean") return boolType;
    if (typeof v === "number" || typeof v === "bigint") return intType;
    if (typeof v === "string") return strType;
    if (v instanceof PyFloat) return floatType;
    if (v instanceof PyList) return listType;
    if (v instanceof PyTuple) return tupleType;
    if (v instanceof PyDict) return dictType;
    if (v instanceof PyRange) return rangeType;
    if (v instanceof PySlice) return sliceType;
    if (v instanceof PyType) return typeType;
    if (v instanceof PyFunction) return functionType;
    if (v instanceof PyBuiltin) return builtinFnType;
    if (v instanceof PyModule) return moduleType;
    const np = numpyTypeOf(ctx, v);
    if (np) return np;
    const name = typeName(v);
    return new PyType(name, (x) => typeName(x) === name, null);
  };

  fn("print", (args, kwargs, ctx) => {
    let sep = " ";
    let end = "\n";
    if (kwargs) {
      for (const [k, v] of kwargs) {
        if (k === "sep") {
          if (v !== null && typeof v !== "string") {
            return raise("TypeError", `sep must be None or a string, not ${typeName(v)}`);
          }
          sep = v ?? " ";
        } else if (k === "end") {
          if (v !== null && typeof v !== "string") {
            return raise("TypeError", `end must be None or a string, not ${typeName(v)}`);
          }
          end = v ?? "\n";
        } else if (k !== "file" && k !== "flush") {
          return raise("TypeError", `'${k}' is an invalid keyword argument for print()`);
        }
      }
    }
    let out = "";
    for (let i = 0; i < args.length; i++) {
      if (i > 0) out += sep;
      out += pyToStr(args[i] ?? null, ctx);
    }
    ctx.write(out + end);
    return null;
  });
  // input(prompt): the host asks the user (a text box under the cell); the prompt and the
  // answer are echoed to stdout afterwards, as Jupyter shows them.
  fn("input", (args, kwargs, ctx) => {
    if (kwargs && kwargs.size > 0) return raise("TypeError", "input() takes no keyword arguments");
    if (args.length > 1) return raise("TypeError", `input expected at most 1 argument, got ${args.length}`);
    const prompt = args.length === 0 ? "" : pyToStr(args[0] ?? null, ctx);
    const line = ctx.readLine(prompt);
    if (line === null) {
      return raise(
        "StdinNotImplementedError",
        "input was called, but this frontend does not support input requests.",
      );
    }
    ctx.write(`${prompt}${line}\n`);
    return line;
  });
  fn("len", (args, kwargs, ctx) => {
    noKw("len", kwargs);
    exactArgs("len", args, 1);
    return pyLen(args[0] ?? null, ctx);
  });
  fn("repr", (args, kwargs, ctx) => {
    noKw("repr", kwargs);
    exactArgs("repr", args, 1);
    return pyRepr(args[0] ?? null, ctx);
  });
  fn("abs", (args, kwargs) => {
    noKw("abs", kwargs);
    exactArgs("abs", args, 1);
    return absOp(args[0] ?? null);
  });
  fn("min", (args, kwargs, ctx) => minMax("min", args, kwargs, ctx));
  fn("max", (args, kwargs, ctx) => minMax("max", args, kwargs, ctx));
  fn("sum", (args, kwargs, ctx) => {
    const [it, start = 0] = parseArgs("sum", ["iterable", "start?"], args, kwargs);
    if (typeof start === "string") {
      return raise("TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
    }
    let acc: PyValue = start;
    const iter = iterate(it ?? null, ctx);
    for (let r = iter.next(); !r.done; r = iter.next()) {
      const x = r.value;
      if (typeof acc === "number" && typeof x === "number" && Math.abs(acc + x) < 2 ** 53) acc = acc + x;
      else acc = binaryOp("+", acc, x, ctx);
    }
    return acc;
  });
  fn("round", (args, kwargs) => {
    const [x, nd] = parseArgs("round", ["number", "ndigits?"], args, kwargs);
    const v = x ?? null;
    const digits = nd === undefined || nd === null ? null : toIndex(nd);
    if (typeof v === "bigint") return v;
    if (typeof v === "number" || typeof v === "boolean") {
      const n = typeof v === "boolean" ? (v ? 1 : 0) : v;
      if (digits === null || digits >= 0) return n;
      const p = 10 ** -digits;
      return floatToInt(roundHalfEven(n / p) * p);
    }
    if (v instanceof PyFloat || (v instanceof NpScalar && v.dtype !== "bool")) {
      const f = v instanceof PyFloat ? v.v : v.value;
      if (digits === null) {
        if (Number.isNaN(f)) return raise("ValueError", "cannot convert float NaN to integer");
        if (!Number.isFinite(f)) return raise("OverflowError", "cannot convert float infinity to integer");
        return floatToInt(roundHalfEven(f));
      }
      const r = roundFloat(f, digits);
      return v instanceof NpScalar ? new NpScalar(v.dtype, r) : new PyFloat(r);
    }
    return raise("TypeError", `type ${errTypeName(v)} doesn't define __round__ method`);
  });
  fn("sorted", (args, kwargs, ctx) => {
    if (args.length !== 1) {
      return raise("TypeError", `sorted expected 1 argument, got ${args.length}`);
    }
    const [key = null, reverse = false] = parseArgs("sorted", ["*", "key?", "reverse?"], [], kwargs);
    return new PyList(sortValues(toArray(args[0] ?? null, ctx), key, truthy(reverse, ctx), ctx));
  });
  fn("reversed", (args, kwargs, ctx) => {
    noKw("reversed", kwargs);
    exactArgs("reversed", args, 1);
    const v = args[0] ?? null;
    if (v instanceof PyList) return new PyIter("list_reverseiterator", reverseGen(v.items.slice()));
    if (v instanceof PyTuple || v instanceof PyRange || typeof v === "string" || v instanceof NDArray) {
      return new PyIter("reversed", reverseGen(toArray(v, ctx)));
    }
    if (v instanceof PyDict || v instanceof PyDictView) {
      return new PyIter("dict_reversekeyiterator", reverseGen(toArray(v, ctx)));
    }
    return raise("TypeError", `'${errTypeName(v)}' object is not reversible`);
  });
  fn("enumerate", (args, kwargs, ctx) => {
    const [it, start = 0] = parseArgs("enumerate", ["iterable", "start?"], args, kwargs);
    return new PyIter("enumerate", enumerateGen(iterate(it ?? null, ctx), toIndex(start ?? 0)));
  });
  fn("zip", (args, kwargs, ctx) => {
    if (kwargs)
      for (const k of kwargs.keys())
        if (k !== "strict") {
          return raise("TypeError", `zip() got an unexpected keyword argument '${k}'`);
        }
    return new PyIter(
      "zip",
      zipGen(
        args.map((a, i) => {
          try {
            return iterate(a, ctx);
          } catch {
            return raise("TypeError", `zip argument #${i + 1} must support iteration`);
          }
        }),
      ),
    );
  });
  fn("map", (args, kwargs, ctx) => {
    noKw("map", kwargs);
    if (args.length < 2) return raise("TypeError", "map() must have at least two arguments.");
    return new PyIter(
      "map",
      mapGen(
        ctx,
        args[0] ?? null,
        args.slice(1).map((a) => iterate(a, ctx)),
      ),
    );
  });
  fn("filter", (args, kwargs, ctx) => {
    noKw("filter", kwargs);
    if (args.length !== 2) return raise("TypeError", `filter expected 2 arguments, got ${args.length}`);
    return new PyIter("filter", filterGen(ctx, args[0] ?? null, iterate(args[1] ?? null, ctx)));
  });
  fn("iter", (args, kwargs, ctx) => {
    noKw("iter", kwargs);
    exactArgs("iter", args, 1);
    const v = args[0] ?? null;
    if (v instanceof PyIter) return v;
    return new PyIter(`${typeName(v)}_iterator`, iterate(v, ctx));
  });
  fn("next", (args, kwargs) => {
    noKw("next", kwargs);
    const it = args[0] ?? null;
    if (!(it instanceof PyIter)) return raise("TypeError", `'${errTypeName(it)}' object is not an iterator`);
    const r = it.it.next();
    if (r.done) {
      if (args.length > 1) return args[1] ?? null;
      return raise("StopIteration", "");
    }
    return r.value;
  });
  fn("any", (args, kwargs, ctx) => {
    noKw("any", kwargs);
    exactArgs("any", args, 1);
    const it = iterate(args[0] ?? null, ctx);
    for (let r = it.next(); !r.done; r = it.next()) if (truthy(r.value, ctx)) return true;
    return false;
  });
  fn("all", (args, kwargs, ctx) => {
    noKw("all", kwargs);
    exactArgs("all", args, 1);
    const it = iterate(args[0] ?? null, ctx);
    for (let r = it.next(); !r.done; r = it.next()) if (!truthy(r.value, ctx)) return false;
    return true;
  });
  fn("isinstance", (args, kwargs) => {
    noKw("isinstance", kwargs);
    exactArgs("isinstance", args, 2);
    const v = args[0] ?? null;
    const t = args[1] ?? null;
    const check = (ty: PyValue): boolean => {
      if (ty instanceof PyType) {
        if (ty === intType) return typeof v === "number" || typeof v === "bigint" || typeof v === "boolean";
        if (ty === objectType) return true;
        return ty.isInstance(v);
      }
      if (ty instanceof PyTuple) return ty.items.some(check);
      return raise("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union");
    };
    return check(t);
  });
  fn("callable", (args) => isCallable(args[0] ?? null));
  fn("divmod", (args, kwargs, ctx) => {
    noKw("divmod", kwargs);
    exactArgs("divmod", args, 2);
    const a = args[0] ?? null;
    const c = args[1] ?? null;
    const isZero = (typeof c === "number" && c === 0) || (c instanceof PyFloat && c.v === 0) || c === false;
    if (isZero) {
      const f = a instanceof PyFloat || c instanceof PyFloat;
      return raise("ZeroDivisionError", f ? "float divmod()" : "integer division or modulo by zero");
    }
    return new PyTuple([binaryOp("//", a, c, ctx), binaryOp("%", a, c, ctx)]);
  });
  fn("pow", (args, kwargs, ctx) => {
    const [base, exp, mod] = parseArgs("pow", ["base", "exp", "mod?"], args, kwargs);
    if (mod !== undefined && mod !== null) {
      const m = toIndex(mod);
      let r = 1;
      let bb = ((toIndex(base ?? null) % m) + m) % m;
      let e = toIndex(exp ?? null);
      while (e > 0) {
        if (e & 1) r = Number((BigInt(r) * BigInt(bb)) % BigInt(m));
        bb = Number((BigInt(bb) * BigInt(bb)) % BigInt(m));
        e = Math.floor(e / 2);
      }
      return r;
    }
    return binaryOp("**", base ?? null, exp ?? null, ctx);
  });
  fn("hasattr", (args, kwargs, ctx) => {
    noKw("hasattr", kwargs);
    exactArgs("hasattr", args, 2);
    const name = args[1];
    if (typeof name !== "string") return raise("TypeError", "hasattr(): attribute name must be string");
    return getAttrOrUndefined(args[0] ?? null, name, ctx) !== undefined;
  });
  fn("getattr", (args, kwargs, ctx) => {
    noKw("getattr", kwargs);
    if (args.length < 2 || args.length > 3) {
      return raise("TypeError", `getattr expected 2 or 3 arguments, got ${args.length}`);
    }
    const name = args[1];
    if (typeof name !== "string") return raise("TypeError", "attribute name must be string, not 'int'");
    const v = getAttrOrUndefined(args[0] ?? null, name, ctx);
    if (v !== undefined) return v;
    if (args.length === 3) return args[2] ?? null;
    return raise("AttributeError", `'${errTypeName(args[0] ?? null)}' object has no attribute '${name}'`);
  });
  fn("setattr", (args, kwargs, ctx) => {
    noKw("setattr", kwargs);
    exactArgs("setattr", args, 3);
    const name = args[1];
    if (typeof name !== "string") return raise("TypeError", "attribute name must be string");
    setAttr(args[0] ?? null, name, args[2] ?? null, ctx);
    return null;
  });
  fn("format", (args, kwargs, ctx) => {
    const [v, spec = ""] = parseArgs("format", ["value", "format_spec?"], args, kwargs);
    if (typeof spec !== "string")
      return raise("TypeError", `format() argument 2 must be str, not ${typeName(spec)}`);
    return formatValue(v ?? null, spec, ctx);
  });
  fn("chr", (args) => {
    const n = toIndex(args[0] ?? null);
    if (n < 0 || n > 0x10ffff) return raise("ValueError", "chr() arg not in range(0x110000)");
    return String.fromCodePoint(n);
  });
  fn("ord", (args) => {
    const s = args[0] ?? null;
    if (typeof s !== "string") {
      return raise("TypeError", `ord() expected string of length 1, but ${errTypeName(s)} found`);
    }
    const cps = [...s];
    if (cps.length !== 1) {
      return raise("TypeError", `ord() expected a character, but string of length ${cps.length} found`);
    }
    return s.codePointAt(0) ?? 0;
  });
  const radix = (name: string, base: number, prefix: string) =>
    fn(name, (args) => {
      const v = args[0] ?? null;
      const n = typeof v === "bigint" ? v : BigInt(toIndex(v));
      return (n < 0n ? "-" : "") + prefix + (n < 0n ? -n : n).toString(base);
    });
  radix("hex", 16, "0x");
  radix("oct", 8, "0o");
  radix("bin", 2, "0b");
  fn("id", (args, _kw, ctx) => {
    exactArgs("id", args, 1);
    return ctx.slot(idsKey).get(args[0] ?? null);
  });
  b.set("__name__", "__main__");
  for (const name of ["open", "exec", "eval", "compile", "globals", "locals", "vars", "dir", "help"]) {
    b.set(name, unsupportedBuiltin(name));
  }
  b.set("set", unsupportedBuiltin("set", "sets are"));
  b.set("frozenset", unsupportedBuiltin("frozenset", "sets are"));
  return b;
}

/** `id()` numbers: stable per object for the session. */
class IdTable {
  private readonly ids = new WeakMap<object, number>();
  private next = 140000000000000;
  get(v: PyValue): number {
    if (v === null) return 9000000;
    if (typeof v === "number") return 9000001 + v;
    if (typeof v !== "object") return 9000001 + (typeof v === "boolean" ? (v ? 1 : 0) : String(v).length);
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.next;
      this.next += 16;
      this.ids.set(v, id);
    }
    return id;
  }
}

const idsKey = new SlotKey<IdTable>("builtins.ids", () => new IdTable());
