/**
 * numpy's binomial sampler (`random_binomial` of its distributions library,
 * which legacy `RandomState.binomial` calls): for p <= 1/2, inversion when
 * n*p <= 30, else Kachitvichyanukul & Schmeiser's BTPE (triangle,
 * parallelograms and exponential tails, with the squeeze and Stirling-series
 * acceptance). p > 1/2 draws n - X with X ~ B(n, 1 - p). Each uniform comes
 * from `next` (the generator's 53-bit double), in numpy's order, so the
 * integers match numpy's draw for draw.
 */
import { glibcLog } from "./random-libm.ts";

/** A uniform double in [0, 1). */
export type NextDouble = () => number;

/** numpy's `random_binomial_inversion`: walks the pmf from 0, restarting past a bound. */
function inversion(next: NextDouble, n: number, p: number): number {
  const q = 1 - p;
  const qn = Math.exp(n * glibcLog(q));
  const np = n * p;
  const bound = Math.trunc(Math.min(n, np + 10 * Math.sqrt(np * q + 1)));
  let x = 0;
  let px = qn;
  let u = next();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = next();
    } else {
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
  }
  return x;
}

/** Stirling-series correction term of BTPE's final acceptance test. */
function stirling(z: number): number {
  const z2 = z * z;
  return (13680 - (462 - (132 - (99 - 140 / z2) / z2) / z2) / z2) / z / 166320;
}

/** numpy's `random_binomial_btpe` for p <= 1/2 and n*p > 30. */
function btpe(next: NextDouble, n: number, p: number): number {
  const r = Math.min(p, 1 - p);
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  const nrq = n * r * q;
  for (;;) {
    const u = next() * p4;
    let v = next();
    let y: number;
    if (u <= p1) {
      // the triangle: accept at once
      return Math.floor(xm - p1 * v + u);
    }
    if (u <= p2) {
      // the parallelograms
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      // the left exponential tail
      y = Math.floor(xl + glibcLog(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      // the right exponential tail
      y = Math.floor(xr - glibcLog(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    const k = Math.abs(y - m);
    if (!(k > 20 && k < nrq / 2 - 1)) {
      // explicit evaluation of f(y) / f(m)
      const s = r / q;
      const aa = s * (n + 1);
      let f = 1;
      if (m < y) {
        for (let i = m + 1; i <= y; i++) f *= aa / i - s;
      } else if (m > y) {
        for (let i = y + 1; i <= m; i++) f /= aa / i - s;
      }
      if (v > f) continue;
      return y;
    }
    // the squeeze on log f(y) / f(m), then the Stirling-series bound
    const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const logV = glibcLog(v);
    if (logV < t - rho) return y;
    if (logV > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    const bound =
      xm * glibcLog(f1 / x1) +
      (n - m + 0.5) * glibcLog(z / w) +
      (y - m) * glibcLog((w * r) / (x1 * q)) +
      stirling(f1) +
      stirling(z) +
      stirling(x1) +
      stirling(w);
    if (logV > bound) continue;
    return y;
  }
}

/** One binomial draw B(n, p) as numpy's `random_binomial` (n >= 0, 0 <= p <= 1 already checked). */
export function binomialDraw(next: NextDouble, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  if (p <= 0.5) return p * n <= 30 ? inversion(next, n, p) : btpe(next, n, p);
  const q = 1 - p;
  return n - (q * n <= 30 ? inversion(next, n, q) : btpe(next, n, q));
}
