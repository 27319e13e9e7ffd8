/**
 * Python's float text, bit for bit: `repr(float)` (CPython's shortest
 * round-trip `float_repr_style = 'short'`), and C printf-style `%.*f` /
 * `%.*e` that round the exact binary value half-to-even, as glibc does.
 *
 * JavaScript's `Number.prototype.toString` already yields the shortest
 * round-trip digits (closest to the value when several are shortest), the
 * same digits as CPython's `_Py_dg_dtoa(mode 0)`. `toFixed`/`toExponential`
 * round exact ties away from zero where C rounds them to even, so exact ties
 * go through `exactDecimal` below.
 */

/** Shortest round-trip digits: value = (negative ? -1 : 1) * d.ddd * 10**exponent. */
export interface ShortestDigits {
  readonly negative: boolean;
  /** Significant digits without leading or trailing zeros ("0" for zero). */
  readonly digits: string;
  /** Scientific exponent of the first digit. */
  readonly exponent: number;
}

/** The shortest decimal digits that read back as `x` (finite `x` only). */
export function shortestDigits(x: number): ShortestDigits {
  const negative = x < 0 || Object.is(x, -0);
  if (x === 0) return { negative, digits: "0", exponent: 0 };
  const text = Math.abs(x).toExponential();
  const e = text.indexOf("e");
  const mantissa = text.slice(0, e).replace(".", "");
  return { negative, digits: mantissa, exponent: Number(text.slice(e + 1)) };
}

function expSuffix(exponent: number): string {
  const sign = exponent < 0 ? "-" : "+";
  const mag = Math.abs(exponent);
  return `e${sign}${mag < 10 ? `0${mag}` : String(mag)}`;
}

/** CPython `repr(x)` / `str(x)` for a float: `0.1`, `1e-07`, `1e+16`, `1234.0`, `-0.0`, `inf`, `nan`. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  const { negative, digits, exponent } = shortestDigits(x);
  const sign = negative ? "-" : "";
  // CPython's decpt is exponent + 1; it switches to exponent form when decpt <= -4 or decpt > 16.
  const decpt = exponent + 1;
  if (decpt <= -4 || decpt > 16) {
    const mant = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${mant}${expSuffix(exponent)}`;
  }
  if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** The exact decimal value of a finite double: |x| = digits * 10**exp10 (digits "0" for zero). */
export interface ExactDecimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly exp10: number;
}

const scratch = new DataView(new ArrayBuffer(8));

/** Every digit of a finite double's binary value (at most ~770 digits for subnormals). */
export function exactDecimal(x: number): ExactDecimal {
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) {
    e2 = -1074;
  } else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  if (mant === 0n) return { negative, digits: "0", exp10: 0 };
  while ((mant & 1n) === 0n) {
    mant >>= 1n;
    e2++;
  }
  if (e2 >= 0) return { negative, digits: (mant << BigInt(e2)).toString(), exp10: 0 };
  // m / 2**k = m * 5**k / 10**k
  return { negative, digits: (mant * 5n ** BigInt(-e2)).toString(), exp10: e2 };
}

/**
 * Rounds a digit string half-to-even, keeping `keep` leading digits
 * (`keep` may be <= 0: everything rounds into a carry or to zero).
 * Returns the kept digits (possibly one longer after a carry) and whether a carry grew it.
 */
function roundDigits(digits: string, keep: number): string {
  if (keep >= digits.length) return digits + "0".repeat(keep - digits.length);
  if (keep < 0) return "";
  const head = digits.slice(0, keep);
  const first = digits.charCodeAt(keep) - 48;
  let up: boolean;
  if (first > 5) up = true;
  else if (first < 5) up = false;
  else {
    const restNonZero = /[1-9]/.test(digits.slice(keep + 1));
    if (restNonZero) up = true;
    else {
      const last = keep > 0 ? digits.charCodeAt(keep - 1) - 48 : 0;
      up = last % 2 === 1;
    }
  }
  if (!up) return head;
  return incrementDigits(head);
}

function incrementDigits(head: string): string {
  const chars = head.split("");
  let i = chars.length - 1;
  while (i >= 0) {
    if (chars[i] === "9") {
      chars[i] = "0";
      i--;
    } else {
      chars[i] = String.fromCharCode((chars[i] ?? "0").charCodeAt(0) + 1);
      return chars.join("");
    }
  }
  return `1${chars.join("")}`;
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  return null;
}

/**
 * C `printf("%.*f", digits, x)`: exact value rounded half-to-even to `digits`
 * fractional digits, `-` kept for negative values and -0.0 (Python `f"{x:.2f}"`).
 */
export function formatFixed(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const negative = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  // A tie at `digits` places needs ax * 2**(digits+1) integral; elsewhere toFixed is exact.
  if (ax < 1e21 && digits <= 100 && !Number.isInteger(ax * 2 ** (digits + 1))) {
    return (negative ? "-" : "") + ax.toFixed(digits);
  }
  const exact = exactDecimal(ax);
  // integer digits count = digits.length + exp10 (exp10 <= 0 or integer)
  const intLen = exact.digits.length + exact.exp10;
  const keep = intLen + digits;
  let body: string;
  let kept: string;
  if (exact.digits === "0") kept = "0".repeat(Math.max(keep, 1));
  else if (keep < 0) kept = "";
  else kept = roundDigits(exact.digits, keep);
  // kept represents an integer = round(ax * 10**digits); may have gained a digit from a carry
  const scaled = kept === "" ? "0" : kept.replace(/^0+(?=\d)/, "");
  const padded = scaled.padStart(digits + 1, "0");
  if (digits === 0) body = padded;
  else body = `${padded.slice(0, padded.length - digits)}.${padded.slice(padded.length - digits)}`;
  return (negative ? "-" : "") + body;
}

/** C `printf("%.*e", digits, x)`: `1.50e-05`, `-3e+00`; exact value rounded half-to-even. */
export function formatExp(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const negative = x < 0 || Object.is(x, -0);
  const sign = negative ? "-" : "";
  if (x === 0) return `${sign}0${digits > 0 ? `.${"0".repeat(digits)}` : ""}e+00`;
  const exact = exactDecimal(Math.abs(x));
  let exponent = exact.digits.length - 1 + exact.exp10;
  let kept = roundDigits(exact.digits, digits + 1);
  if (kept.length > digits + 1) {
    kept = kept.slice(0, digits + 1);
    exponent++;
  }
  const mant = digits > 0 ? `${kept[0]}.${kept.slice(1)}` : kept;
  return `${sign}${mant}${expSuffix(exponent)}`;
}

/**
 * C `printf("%.*g", precision, x)` as Python's `%g`/`format(x, "g")`:
 * exponent form when exp < -4 or exp >= precision, trailing zeros removed
 * unless `alternate` (`#`).
 */
export function formatGeneral(x: number, precision: number, alternate = false): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const p = precision === 0 ? 1 : precision;
  let exponent: number;
  if (x === 0) exponent = 0;
  else {
    const e = formatExp(x, p - 1);
    exponent = Number(e.slice(e.indexOf("e") + 1));
  }
  const text = exponent < -4 || exponent >= p ? formatExp(x, p - 1) : formatFixed(x, p - 1 - exponent);
  const ePos = text.indexOf("e");
  let mant = ePos >= 0 ? text.slice(0, ePos) : text;
  const tail = ePos >= 0 ? text.slice(ePos) : "";
  if (alternate) {
    if (!mant.includes(".")) mant = `${mant}.`;
  } else if (mant.includes(".")) {
    mant = mant.replace(/0+$/, "").replace(/\.$/, "");
  }
  return mant + tail;
}
