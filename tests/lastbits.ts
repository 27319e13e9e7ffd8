/**
 * DESIGN.md's one allowance when comparing printed text with what CPython and
 * numpy printed: "differences in the last bits of a float" are not a
 * difference. numpy's transcendental ufuncs are its own SIMD code and OpenBLAS
 * sums large products in its own order; a float printed at full precision (15
 * or more significant digits) may therefore differ by a relative 1e-13, far
 * below "visible at 8 decimals". Every other character, and every number
 * printed with fewer digits, must be identical.
 */
/** A float literal as Python and numpy print it: `-0.0107983`, `9.2e-06`, `1.048e+00`. */
const FLOAT_TOKEN = /-?\d+\.\d*(?:e[-+]?\d+)?|-?\d+e[-+]?\d+/g;
const FULL_PRECISION_DIGITS = 15;
const LAST_BITS = 1e-13;

function significantDigits(token: string): number {
  const mantissa = token.replace(/^-/, "").replace(/e.*$/, "").replace(".", "");
  return mantissa.replace(/^0+/, "").length;
}

function lastBitsApart(expected: string, actual: string): boolean {
  if (Math.max(significantDigits(expected), significantDigits(actual)) < FULL_PRECISION_DIGITS) return false;
  const a = Number(expected);
  const b = Number(actual);
  return Math.abs(a - b) <= LAST_BITS * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * `actual` with each full-precision float that is only last bits away from the float at the same
 * place in `expected` replaced by the expected text; everything else is left as it is, so a deep
 * equality afterwards shows every real difference.
 */
export function forgiveLastBits(expected: string, actual: string): string {
  const expectedFloats = expected.match(FLOAT_TOKEN) ?? [];
  const actualFloats = actual.match(FLOAT_TOKEN) ?? [];
  if (expectedFloats.length !== actualFloats.length) return actual;
  let i = 0;
  return actual.replace(FLOAT_TOKEN, (token) => {
    const wanted = expectedFloats[i++] ?? token;
    return wanted !== token && lastBitsApart(wanted, token) ? wanted : token;
  });
}
