/**
 * Colab forms (`#@param`, `#@title`, `#@markdown`) and numeric literals in
 * Python source: finding them, and rewriting one literal while leaving every
 * other byte of the cell alone, so the cell still runs unchanged in Colab.
 *
 * Comments are found with @lezer/python, so a `#` inside a string is never
 * taken for a form comment. Lines that look like forms but are malformed are
 * ignored, never an error.
 */
import type { SyntaxNode } from "@lezer/common";
import { parser } from "@lezer/python";

/** A half-open character range `[from, to)` in a cell's source. */
export interface SourceRange {
  from: number;
  to: number;
}

export type FormKind = "slider" | "number" | "integer" | "boolean" | "string" | "date" | "dropdown" | "raw";

export type FormValue = number | boolean | string;

export interface FormParam {
  name: string;
  kind: FormKind;
  /** The literal's value; for `raw` params, the literal's text. */
  value: FormValue;
  /** The exact text of the literal, and where it is. */
  literal: string;
  range: SourceRange;
  /** 0-based line of the param in the source. */
  line: number;
  /** Whether the literal is written as a float (`1.0`, `1e-3`), for numbers. */
  isFloat: boolean;
  /** The quote of a string literal, kept when the value is rewritten. */
  quote?: '"' | "'";
  /** Dropdown choices. */
  options?: (string | number)[];
  /** Dropdown `{allow-input: true}`: the user may type a value not in `options`. */
  allowInput?: boolean;
  min?: number;
  max?: number;
  step?: number;
}

export interface ParsedForms {
  title?: string;
  markdown: string[];
  params: FormParam[];
}

// ---------------------------------------------------------------------------
// Python literals
// ---------------------------------------------------------------------------

const STRING_LITERAL = /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')$/;
const INT_LITERAL = /^[-+]?(?:0|[1-9](?:_?\d)*)$/;
const FLOAT_LITERAL = /^[-+]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][-+]?\d(?:_?\d)*)?$/;
const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "0": "\0",
};

/** The value of a Python string literal body (no prefixes): common escapes only. */
function unescapeString(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (whole, esc: string) => {
    if (esc.length > 1) return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    return SIMPLE_ESCAPES[esc] ?? whole;
  });
}

type Literal =
  | { type: "string"; value: string; quote: '"' | "'" }
  | { type: "number"; value: number; isFloat: boolean }
  | { type: "boolean"; value: boolean };

/** Parses one Python literal (string, int, float, bool); null for anything else. */
function parseLiteral(text: string): Literal | null {
  const s = STRING_LITERAL.exec(text);
  if (s) {
    const doubled = s[1] !== undefined;
    return { type: "string", value: unescapeString(s[1] ?? s[2] ?? ""), quote: doubled ? '"' : "'" };
  }
  if (text === "True" || text === "False") return { type: "boolean", value: text === "True" };
  if (INT_LITERAL.test(text))
    return { type: "number", value: Number(text.replaceAll("_", "")), isFloat: false };
  if (FLOAT_LITERAL.test(text) && /\d/.test(text)) {
    return { type: "number", value: Number(text.replaceAll("_", "")), isFloat: true };
  }
  return null;
}

/**
 * Python's `repr(float)`: the shortest digits that round-trip (as JS gives),
 * laid out as Python does: fixed notation for exponents -4..15 with at least
 * one decimal (`1.0`, `0.0001`), else `1e-05`, `1.5e+16`.
 */
export function formatPyFloat(x: number): string {
  if (Number.isNaN(x)) return "float('nan')";
  if (!Number.isFinite(x)) return x > 0 ? "float('inf')" : "-float('inf')";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa = "", expText = "0"] = x.toExponential().split("e");
  const exp = Number(expText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    return `${sign}${intPart}.${frac === "" ? "0" : frac}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, "0");
  return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
}

/** A Python int literal for an integer-valued number (no exponent form for large values). */
export function formatPyInt(x: number): string {
  const n = Math.round(x);
  return Math.abs(n) < 1e21 ? n.toString() : BigInt(n).toString();
}

/** A Python literal for a number: a float keeps a decimal point, an int has none. */
export function formatPyNumber(x: number, asFloat: boolean): string {
  return asFloat || !Number.isInteger(x) ? formatPyFloat(x) : formatPyInt(x);
}

/** A Python string literal in the given quote style. */
export function formatPyString(value: string, quote: '"' | "'"): string {
  const body = value
    .replaceAll("\\", "\\\\")
    .replaceAll(quote, `\\${quote}`)
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r")
    .replaceAll("\t", "\\t");
  return `${quote}${body}${quote}`;
}

// ---------------------------------------------------------------------------
// The `{type:"slider", min:1}` and `["a", "b"]` parts of a #@param comment
// ---------------------------------------------------------------------------

type OptionValue = string | number | boolean;

/** Tokens of Colab's JS-like option syntax: quoted strings, numbers, bare words, punctuation. */
function tokenize(text: string): string[] | null {
  const tokens: string[] = [];
  const re =
    /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([A-Za-z_][\w-]*)|([{}[\]:,]))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return null;
    tokens.push((m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim());
    pos = re.lastIndex;
  }
  return tokens;
}

function tokenValue(token: string): OptionValue | null {
  const s = STRING_LITERAL.exec(token);
  if (s) return unescapeString(s[1] ?? s[2] ?? "");
  if (token === "true" || token === "True") return true;
  if (token === "false" || token === "False") return false;
  const n = Number(token);
  if (token !== "" && /\d/.test(token) && Number.isFinite(n)) return n;
  return null;
}

interface ParamSpec {
  options?: (string | number)[];
  settings: Record<string, OptionValue>;
}

/** Parses the text after `#@param`: an optional `[...]` list then an optional `{...}` object. */
function parseSpec(text: string): ParamSpec | null {
  const tokens = tokenize(text);
  if (tokens === null) return null;
  let i = 0;
  const spec: ParamSpec = { settings: {} };
  if (tokens[i] === "[") {
    i++;
    const options: (string | number)[] = [];
    while (tokens[i] !== "]") {
      const v = tokenValue(tokens[i] ?? "");
      if (typeof v !== "string" && typeof v !== "number") return null;
      options.push(v);
      i++;
      if (tokens[i] === ",") i++;
      else if (tokens[i] !== "]") return null;
    }
    i++;
    spec.options = options;
  }
  if (tokens[i] === "{") {
    i++;
    while (tokens[i] !== "}") {
      const key = tokens[i];
      if (key === undefined || tokens[i + 1] !== ":") return null;
      const keyText = tokenValue(key);
      const value = tokenValue(tokens[i + 2] ?? "");
      if (value === null) return null;
      spec.settings[typeof keyText === "string" ? keyText : key] = value;
      i += 3;
      if (tokens[i] === ",") i++;
      else if (tokens[i] !== "}") return null;
    }
    i++;
  }
  return i === tokens.length ? spec : null;
}

// ---------------------------------------------------------------------------
// parseForms
// ---------------------------------------------------------------------------

const FORM_COMMENT = /^#\s*@(param|title|markdown)\b\s?(.*)$/;
const ASSIGN_PREFIX = /^(\s*)([A-Za-z_]\w*)(\s*=\s*)(.*?)\s*$/;

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function numberSetting(settings: Record<string, OptionValue>, key: string): number | undefined {
  const v = settings[key];
  return typeof v === "number" ? v : undefined;
}

const TYPE_KINDS: Record<string, FormKind> = {
  slider: "slider",
  number: "number",
  integer: "integer",
  boolean: "boolean",
  string: "string",
  date: "date",
  raw: "raw",
};

/** Builds a param from its pieces, or null when the literal does not fit the declared kind. */
function makeParam(
  name: string,
  literal: string,
  range: SourceRange,
  line: number,
  spec: ParamSpec,
): FormParam | null {
  const typeSetting = spec.settings.type;
  let kind: FormKind;
  if (spec.options !== undefined) kind = "dropdown";
  else if (typeSetting === undefined) kind = "raw";
  else if (typeof typeSetting === "string" && TYPE_KINDS[typeSetting] !== undefined) {
    kind = TYPE_KINDS[typeSetting] ?? "raw";
  } else return null;

  const base = { name, kind, literal, range, line };
  if (kind === "raw") return { ...base, value: literal, isFloat: false };

  const lit = parseLiteral(literal);
  if (lit === null) return null;
  const param: FormParam = { ...base, value: lit.value, isFloat: lit.type === "number" && lit.isFloat };
  if (lit.type === "string") param.quote = lit.quote;

  switch (kind) {
    case "slider": {
      if (lit.type !== "number") return null;
      const min = numberSetting(spec.settings, "min");
      const max = numberSetting(spec.settings, "max");
      const step = numberSetting(spec.settings, "step");
      if (min === undefined || max === undefined || min > max) return null;
      param.min = min;
      param.max = max;
      if (step !== undefined && step > 0) param.step = step;
      return param;
    }
    case "number":
      return lit.type === "number" ? param : null;
    case "integer":
      return lit.type === "number" && !lit.isFloat ? param : null;
    case "boolean":
      return lit.type === "boolean" ? param : null;
    case "string":
    case "date":
      return lit.type === "string" ? param : null;
    case "dropdown": {
      if (lit.type === "boolean") return null;
      param.options = spec.options ?? [];
      if (spec.settings["allow-input"] === true) param.allowInput = true;
      return param;
    }
    default: {
      const never: never = kind;
      throw new Error(`unhandled form kind ${String(never)}`);
    }
  }
}

function* comments(source: string): Generator<SyntaxNode> {
  const cursor = parser.parse(source).cursor();
  do {
    if (cursor.name === "Comment") yield cursor.node;
  } while (cursor.next());
}

/**
 * Finds Colab form elements in a code cell: the first `#@title` (without a
 * trailing `{...}` display option), every `#@markdown` line, and every
 * `name = literal  #@param ...` line whose literal fits its declared type.
 * `# @param` (Colab's newer spelling, with a space) is accepted too.
 */
export function parseForms(source: string): ParsedForms {
  const result: ParsedForms = { markdown: [], params: [] };
  const starts = lineStarts(source);
  for (const node of comments(source)) {
    const text = source.slice(node.from, node.to);
    const m = FORM_COMMENT.exec(text);
    if (!m) continue;
    const [, directive, rest = ""] = m;
    if (directive === "title") {
      if (result.title === undefined) result.title = rest.replace(/\s*\{[^}]*\}\s*$/, "").trim();
      continue;
    }
    if (directive === "markdown") {
      result.markdown.push(rest);
      continue;
    }
    const line = lineOf(starts, node.from);
    const lineStart = starts[line] ?? 0;
    const a = ASSIGN_PREFIX.exec(source.slice(lineStart, node.from));
    if (!a) continue;
    const [, indent = "", name = "", eq = "", literal = ""] = a;
    if (literal === "") continue;
    const spec = parseSpec(rest);
    if (spec === null) continue;
    const from = lineStart + indent.length + name.length + eq.length;
    const param = makeParam(name, literal, { from, to: from + literal.length }, line, spec);
    if (param !== null) result.params.push(param);
  }
  return result;
}

/** The Python literal `value` would be written as for `param`, or null if it does not fit. */
export function formatParamValue(param: FormParam, value: FormValue): string | null {
  if (param.kind === "raw") {
    return typeof value === "string" && value.trim() !== "" && !/[\n#]/.test(value) ? value.trim() : null;
  }
  if (typeof value === "boolean") {
    return param.kind === "boolean" ? (value ? "True" : "False") : null;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    switch (param.kind) {
      case "integer":
        return Number.isInteger(value) ? formatPyInt(value) : null;
      case "slider":
      case "number":
      case "dropdown":
        return typeof param.value === "number" ? formatPyNumber(value, param.isFloat) : null;
      default:
        return null;
    }
  }
  if (param.kind === "string" || param.kind === "date" || param.kind === "dropdown") {
    return typeof param.value === "string" ? formatPyString(value, param.quote ?? '"') : null;
  }
  return null;
}

/**
 * Rewrites the literal of param `name` (its first occurrence) to `value`,
 * leaving every other character of `source` as it was. Numbers keep the
 * int/float form of the old literal (`0.1`, `1.0`; ints stay ints), strings
 * keep their quote, booleans are `True`/`False`. Returns `source` unchanged
 * when there is no such param or the value does not fit its type.
 */
export function setParam(source: string, name: string, value: FormValue): string {
  const param = parseForms(source).params.find((p) => p.name === name);
  if (param === undefined) return source;
  const text = formatParamValue(param, value);
  return text === null ? source : replaceRange(source, param.range, text);
}

/**
 * Rounds a slider value to its step (from `min`), so that 0.1 + 0.2 style
 * float noise from dragging does not end up in the source.
 */
export function snapToStep(param: FormParam, value: number): number {
  if (param.step === undefined || param.min === undefined) return value;
  const steps = Math.round((value - param.min) / param.step);
  const decimals = Math.max(decimalPlaces(param.step), decimalPlaces(param.min));
  const snapped = Number((param.min + steps * param.step).toFixed(Math.min(decimals, 20)));
  return Math.min(param.max ?? snapped, Math.max(param.min, snapped));
}

function decimalPlaces(x: number): number {
  const s = x.toString();
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]) + (s.split("e")[0]?.split(".")[1]?.length ?? 0);
  return s.split(".")[1]?.length ?? 0;
}

// ---------------------------------------------------------------------------
// Numeric literals anywhere in the code (the scrubber)
// ---------------------------------------------------------------------------

export interface NumericLiteral {
  range: SourceRange;
  /** The literal's text, including a unary minus directly before it. */
  text: string;
  value: number;
  isFloat: boolean;
}

/** The value of a Python number token (no sign); null for complex literals. */
function numberTokenValue(text: string): { value: number; isFloat: boolean } | null {
  const t = text.replaceAll("_", "");
  if (/[jJ]$/.test(t)) return null;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return { value: Number.parseInt(t.slice(2), 16), isFloat: false };
  if (/^0[oO][0-7]+$/.test(t)) return { value: Number.parseInt(t.slice(2), 8), isFloat: false };
  if (/^0[bB][01]+$/.test(t)) return { value: Number.parseInt(t.slice(2), 2), isFloat: false };
  if (/^\d+$/.test(t)) return { value: Number(t), isFloat: false };
  if (/^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(t)) return { value: Number(t), isFloat: true };
  return null;
}

function insideString(node: SyntaxNode): boolean {
  for (let p = node.parent; p !== null; p = p.parent) {
    if (p.name === "FormatString" || p.name === "String") return true;
  }
  return false;
}

/**
 * Every int and float literal in Python code, in source order, with its
 * range and value; a unary minus right before a number is part of it.
 * Numbers in comments and strings (f-string fields included) are skipped,
 * as are complex literals.
 */
export function findNumericLiterals(source: string): NumericLiteral[] {
  const found: NumericLiteral[] = [];
  const cursor = parser.parse(source).cursor();
  do {
    if (cursor.name !== "Number") continue;
    const node = cursor.node;
    if (insideString(node)) continue;
    let from = node.from;
    let to = node.to;
    // @lezer/python reads `1.` as the member access `1 .`; Python reads a float.
    if (source[to] === "." && !/[\w.]/.test(source[to + 1] ?? "")) to++;
    const parsed = numberTokenValue(source.slice(from, to));
    if (parsed === null) continue;
    let value = parsed.value;
    const parent = node.parent;
    if (parent?.name === "UnaryExpression" && parent.lastChild?.from === node.from) {
      const op = source.slice(parent.from, node.from).trim();
      if (op === "-" || op === "+") {
        from = parent.from;
        if (op === "-") value = -value;
      }
    }
    found.push({ range: { from, to }, text: source.slice(from, to), value, isFloat: parsed.isFloat });
  } while (cursor.next());
  return found;
}

/** `source` with `range` replaced by `text`. Throws a RangeError for a range outside the source. */
export function replaceRange(source: string, range: SourceRange, text: string): string {
  if (!(0 <= range.from && range.from <= range.to && range.to <= source.length)) {
    throw new RangeError(`range ${range.from}-${range.to} is outside a source of length ${source.length}`);
  }
  return source.slice(0, range.from) + text + source.slice(range.to);
}
