/**
 * glibc's `log` (sysdeps/ieee754/dbl-64/e_log.c, the x86-64 FMA build that
 * glibc selects on CPUs with FMA), reproduced bit for bit. numpy's legacy
 * gaussian calls the C library `log`; JavaScript's `Math.log` differs from it
 * in the last bit for about 3% of inputs, which would change `randn` draws.
 *
 * Two evaluations of the same algorithm:
 * - `glibcLogExact` follows glibc operation by operation, with every fused
 *   multiply-add emulated exactly (Boldo & Melquiond: exact product, TwoSum,
 *   and a round-to-odd addition). It is exact but slow.
 * - `glibcLog` computes glibc's leading part `hi` exactly (its only fused
 *   product that matters, `z*invc - 1`, by Dekker's two-product with a
 *   pre-split table), the small tail with plain arithmetic plus a rigorous
 *   bound on how far it can be from glibc's tail, and returns `hi + tail` when
 *   no rounding boundary lies within that bound. Otherwise (about 0.1% of
 *   randn's arguments, under 2% of those within 0.07 of 1) it defers to the
 *   exact evaluation. Checked against glibc on about 200 million inputs
 *   besides the committed fixture (tests/fixtures/gen_libm.py).
 *
 * The constants (`T`, the polynomial) are those of the algorithm's published
 * form, Szabolcs Nagy's log from ARM's optimized-routines (MIT licence), which
 * glibc adopted: reproducing glibc's bits needs its exact constants, and they
 * cannot be derived independently. Everything else here is our own code.
 */

export const SPLIT = 134217729; // 2**27 + 1, Veltkamp split
const TWO52 = 4503599627370496;
export const MIN_NORMAL = 2.2250738585072014e-308;

/** The neighbour of the nonzero double `v` away from zero, or toward it, on the raw bits. */
function stepBits(v: number, away: boolean): number {
  // a fresh buffer (no module state); only reached for |v| < 2**-960 or >= 2**1020
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  let hi = view.getUint32(0);
  let lo = view.getUint32(4);
  if (away) {
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi = (hi + 1) >>> 0;
  } else {
    if (lo === 0) hi = (hi - 1) >>> 0;
    lo = (lo - 1) >>> 0;
  }
  view.setUint32(0, hi);
  view.setUint32(4, lo);
  return view.getFloat64(0);
}

// 0.7 * 2**-52: v + v*C1 rounds to v's neighbour away from zero, v - v*C1 to the
// one toward zero (|v*C1| is 0.7 to 1.4 ulps, and half that below a power of two)
const C1 = 1.554312234475219e-16;

/**
 * `v` rounded to odd, given the exact remainder `ve` of the sum that `v` is
 * the round-to-nearest of: v itself if exact or ending in a 1 bit, else its
 * neighbour on the side of `ve`.
 */
function roundToOdd(v: number, ve: number): number {
  if (ve === 0) return v;
  const a = Math.abs(v);
  if (a >= 1.0261342003245941e-289 && a < 1.1235582092889474e307) {
    // 2**-960 <= |v| < 2**1020: v*C1 is a normal number and v + v*C1 is finite
    const awayFromZero = v + v * C1;
    // v / ulp(v) is the integer significand; odd means v is already right
    if ((v / (awayFromZero - v)) % 2 !== 0) return v;
    return v > 0 === ve > 0 ? awayFromZero : v - v * C1;
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  if ((view.getUint32(4) & 1) === 1) return v;
  return stepBits(v, v > 0 === ve > 0);
}

/** fma(a, b, c) = a*b + c with a single rounding (finite, non-extreme operands), as C's `fma`. */
export function fma(a: number, b: number, c: number): number {
  const uh = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const ul = ah * bh - uh + ah * bl + al * bh + al * bl;
  const th = c + uh;
  const bb = th - c;
  const tl = c - (th - bb) + (uh - bb);
  // th + (tl + ul rounded to odd) rounds once, like the fused operation
  const v = tl + ul;
  const vb = v - tl;
  const ve = tl - (v - vb) + (ul - vb);
  return th + roundToOdd(v, ve);
}

// __log_data.tab: {invc, logc} for 128 subintervals of [0x1.6p-1, 0x1.6p0)
const T: readonly number[] = [
  1.4504249240398293, -0.3718565645633589, 1.442253508327276, -0.36620682668944937, 1.4341736174350004,
  -0.3605888069791945, 1.426183816329995, -0.3550022171419869, 1.4182825527052965, -0.34944666968829097,
  1.4104682921759335, -0.3439217713603284, 1.4027396147468003, -0.3384271921261188, 1.3950954438932313,
  -0.332962831494342, 1.3875338232485754, -0.32752794345742586, 1.3800539211058593, -0.32212257167088865,
  1.3726542695419708, -0.3167462884799761, 1.3653332798446802, -0.3113985598928366, 1.358090204587874,
  -0.3060794515165526, 1.3509234892132138, -0.300788424667644, 1.3438320840699889, -0.2955252968476998,
  1.3368146974742003, -0.29028969275850613, 1.329870114677736, -0.2850812793277555, 1.322997339161106,
  -0.27989987391470095, 1.316195352741367, -0.27474526621870154, 1.3094628125672239, -0.2696169863701243,
  1.3027990455471041, -0.26451506180308115, 1.2962024229438942, -0.2594387762767383, 1.2896726275815547,
  -0.2543884090981692, 1.2832080305745537, -0.24936321635129843, 1.276807885983376, -0.24436312405975968,
  1.2704714060687552, -0.23938801747897287, 1.2641976054949482, -0.23443761696705678, 1.257985357514882,
  -0.22951151871518505, 1.2518337750655457, -0.2246094963439873, 1.2457421919097305, -0.21973149037705753,
  1.2397094966625508, -0.2148770752847895, 1.2337348463589233, -0.210046029103637, 1.2278176973028803,
  -0.20523836373934046, 1.2219570190618474, -0.20045368751368642, 1.2161519732977757, -0.1956917537758045,
  1.2104018095009725, -0.19095237845203883, 1.204705805718973, -0.18623539250290833, 1.1990631185441964,
  -0.18154051731551135, 1.1934733004462308, -0.1768677957431919, 1.1879350812847385, -0.17221657406412305,
  1.1824481322833125, -0.16758697765942543, 1.1770114976921955, -0.16297859687290384, 1.1716248121809465,
  -0.15839151377804228, 1.1662869231674715, -0.15382513241456763, 1.1609977486762766, -0.14927976358922024,
  1.1557563220795803, -0.14475495398119165, 1.1505619105480347, -0.14025044090817573, 1.1454138888505974,
  -0.1357660466685502, 1.140311877374656, -0.1313018016355727, 1.1352550225747513, -0.12685731518763532,
  1.1302429094831266, -0.1224325737671279, 1.1252747693068048, -0.11802724521862729, 1.1203501571039876,
  -0.11364127671663482, 1.1154683327680124, -0.10927434611278386, 1.1106291463292157, -0.10492665324943573,
  1.1058315813301596, -0.10059761422644442, 1.1010752177696026, -0.09628717309055901, 1.0963597137952512,
  -0.09199534069557558, 1.0916844827550398, -0.08772190036688698, 1.0870487291277784, -0.08346643613867855,
  1.082452357388312, -0.07922916827544668, 1.0778948225025884, -0.0750099004750382, 1.0733751731601076,
  -0.07080805133352897, 1.068893585073351, -0.06662408085151128, 1.0644491706655506, -0.06245745471915143,
  1.0600414846328305, -0.0583080438042316, 1.0556701316181605, -0.05417576112313327, 1.051334750556926,
  -0.050060547896805474, 1.0470347288442157, -0.045962101199052086, 1.0427699229652954, -0.04188056008865715,
  1.0385395013738175, -0.03781540056183985, 1.034343418940345, -0.03376684757915882, 1.0301811073173315,
  -0.029734619131772888, 1.026052043621297, -0.025718470239212365, 1.0219561082336197, -0.021718543925430822,
  1.0178926505784922, -0.01773446126981071, 1.0138614436244586, -0.013766252464051831, 1.0098620186501341,
  -0.009813706322574944, 1.0058938559734134, -0.005876555150052809, 1.00195696235014, -0.0019550499938532084,
  0.9961089923088509, 0.0038985973556009412, 0.9884170338185201, 0.011650571286395461, 0.9808429191005297,
  0.019342955478919066, 0.9733840169987446, 0.0269766014846482, 0.9660377568876556, 0.034552359728422744,
  0.9588014945307369, 0.04207121767183253, 0.9516728569073111, 0.049533940950141186, 0.9446494635965822,
  0.056941358295944156, 0.9377288993026223, 0.06429439168346107, 0.9309091073790681, 0.0715936354946507,
  0.924187681612722, 0.07884010933776153, 0.9175626765599192, 0.08603438905970506, 0.9110320403624034,
  0.09317721180013905, 0.9045935839762024, 0.10026951462748457, 0.8982456375922825, 0.10731170956330516,
  0.8919860966782501, 0.11430473320717738, 0.8858131121185129, 0.12124928503033061, 0.879725075760676,
  0.12814583422959913, 0.8737201372634685, 0.1349951636851756, 0.8677966405782273, 0.1417978768189414,
  0.8619528050060739, 0.14855476039031146, 0.8561872354420692, 0.1552661937658968, 0.8504983927816893,
  0.16193275688146969, 0.8448844572790304, 0.16855539792220497, 0.8393442741575965, 0.1751343179947753,
  0.8338762249349438, 0.1816702989864325, 0.8284789320557778, 0.18816387146023317, 0.8231510800065832,
  0.1946155228479256, 0.8178913903778707, 0.20102572579389744, 0.8126984007245374, 0.2073952090795501,
  0.8075710029460227, 0.21372429840596396, 0.8025078881160415, 0.2200135945981856, 0.7975077379364331,
  0.22626374162859975, 0.792569604966373, 0.23247494747693054, 0.7876923641254114, 0.23864766620658884,
  0.7828746724940998, 0.24478265647405806, 0.7781155388790811, 0.25088025827324145, 0.7734139557869777,
  0.2569408552510595, 0.7687687179914933, 0.26296511155101143, 0.7641790698041854, 0.2689531327189343,
  0.7596438763692399, 0.27490553924610595, 0.7551621951078668, 0.2808227248478943, 0.7507331780216866,
  0.286704979267256, 0.7463557196361751, 0.29255295645509705, 0.7420289364869653, 0.2983670386142876,
  0.7377521537065876, 0.30414734587282055, 0.7335242966002608, 0.30989455774829366, 0.729344777457841,
  0.31560871301871884,
];
export const LN2HI = 0.6931471805598903;
export const LN2LO = 5.497923018708371e-14;
export const A0 = -0.5000000000000001;
export const A1 = 0.33333333331825593;
export const A2 = -0.2499999999622955;
export const A3 = 0.20000304511814496;
export const A4 = -0.16667054827627667;
const B0 = -0.5;
const B1 = 0.3333333333333352;
const B2 = -0.24999999999998432;
const B3 = 0.19999999999320328;
const B4 = -0.16666666669929706;
const B5 = 0.14285715076560868;
const B6 = -0.12499997863982555;
const B7 = 0.11110712032936046;
const B8 = -0.10000486757818193;
const B9 = 0.09181994006195467;
const B10 = -0.08328363062289341;

/** 2**(e - POW2_BIAS) for every exponent the reduction can need, built by exact doubling. */
function powersOfTwo(): Float64Array {
  const p = new Float64Array(2 * POW2_BIAS + 1);
  p[POW2_BIAS] = 1;
  for (let e = 1; e <= POW2_BIAS; e++) {
    p[POW2_BIAS + e] = (p[POW2_BIAS + e - 1] ?? 0) * 2;
    p[POW2_BIAS - e] = (p[POW2_BIAS - e + 1] ?? 0) * 0.5;
  }
  return p;
}
const POW2_BIAS = 1080;
const POW2 = powersOfTwo();

interface LogTable {
  readonly invc: Float64Array;
  /** Veltkamp halves of `invc`, for Dekker's two-product. */
  readonly invcHi: Float64Array;
  readonly invcLo: Float64Array;
  readonly logc: Float64Array;
}

function logTable(): LogTable {
  const n = T.length / 2;
  const invc = new Float64Array(n);
  const invcHi = new Float64Array(n);
  const invcLo = new Float64Array(n);
  const logc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = T[2 * i] ?? 0;
    const s = SPLIT * c;
    const h = s - (s - c);
    invc[i] = c;
    invcHi[i] = h;
    invcLo[i] = c - h;
    logc[i] = T[2 * i + 1] ?? 0;
  }
  return { invc, invcHi, invcLo, logc };
}
/** glibc log's 128-entry table (invc with its Veltkamp halves, logc), for the WASM fast path too. */
export const TAB = logTable();

export const NEAR1_LO = 0.9375; // 1 - 0x1p-4
const NEAR1_HI = 1.064697265625; // 1 + 0x1.09p-4
const LOG2_INV_OFF = 0.5405683813627028; // log2(1 / 0x1.6p-1)
export const P48 = 3.552713678800501e-15; // 2**-48
const P50 = 8.881784197001252e-16; // 2**-50
const P75 = 2.6469779601696886e-23; // 2**-75
export const P100 = 7.888609052210118e-31; // 2**-100

/** glibc's `x - 1` branch for x in [NEAR1_LO, NEAR1_HI), every fma emulated exactly. */
function exactNear1(x: number): number {
  if (x === 1) return 0;
  const r = x - 1;
  const r2 = r * r;
  const r3 = r * r2;
  const i3 = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
  const i2 = fma(r3, i3, fma(r2, B6, fma(r, B5, B4)));
  const i1 = fma(r3, i2, fma(r2, B3, fma(r, B2, B1)));
  let w = r * 134217728;
  const rhi = r + w - w;
  const rlo = r - rhi;
  w = rhi * rhi * B0;
  const hi = r + w;
  let lo = r - hi + w;
  lo = fma(B0 * rlo, rhi + r, lo);
  let y = fma(r3, i1, lo);
  y += hi;
  return y;
}

/** glibc's table branch for `x = 2**k * z` with table index `i`, every fma emulated exactly. */
function exactTable(z: number, k: number, i: number): number {
  const invc = TAB.invc[i] ?? 0;
  const logc = TAB.logc[i] ?? 0;
  const r = fma(z, invc, -1);
  const w = fma(k, LN2HI, logc);
  const hi = w + r;
  const lo = fma(k, LN2LO, w - hi + r);
  const r2 = r * r;
  const p = fma(r2, fma(r, A4, A3), fma(r, A2, A1));
  return fma(r * r2, p, fma(r2, A0, lo)) + hi;
}

/** 0, -inf, NaN or +inf for the arguments outside (0, inf); null for a finite x > 0. */
function special(x: number): number | null {
  if (x > 0 && x < Number.POSITIVE_INFINITY) return null;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  return Number.NaN;
}

/**
 * glibc's exponent k in `x = 2**k * z`, z in [0x1.6p-1, 0x1.6p0), for a normal
 * x > 0: floor(log2(x / 0x1.6p-1)). Found without bit access (so no scratch
 * buffer): a first guess, checked by an exact power-of-two scaling.
 */
function reductionExponent(x: number): number {
  // for 2**-32 <= x < 1 (most of randn's arguments) the leading zeros of
  // floor(x * 2**32) give floor(log2 x) exactly and faster than log2
  const k =
    x < 1 && x >= 2.3283064365386963e-10
      ? -1 - Math.clz32(x * 4294967296)
      : Math.floor(Math.log2(x) + LOG2_INV_OFF);
  // the guess is at most one off (log2 may round across an integer)
  const z = x * (POW2[POW2_BIAS - k] ?? 0);
  if (z >= 1.375) return k + 1;
  if (z < 0.6875) return k - 1;
  return k;
}

/** glibc's table index for z in [0x1.6p-1, 0x1.6p0): the 7 significand bits after the 0x1.6p-1 offset. */
function tableIndex(z: number): number {
  return z < 1 ? (256 * z - 176) | 0 : (128 * z - 48) | 0;
}

/**
 * Natural logarithm rounded exactly as glibc 2.28+ `log` on x86-64 with FMA
 * (`math.log` in CPython, `log` in numpy's C code), by the slow, literal port.
 */
export function glibcLogExact(x: number): number {
  const s = special(x);
  if (s !== null) return s;
  if (x >= NEAR1_LO && x < NEAR1_HI) return exactNear1(x);
  const subnormal = x < MIN_NORMAL;
  const xs = subnormal ? x * TWO52 : x; // glibc scales subnormals by 2**52 too
  const k = reductionExponent(xs);
  const z = xs * (POW2[POW2_BIAS - k] ?? 0);
  return exactTable(z, subnormal ? k - 52 : k, tableIndex(z));
}

/**
 * Natural logarithm rounded exactly as glibc 2.28+ `log` on x86-64 with FMA:
 * the same bits as `glibcLogExact`, in about 2.5 times the time of `Math.log`
 * (the exact port takes about 15 times).
 */
export function glibcLog(x: number): number {
  if (!(x > 0 && x < Number.POSITIVE_INFINITY)) return special(x) ?? Number.NaN;
  if (x >= NEAR1_LO && x < NEAR1_HI) {
    if (x === 1) return 0;
    const r = x - 1;
    const r2 = r * r;
    const r3 = r * r2;
    const i2 = B4 + r * B5 + r2 * B6 + r3 * (B7 + r * B8 + r2 * B9 + r3 * B10);
    const i1 = B1 + r * B2 + r2 * B3 + r3 * i2;
    let w = r * 134217728;
    const rhi = r + w - w;
    const rlo = r - rhi;
    w = rhi * rhi * B0;
    const hi = r + w;
    const lo = r - hi + w + B0 * rlo * (rhi + r);
    const t = r3 * i1 + lo;
    const y = hi + t;
    // y + err is exactly hi + t (Fast2Sum, |hi| > |t|). glibc's tail is within
    // `bound` of t: its fma roundings and ours in the polynomial (about
    // 2**-51.6 * |r3|) and in lo (with |r * rlo| <= 2**-26 * r2); the |y| term
    // covers the rounding of `err +- bound`
    const err = t - (y - hi);
    const bound = (Math.abs(r3) + Math.abs(lo)) * P50 + r2 * P75 + Math.abs(y) * P100;
    // by monotonic rounding, glibc's round(hi + tail) is y when both ends round to y
    if (y + (err + bound) === y && y + (err - bound) === y) return y;
    return exactNear1(x);
  }
  const subnormal = x < MIN_NORMAL;
  const xs = subnormal ? x * TWO52 : x; // glibc scales subnormals by 2**52 too
  const kx = reductionExponent(xs);
  const z = xs * (POW2[POW2_BIAS - kx] ?? 0);
  const k = subnormal ? kx - 52 : kx;
  const i = tableIndex(z);
  const invc = TAB.invc[i] ?? 0;
  const invcHi = TAB.invcHi[i] ?? 0;
  const invcLo = TAB.invcLo[i] ?? 0;
  const logc = TAB.logc[i] ?? 0;
  // r = fma(z, invc, -1): z*invc = pz + e exactly (Dekker), pz - 1 is exact
  // (Sterbenz), so one rounded addition gives glibc's r
  const pz = z * invc;
  const sz = SPLIT * z;
  const zh = sz - (sz - z);
  const zl = z - zh;
  const r = pz - 1 + (zh * invcHi - pz + zh * invcLo + zl * invcHi + zl * invcLo);
  // k*LN2HI is exact (LN2HI has 11 trailing zero bits), so this is glibc's fma
  const w = k * LN2HI + logc;
  const hi = w + r;
  const lo = k * LN2LO + (w - hi + r);
  const r2 = r * r;
  const p = r2 * (r * A4 + A3) + (r * A2 + A1);
  const t = r * r2 * p + (r2 * A0 + lo);
  const y = hi + t;
  // as above: |hi| >= 0.06 > |t|; glibc's tail differs from t by its own and
  // our roundings in lo, r2*A0 and the polynomial, about 2**-50 * (r2 + |lo|)
  const err = t - (y - hi);
  const bound = (r2 + Math.abs(lo)) * P48 + Math.abs(y) * P100;
  if (y + (err + bound) === y && y + (err - bound) === y) return y;
  return exactTable(z, k, i);
}
