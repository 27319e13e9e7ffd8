/**
 * numpy's ziggurat for `Generator.standard_normal` (Marsaglia & Tsang's
 * method with 256 strips and Doornik's independent strip index, as numpy's
 * `random_standard_normal`): one 64-bit word gives the strip (low 8 bits),
 * the sign (bit 8) and a 52-bit magnitude; 99.3% of draws return at once,
 * the rest take the wedge test or, in strip 0, Marsaglia's tail method.
 *
 * The tables are computed here, as numpy's generator script does: strip
 * edges x_0 = r, x_i = sqrt(-2 log(f(x_{i-1}) + v / x_{i-1})) with
 * f(x) = exp(-x^2/2), r = 3.6541528853610087963519472518 and the strip area
 * v = 0.0049286732339746519, then ki = round-half-even(2**52 x_{i-1} / x_i),
 * wi = x_i / 2**52, fi = f(x_i) (in increasing x order). One detail of
 * numpy's published tables is reproduced explicitly: they were made on a
 * C library whose exp(-x^2/2) at x_217 (the 218th edge) rounded one ulp
 * above the correctly rounded value, which every later edge inherits; with
 * that one ulp, the tables computed here equal numpy's entry for entry.
 */
import { glibcLog } from "./random-libm.ts";

/** The tail start r and 1 / r (numpy's ziggurat_nor_r, ziggurat_nor_inv_r). */
export const ZIGGURAT_NOR_R = 3.6541528853610088; // 3.6541528853610087963519472518
export const ZIGGURAT_NOR_INV_R = 0.27366123732975828; // 0.27366123732975827203338247596
const STRIP_AREA = 0.0049286732339746519;
const STRIPS = 256;
/** The edge whose f(x) numpy's tables have one ulp high (see the file comment). */
const ROUNDED_UP_EDGE = 218;

export interface ZigguratTables {
  /** Acceptance bounds on the 52-bit magnitude (as doubles; all are below 2**53). */
  readonly ki: Float64Array;
  /** Magnitude scale per strip. */
  readonly wi: Float64Array;
  /** f at each strip edge. */
  readonly fi: Float64Array;
}

/** The next double above a positive finite x. */
function nextUp(x: number): number {
  const b = new Float64Array([x]);
  const u = new BigUint64Array(b.buffer);
  u[0] = (u[0] ?? 0n) + 1n;
  return b[0] ?? x;
}

const FRAC = 160n;
const ONE = 1n << FRAC;

/** A finite double as an exact fixed-point BigInt with FRAC fraction bits (|x| >= 2**-160 assumed). */
function toFixed(x: number): bigint {
  const u = new BigUint64Array(new Float64Array([x]).buffer)[0] ?? 0n;
  const neg = u >> 63n === 1n;
  const e = Number((u >> 52n) & 0x7ffn);
  const frac = u & 0xfffffffffffffn;
  const mant = e === 0 ? frac : frac | (1n << 52n);
  const shift = BigInt(Math.max(e, 1) - 1075) + FRAC;
  const v = shift >= 0n ? mant << shift : mant >> -shift;
  return neg ? -v : v;
}

/**
 * exp(t) correctly rounded (t in [-8, 0]): exp(t / 256) by its Taylor series
 * in 160-bit fixed point, squared 8 times, rounded once to a double. The
 * generator script's libm rounds these correctly; Math.exp does not always.
 */
function expRounded(t: number): number {
  const u = toFixed(t) >> 8n;
  let sum = ONE;
  let term = ONE;
  for (let k = 1n; term !== 0n; k++) {
    term = (term * u) / ONE / k;
    sum += term;
  }
  for (let i = 0; i < 8; i++) sum = (sum * sum) >> FRAC;
  return Number(sum) / 2 ** 160;
}

function pdf(x: number): number {
  return expRounded(-0.5 * x * x);
}

/** np.round: halves to even (ratios times 2**52 fall on halves often: their ulp there is 1/2). */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function computeTables(): ZigguratTables {
  // edges from the tail inwards, as the generator script builds them; the last stays 0
  const edges = new Float64Array(STRIPS);
  edges[0] = ZIGGURAT_NOR_R;
  for (let i = 1; i < STRIPS - 1; i++) {
    const prev = edges[i - 1] ?? 0;
    let f = pdf(prev);
    if (i === ROUNDED_UP_EDGE) f = nextUp(f);
    edges[i] = Math.sqrt(-2 * glibcLog(f + STRIP_AREA / prev));
  }
  const x = edges.reverse();
  const scale = 2 ** 52;
  const ki = new Float64Array(STRIPS);
  const wi = new Float64Array(STRIPS);
  const fi = new Float64Array(STRIPS);
  const r = ZIGGURAT_NOR_R;
  ki[0] = roundHalfEven(((r * pdf(r)) / STRIP_AREA) * scale);
  for (let i = 1; i < STRIPS; i++) ki[i] = roundHalfEven(((x[i - 1] ?? 0) / (x[i] ?? 1)) * scale);
  for (let i = 0; i < STRIPS; i++) {
    wi[i] = (x[i] ?? 0) / scale;
    fi[i] = pdf(x[i] ?? 0);
  }
  wi[0] = STRIP_AREA / pdf(r) / scale;
  // f at the rounded-up edge, as numpy's table has it
  fi[STRIPS - ROUNDED_UP_EDGE] = nextUp(fi[STRIPS - ROUNDED_UP_EDGE] ?? 0);
  return { ki, wi, fi };
}

let tables: ZigguratTables | null = null;

/** The tables, computed on first use. */
export function zigguratTables(): ZigguratTables {
  tables ??= computeTables();
  return tables;
}
