/**
 * Python's string formatting: the format-spec mini-language (`format(v, spec)`,
 * f-strings, `str.format`) and printf-style `%` formatting, for int, float,
 * bool, str and numpy scalars. Float digits come from nd/pyfloat.ts, which
 * rounds exactly as CPython does.
 */
import { NDArray } from "../nd/ndarray.ts";
import { floatRepr, formatExp, formatFixed, formatGeneral } from "../nd/pyfloat.ts";
import {
  type KernelContext,
  NpScalar,
  PyDict,
  PyFloat,
  PyObject,
  PyTuple,
  type PyValue,
  pyRepr,
  pyToStr,
  raise,
  typeName,
} from "./values.ts";

interface Spec {
  fill: string;
  align: "<" | ">" | "^" | "=" | null;
  sign: "+" | "-" | " " | null;
  z: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: "," | "_" | null;
  precision: number;
  type: string;
}

function parseSpec(spec: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su.exec(
    spec,
  );
  if (!m) return raise("ValueError", "Invalid format specifier");
  const align = m[2];
  return {
    fill: m[1] ?? (align ? " " : ""),
    align: align === "<" || align === ">" || align === "^" || align === "=" ? align : null,
    sign: m[3] === "+" || m[3] === "-" || m[3] === " " ? m[3] : null,
    z: m[4] !== undefined,
    alt: m[5] !== undefined,
    zero: m[6] !== undefined,
    width: m[7] ? Number(m[7]) : 0,
    grouping: m[8] === "," || m[8] === "_" ? m[8] : null,
    precision: m[9] !== undefined ? Number(m[9]) : -1,
    type: m[10] ?? "",
  };
}

/** Inserts a thousands separator into the integer digits of `digits` (which may have a fraction). */
function group(digits: string, sep: string, every = 3): string {
  const dot = digits.search(/[.eE%]/);
  const intPart = dot >= 0 ? digits.slice(0, dot) : digits;
  const rest = dot >= 0 ? digits.slice(dot) : "";
  let out = "";
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % every === 0) out += sep;
    out += intPart[i];
  }
  return out + rest;
}

function pad(body: string, sign: string, s: Spec, defaultAlign: "<" | ">"): string {
  let fill = s.fill || " ";
  let align = s.align;
  if (s.zero && align === null) {
    fill = "0";
    align = "=";
  }
  align ??= defaultAlign;
  const len = [...sign].length + [...body].length;
  const n = s.width - len;
  if (n <= 0) return sign + body;
  switch (align) {
    case "<":
      return sign + body + fill.repeat(n);
    case ">":
      return fill.repeat(n) + sign + body;
    case "^": {
      const left = Math.floor(n / 2);
      return fill.repeat(left) + sign + body + fill.repeat(n - left);
    }
    case "=":
      return sign + fill.repeat(n) + body;
    default: {
      const never: never = align;
      return String(never);
    }
  }
}

function signOf(negative: boolean, s: Spec): string {
  if (negative) return "-";
  if (s.sign === "+") return "+";
  if (s.sign === " ") return " ";
  return "";
}

function formatInt(n: number | bigint, s: Spec, typeLabel: string): string {
  if (s.precision >= 0) return raise("ValueError", "Precision not allowed in integer format specifier");
  if (s.z) return raise("ValueError", "Negative zero coercion (z) not allowed in integer format specifier");
  const t = s.type || "d";
  const negative = n < 0;
  const a = typeof n === "bigint" ? (n < 0n ? -n : n) : Math.abs(n);
  let body: string;
  let prefix = "";
  switch (t) {
    case "d":
    case "n":
      body = String(a);
      break;
    case "x":
      body = a.toString(16);
      prefix = s.alt ? "0x" : "";
      break;
    case "X":
      body = a.toString(16).toUpperCase();
      prefix = s.alt ? "0X" : "";
      break;
    case "o":
      body = a.toString(8);
      prefix = s.alt ? "0o" : "";
      break;
    case "b":
      body = a.toString(2);
      prefix = s.alt ? "0b" : "";
      break;
    case "c":
      return pad(String.fromCodePoint(Number(n)), "", s, "<");
    default:
      return raise("ValueError", `Unknown format code '${t}' for object of type '${typeLabel}'`);
  }
  if (s.grouping) body = group(body, s.grouping, t === "d" || t === "n" ? 3 : 4);
  if (s.zero && s.align === null && s.grouping && s.width > 0) {
    // Zero padding also gets separators, as CPython does for `{:08,}`.
    const sign = signOf(negative, s) + prefix;
    let digits = body.replace(/[,_]/g, "");
    while (group(digits, s.grouping).length + sign.length < s.width) digits = `0${digits}`;
    return sign + group(digits, s.grouping);
  }
  return pad(body, signOf(negative, s) + prefix, s, ">");
}

function formatFloat(x: number, s: Spec, typeLabel: string): string {
  let t = s.type;
  const negative = x < 0 || Object.is(x, -0);
  let ax = Math.abs(x);
  let body: string;
  let percent = false;
  switch (t) {
    case "":
      if (s.precision < 0) body = floatRepr(ax);
      else {
        // Like 'g', but fixed notation keeps a digit after the point, so it switches at exp >= p - 1.
        const p = Math.max(1, s.precision);
        const e = formatExp(ax, p - 1);
        const exp = Number(e.slice(e.indexOf("e") + 1));
        if (Number.isFinite(ax) && ax !== 0 && (exp < -4 || exp >= p - 1)) body = e.replace(/\.?0+e/, "e");
        else {
          body = formatGeneral(ax, p);
          if (/^\d+$/.test(body)) body += ".0";
        }
      }
      break;
    case "f":
    case "F":
      body = formatFixed(ax, s.precision < 0 ? 6 : s.precision);
      if (s.alt && !body.includes(".")) body += ".";
      break;
    case "e":
    case "E":
      body = formatExp(ax, s.precision < 0 ? 6 : s.precision);
      break;
    case "g":
    case "G":
    case "n":
      body = formatGeneral(ax, s.precision < 0 ? 6 : s.precision, s.alt);
      break;
    case "%":
      ax *= 100;
      percent = true;
      body = formatFixed(ax, s.precision < 0 ? 6 : s.precision);
      break;
    default:
      return raise("ValueError", `Unknown format code '${t}' for object of type '${typeLabel}'`);
  }
  if (t === "F" || t === "E" || t === "G") body = body.toUpperCase();
  t = "";
  if (s.grouping) body = group(body, s.grouping);
  if (percent) body += "%";
  let neg = negative;
  if (s.z && neg && /^[0.]*(e[+-]\d+)?%?$/i.test(body.replace(/[,_]/g, ""))) neg = false;
  if (Number.isNaN(x)) neg = false;
  return pad(body, signOf(neg, s), s, ">");
}

function formatString(v: string, s: Spec): string {
  if (s.type !== "" && s.type !== "s") {
    return raise("ValueError", `Unknown format code '${s.type}' for object of type 'str'`);
  }
  if (s.sign !== null) return raise("ValueError", "Sign not allowed in string format specifier");
  if (s.align === "=") return raise("ValueError", "'=' alignment not allowed in string format specifier");
  if (s.alt) return raise("ValueError", "Alternate form (#) not allowed in string format specifier");
  const body = s.precision >= 0 ? [...v].slice(0, s.precision).join("") : v;
  return pad(body, "", s, "<");
}

/** `format(v, spec)`: Python's `__format__` for the kernel's value types. */
export function formatValue(v: PyValue, spec: string, ctx: KernelContext): string {
  if (typeof v === "string") return spec === "" ? v : formatString(v, parseSpec(spec));
  if (typeof v === "boolean") {
    // bool.__format__ is int.__format__ except for the empty spec.
    if (spec === "") return v ? "True" : "False";
    return formatNumber(v ? 1 : 0, false, parseSpec(spec), "bool");
  }
  if (typeof v === "number") {
    if (spec === "") return String(v);
    return formatNumber(v, false, parseSpec(spec), "int");
  }
  if (typeof v === "bigint") {
    if (spec === "") return String(v);
    const s = parseSpec(spec);
    if (s.type === "" || "bcdoxXn".includes(s.type)) return formatInt(v, s, "int");
    return formatNumber(Number(v), false, s, "int");
  }
  if (v instanceof PyFloat) {
    if (spec === "") return floatRepr(v.v);
    return formatNumber(v.v, true, parseSpec(spec), "float");
  }
  if (v instanceof NpScalar) {
    if (spec === "") return pyToStr(v, ctx);
    const s = parseSpec(spec);
    if (v.dtype === "bool") return formatString(v.value ? "True" : "False", s);
    const isFloat = v.dtype === "float64" || v.dtype === "float32";
    return formatNumber(v.value, isFloat, s, isFloat ? "float" : "int");
  }
  if (spec === "") return pyToStr(v, ctx);
  if (v instanceof NDArray) {
    if (v.ndim === 0) return formatValue(new NpScalar(v.dtype, v.data[v.offset] ?? 0), spec, ctx);
    return raise("TypeError", "unsupported format string passed to numpy.ndarray.__format__");
  }
  const name = v instanceof PyObject ? v.typeName : typeName(v);
  return raise("TypeError", `unsupported format string passed to ${name}.__format__`);
}

function formatNumber(x: number, isFloat: boolean, s: Spec, typeLabel: string): string {
  if (s.type === "s") return raise("ValueError", `Unknown format code 's' for object of type '${typeLabel}'`);
  const floatTypes = "eEfFgG%";
  if (!isFloat && (s.type === "" || !floatTypes.includes(s.type))) return formatInt(x, s, typeLabel);
  if (isFloat && "bcdoxX".includes(s.type) && s.type !== "") {
    return raise("ValueError", `Unknown format code '${s.type}' for object of type '${typeLabel}'`);
  }
  if (!isFloat && s.type === "n") return formatInt(x, s, typeLabel);
  return formatFloat(x, s, typeLabel);
}

// ---------------------------------------------------------------------------
// printf-style `%`

function percentNumber(v: PyValue, conv: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof NpScalar) return v.value;
  if (v instanceof NDArray && v.size === 1) return v.data[v.offset] ?? 0;
  if (conv === "d" || conv === "i" || conv === "u") {
    return raise("TypeError", `%${conv} format: a real number is required, not ${typeName(v)}`);
  }
  if (conv === "x" || conv === "X" || conv === "o") {
    return raise("TypeError", `%${conv} format: an integer is required, not ${typeName(v)}`);
  }
  return raise("TypeError", `must be real number, not ${typeName(v)}`);
}

/** `fmt % args` for strings. */
export function percentFormat(fmt: string, args: PyValue, ctx: KernelContext): string {
  const items: readonly PyValue[] = args instanceof PyTuple ? args.items : [args];
  const mapping = args instanceof PyDict ? args : null;
  let ai = 0;
  let out = "";
  const re = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/gy;
  let i = 0;
  const next = (): PyValue => {
    if (ai >= items.length) return raise("TypeError", "not enough arguments for format string");
    return items[ai++] ?? null;
  };
  while (i < fmt.length) {
    const pct = fmt.indexOf("%", i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    re.lastIndex = pct;
    const m = re.exec(fmt);
    if (!m) {
      const ch = fmt[pct + 1];
      if (ch === undefined) return raise("ValueError", "incomplete format");
      return raise(
        "ValueError",
        `unsupported format character '${ch}' (0x${(ch.codePointAt(0) ?? 0).toString(16)}) at index ${pct + 1}`,
      );
    }
    i = re.lastIndex;
    const [, key, flags = "", widthS, precS, conv = "s"] = m;
    if (conv === "%") {
      out += "%";
      continue;
    }
    let width = 0;
    if (widthS === "*") width = Number(next());
    else if (widthS) width = Number(widthS);
    let prec = -1;
    if (precS === "*") prec = Number(next());
    else if (precS !== undefined) prec = Number(precS);
    let v: PyValue;
    if (key !== undefined) {
      if (!mapping) return raise("TypeError", "format requires a mapping");
      const got = mapping.get(key);
      if (got === undefined) return raise("KeyError", pyRepr(key, ctx));
      v = got;
    } else v = next();
    const left = flags.includes("-");
    const spec: Spec = {
      fill: flags.includes("0") && !left && !"sra".includes(conv) ? "0" : " ",
      align: left ? "<" : flags.includes("0") && !"sra".includes(conv) ? "=" : ">",
      sign: flags.includes("+") ? "+" : flags.includes(" ") ? " " : null,
      z: false,
      alt: flags.includes("#"),
      zero: false,
      width,
      grouping: null,
      precision: prec,
      type: "",
    };
    let piece: string;
    switch (conv) {
      case "s":
      case "r":
      case "a": {
        const text = conv === "s" ? pyToStr(v, ctx) : pyRepr(v, ctx);
        piece = pad(prec >= 0 ? text.slice(0, prec) : text, "", spec, ">");
        break;
      }
      case "d":
      case "i":
      case "u": {
        const n = Math.trunc(percentNumber(v, conv));
        piece = formatInt(n, { ...spec, precision: -1, type: "d" }, "int");
        break;
      }
      case "x":
      case "X":
      case "o": {
        const n = percentNumber(v, conv);
        if (!Number.isInteger(n) || v instanceof PyFloat) {
          return raise("TypeError", `%${conv} format: an integer is required, not ${typeName(v)}`);
        }
        piece = formatInt(n, { ...spec, precision: -1, type: conv }, "int");
        break;
      }
      case "c":
        piece = typeof v === "string" ? v : String.fromCodePoint(percentNumber(v, conv));
        break;
      default: {
        const x = percentNumber(v, conv);
        piece = formatFloat(x, { ...spec, precision: prec < 0 ? 6 : prec, type: conv }, "float");
      }
    }
    out += piece;
  }
  if (!mapping && ai < items.length) {
    return raise("TypeError", "not all arguments converted during string formatting");
  }
  return out;
}

// ---------------------------------------------------------------------------
// str.format

/**
 * `fmt.format(*args, **kwargs)`. `getField` resolves `.attr` / `[key]`
 * parts of a field name (the interpreter's getattr / getitem).
 */
export function strFormat(
  fmt: string,
  args: readonly PyValue[],
  kwargs: ReadonlyMap<string, PyValue> | null,
  ctx: KernelContext,
  getField: (obj: PyValue, part: { attr: string } | { key: PyValue }) => PyValue,
): string {
  let auto = 0;
  let manual = false;
  const resolve = (field: string): PyValue => {
    const m = /^([^.[]*)(.*)$/s.exec(field);
    const head = m?.[1] ?? "";
    let rest = m?.[2] ?? "";
    let v: PyValue;
    if (head === "") {
      if (manual) {
        return raise(
          "ValueError",
          "cannot switch from manual field specification to automatic field numbering",
        );
      }
      const idx = auto++;
      if (idx >= args.length) {
        return raise("IndexError", `Replacement index ${idx} out of range for positional args tuple`);
      }
      v = args[idx] ?? null;
    } else if (/^\d+$/.test(head)) {
      if (auto > 0) {
        return raise(
          "ValueError",
          "cannot switch from automatic field numbering to manual field specification",
        );
      }
      manual = true;
      const idx = Number(head);
      if (idx >= args.length) {
        return raise("IndexError", `Replacement index ${idx} out of range for positional args tuple`);
      }
      v = args[idx] ?? null;
    } else {
      const got = kwargs?.get(head);
      if (got === undefined) return raise("KeyError", pyRepr(head, ctx));
      v = got;
    }
    while (rest.length > 0) {
      const am = /^\.([A-Za-z_]\w*)/.exec(rest);
      if (am) {
        v = getField(v, { attr: am[1] ?? "" });
        rest = rest.slice(am[0].length);
        continue;
      }
      const km = /^\[([^\]]*)\]/.exec(rest);
      if (km) {
        const k = km[1] ?? "";
        v = getField(v, { key: /^\d+$/.test(k) ? Number(k) : k });
        rest = rest.slice(km[0].length);
        continue;
      }
      return raise("ValueError", "Only '.' or '[' may follow ']' in format field specifier");
    }
    return v;
  };
  const render = (s: string, depth: number): string => {
    let out = "";
    let i = 0;
    while (i < s.length) {
      const ch = s[i] ?? "";
      if (ch === "{") {
        if (s[i + 1] === "{") {
          out += "{";
          i += 2;
          continue;
        }
        // Find the matching close brace, allowing one level of nested `{}` in the spec.
        let j = i + 1;
        let level = 1;
        while (j < s.length && level > 0) {
          if (s[j] === "{") level++;
          else if (s[j] === "}") level--;
          if (level > 0) j++;
        }
        if (level > 0) return raise("ValueError", "expected '}' before end of string");
        const inner = s.slice(i + 1, j);
        i = j + 1;
        const fm = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(inner);
        if (!fm) return raise("ValueError", "unmatched '{' in format spec");
        let v = resolve(fm[1] ?? "");
        if (fm[2] === "r" || fm[2] === "a") v = pyRepr(v, ctx);
        else if (fm[2] === "s") v = pyToStr(v, ctx);
        let spec = fm[3] ?? "";
        if (spec.includes("{")) {
          if (depth > 0) return raise("ValueError", "Max string recursion exceeded");
          spec = render(spec, depth + 1);
        }
        out += formatValue(v, spec, ctx);
        continue;
      }
      if (ch === "}") {
        if (s[i + 1] === "}") {
          out += "}";
          i += 2;
          continue;
        }
        return raise("ValueError", "Single '}' encountered in format string");
      }
      out += ch;
      i++;
    }
    return out;
  };
  return render(fmt, 0);
}
