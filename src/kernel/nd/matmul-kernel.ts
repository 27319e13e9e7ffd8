/**
 * The float64 matrix-multiply kernel behind `np.matmul` / `np.dot` / `@`.
 *
 * `MatmulKernel` is the one interface the array code calls, so a WASM SIMD
 * kernel can replace `blockedMatmul` without touching linalg.ts.
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
      if (av === 0) continue;
      const bp = bOff + p * n;
      for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + av * b[bp + j]!;
    }
  }
};

export const blockedMatmul: MatmulKernel = naiveMatmul;
