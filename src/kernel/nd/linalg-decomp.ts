/**
 * `np.linalg` on 2-d float64 matrices: LU with partial pivoting (LAPACK's
 * dgetrf order: pivot = first largest |a|), `det`, `inv`, `solve`,
 * Householder `qr` with LAPACK dgeqrf's sign convention
 * (beta = -sign(alpha) * ||x||, no reflection when the column below the
 * diagonal is already zero), and `norm`.
 *
 * Digits: numpy calls OpenBLAS's LAPACK, whose blocked/recursive kernels
 * round sums in another order; results agree to ~1e-15 relative, so tests
 * print them at numpy's default 8 digits.
 */
import { NdError } from "./errors.ts";
import { NDArray } from "./ndarray.ts";

/** A matrix as rows of numbers (float64), with numpy's LinAlgError checks. */
export function squareMatrix(a: NDArray): { n: number; m: Float64Array } {
  if (a.ndim < 2) {
    throw new NdError(
      "LinAlgError",
      `${a.ndim}-dimensional array given. Array must be at least two-dimensional`,
    );
  }
  if (a.ndim > 2)
    throw new NdError("NotImplementedError", "stacked matrices are not supported in this notebook");
  const [r, c] = [a.shape[0] ?? 0, a.shape[1] ?? 0];
  if (r !== c) throw new NdError("LinAlgError", "Last 2 dimensions of the array must be square");
  return { n: r, m: Float64Array.from(a.toContiguousData()) };
}

interface LU {
  lu: Float64Array;
  piv: number[];
  singular: boolean;
  swaps: number;
}

function luDecompose(n: number, m: Float64Array): LU {
  const lu = Float64Array.from(m);
  const piv: number[] = [];
  let singular = false;
  let swaps = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k] ?? 0);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k] ?? 0);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv.push(p);
    if (p !== k) {
      swaps++;
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j] ?? 0;
        lu[k * n + j] = lu[p * n + j] ?? 0;
        lu[p * n + j] = t;
      }
    }
    const d = lu[k * n + k] ?? 0;
    if (d === 0) {
      singular = true;
      continue;
    }
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k] ?? 0) / d;
      lu[i * n + k] = f;
      for (let j = k + 1; j < n; j++) lu[i * n + j] = (lu[i * n + j] ?? 0) - f * (lu[k * n + j] ?? 0);
    }
  }
  return { lu, piv, singular, swaps };
}

/**
 * numpy's `det`: `sign * exp(logdet)` from the LU diagonal (umath_linalg
 * computes det through slogdet), and 0.0 when getrf reports a zero pivot.
 */
export function det(a: NDArray): number {
  const { n, m } = squareMatrix(a);
  const { lu, swaps, singular } = luDecompose(n, m);
  if (singular) return 0;
  let sign = swaps % 2 === 0 ? 1 : -1;
  let logdet = 0;
  for (let k = 0; k < n; k++) {
    const d = lu[k * n + k] ?? 0;
    if (d < 0) sign = -sign;
    logdet += Math.log(Math.abs(d));
  }
  return sign * Math.exp(logdet);
}

/** Solves A X = B for B of shape (n, k) in row-major; raises LinAlgError for a singular A. */
function luSolve(n: number, f: LU, b: Float64Array, k: number): Float64Array {
  if (f.singular) throw new NdError("LinAlgError", "Singular matrix");
  const x = Float64Array.from(b);
  const { lu, piv } = f;
  for (let i = 0; i < n; i++) {
    const p = piv[i] ?? i;
    if (p !== i) {
      for (let j = 0; j < k; j++) {
        const t = x[i * k + j] ?? 0;
        x[i * k + j] = x[p * k + j] ?? 0;
        x[p * k + j] = t;
      }
    }
  }
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) {
      let s = x[i * k + j] ?? 0;
      for (let q = 0; q < i; q++) s -= (lu[i * n + q] ?? 0) * (x[q * k + j] ?? 0);
      x[i * k + j] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i * k + j] ?? 0;
      for (let q = i + 1; q < n; q++) s -= (lu[i * n + q] ?? 0) * (x[q * k + j] ?? 0);
      x[i * k + j] = s / (lu[i * n + i] ?? 1);
    }
  }
  return x;
}

export function inv(a: NDArray): NDArray {
  const { n, m } = squareMatrix(a);
  const eye = new Float64Array(n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  return NDArray.fromData("float64", luSolve(n, luDecompose(n, m), eye, n), [n, n]);
}

export function solve(a: NDArray, b: NDArray): NDArray {
  const { n, m } = squareMatrix(a);
  const vec = b.ndim === 1;
  const bn = b.shape[0] ?? 0;
  if (b.ndim === 0 || b.ndim > 2 || bn !== n) {
    const sig = vec ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)";
    const fname = vec ? "solve1" : "solve";
    const core = b.ndim === 0 ? "0 is less than 1" : `size ${bn} is different from ${n}`;
    throw new NdError(
      "ValueError",
      `${fname}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${sig} (${core})`,
    );
  }
  const k = vec ? 1 : (b.shape[1] ?? 0);
  const x = luSolve(n, luDecompose(n, m), Float64Array.from(b.toContiguousData()), k);
  return NDArray.fromData("float64", x, vec ? [n] : [n, k]);
}

/** Reduced QR (numpy's default mode), Householder as LAPACK dgeqrf + dorgqr. */
export function qr(a: NDArray): { q: NDArray; r: NDArray } {
  if (a.ndim !== 2) {
    throw new NdError(
      "LinAlgError",
      `${a.ndim}-dimensional array given. Array must be at least two-dimensional`,
    );
  }
  const rows = a.shape[0] ?? 0;
  const cols = a.shape[1] ?? 0;
  const kmax = Math.min(rows, cols);
  const w = Float64Array.from(a.toContiguousData());
  const taus: number[] = [];
  const vs: Float64Array[] = [];
  for (let k = 0; k < kmax; k++) {
    const alpha = w[k * cols + k] ?? 0;
    let xn = 0;
    for (let i = k + 1; i < rows; i++) xn = Math.hypot(xn, w[i * cols + k] ?? 0);
    const v = new Float64Array(rows);
    v[k] = 1;
    if (xn === 0) {
      taus.push(0);
      vs.push(v);
      continue;
    }
    const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xn);
    const tau = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = k + 1; i < rows; i++) v[i] = (w[i * cols + k] ?? 0) * scale;
    // Apply H = I - tau v v^T to the remaining columns.
    w[k * cols + k] = beta;
    for (let i = k + 1; i < rows; i++) w[i * cols + k] = 0;
    for (let j = k + 1; j < cols; j++) {
      let s = 0;
      for (let i = k; i < rows; i++) s += (v[i] ?? 0) * (w[i * cols + j] ?? 0);
      s *= tau;
      for (let i = k; i < rows; i++) w[i * cols + j] = (w[i * cols + j] ?? 0) - s * (v[i] ?? 0);
    }
    taus.push(tau);
    vs.push(v);
  }
  // Q (rows x kmax) as LAPACK dorg2r forms it, column by column from the last reflector.
  const q = new Float64Array(rows * kmax);
  for (let k = kmax - 1; k >= 0; k--) {
    const v = vs[k] ?? new Float64Array(rows);
    const tau = taus[k] ?? 0;
    if (tau !== 0) {
      for (let j = k + 1; j < kmax; j++) {
        let s = 0;
        for (let i = k; i < rows; i++) s += (v[i] ?? 0) * (q[i * kmax + j] ?? 0);
        const f = -tau * s;
        for (let i = k; i < rows; i++) q[i * kmax + j] = (q[i * kmax + j] ?? 0) + f * (v[i] ?? 0);
      }
    }
    for (let i = k + 1; i < rows; i++) q[i * kmax + k] = -tau * (v[i] ?? 0);
    q[k * kmax + k] = 1 - tau;
    for (let i = 0; i < k; i++) q[i * kmax + k] = 0;
  }
  const r = new Float64Array(kmax * cols);
  for (let i = 0; i < kmax; i++) for (let j = i; j < cols; j++) r[i * cols + j] = w[i * cols + j] ?? 0;
  return { q: NDArray.fromData("float64", q, [rows, kmax]), r: NDArray.fromData("float64", r, [kmax, cols]) };
}

export type NormOrd = number | "fro" | null;

/** A vector norm of `xs` (numpy's `ord` rules for vectors). */
export function vectorNorm(xs: readonly number[], ord: NormOrd): number {
  if (ord === "fro") throw new NdError("ValueError", "Invalid norm order 'fro' for vectors");
  if (ord === null || ord === 2) {
    let s = 0;
    for (const x of xs) s += x * x;
    return Math.sqrt(s);
  }
  if (ord === Number.POSITIVE_INFINITY) return xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (ord === Number.NEGATIVE_INFINITY) {
    return xs.reduce((m, x) => Math.min(m, Math.abs(x)), Number.POSITIVE_INFINITY);
  }
  if (ord === 0) return xs.filter((x) => x !== 0).length;
  if (ord === 1) return xs.reduce((m, x) => m + Math.abs(x), 0);
  let s = 0;
  for (const x of xs) s += Math.abs(x) ** ord;
  return s ** (1 / ord);
}

/** A matrix norm of an (r, c) row-major matrix: None/'fro', 1, -1, inf, -inf. */
export function matrixNorm(m: readonly number[], r: number, c: number, ord: NormOrd): number {
  if (ord === null || ord === "fro") return vectorNorm(m, null);
  const colSums = (): number[] => {
    const s = new Array<number>(c).fill(0);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) s[j] = (s[j] ?? 0) + Math.abs(m[i * c + j] ?? 0);
    return s;
  };
  const rowSums = (): number[] => {
    const s = new Array<number>(r).fill(0);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) s[i] = (s[i] ?? 0) + Math.abs(m[i * c + j] ?? 0);
    return s;
  };
  if (ord === 1) return Math.max(...colSums());
  if (ord === -1) return Math.min(...colSums());
  if (ord === Number.POSITIVE_INFINITY) return Math.max(...rowSums());
  if (ord === Number.NEGATIVE_INFINITY) return Math.min(...rowSums());
  if (ord === 2 || ord === -2) {
    throw new NdError("NotImplementedError", "norm(ord=2) of a matrix is not supported in this notebook");
  }
  throw new NdError("ValueError", "Invalid norm order for matrices.");
}
