import { hyp2f1, lgamma } from './special';
import { nelderMead } from './nelderMead';

/** BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rate ~ Gamma(r, alpha), dropout ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Per-customer (or per identical-history group) inputs: x = repeat purchase days, tx = recency and
 * T = age, both in weeks. `weights` counts the customers sharing a row (all 1 when omitted).
 */
export interface BgNbdData {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weights?: Float64Array;
}

/** A fitted BG/NBD model: parameters, total log-likelihood and how many customers it saw. */
export interface BgNbdFit extends BgNbdParams {
  logLik: number;
  customers: number;
  repeatCustomers: number;
  converged: boolean;
}

/** Total log-likelihood of the data under the parameters (FHL 2005, eq. 6; weighted sum). */
export function bgnbdLogLik(p: BgNbdParams, d: BgNbdData): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NEGATIVE_INFINITY;
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  const rLogAlpha = r * Math.log(alpha);
  const logA = Math.log(a);
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const w = d.weights ? d.weights[i] : 1;
    const a1 = lgamma(r + x) - lgR + rLogAlpha;
    const a2 = lgAB + lgamma(b + x) - lgB - lgamma(a + b + x);
    const a3 = -(r + x) * Math.log(alpha + d.T[i]);
    let ll: number;
    if (x > 0) {
      const a4 = logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + d.tx[i]);
      const m = Math.max(a3, a4);
      ll = a1 + a2 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
    } else {
      ll = a1 + a2 + a3;
    }
    total += w * ll;
  }
  return total;
}

/**
 * Maximum-likelihood BG/NBD fit by Nelder-Mead on log-parameters. Times are rescaled so the oldest
 * customer has T = 10 while fitting (as lifetimes does) to keep alpha of order one; alpha is
 * reported in the input unit (weeks). Returns null when there is no customer with a repeat purchase.
 */
export function fitBgNbd(d: BgNbdData): BgNbdFit | null {
  let maxT = 0;
  let customers = 0;
  let repeat = 0;
  for (let i = 0; i < d.x.length; i++) {
    const w = d.weights ? d.weights[i] : 1;
    customers += w;
    if (d.x[i] > 0) repeat += w;
    if (d.T[i] > maxT) maxT = d.T[i];
  }
  if (repeat === 0 || !(maxT > 0)) return null;
  const scale = 10 / maxT;
  const scaled: BgNbdData = { x: d.x, tx: d.tx.map((v) => v * scale), T: d.T.map((v) => v * scale), weights: d.weights };
  const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });
  const res = nelderMead((v) => -bgnbdLogLik(toParams(v), scaled) / customers, [0, 0, 0, 0], { fTolerance: 1e-12, xTolerance: 1e-8 });
  const p = toParams(res.x);
  const params = { ...p, alpha: p.alpha / scale };
  return { ...params, logLik: bgnbdLogLik(params, d), customers, repeatCustomers: repeat, converged: res.converged };
}

/** P(alive | x, t_x, T): the probability the customer has not dropped out (1 for x = 0). */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x <= 0) return 1;
  const logDiv = (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx)) + Math.log(p.a / (p.b + x - 1));
  return 1 / (1 + Math.exp(logDiv));
}

/**
 * E[X(t) | x, t_x, T]: expected repeat purchases in the next t weeks (FHL 2005, eq. 10).
 * The 2F1 is evaluated after Euler's transformation, 2F1(r+x, b+x; a+b+x-1; z) =
 * (1-z)^(a-1-r-x) 2F1(a+b-1-r, a-1; a+b+x-1; z), whose terms stay small for any x; the
 * (1-z)^(r+x) factor of eq. 10 then cancels analytically, leaving (1-z)^(a-1).
 */
export function bgnbdExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const c = a + b + x - 1;
  const f = hyp2f1(a + b - 1 - r, a - 1, c, z);
  const first = c / (a - 1);
  const second = 1 - f * Math.pow(1 - z, a - 1);
  const denom = x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
  return (first * second) / denom;
}
