/**
 * Elementwise functions (numpy ufuncs) with broadcasting and numpy 2 type
 * promotion: arithmetic, comparisons, logical/bitwise, math functions,
 * `maximum`/`minimum`, `clip`, `where`, `round`, `isnan`, `isfinite`.
 *
 * Every binary function takes two `Operand`s (see dtype.ts for weak Python
 * scalars) and returns a new array of the broadcast shape. A 0-d result is a
 * 0-d NDArray (the numpy scalar). Inner loops are strided 1-d loops over typed
 * arrays; a C-contiguous same-shape pair runs as one flat loop.
 */
import { broadcastShapes, broadcastStrides, forEachRow } from "./broadcast.ts";
import { fmaSplit, SPLIT } from "./matmul-kernel.ts";
import { asArray, castValue, isFloatDType, isPyScalar, type Operand, resultType } from "./dtype.ts";
import { NdError } from "./errors.ts";
import { type DType, NDArray, type Shape, type TypedData } from "./ndarray.ts";

/** Receives numpy's RuntimeWarnings (`divide by zero encountered in log`). */
export type WarnFn = (category: "RuntimeWarning", message: string) => void;

/** A strided 1-d binary inner loop, the shape of numpy's `PyUFuncGenericFunction`. */
export type BinaryLoop = (
  a: TypedData,
  ia: number,
  sa: number,
  b: TypedData,
  ib: number,
  sb: number,
  o: TypedData,
  io: number,
  so: number,
  n: number,
) => void;

/** A strided 1-d unary inner loop. */
export type UnaryLoop = (
  a: TypedData,
  ia: number,
  sa: number,
  o: TypedData,
  io: number,
  so: number,
  n: number,
) => void;

function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `inner` equals the trailing dimensions of `outer` (row broadcasting `(m, n) op (n,)`). */
function isTrailing(inner: Shape, outer: Shape): boolean {
  const pad = outer.length - inner.length;
  if (pad < 0) return false;
  for (let i = 0; i < inner.length; i++) if (inner[i] !== outer[pad + i]) return false;
  return true;
}

/**
 * Runs a binary loop over broadcast operands into a new array of `outDType`.
 * Contiguous operands take one flat call (same shape), one call with a 0
 * stride (one side a single element), or one call per row (`(m, n) op (n,)`);
 * anything else walks the broadcast iteration row by row.
 */
export function runBinary(x: NDArray, y: NDArray, outDType: DType, loop: BinaryLoop): NDArray {
  const xs = x.shape;
  const ys = y.shape;
  if (x.isContiguous && y.isContiguous) {
    if (sameShape(xs, ys)) {
      const out = NDArray.zeros(xs, outDType);
      loop(x.data, x.offset, 1, y.data, y.offset, 1, out.data, 0, 1, out.data.length);
      return out;
    }
    const ny = y.size;
    const nx = x.size;
    if (ny === 1 && ys.length <= xs.length) {
      const out = NDArray.zeros(xs, outDType);
      loop(x.data, x.offset, 1, y.data, y.offset, 0, out.data, 0, 1, nx);
      return out;
    }
    if (nx === 1 && xs.length <= ys.length) {
      const out = NDArray.zeros(ys, outDType);
      loop(x.data, x.offset, 0, y.data, y.offset, 1, out.data, 0, 1, ny);
      return out;
    }
    if (ny > 0 && isTrailing(ys, xs)) {
      const out = NDArray.zeros(xs, outDType);
      const od = out.data;
      for (let r = 0; r < nx; r += ny) loop(x.data, x.offset + r, 1, y.data, y.offset, 1, od, r, 1, ny);
      return out;
    }
    if (nx > 0 && isTrailing(xs, ys)) {
      const out = NDArray.zeros(ys, outDType);
      const od = out.data;
      for (let r = 0; r < ny; r += nx) loop(x.data, x.offset, 1, y.data, y.offset + r, 1, od, r, 1, nx);
      return out;
    }
  }
  const shape = broadcastShapes(xs, ys);
  const out = NDArray.zeros(shape, outDType);
  const xd = x.data;
  const yd = y.data;
  const od = out.data;
  forEachRow(
    shape,
    [broadcastStrides(x, shape), broadcastStrides(y, shape), out.strides],
    [x.offset, y.offset, 0],
    (p, n, s) => loop(xd, p[0] ?? 0, s[0] ?? 0, yd, p[1] ?? 0, s[1] ?? 0, od, p[2] ?? 0, s[2] ?? 0, n),
  );
  return out;
}

/** Runs a unary loop over `x` into a new C-contiguous array of `outDType`. */
export function runUnary(x: NDArray, outDType: DType, loop: UnaryLoop): NDArray {
  const out = NDArray.zeros(x.shape, outDType);
  if (x.isContiguous) {
    loop(x.data, x.offset, 1, out.data, 0, 1, out.data.length);
    return out;
  }
  const xd = x.data;
  const od = out.data;
  forEachRow(x.shape, [x.strides, out.strides], [x.offset, 0], (p, n, s) =>
    loop(xd, p[0] ?? 0, s[0] ?? 0, od, p[1] ?? 0, s[1] ?? 0, n),
  );
  return out;
}

/** Wraps a scalar function as a strided loop (for rare functions whose own cost dominates the call). */
function unaryLoopOf(f: (v: number) => number): UnaryLoop {
  return (a, ia, sa, o, io, so, n) => {
    for (let i = 0; i < n; i++) {
      o[io] = f(a[ia]!);
      ia += sa;
      io += so;
    }
  };
}

function binaryLoopOf(f: (x: number, y: number) => number): BinaryLoop {
  return (a, ia, sa, b, ib, sb, o, io, so, n) => {
    for (let i = 0; i < n; i++) {
      o[io] = f(a[ia]!, b[ib]!);
      ia += sa;
      ib += sb;
      io += so;
    }
  };
}

// Hand-written loops for the hot operations: a loop built from a closure
// (`binaryLoopOf(f)`) shares one call site among all `f`s, which V8 then
// cannot inline, and costs a call per element. Each loop has a unit-stride
// branch (the common contiguous case) and a general strided one (which also
// serves a broadcast scalar, stride 0).
const loopAdd: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  if (sa === 1 && sb === 1 && so === 1) {
    for (let i = 0; i < n; i++) o[io + i] = a[ia + i]! + b[ib + i]!;
    return;
  }
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! + b[ib]!;
};
const loopSub: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  if (sa === 1 && sb === 1 && so === 1) {
    for (let i = 0; i < n; i++) o[io + i] = a[ia + i]! - b[ib + i]!;
    return;
  }
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! - b[ib]!;
};
const loopMul: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  if (sa === 1 && sb === 1 && so === 1) {
    for (let i = 0; i < n; i++) o[io + i] = a[ia + i]! * b[ib + i]!;
    return;
  }
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! * b[ib]!;
};
const loopDiv: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  if (sa === 1 && sb === 1 && so === 1) {
    for (let i = 0; i < n; i++) o[io + i] = a[ia + i]! / b[ib + i]!;
    return;
  }
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! / b[ib]!;
};
/**
 * numpy's NaN-propagating `maximum`: a NaN in either operand wins, and on a
 * tie the second operand does (`maximum(-0.0, 0.0)` is 0.0, `maximum(0.0, -0.0)` is -0.0).
 */
const loopMax: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) {
    const u = a[ia]!;
    const v = b[ib]!;
    o[io] = u > v || Number.isNaN(u) ? u : v;
  }
};
const loopMin: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) {
    const u = a[ia]!;
    const v = b[ib]!;
    o[io] = u < v || Number.isNaN(u) ? u : v;
  }
};
/** `clip`'s bounds: here the clipped value wins ties (`clip(-0.0, 0.0, 1.0)` is -0.0). */
const loopClipLo: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) {
    const u = a[ia]!;
    const v = b[ib]!;
    o[io] = u >= v || Number.isNaN(u) ? u : v;
  }
};
const loopClipHi: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) {
    const u = a[ia]!;
    const v = b[ib]!;
    o[io] = u <= v || Number.isNaN(u) ? u : v;
  }
};
const loopLt: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! < b[ib]! ? 1 : 0;
};
const loopLe: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! <= b[ib]! ? 1 : 0;
};
const loopGt: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! > b[ib]! ? 1 : 0;
};
const loopGe: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! >= b[ib]! ? 1 : 0;
};
const loopEq: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! === b[ib]! ? 1 : 0;
};
const loopNe: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! !== b[ib]! ? 1 : 0;
};
const loopOr: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! !== 0 || b[ib]! !== 0 ? 1 : 0;
};
const loopAnd: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = a[ia]! !== 0 && b[ib]! !== 0 ? 1 : 0;
};
const loopXor: BinaryLoop = (a, ia, sa, b, ib, sb, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) o[io] = (a[ia]! !== 0) !== (b[ib]! !== 0) ? 1 : 0;
};
const loopCopy: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = a[ia]!;
};
const loopNeg: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = -a[ia]!;
};
const loopAbs: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.abs(a[ia]!);
};
const loopExp: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.exp(a[ia]!);
};
const loopLog: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.log(a[ia]!);
};
const loopSqrt: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.sqrt(a[ia]!);
};
const loopTanh: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.tanh(a[ia]!);
};
const loopSin: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.sin(a[ia]!);
};
const loopCos: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  for (let i = 0; i < n; i++, ia += sa, io += so) o[io] = Math.cos(a[ia]!);
};

/**
 * numpy's float64 `tanh` table (loops_hyperbolic.dispatch: the SVML
 * algorithm numpy runs on CPUs with FMA): 16 intervals of |x|, each
 * `b, c0 .. c16` with tanh(|x|) = c0 + c1*y + ... + c16*y**16 for y = |x| - b.
 * The last row is the saturated interval (1.0).
 */
const TANH_LUT: readonly number[] = [
  0.0, 0.0, 1.0, -5.65912643142745e-20, -0.3333333333333333, -2.5007104335213468e-15, 0.13333333333351552,
  -8.146551951527758e-12, -0.05396825372750776, -4.9155060103660915e-9, 0.021869559680170618,
  -7.38161356874685e-7, -0.008857759399082116, -2.846718610501537e-5, 0.003690672174406579,
  -0.00019893125191982626, -0.0013332138106165981, 0.00033417221076402357, 0.21875, 0.21532633966578324,
  0.9536345674461357, -0.205342640786939, -0.2736625099304613, 0.1273742934986854, 0.08498567295831334,
  -0.06532094473086002, -0.022352154967612656, 0.029948997430487904, -0.02033692945729536,
  -0.22503932612823316, 29.543090323025023, 261.5767128084947, -18829.26753894496, -166858.0708440572,
  4862178.009556002, 43113484.31128316, 0.3125, 0.3027097293321085, 0.9083668197676816, -0.274971474146143,
  -0.2195523994098208, 0.15811780544765264, 0.04550626457284265, -0.07259160003605342, 3.810912121130676e-6,
  0.028290331274120954, -0.006781849632600925, -0.008608692392467403, -0.030535393568167847,
  -0.22398058244382474, 5.655714770705881, 35.95877516712936, -365.3436785677187, -2315.418157235943, 0.4375,
  0.41157005567402244, 0.830610089272482, -0.3418542406852803, -0.1361730608860789, 0.16999616781271173,
  -0.006116310352754276, -0.061744861658538805, 0.022667530273617502, 0.015755282210419993,
  -0.013933592803792702, -0.0022945106322462866, 0.07389485935640541, 0.2694606783037965, -10.878641182256937,
  -43.101838918342004, 702.0778971876382, 2780.283262511635, 0.625, 0.5545997223493823, 0.692419147969988,
  -0.3840154672135513, -0.017831511162122234, 0.137894506877538, -0.055145326016670146, -0.02391493023589192,
  0.029783301060955187, -0.004669098134194068, -0.008380178911290271, 0.005297287137009522,
  0.0006704915144458362, -0.00198637140729169, -0.0015252921658355687, -0.005024542567368814,
  0.03569183244680766, 0.08834096517426407, 0.875, 0.703905603936621, 0.5045169007466208, -0.3551322737162823,
  0.08180729735869768, 0.06079280951821742, -0.058850011694816025, 0.01326875497610329, 0.01102688838047109,
  -0.010082277713755023, 0.0020486624949719616, 0.002013178498403, -0.0018349349884855815,
  0.00012606178576880398, 0.004874881383653102, 0.006988369394835129, -0.07271606347916233,
  -0.11690244814243686, 1.25, 0.8482836399575129, 0.28041486618043265, -0.23787134338173624,
  0.10831074694528817, -0.012587786871373956, -0.019194127176785404, 0.015191963174139306,
  -0.004675616642324113, -0.0008740359675776568, 0.0017035539553080844, -0.0008398492028003588,
  9.817774797311624e-5, 0.0001474104512358145, -0.00011540564692457684, 3.586153260084112e-5,
  5.966383062810698e-6, -1.542701712402582e-5, 1.75, 0.9413755384972874, 0.11381209551894224,
  -0.10713992270664896, 0.06292153725954903, -0.023519488451900775, 0.0036959830315556113,
  0.001979634295942149, -0.0019381894184902757, 0.0008687818784652344, -0.0001987340675821893,
  -3.1417417302178253e-5, 5.581243710496374e-5, -2.963338024587906e-5, 8.651618721553257e-6,
  -1.604995390375686e-7, -1.4830678075703725e-6, 1.106549525922102e-6, 2.5, 0.9866142981514303,
  0.0265922266831606, -0.02623627106529023, 0.017021004602142203, -0.008047742820943102,
  0.0028572883047976246, -0.0007194888011691073, 7.939321094772755e-5, 3.818689747363525e-5,
  -3.104022492381117e-5, 1.3386676907172662e-5, -4.109233024719121e-6, 8.214304838829589e-7,
  -2.41119462284131e-9, -9.382564463863999e-8, 5.9583027253924295e-8, -2.094956097270111e-8, 3.5,
  0.9981778976111987, 0.003640884720487306, -0.003634250655740756, 0.0024140004387769795,
  -0.0011981849975640257, 0.0004722435182368915, -0.00015274916868815476, 4.099521603589441e-5,
  -8.938926517108816e-6, 1.4134294370286e-6, -5.8949835854370144e-8, -6.768900620638142e-8,
  3.5957529442663596e-8, -1.2456297200596738e-8, 3.485321195046338e-9, -8.262486793953524e-10,
  1.4529087586601844e-10, 5.0, 0.9999092042625951, 0.00018158323094385743, -0.00018156674396055438,
  0.00012102251482368263, -6.048927850837014e-5, 2.4178131010522195e-5, -8.04765942384918e-6,
  2.292637587981895e-6, -5.698143440697803e-7, 1.2514062199743804e-7, -2.443475987133105e-8,
  4.22587774808701e-9, -6.324522286348248e-10, 7.679862137110054e-11, -4.951747038778237e-12,
  -1.800144599686535e-12, 7.368657463890822e-13, 7.0, 0.9999983369439447, 3.326109344900939e-6,
  -3.32610381339468e-6, 2.2173951669376953e-6, -1.1086902081494885e-6, 4.4347018292211973e-7,
  -1.4781946083744952e-7, 4.2231884605540817e-8, -1.0556847292545462e-8, 2.345464510826451e-9,
  -4.688931845044492e-10, 8.518459494516879e-11, -1.4173115913915708e-11, 2.168786368861063e-12,
  -3.0778769029796914e-13, 4.2901178657814746e-14, -5.1792754843052195e-15, 10.0, 0.9999999958776927,
  8.244614423999474e-9, -8.244614391696188e-9, 5.496409949260556e-9, -2.748204920448302e-9,
  1.0992805345370539e-9, -3.664268384648383e-10, 1.0469556064971104e-10, -2.617386572788106e-11,
  5.814587508770694e-12, -1.1629256616474174e-12, 2.1230178516382815e-13, -3.538069265201764e-14,
  5.211519992317144e-15, -7.44923012339368e-16, 1.323780244384979e-16, -1.6518676990651113e-17, 14.0,
  0.9999999999986171, 2.765760032109942e-12, -2.765760032666271e-12, 1.8438401560652724e-12,
  -9.219200750811548e-13, 3.68767561013805e-13, -1.2292252623697291e-13, 3.5121457504581476e-14,
  -8.780358571731412e-15, 1.950578591642732e-15, -3.901188167059016e-16, 7.121973772607087e-17,
  -1.1869039987231355e-17, 1.7482698624561953e-18, -2.4989391038693937e-19, 4.4414070510064606e-20,
  -5.542935684406484e-21, 20.0, 1.0, 1.6985498834113086e-17, -1.698592087753637e-17, 1.1352433951861044e-17,
  -5.675659185018552e-18, 2.2455333260763333e-18, -7.4879156362363e-19, 2.235931593966734e-19,
  -5.582911235126684e-20, 1.0406378302730686e-20, -2.090534639871495e-21, 6.153832690438596e-22,
  -1.0187775769280217e-22, -1.0030690216059619e-25, -1.2133150834130674e-26, 5.630265903259996e-25,
  -6.996384555581646e-26, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
  0.0,
];

/**
 * The table row (offset into TANH_LUT) for x from the high word of its bits:
 * the top 13 bits of |x| minus those of 0.125, clamped to the 16 intervals,
 * or -1 where numpy returns +-1 or NaN without the polynomial (|x| >= 2**1023,
 * infinities, NaN, and the saturated last interval).
 */
function tanhRow(hiWord: number): number {
  const hi = hiWord & 0x7ff80000;
  if (hi > 0x7fe00000) return -1;
  const row = 18 * (Math.min(Math.max(hi - 0x3fc00000, 0), 0x780000) >>> 19);
  return row === 18 * 15 ? -1 : row;
}

/** tanh(x) outside the polynomial (see `tanhRow`): NaN stays, else the sign of x times 1. */
function tanhSaturated(x: number): number {
  return Number.isNaN(x) ? x : x < 0 ? -1 : 1;
}

/** numpy's tanh of one value with table row `row` (Horner, an exact fma per step). */
function tanhPoly(x: number, row: number): number {
  const y = Math.abs(x) - TANH_LUT[row]!;
  const t = SPLIT * y;
  const yh = t - (t - y);
  const yl = y - yh;
  let r = TANH_LUT[row + 17]!;
  for (let j = row + 16; j > row; j--) {
    const u = SPLIT * r;
    const rh = u - (u - r);
    r = fmaSplit(r * y, rh, r - rh, yh, yl, TANH_LUT[j]!);
  }
  return x < 0 || Object.is(x, -0) ? -r : r;
}

/**
 * numpy's float64 tanh bit for bit: the interval from the exponent bits,
 * Horner's rule with a fused multiply-add at every step (emulated exactly by
 * `fmaSplit`), the sign of x put back; |x| >= 2**1023 and infinities give
 * +-1. Four values go through Horner side by side: each is one long chain of
 * dependent steps, so interleaving lets the CPU overlap them.
 */
const loopTanhF64: UnaryLoop = (a, ia, sa, o, io, so, n) => {
  const word = new Float64Array(1);
  const hiWord = new Uint32Array(word.buffer);
  const HI = 1; // little-endian: the high word of the double
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = a[ia]!;
    const x1 = a[ia + sa]!;
    const x2 = a[ia + 2 * sa]!;
    const x3 = a[ia + 3 * sa]!;
    word[0] = x0;
    const w0 = tanhRow(hiWord[HI]!);
    word[0] = x1;
    const w1 = tanhRow(hiWord[HI]!);
    word[0] = x2;
    const w2 = tanhRow(hiWord[HI]!);
    word[0] = x3;
    const w3 = tanhRow(hiWord[HI]!);
    if (w0 < 0 || w1 < 0 || w2 < 0 || w3 < 0) {
      o[io] = w0 < 0 ? tanhSaturated(x0) : tanhPoly(x0, w0);
      o[io + so] = w1 < 0 ? tanhSaturated(x1) : tanhPoly(x1, w1);
      o[io + 2 * so] = w2 < 0 ? tanhSaturated(x2) : tanhPoly(x2, w2);
      o[io + 3 * so] = w3 < 0 ? tanhSaturated(x3) : tanhPoly(x3, w3);
    } else {
      const y0 = Math.abs(x0) - TANH_LUT[w0]!;
      const y1 = Math.abs(x1) - TANH_LUT[w1]!;
      const y2 = Math.abs(x2) - TANH_LUT[w2]!;
      const y3 = Math.abs(x3) - TANH_LUT[w3]!;
      let t = SPLIT * y0;
      const yh0 = t - (t - y0);
      t = SPLIT * y1;
      const yh1 = t - (t - y1);
      t = SPLIT * y2;
      const yh2 = t - (t - y2);
      t = SPLIT * y3;
      const yh3 = t - (t - y3);
      const yl0 = y0 - yh0;
      const yl1 = y1 - yh1;
      const yl2 = y2 - yh2;
      const yl3 = y3 - yh3;
      let r0 = TANH_LUT[w0 + 17]!;
      let r1 = TANH_LUT[w1 + 17]!;
      let r2 = TANH_LUT[w2 + 17]!;
      let r3 = TANH_LUT[w3 + 17]!;
      for (let j = 16; j > 0; j--) {
        let u = SPLIT * r0;
        let rh = u - (u - r0);
        r0 = fmaSplit(r0 * y0, rh, r0 - rh, yh0, yl0, TANH_LUT[w0 + j]!);
        u = SPLIT * r1;
        rh = u - (u - r1);
        r1 = fmaSplit(r1 * y1, rh, r1 - rh, yh1, yl1, TANH_LUT[w1 + j]!);
        u = SPLIT * r2;
        rh = u - (u - r2);
        r2 = fmaSplit(r2 * y2, rh, r2 - rh, yh2, yl2, TANH_LUT[w2 + j]!);
        u = SPLIT * r3;
        rh = u - (u - r3);
        r3 = fmaSplit(r3 * y3, rh, r3 - rh, yh3, yl3, TANH_LUT[w3 + j]!);
      }
      o[io] = x0 < 0 || Object.is(x0, -0) ? -r0 : r0;
      o[io + so] = x1 < 0 || Object.is(x1, -0) ? -r1 : r1;
      o[io + 2 * so] = x2 < 0 || Object.is(x2, -0) ? -r2 : r2;
      o[io + 3 * so] = x3 < 0 || Object.is(x3, -0) ? -r3 : r3;
    }
    ia += 4 * sa;
    io += 4 * so;
  }
  for (; i < n; i++, ia += sa, io += so) {
    const x = a[ia]!;
    word[0] = x;
    const w = tanhRow(hiWord[HI]!);
    o[io] = w < 0 ? tanhSaturated(x) : tanhPoly(x, w);
  }
};

/** Whether any element of `a` satisfies the test (contiguous scan, no per-element callback). */
function scan(a: NDArray, test: "zero" | "negative" | "nan" | "infinite"): boolean {
  const d = a.isContiguous ? a.data : a.toContiguousData();
  const i0 = a.isContiguous ? a.offset : 0;
  const end = i0 + a.size;
  switch (test) {
    case "zero":
      for (let i = i0; i < end; i++) if (d[i] === 0) return true;
      return false;
    case "negative":
      for (let i = i0; i < end; i++) if (d[i]! < 0) return true;
      return false;
    case "nan":
      for (let i = i0; i < end; i++) if (Number.isNaN(d[i])) return true;
      return false;
    case "infinite":
      for (let i = i0; i < end; i++) if (d[i] === Infinity || d[i] === -Infinity) return true;
      return false;
    default: {
      const never: never = test;
      throw new Error(`unknown scan ${String(never)}`);
    }
  }
}

/** `copysign(0, x)`. */
function signedZero(x: number): number {
  return x < 0 || Object.is(x, -0) ? -0 : 0;
}

/** numpy's `npy_divmod` floor quotient for floats (C `if (x)` is `x != 0`, true for NaN). */
export function floorDivFloat(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) div -= 1;
  }
  if (div !== 0) {
    let fd = Math.floor(div);
    if (div - fd > 0.5) fd += 1;
    return fd;
  }
  return signedZero(a / b);
}

/** numpy's `npy_remainder` for floats: the result has the sign of the divisor. */
export function remainderFloat(a: number, b: number): number {
  if (b === 0) return a % b;
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else {
    mod = signedZero(b);
  }
  return mod;
}

function floorDivInt(a: number, b: number): number {
  if (b === 0) return 0;
  return Math.floor(a / b) || 0;
}

function remainderInt(a: number, b: number): number {
  if (b === 0) return 0;
  const m = a % b;
  return (m !== 0 && b < 0 !== m < 0 ? m + b : m) || 0;
}

/** Integer power by squaring (exact while results stay below 2**53). */
function powInt(base: number, exp: number): number {
  let result = 1;
  let b = base;
  let e = exp;
  while (e > 0) {
    if (e & 1) result *= b;
    b *= b;
    e = Math.floor(e / 2);
  }
  return result;
}

/** `np.rint`: round half to even, keeping the sign of zero. */
export function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  let r: number;
  if (d > 0.5) r = f + 1;
  else if (d < 0.5) r = f;
  else r = f % 2 === 0 ? f : f + 1;
  return r === 0 ? signedZero(x) : r;
}

function prepare(x: Operand, y: Operand): { a: NDArray; b: NDArray; dt: DType } {
  const dt = resultType(x, y);
  return { a: asArray(x, dt), b: asArray(y, dt), dt };
}

/** `np.add(x, y)` / `x + y`; bool + bool is logical or. */
export function add(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  return runBinary(a, b, dt, dt === "bool" ? loopOr : loopAdd);
}

/** `np.subtract(x, y)` / `x - y`; bool - bool raises numpy's TypeError. */
export function subtract(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  if (dt === "bool") {
    throw new NdError(
      "TypeError",
      "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
    );
  }
  return runBinary(a, b, dt, loopSub);
}

/** `np.multiply(x, y)` / `x * y`; bool * bool is logical and. */
export function multiply(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  return runBinary(a, b, dt, dt === "bool" ? loopAnd : loopMul);
}

/** `np.true_divide(x, y)` / `x / y`: integers and bools divide as float64. */
export function divide(x: Operand, y: Operand, warn?: WarnFn): NDArray {
  const t = resultType(x, y);
  const dt: DType = isFloatDType(t) ? t : "float64";
  const a = asArray(x, dt);
  const b = asArray(y, dt);
  const out = runBinary(a, b, dt, loopDiv);
  if (warn && scan(b, "zero")) {
    if (scan(out, "infinite")) warn("RuntimeWarning", "divide by zero encountered in divide");
    if (scan(out, "nan")) warn("RuntimeWarning", "invalid value encountered in divide");
  }
  return out;
}

/** `np.floor_divide(x, y)` / `x // y` with numpy's float semantics; integer division by 0 gives 0. */
export function floorDivide(x: Operand, y: Operand, warn?: WarnFn): NDArray {
  const { a, b, dt } = prepare(x, y);
  const out: DType = dt === "bool" ? "int64" : dt;
  if (warn && scan(b, "zero")) warn("RuntimeWarning", "divide by zero encountered in floor_divide");
  return runBinary(a, b, out, binaryLoopOf(isFloatDType(dt) ? floorDivFloat : floorDivInt));
}

/** `np.remainder(x, y)` / `x % y`: the sign follows the divisor, as in Python. */
export function remainder(x: Operand, y: Operand, warn?: WarnFn): NDArray {
  const { a, b, dt } = prepare(x, y);
  const out: DType = dt === "bool" ? "int64" : dt;
  if (warn && scan(b, "zero")) warn("RuntimeWarning", "divide by zero encountered in remainder");
  return runBinary(a, b, out, binaryLoopOf(isFloatDType(dt) ? remainderFloat : remainderInt));
}

function scalarOperandValue(y: Operand): number | null {
  if (typeof y === "number") return y;
  if (isPyScalar(y)) return y.value;
  if (y.ndim === 0) return y.at([]);
  return null;
}

/**
 * `np.power(x, y)` / `x ** y`. Integer powers are exact; a negative integer
 * exponent raises numpy's ValueError. Like numpy's `fast_scalar_power`, a
 * float array to the scalar power 2 squares and to 0.5 takes `sqrt`.
 */
export function power(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  if (!isFloatDType(dt)) {
    if (scan(b, "negative")) {
      throw new NdError("ValueError", "Integers to negative integer powers are not allowed.");
    }
    return runBinary(a, b, dt === "bool" ? "int64" : dt, binaryLoopOf(powInt));
  }
  const e = x instanceof NDArray && x.ndim > 0 ? scalarOperandValue(y) : null;
  if (e === 2) return runBinary(a, a, dt, loopMul);
  if (e === 0.5) return runUnary(a, dt, loopSqrt);
  return runBinary(a, b, dt, binaryLoopOf(Math.pow));
}

/** numpy's NaN-propagating `maximum`. */
export function maximum(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  return runBinary(a, b, dt, loopMax);
}

/** numpy's NaN-propagating `minimum`. */
export function minimum(x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  return runBinary(a, b, dt, loopMin);
}

export type CompareOp = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** `np.less`, `less_equal`, `greater`, `greater_equal`, `equal`, `not_equal`: bool arrays. */
export function compare(op: CompareOp, x: Operand, y: Operand): NDArray {
  const { a, b } = prepare(x, y);
  switch (op) {
    case "<":
      return runBinary(a, b, "bool", loopLt);
    case "<=":
      return runBinary(a, b, "bool", loopLe);
    case ">":
      return runBinary(a, b, "bool", loopGt);
    case ">=":
      return runBinary(a, b, "bool", loopGe);
    case "==":
      return runBinary(a, b, "bool", loopEq);
    case "!=":
      return runBinary(a, b, "bool", loopNe);
    default: {
      const never: never = op;
      throw new Error(`unknown comparison ${String(never)}`);
    }
  }
}

/** `np.logical_and(x, y)`: truthiness of any dtype, bool result. */
export function logicalAnd(x: Operand, y: Operand): NDArray {
  const { a, b } = prepare(x, y);
  return runBinary(a, b, "bool", loopAnd);
}

/** `np.logical_or(x, y)`. */
export function logicalOr(x: Operand, y: Operand): NDArray {
  const { a, b } = prepare(x, y);
  return runBinary(a, b, "bool", loopOr);
}

/** `np.logical_xor(x, y)`. */
export function logicalXor(x: Operand, y: Operand): NDArray {
  const { a, b } = prepare(x, y);
  return runBinary(a, b, "bool", loopXor);
}

/** `np.logical_not(x)`. */
export function logicalNot(x: Operand): NDArray {
  const a = asArray(x);
  return runBinary(a, NDArray.scalar(0, a.dtype), "bool", loopEq);
}

function bitwiseTypeError(name: string): never {
  throw new NdError(
    "TypeError",
    `ufunc '${name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`,
  );
}

function bigOp(op: "&" | "|" | "^", u: number, v: number): number {
  if (Math.abs(u) < 2 ** 31 && Math.abs(v) < 2 ** 31) {
    return op === "&" ? u & v : op === "|" ? u | v : u ^ v;
  }
  const p = BigInt(u);
  const q = BigInt(v);
  return Number(op === "&" ? p & q : op === "|" ? p | q : p ^ q);
}

/** `np.bitwise_and` / `&`, `bitwise_or` / `|`, `bitwise_xor` / `^` for bool and int64. */
export function bitwise(op: "&" | "|" | "^", x: Operand, y: Operand): NDArray {
  const { a, b, dt } = prepare(x, y);
  const name = op === "&" ? "bitwise_and" : op === "|" ? "bitwise_or" : "bitwise_xor";
  if (isFloatDType(dt)) bitwiseTypeError(name);
  if (dt === "bool") return runBinary(a, b, "bool", op === "&" ? loopAnd : op === "|" ? loopOr : loopXor);
  return runBinary(
    a,
    b,
    dt,
    binaryLoopOf((u, v) => bigOp(op, u, v)),
  );
}

/** `np.invert(x)` / `~x`: logical not for bool, `-x - 1` for int64. */
export function invert(x: Operand): NDArray {
  const a = asArray(x);
  if (a.dtype === "bool") return logicalNot(a);
  if (isFloatDType(a.dtype)) bitwiseTypeError("invert");
  return runUnary(
    a,
    a.dtype,
    unaryLoopOf((v) => -v - 1),
  );
}

/** `np.negative(x)` / `-x`; raises numpy's TypeError for bool. */
export function negative(x: Operand): NDArray {
  const a = asArray(x);
  if (a.dtype === "bool") {
    throw new NdError(
      "TypeError",
      "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
    );
  }
  return runUnary(a, a.dtype, loopNeg);
}

/** `np.positive(x)` / `+x`: a copy. */
export function positive(x: Operand): NDArray {
  const a = asArray(x);
  return runUnary(a, a.dtype, loopCopy);
}

/** `np.abs(x)` (`np.absolute`): same dtype. */
export function absolute(x: Operand): NDArray {
  const a = asArray(x);
  return runUnary(a, a.dtype, loopAbs);
}

/** Float result dtype of a transcendental ufunc: float32 stays, ints and bools give float64. */
function floatOut(a: NDArray): DType {
  return a.dtype === "float32" ? "float32" : "float64";
}

function mathUnary(loop: UnaryLoop, x: Operand): NDArray {
  const a = asArray(x);
  return runUnary(a, floatOut(a), loop);
}

/** `np.tanh(x)`. */
export function tanh(x: Operand): NDArray {
  const a = asArray(x);
  return runUnary(a, floatOut(a), a.dtype === "float32" ? loopTanh : loopTanhF64);
}

/** `np.exp(x)`. */
export function exp(x: Operand): NDArray {
  return mathUnary(loopExp, x);
}

/** `np.log(x)`; warns like numpy for 0 (divide by zero) and negatives (invalid value). */
export function log(x: Operand, warn?: WarnFn): NDArray {
  const out = mathUnary(loopLog, x);
  if (warn) {
    const src = asArray(x);
    if (scan(src, "zero")) warn("RuntimeWarning", "divide by zero encountered in log");
    if (scan(src, "negative")) warn("RuntimeWarning", "invalid value encountered in log");
  }
  return out;
}

/** `np.sqrt(x)`; warns for negatives. */
export function sqrt(x: Operand, warn?: WarnFn): NDArray {
  const out = mathUnary(loopSqrt, x);
  if (warn && scan(asArray(x), "negative")) {
    warn("RuntimeWarning", "invalid value encountered in sqrt");
  }
  return out;
}

/** `np.sin(x)`. */
export function sin(x: Operand): NDArray {
  return mathUnary(loopSin, x);
}

/** `np.cos(x)`. */
export function cos(x: Operand): NDArray {
  return mathUnary(loopCos, x);
}

/** `np.square(x)`: same dtype (bool squares to bool). */
export function square(x: Operand): NDArray {
  const a = asArray(x);
  return runBinary(a, a, a.dtype, a.dtype === "bool" ? loopAnd : loopMul);
}

/** `np.floor(x)`. */
export function floor(x: Operand): NDArray {
  return mathUnary(unaryLoopOf(Math.floor), x);
}

/** `np.ceil(x)`. */
export function ceil(x: Operand): NDArray {
  return mathUnary(unaryLoopOf(Math.ceil), x);
}

/** `np.isnan(x)`: bool. */
export function isnan(x: Operand): NDArray {
  return runUnary(
    asArray(x),
    "bool",
    unaryLoopOf((v) => (Number.isNaN(v) ? 1 : 0)),
  );
}

/** `np.isfinite(x)`: bool. */
export function isfinite(x: Operand): NDArray {
  return runUnary(
    asArray(x),
    "bool",
    unaryLoopOf((v) => (Number.isFinite(v) ? 1 : 0)),
  );
}

/** `np.isinf(x)`: bool. */
export function isinf(x: Operand): NDArray {
  return runUnary(
    asArray(x),
    "bool",
    unaryLoopOf((v) => (v === Infinity || v === -Infinity ? 1 : 0)),
  );
}

/** numpy's `power_of_ten` used by `np.round`. */
function powerOfTen(n: number): number {
  const p10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
  if (n < 9) return p10[n] ?? 1;
  let r = 1e9;
  for (let i = n; i > 9; i--) r *= 10;
  return r;
}

/**
 * `np.round(a, decimals=0)` (`np.around`): half to even, computed as numpy's
 * `PyArray_Round` does: `rint(a * 10**d) / 10**d` (or `rint(a / 10**-d) * 10**-d`).
 * Integer arrays with `decimals >= 0` are copied unchanged.
 */
export function round(x: Operand, decimals = 0): NDArray {
  const a = asArray(x);
  if (!isFloatDType(a.dtype)) {
    if (decimals >= 0) return positive(a);
    const f = powerOfTen(-decimals);
    return runUnary(
      a,
      a.dtype,
      unaryLoopOf((v) => rint(v / f) * f),
    );
  }
  const fr = a.dtype === "float32" ? Math.fround : (v: number) => v;
  if (decimals === 0) return runUnary(a, a.dtype, unaryLoopOf(rint));
  if (decimals > 0) {
    const f = fr(powerOfTen(decimals));
    return runUnary(
      a,
      a.dtype,
      unaryLoopOf((v) => fr(rint(fr(v * f)) / f)),
    );
  }
  const f = fr(powerOfTen(-decimals));
  return runUnary(
    a,
    a.dtype,
    unaryLoopOf((v) => rint(fr(v / f)) * f),
  );
}

/**
 * `np.clip(a, a_min, a_max)`: `minimum(maximum(a, a_min), a_max)` with NaN in
 * `a` kept. Either bound may be null (None). Result dtype promotes all three.
 */
export function clip(x: Operand, lo: Operand | null, hi: Operand | null): NDArray {
  if (lo === null && hi === null) {
    throw new NdError("ValueError", "One of max or min must be given");
  }
  const ops: Operand[] = [x];
  if (lo !== null) ops.push(lo);
  if (hi !== null) ops.push(hi);
  const dt = resultType(...ops);
  let r = asArray(x, dt);
  if (r.dtype !== dt) r = runUnary(r, dt, loopCopy);
  if (lo !== null) r = runBinary(r, asArray(lo, dt), dt, loopClipLo);
  if (hi !== null) r = runBinary(r, asArray(hi, dt), dt, loopClipHi);
  return r;
}

/** `np.where(condition, x, y)`: elements of x where condition is truthy, else y, broadcast together. */
export function where(condition: Operand, x: Operand, y: Operand): NDArray {
  const c = asArray(condition);
  const dt = resultType(x, y);
  const a = asArray(x, dt);
  const b = asArray(y, dt);
  const shape = broadcastShapes(c.shape, a.shape, b.shape);
  const out = NDArray.zeros(shape, dt);
  const cd = c.data;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  forEachRow(
    shape,
    [broadcastStrides(c, shape), broadcastStrides(a, shape), broadcastStrides(b, shape), out.strides],
    [c.offset, a.offset, b.offset, 0],
    (p, n, s) => {
      let ic = p[0] ?? 0;
      let ia = p[1] ?? 0;
      let ib = p[2] ?? 0;
      let io = p[3] ?? 0;
      const [sc = 0, sa = 0, sb = 0, so = 0] = s;
      for (let i = 0; i < n; i++, ic += sc, ia += sa, ib += sb, io += so)
        od[io] = cd[ic] !== 0 ? ad[ia]! : bd[ib]!;
    },
  );
  return out;
}

/** Reads a 0-d or size-1 operand as a number (`float(x)`). */
export function scalarOf(x: Operand): number {
  if (typeof x === "number") return x;
  if (isPyScalar(x)) return x.value;
  if (x.size !== 1) {
    throw new NdError("TypeError", "only length-1 arrays can be converted to Python scalars");
  }
  return x.at(new Array<number>(x.ndim).fill(0));
}

/**
 * Writes `src` into `dst` (a view is fine) broadcasting `src` to `dst.shape`,
 * casting values to `dst.dtype` as numpy's setitem does (unsafe casting).
 */
export function copyInto(dst: NDArray, src: Operand): void {
  const s = asArray(src, dst.dtype);
  let shape: number[] = [];
  try {
    shape = broadcastShapes(dst.shape, s.shape);
  } catch {
    shape = [];
  }
  if (!sameShape(shape, dst.shape)) {
    throw new NdError(
      "ValueError",
      `could not broadcast input array from shape ${shapeTextOf(s.shape)} into shape ${shapeTextOf(dst.shape)}`,
    );
  }
  const sd = s.data;
  const dd = dst.data;
  const dt = dst.dtype;
  const exact =
    s.dtype === dt || (dt === "float64" && s.dtype !== "float32") || (dt === "int64" && s.dtype === "bool");
  if (s.data === dst.data) {
    // Overlapping source and destination: read everything first.
    const tmp = NDArray.fromData(s.dtype, broadcastCopy(s, shape), shape);
    copyInto(dst, tmp);
    return;
  }
  forEachRow(shape, [broadcastStrides(s, shape), dst.strides], [s.offset, dst.offset], (p, n, st) => {
    let is = p[0] ?? 0;
    let id = p[1] ?? 0;
    const ss = st[0] ?? 0;
    const sdst = st[1] ?? 0;
    if (exact) for (let i = 0; i < n; i++, is += ss, id += sdst) dd[id] = sd[is]!;
    else for (let i = 0; i < n; i++, is += ss, id += sdst) dd[id] = castValue(sd[is]!, dt);
  });
}

function broadcastCopy(s: NDArray, shape: Shape): TypedData {
  const out = NDArray.zeros(shape, s.dtype);
  const sd = s.data;
  const od = out.data;
  forEachRow(shape, [broadcastStrides(s, shape), out.strides], [s.offset, 0], (p, n, st) => {
    let is = p[0] ?? 0;
    let io = p[1] ?? 0;
    for (let i = 0; i < n; i++, is += st[0] ?? 0, io += st[1] ?? 0) od[io] = sd[is]!;
  });
  return out.data;
}

function shapeTextOf(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`;
}
