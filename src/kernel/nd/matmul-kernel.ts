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
