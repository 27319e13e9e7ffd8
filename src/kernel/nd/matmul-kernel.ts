/**
 * The float64 matrix-multiply kernel behind `np.matmul` / `np.dot` / `@`.
 *
 * `MatmulKernel` is the one interface the array code calls, so a WASM SIMD
 * kernel can replace `blockedMatmul` without touching linalg.ts.
 *
 * `blockedMatmul` is a GotoBLAS-style kernel in plain JS: B is packed into
 * KC x 4 column panels, A into 4 x KC row panels, and a 4x4 register-tiled
 * micro-kernel accumulates 16 dot products per step over the packed panels.
 * The packs keep every inner-loop load sequential. Each output element sums
 * its k products in order within a KC block, blocks added in order.
 */
import { pollInterrupt } from "./interrupt.ts";

/**
 * C[m, n] = A[m, k] @ B[k, n] for row-major contiguous operands starting at
 * the given offsets; C is overwritten (not accumulated into).
 */
export type MatmulKernel = (
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
) => void;

/** The reference i-k-j loop (row of C += a[i,p] * row p of B). */
export const naiveMatmul: MatmulKernel = (a, aOff, b, bOff, c, cOff, m, k, n) => {
  c.fill(0, cOff, cOff + m * n);
  for (let i = 0; i < m; i++) {
    const ci = cOff + i * n;
    for (let p = 0; p < k; p++) {
      const av = a[aOff + i * k + p]!;
      const bp = bOff + p * n;
      for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + av * b[bp + j]!;
    }
  }
};

const MR = 4;
const NR = 4;
/** Depth of one packed block: a 4 x KC A panel plus a KC x 4 B panel stay in L1. */
const KC = 512;
/** Rows of A packed at once (MC x KC doubles stay in L2). */
const MC = 96;

/**
 * Packs B[p0:p0+kc, 0:n] into consecutive kc x NR panels (the last panel
 * zero-padded), so the micro-kernel reads 4 B values per step contiguously.
 */
function packB(b: Float64Array, bOff: number, n: number, p0: number, kc: number, out: Float64Array): void {
  const panels = Math.ceil(n / NR);
  for (let jp = 0; jp < panels; jp++) {
    const j0 = jp * NR;
    const w = Math.min(NR, n - j0);
    let o = jp * kc * NR;
    for (let p = 0; p < kc; p++) {
      const row = bOff + (p0 + p) * n + j0;
      for (let j = 0; j < NR; j++) out[o++] = j < w ? b[row + j]! : 0;
    }
  }
}

/** Packs A[i0:i0+mc, p0:p0+kc] into MR x kc panels stored column by column (zero-padded rows). */
function packA(
  a: Float64Array,
  aOff: number,
  k: number,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  out: Float64Array,
): void {
  const panels = Math.ceil(mc / MR);
  for (let ip = 0; ip < panels; ip++) {
    const r0 = i0 + ip * MR;
    const h = Math.min(MR, i0 + mc - r0);
    let o = ip * kc * MR;
    for (let p = 0; p < kc; p++) {
      for (let r = 0; r < MR; r++) out[o++] = r < h ? a[aOff + (r0 + r) * k + p0 + p]! : 0;
    }
  }
}

/**
 * The 4x4 micro-kernel: the 4 x 4 tile of C at cBase (row stride n) +=
 * Apanel (4 x kc) @ Bpanel (kc x 4), accumulated in 16 locals.
 */
function micro4x4(
  ap: Float64Array,
  aBase: number,
  bp: Float64Array,
  bBase: number,
  kc: number,
  c: Float64Array,
  cBase: number,
  n: number,
): void {
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c20 = 0;
  let c21 = 0;
  let c22 = 0;
  let c23 = 0;
  let c30 = 0;
  let c31 = 0;
  let c32 = 0;
  let c33 = 0;
  let ia = aBase;
  let ib = bBase;
  for (let p = 0; p < kc; p++) {
    const b0 = bp[ib + 0]!;
    const b1 = bp[ib + 1]!;
    const b2 = bp[ib + 2]!;
    const b3 = bp[ib + 3]!;
    const a0 = ap[ia + 0]!;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    const a1 = ap[ia + 1]!;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    const a2 = ap[ia + 2]!;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    const a3 = ap[ia + 3]!;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
    ia += 4;
    ib += 4;
  }
  const o0 = cBase + 0 * n;
  c[o0 + 0] = c[o0 + 0]! + c00;
  c[o0 + 1] = c[o0 + 1]! + c01;
  c[o0 + 2] = c[o0 + 2]! + c02;
  c[o0 + 3] = c[o0 + 3]! + c03;
  const o1 = cBase + 1 * n;
  c[o1 + 0] = c[o1 + 0]! + c10;
  c[o1 + 1] = c[o1 + 1]! + c11;
  c[o1 + 2] = c[o1 + 2]! + c12;
  c[o1 + 3] = c[o1 + 3]! + c13;
  const o2 = cBase + 2 * n;
  c[o2 + 0] = c[o2 + 0]! + c20;
  c[o2 + 1] = c[o2 + 1]! + c21;
  c[o2 + 2] = c[o2 + 2]! + c22;
  c[o2 + 3] = c[o2 + 3]! + c23;
  const o3 = cBase + 3 * n;
  c[o3 + 0] = c[o3 + 0]! + c30;
  c[o3 + 1] = c[o3 + 1]! + c31;
  c[o3 + 2] = c[o3 + 2]! + c32;
  c[o3 + 3] = c[o3 + 3]! + c33;
}

/** Cache-blocked, packed, register-tiled float64 matmul (see the module comment). */
export const blockedMatmul: MatmulKernel = (a, aOff, b, bOff, c, cOff, m, k, n) => {
  c.fill(0, cOff, cOff + m * n);
  if (m === 0 || n === 0 || k === 0) return;
  if (m * n * k < 4096) {
    naiveMatmul(a, aOff, b, bOff, c, cOff, m, k, n);
    return;
  }
  const nPanels = Math.ceil(n / NR);
  const kcMax = Math.min(KC, k);
  const bPack = new Float64Array(nPanels * NR * kcMax);
  const aPack = new Float64Array(Math.ceil(MC / MR) * MR * kcMax);
  const edge = new Float64Array(MR * NR);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    packB(b, bOff, n, p0, kc, bPack);
    for (let i0 = 0; i0 < m; i0 += MC) {
      pollInterrupt();
      const mc = Math.min(MC, m - i0);
      packA(a, aOff, k, i0, mc, p0, kc, aPack);
      const aPanels = Math.ceil(mc / MR);
      for (let jp = 0; jp < nPanels; jp++) {
        const j0 = jp * NR;
        const w = Math.min(NR, n - j0);
        const bBase = jp * kc * NR;
        for (let ip = 0; ip < aPanels; ip++) {
          const r0 = i0 + ip * MR;
          const h = Math.min(MR, m - r0);
          if (h === MR && w === NR) {
            micro4x4(aPack, ip * kc * MR, bPack, bBase, kc, c, cOff + r0 * n + j0, n);
            continue;
          }
          // Edge tile: compute the zero-padded 4x4 tile in scratch, then add its valid part.
          edge.fill(0);
          micro4x4(aPack, ip * kc * MR, bPack, bBase, kc, edge, 0, NR);
          for (let r = 0; r < h; r++) {
            for (let j = 0; j < w; j++) {
              const o = cOff + (r0 + r) * n + j0 + j;
              c[o] = c[o]! + edge[r * NR + j]!;
            }
          }
        }
      }
    }
  }
};

/** 2**27 + 1: Veltkamp's split of a double into two 26-bit halves (`t = SPLIT*x; hi = t - (t - x)`). */
export const SPLIT = 134217729;

/** Operand magnitudes for which `fmaSplit` is exact: products and their errors stay normal and finite. */
const EXACT_MAX = 1e140;
const EXACT_MIN = 1e-140;

/**
 * fma(a, b, c) = a*b + c rounded once, for `a = ah + al`, `b = bh + bl`
 * (Veltkamp halves) and `uh = a * b`. Dekker's exact product gives
 * `a*b = uh + ul`; TwoSum gives `c + uh = th + tl`; the tail `tl + ul` is
 * rounded to `v` with error `ve`. `th + v` is then the correctly rounded
 * result unless it is exactly a tie between two doubles and `ve` breaks the
 * tie (the round-to-odd argument of Boldo & Melquiond), handled last.
 */
export function fmaSplit(uh: number, ah: number, al: number, bh: number, bl: number, c: number): number {
  const ul = ah * bh - uh + ah * bl + al * bh + al * bl;
  const th = c + uh;
  const bb = th - c;
  const tl = c - (th - bb) + (uh - bb);
  const v = tl + ul;
  const r = th + v;
  // th + v = r + re exactly (TwoSum). Off a tie, r is right whatever v's own
  // rounding error ve: th + v sits on v's grid, at least one ulp(v) > |ve| from a tie.
  const rb = r - th;
  const re = th - (r - rb) + (v - rb);
  if (re === 0) return r;
  const t2 = re + re;
  if (r + t2 - r !== t2) return r;
  // th + v lies halfway between r and r + t2: v's rounding error decides.
  const vb = v - tl;
  const ve = tl - (v - vb) + (ul - vb);
  if (ve === 0) return r;
  return ve > 0 === re > 0 ? r + t2 : r;
}

/** Veltkamp halves of `src[off + r*rs + c*cs]` for r < rows, c < cols, stored row by row. */
function splitRows(
  src: Float64Array,
  off: number,
  rs: number,
  cs: number,
  rows: number,
  cols: number,
  hi: Float64Array,
  lo: Float64Array,
  full: Float64Array,
): void {
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, o++) {
      const x = src[off + r * rs + c * cs]!;
      const t = SPLIT * x;
      const h = t - (t - x);
      full[o] = x;
      hi[o] = h;
      lo[o] = x - h;
    }
  }
}

/** True when every value is 0 or has magnitude in [EXACT_MIN, EXACT_MAX] (so no split or product overflows or underflows). */
function exactRange(
  d: Float64Array,
  off: number,
  rs: number,
  cs: number,
  rows: number,
  cols: number,
): boolean {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = Math.abs(d[off + r * rs + c * cs]!);
      if (!(x <= EXACT_MAX) || (x !== 0 && x < EXACT_MIN)) return false;
    }
  }
  return true;
}

/** One output entry of the sequential kind: fma(a[p], b[p], acc) for p = 0..k-1 from 0. */
function fmaChain(
  af: Float64Array,
  ah: Float64Array,
  al: Float64Array,
  ai: number,
  bf: Float64Array,
  bh: Float64Array,
  bl: Float64Array,
  bj: number,
  k: number,
): number {
  // fma(a, b, 0) is the rounded product (+ 0 turns a -0 product into +0, as fma does).
  let acc = af[ai]! * bf[bj]! + 0;
  for (let p = 1; p < k; p++) {
    acc = fmaSplit(af[ai + p]! * bf[bj + p]!, ah[ai + p]!, al[ai + p]!, bh[bj + p]!, bl[bj + p]!, acc);
  }
  return acc;
}

/** The 8 fma lanes of a dot-style entry: lane l sums k = l, l+8, ... from 0. */
function fmaLanes(
  af: Float64Array,
  ah: Float64Array,
  al: Float64Array,
  ai: number,
  bf: Float64Array,
  bh: Float64Array,
  bl: Float64Array,
  bj: number,
  k: number,
  lanes: Float64Array,
): void {
  lanes.fill(0);
  const first = Math.min(k, 8);
  for (let p = 0; p < first; p++) lanes[p] = af[ai + p]! * bf[bj + p]! + 0;
  for (let p = 8; p < k; p++) {
    const l = p & 7;
    lanes[l] = fmaSplit(
      af[ai + p]! * bf[bj + p]!,
      ah[ai + p]!,
      al[ai + p]!,
      bh[bj + p]!,
      bl[bj + p]!,
      lanes[l]!,
    );
  }
}

/**
 * The sequential entries (i, j < dotFrom) in C order, four at a time, into
 * `c`; returns how many were done (the rest, fewer than four, are left). Each
 * entry is one long dependency chain (every step waits for the previous
 * sum), so four independent chains side by side let the CPU overlap them.
 * (Kept apart from the other loops so V8 inlines `fmaSplit` at every site.)
 */
function fmaChains4(
  af: Float64Array,
  ah: Float64Array,
  al: Float64Array,
  bf: Float64Array,
  bh: Float64Array,
  bl: Float64Array,
  k: number,
  m: number,
  n: number,
  dotFrom: number,
  c: Float64Array,
  cOff: number,
): number {
  const seqCount = m * dotFrom;
  let q = 0;
  for (; q + 4 <= seqCount; q += 4) {
    const i0 = Math.floor(q / dotFrom);
    const j0 = q - i0 * dotFrom;
    const i1 = j0 + 1 < dotFrom ? i0 : i0 + 1;
    const j1 = j0 + 1 < dotFrom ? j0 + 1 : 0;
    const i2 = j1 + 1 < dotFrom ? i1 : i1 + 1;
    const j2 = j1 + 1 < dotFrom ? j1 + 1 : 0;
    const i3 = j2 + 1 < dotFrom ? i2 : i2 + 1;
    const j3 = j2 + 1 < dotFrom ? j2 + 1 : 0;
    const a0 = i0 * k;
    const a1 = i1 * k;
    const a2 = i2 * k;
    const a3 = i3 * k;
    const b0 = j0 * k;
    const b1 = j1 * k;
    const b2 = j2 * k;
    const b3 = j3 * k;
    // fma(a, b, 0) is the rounded product (+ 0 turns a -0 product into +0, as fma does).
    let c0 = af[a0]! * bf[b0]! + 0;
    let c1 = af[a1]! * bf[b1]! + 0;
    let c2 = af[a2]! * bf[b2]! + 0;
    let c3 = af[a3]! * bf[b3]! + 0;
    for (let p = 1; p < k; p++) {
      c0 = fmaSplit(af[a0 + p]! * bf[b0 + p]!, ah[a0 + p]!, al[a0 + p]!, bh[b0 + p]!, bl[b0 + p]!, c0);
      c1 = fmaSplit(af[a1 + p]! * bf[b1 + p]!, ah[a1 + p]!, al[a1 + p]!, bh[b1 + p]!, bl[b1 + p]!, c1);
      c2 = fmaSplit(af[a2 + p]! * bf[b2 + p]!, ah[a2 + p]!, al[a2 + p]!, bh[b2 + p]!, bl[b2 + p]!, c2);
      c3 = fmaSplit(af[a3 + p]! * bf[b3 + p]!, ah[a3 + p]!, al[a3 + p]!, bh[b3 + p]!, bl[b3 + p]!, c3);
    }
    c[cOff + i0 * n + j0] = c0;
    c[cOff + i1 * n + j1] = c1;
    c[cOff + i2 * n + j2] = c2;
    c[cOff + i3 * n + j3] = c3;
  }
  return q;
}

/** A strided float64 matrix operand: element (r, c) is `data[offset + r*rowStride + c*colStride]`. */
export interface StridedMatrix {
  readonly data: Float64Array;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

interface SmallScratch {
  f: Float64Array;
  h: Float64Array;
  l: Float64Array;
  readonly lanes: Float64Array;
}

/** Scratch for `openblasSmallMatmul`, grown on demand (at most EXACT_MATMUL_LIMIT-sized products use it). */
const scratch: SmallScratch = {
  f: new Float64Array(0),
  h: new Float64Array(0),
  l: new Float64Array(0),
  lanes: new Float64Array(8),
};

function smallScratch(size: number): SmallScratch {
  if (scratch.f.length < size) {
    const grown = Math.max(size, 2 * scratch.f.length);
    scratch.f = new Float64Array(grown);
    scratch.h = new Float64Array(grown);
    scratch.l = new Float64Array(grown);
  }
  return scratch;
}

/**
 * C[m, n] = A[m, k] @ B[k, n] (C contiguous from `cOff`) rounding every step
 * as this machine's numpy does: OpenBLAS's small-matrix dgemm kernels for
 * AVX-512 (`dgemm_small_kernel_{nn,nt,tn,tt}_skylakex`, chosen by
 * `dgemm_small_kernel_permit`), reached through numpy's row-major
 * `cblas_dgemm`, which computes C^T = B^T A^T in column-major terms (BLAS M =
 * n, N = m, BLAS A = our B). `aTrans`/`bTrans` tell whether an operand is a
 * transposed contiguous view (numpy passes it as CblasTrans).
 *
 * Most entries are one fused multiply-add per k in order, from 0. The
 * "dot-style" entries (all of TN; in NN the last `n % 8` columns when that is
 * 1..4 and k >= 16) keep 8 lanes (lane l sums k = l, l+8, ... by fma) and
 * add the lanes in one of two fixed trees. Returns false, computing nothing,
 * when some value is outside the range where the emulated fma is exact
 * (NaN, infinities, huge or tiny magnitudes).
 */
export function openblasSmallMatmul(
  A: StridedMatrix,
  B: StridedMatrix,
  aTrans: boolean,
  bTrans: boolean,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
): boolean {
  if (
    !exactRange(A.data, A.offset, A.rowStride, A.colStride, m, k) ||
    !exactRange(B.data, B.offset, B.rowStride, B.colStride, k, n)
  ) {
    return false;
  }
  // Rows of A and columns of B, each k long and contiguous, with their Veltkamp halves, in
  // reused scratch (every element read is written first by splitRows).
  const s = smallScratch((m + n) * k);
  const af = s.f;
  const ah = s.h;
  const al = s.l;
  splitRows(A.data, A.offset, A.rowStride, A.colStride, m, k, ah, al, af);
  const bOff = m * k;
  const bf = s.f.subarray(bOff);
  const bh = s.h.subarray(bOff);
  const bl = s.l.subarray(bOff);
  splitRows(B.data, B.offset, B.colStride, B.rowStride, n, k, bh, bl, bf);
  // BLAS sizes and flags (column-major view of the row-major product).
  const M = n;
  const N = m;
  const dotAll = bTrans && !aTrans && !(M * N > 1200 || k < 32);
  const tail = M % 8;
  const dotFrom = dotAll ? 0 : !bTrans && !aTrans && tail >= 1 && tail <= 4 && k >= 16 ? M - tail : M;
  const groupEnd4 = dotFrom + ((M - dotFrom) & ~3);
  const n4 = N & ~3;
  const lanes = s.lanes;
  const q = fmaChains4(af, ah, al, bf, bh, bl, k, m, n, dotFrom, c, cOff);
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    // Sequential entries left over from the groups of four start at q.
    let j = i * dotFrom + dotFrom <= q ? dotFrom : Math.max(0, q - i * dotFrom);
    for (; j < n; j++) {
      const bj = j * k;
      if (j < dotFrom) {
        c[cOff + i * n + j] = fmaChain(af, ah, al, ai, bf, bh, bl, bj, k);
        continue;
      }
      fmaLanes(af, ah, al, ai, bf, bh, bl, bj, k, lanes);
      const l0 = lanes[0]!;
      const l1 = lanes[1]!;
      const l2 = lanes[2]!;
      const l3 = lanes[3]!;
      const l4 = lanes[4]!;
      const l5 = lanes[5]!;
      const l6 = lanes[6]!;
      const l7 = lanes[7]!;
      // BLAS row j (our column) in a 4-row group, or BLAS column i (our row) in a 4-column
      // group: the REDUCE_4 shuffle tree; otherwise gcc's _mm512_reduce_add_pd tree.
      c[cOff + i * n + j] =
        j < groupEnd4 || i < n4
          ? l0 + l1 + (l2 + l3) + (l4 + l5 + (l6 + l7))
          : l0 + l4 + (l2 + l6) + (l1 + l5 + (l3 + l7));
    }
  }
  return true;
}
