/**
 * `np.log2`, `np.log10`, `np.log1p` and `np.sign` on the ufunc runner.
 * The logs use the engine's `Math.log2`/`Math.log10`/`Math.log1p` (V8's
 * fdlibm ports); numpy 2.4 on x86-64 uses glibc's libm, and the golden test
 * compares printed values over many inputs.
 */
import { asarray } from "./creation.ts";
import type { DType, NDArray } from "./ndarray.ts";
import { signValue } from "./sort.ts";
import type { Operand } from "./dtype.ts";
import { runUnary, type UnaryLoop, type WarnFn } from "./ufunc.ts";

function loopOf(f: (v: number) => number): UnaryLoop {
  return (a, ia, sa, o, io, so, n) => {
    for (let i = 0; i < n; i++) {
      o[io] = f(a[ia] ?? 0);
      ia += sa;
      io += so;
    }
  };
}

function floatOut(a: NDArray): DType {
  return a.dtype === "float32" ? "float32" : "float64";
}

function logLike(name: string, f: (v: number) => number, pole: number, x: Operand, warn?: WarnFn): NDArray {
  const a = asarray(x);
  const out = runUnary(a, floatOut(a), loopOf(f));
  if (warn) {
    let zero = false;
    let neg = false;
    for (const v of a.toContiguousData()) {
      if (v === pole) zero = true;
      else if (v < pole) neg = true;
    }
    if (zero) warn("RuntimeWarning", `divide by zero encountered in ${name}`);
    if (neg) warn("RuntimeWarning", `invalid value encountered in ${name}`);
  }
  return out;
}

export function log2(x: Operand, warn?: WarnFn): NDArray {
  return logLike("log2", Math.log2, 0, x, warn);
}
export function log10(x: Operand, warn?: WarnFn): NDArray {
  return logLike("log10", Math.log10, 0, x, warn);
}
export function log1p(x: Operand, warn?: WarnFn): NDArray {
  return logLike("log1p", Math.log1p, -1, x, warn);
}

/** `np.sign(x)`: same dtype (bool raises in numpy; ints stay ints). */
export function sign(x: Operand): NDArray {
  const a = asarray(x);
  return runUnary(a, a.dtype, loopOf(signValue));
}
