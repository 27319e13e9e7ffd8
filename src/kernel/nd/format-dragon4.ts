/**
 * numpy's Dragon4 float printer (`numpy/_core/src/multiarray/dragon4.c`),
 * ported to BigInt: `format_float_positional` and `format_float_scientific`
 * for float64 and float32 with numpy's unique/exact digit modes, cutoffs,
 * trim modes and padding. The array printer (`format.ts`) formats every
 * float element through these, so array text matches numpy digit for digit,
 * including values whose shortest digits are longer than `precision` (they
 * are rounded from the exact binary value, half to even).
 */

/** numpy's `trim` letters: 'k' keep zeros, '.' trim zeros keep the dot, '0' keep one zero, '-' trim zeros and dot. */
export type TrimMode = "k" | "." | "0" | "-";

/** Which IEEE binary format the value's neighbours (and so its unique digits) come from. */
export type FloatWidth = "float64" | "float32";

export interface Dragon4Options {
  /** Cutoff digits (fractional or total); -1 for none. */
  readonly precision: number;
  readonly unique: boolean;
  /** Positional only: precision counts fractional digits (true) or all digits. */
  readonly fractional: boolean;
  readonly trim: TrimMode;
  /** Always print a sign. */
  readonly sign: boolean;
  readonly padLeft: number;
  readonly padRight: number;
  readonly minDigits: number;
  readonly expDigits: number;
}

export const defaultDragon4: Dragon4Options = {
  precision: -1,
  unique: true,
  fractional: true,
  trim: "k",
  sign: false,
  padLeft: -1,
  padRight: -1,
  minDigits: -1,
  expDigits: -1,
};

const LOG10_2 = 0.3010299956639812; // the double nearest numpy's log10_2 literal
/** numpy's scratch buffer bounds the digits printed when nothing else cuts off. */
const BUFFER_SIZE = 16384;

interface Decomposed {
  readonly negative: boolean;
  readonly special: "inf" | "nan" | null;
  readonly mantissa: bigint;
  readonly exponent: number;
  readonly mantissaBit: number;
  readonly unequalMargins: boolean;
}

const view = new DataView(new ArrayBuffer(8));

function log2Int(v: bigint): number {
  return v.toString(2).length - 1;
}

function decompose(x: number, width: FloatWidth): Decomposed {
  if (width === "float32") {
    view.setFloat32(0, x);
    const bits = view.getUint32(0);
    const negative = bits >>> 31 === 1;
    const fe = (bits >>> 23) & 0xff;
    const fm = bits & 0x7fffff;
    if (fe === 0xff) {
      return {
        negative,
        special: fm === 0 ? "inf" : "nan",
        mantissa: 0n,
        exponent: 0,
        mantissaBit: 0,
        unequalMargins: false,
      };
    }
    if (fe !== 0) {
      return {
        negative,
        special: null,
        mantissa: BigInt((1 << 23) | fm),
        exponent: fe - 127 - 23,
        mantissaBit: 23,
        unequalMargins: fe !== 1 && fm === 0,
      };
    }
    const m = BigInt(fm);
    return {
      negative,
      special: null,
      mantissa: m,
      exponent: 1 - 127 - 23,
      mantissaBit: fm === 0 ? 0 : log2Int(m),
      unequalMargins: false,
    };
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const fe = (hi >>> 20) & 0x7ff;
  const fm = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (fe === 0x7ff) {
    return {
      negative,
      special: fm === 0n ? "inf" : "nan",
      mantissa: 0n,
      exponent: 0,
      mantissaBit: 0,
      unequalMargins: false,
    };
  }
  if (fe !== 0) {
    return {
      negative,
      special: null,
      mantissa: fm | (1n << 52n),
      exponent: fe - 1023 - 52,
      mantissaBit: 52,
      unequalMargins: fe !== 1 && fm === 0n,
    };
  }
  return {
    negative,
    special: null,
    mantissa: fm,
    exponent: 1 - 1023 - 52,
    mantissaBit: fm === 0n ? 0 : log2Int(fm),
    unequalMargins: false,
  };
}

interface Digits {
  readonly digits: string;
  /** Base-10 exponent of the first digit. */
  readonly exponent: number;
}

/** The Dragon4 digit generator (Burger & Dybvig with numpy's cutoffs and unbiased rounding). */
function dragon4(
  d: Decomposed,
  unique: boolean,
  totalLength: boolean,
  cutoffMax: number,
  cutoffMin: number,
): Digits {
  const { mantissa, exponent, mantissaBit, unequalMargins } = d;
  if (mantissa === 0n) return { digits: "0", exponent: 0 };
  const isEven = (mantissa & 1n) === 0n;
  let scale: bigint;
  let value: bigint;
  let marginLow: bigint;
  if (unequalMargins) {
    if (exponent > 0) {
      value = mantissa << BigInt(exponent + 2);
      scale = 4n;
      marginLow = 1n << BigInt(exponent);
    } else {
      value = mantissa << 2n;
      scale = 1n << BigInt(-exponent + 2);
      marginLow = 1n;
    }
  } else if (exponent > 0) {
    value = mantissa << BigInt(exponent + 1);
    scale = 2n;
    marginLow = 1n << BigInt(exponent);
  } else {
    value = mantissa << 1n;
    scale = 1n << BigInt(-exponent + 1);
    marginLow = 1n;
  }
  // The high margin is twice the low one when margins are unequal (a power of two below).
  const marginFactor = unequalMargins ? 2n : 1n;

  let digitExponent = Math.ceil((mantissaBit + exponent) * LOG10_2 - 0.69);
  if (cutoffMax >= 0 && !totalLength && digitExponent <= -cutoffMax) digitExponent = -cutoffMax + 1;
  if (digitExponent > 0) {
    scale *= 10n ** BigInt(digitExponent);
  } else if (digitExponent < 0) {
    const p = 10n ** BigInt(-digitExponent);
    value *= p;
    marginLow *= p;
  }
  if (value >= scale) {
    digitExponent += 1;
  } else {
    value *= 10n;
    marginLow *= 10n;
  }

  let cutoffMaxExponent = digitExponent - BUFFER_SIZE;
  if (cutoffMax >= 0) {
    const desired = totalLength ? digitExponent - cutoffMax : -cutoffMax;
    if (desired > cutoffMaxExponent) cutoffMaxExponent = desired;
  }
  let cutoffMinExponent = digitExponent;
  if (cutoffMin >= 0) {
    const desired = totalLength ? digitExponent - cutoffMin : -cutoffMin;
    if (desired < cutoffMinExponent) cutoffMinExponent = desired;
  }
  let outExponent = digitExponent - 1;

  const out: number[] = [];
  let low = false;
  let high = false;
  let outputDigit: number;
  if (unique) {
    for (;;) {
      digitExponent -= 1;
      const q = value / scale;
      value -= q * scale;
      outputDigit = Number(q);
      const valueHigh = value + marginLow * marginFactor;
      low = isEven ? value <= marginLow : value < marginLow;
      high = isEven ? valueHigh >= scale : valueHigh > scale;
      if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      value *= 10n;
      marginLow *= 10n;
    }
  } else {
    for (;;) {
      digitExponent -= 1;
      const q = value / scale;
      value -= q * scale;
      outputDigit = Number(q);
      if (value === 0n || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      value *= 10n;
    }
  }

  let roundDown = low;
  if (low === high) {
    const twice = value * 2n;
    roundDown = twice < scale;
    if (twice === scale) roundDown = (outputDigit & 1) === 0;
  }
  if (roundDown) {
    out.push(outputDigit);
  } else if (outputDigit === 9) {
    // carry into the earlier digits; an all-nines prefix becomes "1" one decade up
    for (;;) {
      if (out.length === 0) {
        out.push(1);
        outExponent += 1;
        break;
      }
      const last = out.pop() ?? 0;
      if (last !== 9) {
        out.push(last + 1);
        break;
      }
    }
  } else {
    out.push(outputDigit + 1);
  }
  return { digits: out.join(""), exponent: outExponent };
}

function signText(negative: boolean, sign: boolean): string {
  if (negative) return "-";
  return sign ? "+" : "";
}

function infNan(d: Decomposed, sign: boolean): string {
  if (d.special === "nan") return "nan";
  return `${signText(d.negative, sign)}inf`;
}

/** `np.format_float_positional(x, precision, unique, fractional, trim, sign, pad_left, pad_right, min_digits)`. */
export function formatFloatPositional(
  x: number,
  width: FloatWidth,
  options: Partial<Dragon4Options> = {},
): string {
  const o: Dragon4Options = { ...defaultDragon4, ...options };
  const d = decompose(x, width);
  if (d.special !== null) return infNan(d, o.sign);
  const sign = signText(d.negative, o.sign);
  const { digits, exponent } = dragon4(d, o.unique, !o.fractional, o.precision, o.minDigits);
  let body: string;
  let numWholeDigits: number;
  let numFractionDigits: number;
  if (exponent >= 0) {
    numWholeDigits = exponent + 1;
    if (digits.length <= numWholeDigits) {
      body = digits + "0".repeat(numWholeDigits - digits.length);
      numFractionDigits = 0;
    } else {
      body = `${digits.slice(0, numWholeDigits)}.${digits.slice(numWholeDigits)}`;
      numFractionDigits = digits.length - numWholeDigits;
    }
  } else {
    const zeros = -(exponent + 1);
    body = `0.${"0".repeat(zeros)}${digits}`;
    numFractionDigits = digits.length + zeros;
    numWholeDigits = 1;
  }
  if (o.trim !== "-" && numFractionDigits === 0) body += ".";
  const addDigits = o.unique ? o.minDigits : o.precision;
  let desiredFractional = Math.max(addDigits, 0);
  if (!o.fractional) desiredFractional = addDigits - numWholeDigits;
  if (o.trim === "0") {
    if (numFractionDigits === 0) {
      body += "0";
      numFractionDigits++;
    }
  } else if (o.trim === "k" && desiredFractional > numFractionDigits) {
    body += "0".repeat(desiredFractional - numFractionDigits);
    numFractionDigits = desiredFractional;
  }
  if (o.trim !== "k" && numFractionDigits > 0) {
    while (body.endsWith("0")) {
      body = body.slice(0, -1);
      numFractionDigits--;
    }
    if (body.endsWith(".")) {
      if (o.trim === "0") {
        body += "0";
        numFractionDigits++;
      } else if (o.trim === "-") {
        body = body.slice(0, -1);
      }
    }
  }
  if (o.padRight >= numFractionDigits) {
    if (o.trim === "-" && numFractionDigits === 0) body += " ";
    body += " ".repeat(o.padRight - numFractionDigits);
  }
  let text = sign + body;
  const hasSign = sign === "" ? 0 : 1;
  if (o.padLeft > numWholeDigits + hasSign) text = " ".repeat(o.padLeft - numWholeDigits - hasSign) + text;
  return text;
}

/** `np.format_float_scientific(x, precision, unique, trim, sign, pad_left, exp_digits, min_digits)`. */
export function formatFloatScientific(
  x: number,
  width: FloatWidth,
  options: Partial<Dragon4Options> = {},
): string {
  const o: Dragon4Options = { ...defaultDragon4, ...options };
  const d = decompose(x, width);
  if (d.special !== null) return infNan(d, o.sign);
  const sign = signText(d.negative, o.sign);
  const leftChars = 1 + (sign === "" ? 0 : 1);
  const pad = o.padLeft > leftChars ? " ".repeat(o.padLeft - leftChars) : "";
  const { digits, exponent } = dragon4(
    d,
    o.unique,
    true,
    o.precision < 0 ? -1 : o.precision + 1,
    o.minDigits < 0 ? -1 : o.minDigits + 1,
  );
  let body = digits.slice(0, 1);
  let numFractionDigits = digits.length - 1;
  if (numFractionDigits > 0) body += `.${digits.slice(1)}`;
  if (o.trim !== "-" && numFractionDigits === 0) body += ".";
  const addDigits = Math.max(o.unique ? o.minDigits : o.precision, 0);
  if (o.trim === "0") {
    if (numFractionDigits === 0) {
      body += "0";
      numFractionDigits++;
    }
  } else if (o.trim === "k" && addDigits > numFractionDigits) {
    body += "0".repeat(addDigits - numFractionDigits);
    numFractionDigits = addDigits;
  }
  if (o.trim !== "k" && numFractionDigits > 0) {
    while (body.endsWith("0")) {
      body = body.slice(0, -1);
      numFractionDigits--;
    }
    if (o.trim === "0" && body.endsWith(".")) body += "0";
  }
  const expDigits = o.expDigits < 0 ? 2 : Math.min(o.expDigits, 5);
  const expAbs = String(Math.abs(exponent)).padStart(expDigits, "0");
  return `${pad}${sign}${body}e${exponent >= 0 ? "+" : "-"}${expAbs}`;
}
