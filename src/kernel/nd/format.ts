/**
 * numpy 2.x array and scalar text: `repr(a)`, `str(a)`, `repr(np.float64(x))`,
 * `str(np.float32(x))`, following `numpy/_core/arrayprint.py` (FloatingFormat,
 * IntegerFormat, BoolFormat, _formatArray, _array_repr_implementation) with
 * the print options passed in (the session owns them; `np.set_printoptions`
 * updates them).
 *
 * Every float element goes through the Dragon4 port in `format-dragon4.ts`,
 * so digits, padding, exponent widths and summarisation (`...`, `shape=`)
 * match numpy's text exactly.
 */
import { NdError } from "./errors.ts";
import {
  type FloatWidth,
  formatFloatPositional,
  formatFloatScientific,
  type TrimMode,
} from "./format-dragon4.ts";
import type { DType, NDArray, Shape } from "./ndarray.ts";

export type FloatMode = "fixed" | "unique" | "maxprec" | "maxprec_equal";
export type SignMode = "-" | "+" | " ";

/** numpy's print options (`np.get_printoptions()`), the subset that affects our dtypes. */
export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  suppress: boolean;
  floatmode: FloatMode;
  sign: SignMode;
}

/** numpy's defaults: precision 8, threshold 1000, edgeitems 3, linewidth 75, maxprec, sign '-'. */
export function defaultPrintOptions(): PrintOptions {
  return {
    precision: 8,
    threshold: 1000,
    edgeitems: 3,
    linewidth: 75,
    suppress: false,
    floatmode: "maxprec",
    sign: "-",
  };
}

/** `np.set_printoptions(...)`: updates `options` in place with numpy's validation messages. */
export function setPrintOptions(options: PrintOptions, changes: Partial<PrintOptions>): void {
  if (changes.precision !== undefined) {
    if (!Number.isInteger(changes.precision)) throw new NdError("TypeError", "precision must be an integer");
    if (changes.precision < 0) throw new NdError("ValueError", "precision must be >= 0");
  }
  if (changes.threshold !== undefined && Number.isNaN(changes.threshold)) {
    throw new NdError(
      "ValueError",
      "threshold must be non-NAN, try sys.maxsize for untruncated representation",
    );
  }
  Object.assign(options, changes);
}

// ---- element formatters -------------------------------------------------------------

type ElementFormatter = (x: number) => string;

const NAN_STR = "nan";
const INF_STR = "inf";

function signbit(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** numpy's `FloatingFormat`: decides positional vs scientific and the common pads from `values`. */
function floatingFormat(values: readonly number[], width: FloatWidth, opts: PrintOptions): ElementFormatter {
  const { floatmode, suppress, sign } = opts;
  let precision = floatmode === "unique" ? -1 : opts.precision;
  const plusSign = sign === "+";
  const finite = values.filter((v) => Number.isFinite(v));
  let expFormat = false;
  const absNonZero = finite.filter((v) => v !== 0).map(Math.abs);
  if (absNonZero.length > 0) {
    let maxVal = 0;
    let minVal = Number.POSITIVE_INFINITY;
    for (const v of absNonZero) {
      if (v > maxVal) maxVal = v;
      if (v < minVal) minVal = v;
    }
    // Python floats compared with float32 scalars are cast to float32 first (NEP 50);
    // the exponent cutoff is 10**min(8, finfo(dtype).precision).
    const f32 = width === "float32";
    const cutoffMax = f32 ? 1e6 : 1e8;
    const small = f32 ? Math.fround(0.0001) : 0.0001;
    const ratio = f32 ? Math.fround(maxVal / minVal) : maxVal / minVal;
    if (maxVal >= cutoffMax || (!suppress && (minVal < small || ratio > 1000))) expFormat = true;
  }

  let padLeft: number;
  let padRight: number;
  let trim: TrimMode;
  let expSize: number;
  let unique: boolean;
  let minDigits: number;
  if (finite.length === 0) {
    padLeft = 0;
    padRight = 0;
    trim = ".";
    expSize = -1;
    unique = true;
    minDigits = -1;
  } else if (expFormat) {
    const fixed = floatmode === "fixed";
    unique = !fixed;
    const firstTrim: TrimMode = fixed ? "k" : ".";
    let maxInt = 0;
    let maxFrac = 0;
    let maxExp = 0;
    for (const x of finite) {
      const s = formatFloatScientific(x, width, { precision, unique, trim: firstTrim, sign: plusSign });
      const e = s.indexOf("e");
      const mant = s.slice(0, e);
      const dot = mant.indexOf(".");
      maxInt = Math.max(maxInt, dot);
      maxFrac = Math.max(maxFrac, mant.length - dot - 1);
      maxExp = Math.max(maxExp, s.length - e - 1);
    }
    expSize = maxExp - 1;
    trim = "k";
    precision = maxFrac;
    minDigits = maxFrac;
    padLeft = maxInt;
    padRight = expSize + 2 + precision;
  } else {
    const fixed = floatmode === "fixed";
    unique = !fixed;
    const firstTrim: TrimMode = fixed ? "k" : ".";
    let maxInt = 0;
    let maxFrac = 0;
    for (const x of finite) {
      const s = formatFloatPositional(x, width, {
        precision,
        fractional: true,
        unique,
        trim: firstTrim,
        sign: plusSign,
      });
      const dot = s.indexOf(".");
      maxInt = Math.max(maxInt, dot);
      maxFrac = Math.max(maxFrac, s.length - dot - 1);
    }
    padLeft = maxInt;
    padRight = maxFrac;
    expSize = -1;
    if (floatmode === "fixed" || floatmode === "maxprec_equal") {
      precision = padRight;
      minDigits = padRight;
      trim = "k";
    } else {
      trim = ".";
      minDigits = 0;
    }
  }
  if (sign === " " && !finite.some(signbit)) padLeft += 1;
  if (values.length !== finite.length) {
    const negInf = sign !== "-" || values.some((v) => v === Number.NEGATIVE_INFINITY);
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, NAN_STR.length - offset, INF_STR.length + (negInf ? 1 : 0) - offset);
  }

  return (x: number): string => {
    if (!Number.isFinite(x)) {
      let ret: string;
      if (Number.isNaN(x)) ret = (plusSign ? "+" : "") + NAN_STR;
      else ret = (x < 0 ? "-" : plusSign ? "+" : "") + INF_STR;
      return " ".repeat(Math.max(0, padLeft + padRight + 1 - ret.length)) + ret;
    }
    if (expFormat) {
      return formatFloatScientific(x, width, {
        precision,
        minDigits,
        unique,
        trim,
        sign: plusSign,
        padLeft,
        expDigits: expSize,
      });
    }
    return formatFloatPositional(x, width, {
      precision,
      minDigits,
      unique,
      fractional: true,
      trim,
      sign: plusSign,
      padLeft,
      padRight,
    });
  };
}

/** Python `str(int)` for an integral double (exact digits, no exponent). */
function intText(x: number): string {
  return Number.isSafeInteger(x) ? String(x) : BigInt(x).toString();
}

/** numpy's `IntegerFormat`: right-aligned to the widest of str(max), str(min). */
function integerFormat(values: readonly number[], sign: SignMode): ElementFormatter {
  let width = 0;
  let s: SignMode = sign;
  if (values.length > 0) {
    let max = Number.NEGATIVE_INFINITY;
    let min = Number.POSITIVE_INFINITY;
    for (const v of values) {
      if (v > max) max = v;
      if (v < min) min = v;
    }
    let maxLen = intText(max).length;
    if (s === " " && min < 0) s = "-";
    if (max >= 0 && (s === "+" || s === " ")) maxLen += 1;
    width = Math.max(maxLen, intText(min).length);
  }
  return (x: number): string => {
    let t = intText(x);
    if (x >= 0 && s === "+") t = `+${t}`;
    else if (x >= 0 && s === " ") t = ` ${t}`;
    return t.padStart(width, " ");
  };
}

function formatterFor(
  values: readonly number[],
  dtype: DType,
  zeroD: boolean,
  opts: PrintOptions,
): ElementFormatter {
  switch (dtype) {
    case "float64":
      return floatingFormat(values, "float64", opts);
    case "float32":
      return floatingFormat(values, "float32", opts);
    case "int64":
      return integerFormat(values, opts.sign);
    case "bool": {
      const trueText = zeroD ? "True" : " True";
      return (x) => (x ? trueText : "False");
    }
    default: {
      const never: never = dtype;
      throw new Error(`unknown dtype ${String(never)}`);
    }
  }
}

// ---- layout ------------------------------------------------------------------------

/** Indices kept along one axis when summarising (numpy's `_leading_trailing`). */
function keptIndices(n: number, summarise: boolean, edge: number): number[] {
  if (summarise && n > 2 * edge) {
    const out: number[] = [];
    for (let i = 0; i < edge; i++) out.push(i);
    for (let i = n - edge; i < n; i++) out.push(i);
    return out;
  }
  return Array.from({ length: n }, (_, i) => i);
}

/** The elements numpy formats to size the columns: all of them, or the summarised corners. */
function shownValues(a: NDArray, summarise: boolean, edge: number): number[] {
  const axes = a.shape.map((n) => keptIndices(n, summarise, edge));
  const out: number[] = [];
  const idx = new Array<number>(a.ndim).fill(0);
  const walk = (axis: number): void => {
    if (axis === a.ndim) {
      out.push(a.at(idx));
      return;
    }
    for (const i of axes[axis] ?? []) {
      idx[axis] = i;
      walk(axis + 1);
    }
  };
  walk(0);
  return out;
}

function extendLine(
  s: string,
  line: string,
  word: string,
  lineWidth: number,
  nextLinePrefix: string,
): [string, string] {
  let needsWrap = line.length + word.length > lineWidth;
  // numpy > 1.13: wrapping does not help when the line holds only the prefix
  if (line.length <= nextLinePrefix.length) needsWrap = false;
  if (needsWrap) {
    s += `${line.trimEnd()}\n`;
    line = nextLinePrefix;
  }
  return [s, line + word];
}

/** numpy's `_formatArray`: nested brackets, row wrapping at `lineWidth`, `...` for summaries. */
function formatArray(
  a: NDArray,
  fmt: ElementFormatter,
  lineWidth: number,
  nextLinePrefix: string,
  separator: string,
  edgeItems: number,
  summarise: boolean,
): string {
  const sepTrim = separator.trimEnd();
  const recurse = (index: number[], hangingIndent: string, currWidth: number): string => {
    const axis = index.length;
    const axesLeft = a.ndim - axis;
    if (axesLeft === 0) return fmt(a.at(index));
    const nextHanging = `${hangingIndent} `;
    const nextWidth = currWidth - 1;
    const aLen = a.shape[axis] ?? 0;
    const showSummary = summarise && 2 * edgeItems < aLen;
    const leading = showSummary ? edgeItems : 0;
    const trailing = showSummary ? edgeItems : aLen;
    let s = "";
    if (axesLeft === 1) {
      const elemWidth = currWidth - Math.max(sepTrim.length, 1);
      let line = hangingIndent;
      for (let i = 0; i < leading; i++) {
        const word = recurse([...index, i], nextHanging, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      if (showSummary) {
        [s, line] = extendLine(s, line, "...", elemWidth, hangingIndent);
        line += separator;
      }
      for (let i = trailing; i > 1; i--) {
        const word = recurse([...index, aLen - i], nextHanging, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      const word = recurse([...index, aLen - 1], nextHanging, nextWidth);
      [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
      s += line;
    } else {
      const lineSep = sepTrim + "\n".repeat(axesLeft - 1);
      for (let i = 0; i < leading; i++) {
        s += hangingIndent + recurse([...index, i], nextHanging, nextWidth) + lineSep;
      }
      if (showSummary) s += `${hangingIndent}...${lineSep}`;
      for (let i = trailing; i > 1; i--) {
        s += hangingIndent + recurse([...index, aLen - i], nextHanging, nextWidth) + lineSep;
      }
      s += hangingIndent + recurse([...index, aLen - 1], nextHanging, nextWidth);
    }
    return `[${s.slice(hangingIndent.length)}]`;
  };
  return recurse([], nextLinePrefix, lineWidth);
}

/**
 * `np.array2string(a, separator=, prefix=)` for a non-empty array; `lineWidth`
 * already has the suffix length taken off (as numpy's array2string does).
 */
export function array2string(
  a: NDArray,
  options: PrintOptions,
  separator = " ",
  prefix = "",
  suffix = "",
): string {
  if (a.size === 0) return "[]";
  const summarise = a.size > options.threshold;
  const values = shownValues(a, summarise, options.edgeitems);
  const fmt = formatterFor(values, a.dtype, a.ndim === 0, options);
  const nextLinePrefix = ` ${" ".repeat(prefix.length)}`;
  return formatArray(
    a,
    fmt,
    options.linewidth - suffix.length,
    nextLinePrefix,
    separator,
    options.edgeitems,
    summarise,
  );
}

/** Python's tuple text for a shape: `(2000,)`, `(40, 40)`, `()`. */
export function shapeRepr(shape: Shape): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(", ")})`;
}

/** `repr(a)`: `array([...])` with `shape=` for summarised/empty arrays and `dtype=` when not implied. */
export function arrayRepr(a: NDArray, options: PrintOptions): string {
  const prefix = "array(";
  const lst = array2string(a, options, ", ", prefix, ")");
  const extras: string[] = [];
  const size = a.size;
  if ((size === 0 && !(a.ndim === 1 && a.shape[0] === 0)) || size > options.threshold) {
    extras.push(`shape=${shapeRepr(a.shape)}`);
  }
  // float64, int64 and bool are numpy's "typeless" dtypes; float32 always names itself.
  if (a.dtype === "float32" || size === 0) extras.push(`dtype=${a.dtype}`);
  if (extras.length === 0) return `${prefix}${lst})`;
  const arrStr = `${prefix}${lst},`;
  const extraStr = `${extras.join(", ")})`;
  const lastLineLen = arrStr.length - (arrStr.lastIndexOf("\n") + 1);
  const spacer =
    lastLineLen + extraStr.length + 1 > options.linewidth ? `\n${" ".repeat(prefix.length)}` : " ";
  return arrStr + spacer + extraStr;
}

/** `str(a)` / `print(a)`: space-separated, no `array(` wrapper; a 0-d array prints as its scalar. */
export function arrayStr(a: NDArray, options: PrintOptions): string {
  if (a.ndim === 0) return scalarStr(a.at([]), a.dtype);
  return array2string(a, options, " ", "");
}

// ---- scalars -----------------------------------------------------------------------

/**
 * `str(np.float64(x))` etc.: shortest round-trip digits, positional when
 * 1e-4 <= |x| < 1e16 (float32: < 1e6) with one trailing zero kept (`1.0`),
 * else scientific without a bare dot (`1e-05`, `1.5e+16`).
 */
export function scalarStr(x: number, dtype: DType): string {
  switch (dtype) {
    case "float64":
    case "float32": {
      if (Number.isNaN(x)) return NAN_STR;
      if (!Number.isFinite(x)) return x < 0 ? `-${INF_STR}` : INF_STR;
      const width: FloatWidth = dtype;
      const abs = Math.abs(x);
      const cutoff = dtype === "float32" ? 1e6 : 1e16;
      if (abs === 0 || (abs < cutoff && abs >= 1e-4)) return formatFloatPositional(x, width, { trim: "0" });
      return formatFloatScientific(x, width, { trim: "-" });
    }
    case "int64":
      return intText(x);
    case "bool":
      return x ? "True" : "False";
    default: {
      const never: never = dtype;
      throw new Error(`unknown dtype ${String(never)}`);
    }
  }
}

/** `repr(np.float64(x))` → `np.float64(0.5)`, `np.int64(3)`, `np.True_`, `np.float32(0.1)`. */
export function scalarRepr(x: number, dtype: DType): string {
  if (dtype === "bool") return x ? "np.True_" : "np.False_";
  return `np.${dtype}(${scalarStr(x, dtype)})`;
}
