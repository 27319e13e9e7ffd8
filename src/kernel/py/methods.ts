/**
 * Methods and attributes of the built-in types: str, list, tuple, dict, int,
 * float, range and dict views. Each lookup returns a bound `PyBuiltin`, with
 * CPython's argument errors and messages.
 */
import { strFormat } from "./format.ts";
import { compareOp, getAttr, getItem } from "./ops.ts";
import {
  callValue,
  type KernelContext,
  type Kwargs,
  makeMethod,
  PyDict,
  PyDictView,
  PyFloat,
  PyList,
  PyRange,
  PyTuple,
  type PyValue,
  parseArgs,
  pyEquals,
  pyRepr,
  raise,
  strLength,
  toArray,
  toIndex,
  truthy,
  typeName,
} from "./values.ts";

type Impl = (args: PyValue[], kwargs: Kwargs | null, ctx: KernelContext) => PyValue;

function noKw(name: string, kwargs: Kwargs | null): void {
  if (kwargs !== null && kwargs.size > 0) raise("TypeError", `${name}() takes no keyword arguments`);
}

function argCount(name: string, args: PyValue[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    if (min === max) {
      if (min === 0) raise("TypeError", `${name}() takes no arguments (${args.length} given)`);
      if (min === 1) raise("TypeError", `${name}() takes exactly one argument (${args.length} given)`);
    }
    if (args.length < min)
      raise(
        "TypeError",
        `${name} expected at least ${min} argument${min === 1 ? "" : "s"}, got ${args.length}`,
      );
    raise("TypeError", `${name} expected at most ${max} argument${max === 1 ? "" : "s"}, got ${args.length}`);
  }
}

function strArg(v: PyValue | undefined, what: string): string {
  if (typeof v === "string") return v;
  return raise("TypeError", `${what} must be str, not ${typeName(v ?? null)}`);
}

/** Python's `<` used by list.sort and sorted (stable; `key` and `reverse` like CPython). */
export function sortValues(items: PyValue[], key: PyValue, reverse: boolean, ctx: KernelContext): PyValue[] {
  const keys = key === null ? items : items.map((x) => callValue(ctx, key, [x]));
  const lt = (a: PyValue, b: PyValue): boolean => {
    if (typeof a === "number" && typeof b === "number") return a < b;
    return truthy(compareOp("<", a, b, ctx), ctx);
  };
  const order = items.map((_, i) => i);
  order.sort((i, j) => {
    const a = keys[i] ?? null;
    const b = keys[j] ?? null;
    if (reverse) return lt(b, a) ? -1 : lt(a, b) ? 1 : 0;
    return lt(a, b) ? -1 : lt(b, a) ? 1 : 0;
  });
  return order.map((i) => items[i] ?? null);
}

const WS = " \t\n\r\x0b\x0c";

function stripChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars ?? WS;
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a] ?? "")) a++;
  if (right) while (b > a && set.includes(s[b - 1] ?? "")) b--;
  return s.slice(a, b);
}

function splitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && WS.includes(s[i] ?? "")) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.push(stripChars(s.slice(i), null, false, true));
      return out;
    }
    let j = i;
    while (j < n && !WS.includes(s[j] ?? "")) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

function padTo(s: string, width: number, fill: string, where: "left" | "right" | "center"): string {
  const n = width - strLength(s);
  if (n <= 0) return s;
  if (where === "right") return fill.repeat(n) + s;
  if (where === "left") return s + fill.repeat(n);
  // CPython's center puts the extra character on the left when the string length is odd.
  const left = Math.floor(n / 2) + (n & width & 1);
  return fill.repeat(left) + s + fill.repeat(n - left);
}

function fillArg(v: PyValue | undefined, name: string): string {
  if (v === undefined) return " ";
  if (typeof v !== "string") {
    return raise("TypeError", `${name}() argument 2 must be a unicode character, not ${typeName(v)}`);
  }
  if (strLength(v) !== 1) return raise("TypeError", "The fill character must be exactly one character long");
  return v;
}

function optIndex(v: PyValue | undefined): number | null {
  if (v === undefined || v === null) return null;
  return toIndex(v);
}

function subRange(s: string, start: PyValue | undefined, end: PyValue | undefined): [number, number] {
  const n = s.length;
  const norm = (v: number | null, d: number): number => {
    if (v === null) return d;
    const x = v < 0 ? v + n : v;
    return Math.max(0, Math.min(n, x));
  };
  return [norm(optIndex(start), 0), norm(optIndex(end), n)];
}

function affix(
  s: string,
  arg: PyValue,
  start: PyValue | undefined,
  end: PyValue | undefined,
  which: string,
): boolean {
  const [a, b] = subRange(s, start, end);
  const sub = s.slice(a, b);
  const test = (p: PyValue): boolean => {
    if (typeof p !== "string") {
      return raise("TypeError", `${which} first arg must be str or a tuple of str, not ${typeName(p)}`);
    }
    return which === "startswith" ? sub.startsWith(p) : sub.endsWith(p);
  };
  if (arg instanceof PyTuple) return arg.items.some(test);
  return test(arg);
}

function countSub(s: string, sub: string): number {
  if (sub === "") return strLength(s) + 1;
  let n = 0;
  let i = s.indexOf(sub);
  while (i >= 0) {
    n++;
    i = s.indexOf(sub, i + sub.length);
  }
  return n;
}

function strMethod(s: string, name: string): Impl | undefined {
  switch (name) {
    case "join":
      return (args, kw, ctx) => {
        noKw(name, kw);
        argCount("str.join", args, 1, 1);
        const parts = toArray(args[0] ?? null, ctx);
        return parts
          .map((p, i) =>
            typeof p === "string"
              ? p
              : raise("TypeError", `sequence item ${i}: expected str instance, ${typeName(p)} found`),
          )
          .join(s);
      };
    case "split":
    case "rsplit":
      return (args, kw) => {
        const [sep = null, maxsplit = -1] = parseArgs(name, ["sep?", "maxsplit?"], args, kw);
        const max = toIndex(maxsplit ?? -1);
        if (sep === null) {
          if (name === "rsplit" && max >= 0) {
            const rev = splitWhitespace([...s].reverse().join(""), max);
            return new PyList(rev.map((p) => [...p].reverse().join("")).reverse());
          }
          return new PyList(splitWhitespace(s, max));
        }
        const sp = strArg(sep, "must be str or None, not");
        if (sp === "") return raise("ValueError", "empty separator");
        const parts = s.split(sp);
        if (max < 0 || parts.length - 1 <= max) return new PyList(parts);
        if (name === "split") return new PyList([...parts.slice(0, max), parts.slice(max).join(sp)]);
        const keep = parts.length - max;
        return new PyList([parts.slice(0, keep).join(sp), ...parts.slice(keep)]);
      };
    case "splitlines":
      return (args, kw) => {
        parseArgs(name, ["keepends?"], args, kw);
        const lines = s.split(/\r\n|\r|\n/);
        if (lines[lines.length - 1] === "") lines.pop();
        return new PyList(lines);
      };
    case "strip":
    case "lstrip":
    case "rstrip":
      return (args, kw) => {
        noKw(name, kw);
        argCount(name, args, 0, 1);
        const c = args[0] ?? null;
        const chars = c === null ? null : strArg(c, `${name} arg`);
        return stripChars(s, chars, name !== "rstrip", name !== "lstrip");
      };
    case "upper":
      return () => s.toUpperCase();
    case "lower":
      return () => s.toLowerCase();
    case "title":
      return () =>
        s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());
    case "capitalize":
      return () => (s.length === 0 ? s : (s[0] ?? "").toUpperCase() + s.slice(1).toLowerCase());
    case "swapcase":
      return () => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
    case "replace":
      return (args, kw) => {
        const [old, nw, count] = parseArgs(name, ["old", "new", "count?"], args, kw);
        const o = strArg(old, "replace() argument 1");
        const n = strArg(nw, "replace() argument 2");
        const c = count === undefined ? -1 : toIndex(count);
        if (c < 0) return s.split(o).join(n);
        const parts = s.split(o);
        if (parts.length - 1 <= c) return parts.join(n);
        return parts.slice(0, c + 1).join(n) + o + parts.slice(c + 1).join(o);
      };
    case "startswith":
    case "endswith":
      return (args, kw) => {
        noKw(name, kw);
        argCount(name, args, 1, 3);
        return affix(s, args[0] ?? null, args[1], args[2], name);
      };
    case "format":
      return (args, kw, ctx) =>
        strFormat(s, args, kw, ctx, (obj, part) =>
          "attr" in part ? getAttr(obj, part.attr, ctx) : getItem(obj, part.key, ctx),
        );
    case "center":
    case "ljust":
    case "rjust":
      return (args, kw) => {
        noKw(name, kw);
        argCount(name, args, 1, 2);
        const w = toIndex(args[0] ?? null);
        const fill = fillArg(args[1], name);
        return padTo(s, w, fill, name === "center" ? "center" : name === "ljust" ? "left" : "right");
      };
    case "zfill":
      return (args) => {
        const w = toIndex(args[0] ?? null);
        const sign = s[0] === "-" || s[0] === "+" ? (s[0] ?? "") : "";
        const body = sign ? s.slice(1) : s;
        return sign + padTo(body, w - sign.length, "0", "right");
      };
    case "count":
      return (args, kw) => {
        noKw(name, kw);
        argCount(name, args, 1, 3);
        const [a, b] = subRange(s, args[1], args[2]);
        return countSub(s.slice(a, b), strArg(args[0], "must be str, not"));
      };
    case "find":
    case "index":
    case "rfind":
    case "rindex":
      return (args, kw) => {
        noKw(name, kw);
        argCount(name, args, 1, 3);
        const sub = strArg(args[0], "must be str, not");
        const [a, b] = subRange(s, args[1], args[2]);
        const hay = s.slice(0, b);
        let i = name.startsWith("r") ? hay.lastIndexOf(sub) : hay.indexOf(sub, a);
        if (i < a || i + sub.length > b) i = -1;
        if (i < 0 && (name === "index" || name === "rindex"))
          return raise("ValueError", "substring not found");
        return i;
      };
    case "partition":
      return (args) => {
        const sep = strArg(args[0], "must be str, not");
        const i = s.indexOf(sep);
        if (i < 0) return new PyTuple([s, "", ""]);
        return new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
      };
    case "isdigit":
    case "isnumeric":
    case "isdecimal":
      return () => s.length > 0 && /^\d+$/u.test(s);
    case "isalpha":
      return () => s.length > 0 && /^\p{L}+$/u.test(s);
    case "isalnum":
      return () => s.length > 0 && /^[\p{L}\d]+$/u.test(s);
    case "isspace":
      return () => s.length > 0 && /^\s+$/.test(s);
    case "isupper":
      return () => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
    case "islower":
      return () => /\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s);
    default:
      return undefined;
  }
}

function listMethod(l: PyList, name: string): Impl | undefined {
  switch (name) {
    case "append":
      return (args, kw) => {
        noKw(name, kw);
        argCount("list.append", args, 1, 1);
        l.items.push(args[0] ?? null);
        return null;
      };
    case "extend":
      return (args, kw, ctx) => {
        noKw(name, kw);
        argCount("list.extend", args, 1, 1);
        const src = toArray(args[0] ?? null, ctx);
        l.items.push(...src);
        return null;
      };
    case "pop":
      return (args, kw) => {
        noKw(name, kw);
        argCount("pop", args, 0, 1);
        if (l.items.length === 0) return raise("IndexError", "pop from empty list");
        const n = l.items.length;
        const i0 = args.length > 0 ? toIndex(args[0] ?? null) : -1;
        const i = i0 < 0 ? i0 + n : i0;
        if (i < 0 || i >= n) return raise("IndexError", "pop index out of range");
        return l.items.splice(i, 1)[0] ?? null;
      };
    case "insert":
      return (args, kw) => {
        noKw(name, kw);
        argCount("insert", args, 2, 2);
        const n = l.items.length;
        let i = toIndex(args[0] ?? null);
        if (i < 0) i = Math.max(0, i + n);
        l.items.splice(Math.min(i, n), 0, args[1] ?? null);
        return null;
      };
    case "index":
      return (args, kw, ctx) => {
        noKw(name, kw);
        argCount("index", args, 1, 3);
        const x = args[0] ?? null;
        const n = l.items.length;
        const norm = (v: PyValue | undefined, d: number): number => {
          if (v === undefined) return d;
          const k = toIndex(v);
          return Math.max(0, Math.min(n, k < 0 ? k + n : k));
        };
        const a = norm(args[1], 0);
        const b = norm(args[2], n);
        for (let i = a; i < b; i++) if (pyEquals(l.items[i] ?? null, x)) return i;
        return raise("ValueError", `${pyRepr(x, ctx)} is not in list`);
      };
    case "count":
      return (args, kw) => {
        noKw(name, kw);
        argCount("count", args, 1, 1);
        const x = args[0] ?? null;
        return l.items.filter((y) => pyEquals(y, x)).length;
      };
    case "remove":
      return (args, kw) => {
        noKw(name, kw);
        argCount("list.remove", args, 1, 1);
        const x = args[0] ?? null;
        const i = l.items.findIndex((y) => pyEquals(y, x));
        if (i < 0) return raise("ValueError", "list.remove(x): x not in list");
        l.items.splice(i, 1);
        return null;
      };
    case "sort":
      return (args, kw, ctx) => {
        if (args.length > 0) return raise("TypeError", "sort() takes no positional arguments");
        const [key = null, reverse = false] = parseArgs("sort", ["*", "key?", "reverse?"], args, kw);
        l.items = sortValues(l.items, key, truthy(reverse, ctx), ctx);
        return null;
      };
    case "reverse":
      return () => {
        l.items.reverse();
        return null;
      };
    case "copy":
      return () => new PyList(l.items.slice());
    case "clear":
      return () => {
        l.items = [];
        return null;
      };
    default:
      return undefined;
  }
}

function tupleMethod(t: PyTuple, name: string): Impl | undefined {
  switch (name) {
    case "count":
      return (args) => t.items.filter((y) => pyEquals(y, args[0] ?? null)).length;
    case "index":
      return (args) => {
        const i = t.items.findIndex((y) => pyEquals(y, args[0] ?? null));
        return i < 0 ? raise("ValueError", "tuple.index(x): x not in tuple") : i;
      };
    default:
      return undefined;
  }
}

function dictMethod(d: PyDict, name: string): Impl | undefined {
  switch (name) {
    case "get":
      return (args, kw) => {
        noKw(name, kw);
        argCount("get", args, 1, 2);
        return d.get(args[0] ?? null) ?? args[1] ?? null;
      };
    case "items":
    case "keys":
    case "values":
      return (args) => {
        argCount(`dict.${name}`, args, 0, 0);
        return new PyDictView(name, d);
      };
    case "update":
      return (args, kw, ctx) => {
        argCount("update", args, 0, 1);
        const src = args[0];
        if (src instanceof PyDict) for (const [k, v] of src.entries()) d.set(k, v);
        else if (src !== undefined) {
          for (const item of toArray(src, ctx)) {
            const pair = toArray(item, ctx);
            if (pair.length !== 2) {
              return raise(
                "ValueError",
                `dictionary update sequence element #0 has length ${pair.length}; 2 is required`,
              );
            }
            d.set(pair[0] ?? null, pair[1] ?? null);
          }
        }
        if (kw) for (const [k, v] of kw) d.set(k, v);
        return null;
      };
    case "pop":
      return (args, kw, ctx) => {
        noKw(name, kw);
        argCount("pop", args, 1, 2);
        const k = args[0] ?? null;
        const v = d.delete(k);
        if (v !== undefined) return v;
        if (args.length > 1) return args[1] ?? null;
        return raise("KeyError", pyRepr(k, ctx));
      };
    case "setdefault":
      return (args, kw) => {
        noKw(name, kw);
        argCount("setdefault", args, 1, 2);
        const k = args[0] ?? null;
        const v = d.get(k);
        if (v !== undefined) return v;
        const dflt = args[1] ?? null;
        d.set(k, dflt);
        return dflt;
      };
    case "copy":
      return () => PyDict.fromEntries(d.entries());
    case "clear":
      return () => {
        d.clear();
        return null;
      };
    default:
      return undefined;
  }
}

function numberAttr(v: number | boolean | PyFloat, name: string): PyValue | undefined {
  const x = typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : v.v;
  const isFloat = v instanceof PyFloat;
  switch (name) {
    case "real":
      return isFloat ? v : x;
    case "imag":
      return isFloat ? new PyFloat(0) : 0;
    case "is_integer":
      return isFloat ? makeMethod("float", name, () => Number.isInteger(x)) : undefined;
    case "conjugate":
      return makeMethod(isFloat ? "float" : "int", name, () => (isFloat ? v : x));
    case "bit_length":
      return isFloat
        ? undefined
        : makeMethod("int", name, () => (x === 0 ? 0 : Math.abs(x).toString(2).length));
    default:
      return undefined;
  }
}

/** Attribute `name` of a built-in value, or undefined (-> AttributeError). */
export function builtinAttr(obj: PyValue, name: string, _ctx: KernelContext): PyValue | undefined {
  let impl: Impl | undefined;
  if (typeof obj === "string") impl = strMethod(obj, name);
  else if (obj instanceof PyList) impl = listMethod(obj, name);
  else if (obj instanceof PyTuple) impl = tupleMethod(obj, name);
  else if (obj instanceof PyDict) impl = dictMethod(obj, name);
  else if (typeof obj === "number" || typeof obj === "boolean" || obj instanceof PyFloat)
    return numberAttr(obj, name);
  else if (obj instanceof PyRange) {
    if (name === "start") return obj.start;
    if (name === "stop") return obj.stop;
    if (name === "step") return obj.step;
  }
  if (!impl) return undefined;
  return makeMethod(typeName(obj), name, impl);
}
