import { digamma, hyp2f1, lgamma } from './special';
import { bfgs, type ValueAndGradient } from './bfgs';
import { nelderMead } from './nelderMead';
import { groupByCount, type CountGroups } from './groupByCount';
import { scaleHistories } from './histories';

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
  return logLikAndGradient(p, d, groupByCount(d.x)).value;
}

/**
 * The log-likelihood and its gradient with respect to (ln r, ln alpha, ln a, ln b), with the
 * rows grouped by x: lgamma and digamma run once per distinct x, leaving two logs, two exps and
 * a few divisions per row.
 */
function logLikAndGradient(p: BgNbdParams, d: BgNbdData, groups: CountGroups): ValueAndGradient {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return { value: Number.NEGATIVE_INFINITY, gradient: [NaN, NaN, NaN, NaN] };
  const k = groups.values.length;
  const A = new Float64Array(k); // a1 + a2 of eq. 6
  const dAr = new Float64Array(k);
  const dAa = new Float64Array(k);
  const dAb = new Float64Array(k);
  const L = new Float64Array(k); // log(a / (b + x - 1)): the "dropped out at t_x" branch
  const dLb = new Float64Array(k);
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  for (let j = 0; j < k; j++) {
    const x = groups.values[j];
    const psiABX = digamma(a + b + x);
    A[j] = lgamma(r + x) - lgR + r * logAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x);
    dAr[j] = digamma(r + x) - psiR + logAlpha;
    dAa[j] = psiAB - psiABX;
    dAb[j] = psiAB + digamma(b + x) - psiB - psiABX;
    if (x > 0) {
      L[j] = logA - Math.log(b + x - 1);
      dLb[j] = -1 / (b + x - 1);
    }
  }
  let total = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < d.x.length; i++) {
    const j = groups.index[i];
    const x = d.x[i];
    const w = d.weights ? d.weights[i] : 1;
    const logT = Math.log(alpha + d.T[i]);
    const a3 = -(r + x) * logT;
    let ll: number;
    // s3, s4: the shares of the two branches in the likelihood (s4 = 0 without repeat purchases).
    let s3 = 1;
    let s4 = 0;
    let logTx = 0;
    if (x > 0) {
      logTx = Math.log(alpha + d.tx[i]);
      const a4 = L[j] - (r + x) * logTx;
      const m = Math.max(a3, a4);
      const e3 = Math.exp(a3 - m);
      const e4 = Math.exp(a4 - m);
      ll = A[j] + m + Math.log(e3 + e4);
      s3 = e3 / (e3 + e4);
      s4 = 1 - s3;
    } else {
      ll = A[j] + a3;
    }
    total += w * ll;
    gr += w * (dAr[j] - s3 * logT - s4 * logTx);
    gAlpha += w * (r / alpha - (r + x) * (s3 / (alpha + d.T[i]) + (x > 0 ? s4 / (alpha + d.tx[i]) : 0)));
    ga += w * (dAa[j] + s4 / a);
    gb += w * (dAb[j] + s4 * dLb[j]);
  }
  return { value: total, gradient: [gr * r, gAlpha * alpha, ga * a, gb * b] };
}

/**
 * Maximum-likelihood BG/NBD fit by BFGS on log-parameters with the analytic gradient (Nelder-Mead
 * polishes the rare fit BFGS leaves short). Times are rescaled so the oldest customer has T = 10
 * while fitting (as lifetimes does) to keep alpha of order one; alpha is reported in the input
 * unit (weeks). Returns null when there is no customer with a repeat purchase.
 */
export function fitBgNbd(d: BgNbdData): BgNbdFit | null {
  const h = scaleHistories(d);
  if (!h) return null;
  const { customers, scale, scaled } = h;
  const groups = groupByCount(d.x);
  const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });
  const objective = (v: number[]): ValueAndGradient => {
    const { value, gradient } = logLikAndGradient(toParams(v), scaled, groups);
    return { value: -value / customers, gradient: gradient.map((g) => -g / customers) };
  };
  let res = bfgs(objective, [0, 0, 0, 0]);
  if (!res.converged) res = nelderMead((v) => objective(v).value, res.x, { fTolerance: 1e-12, xTolerance: 1e-8 });
  const p = toParams(res.x);
  const params = { ...p, alpha: p.alpha / scale };
  return { ...params, logLik: bgnbdLogLik(params, d), customers, repeatCustomers: h.repeatCustomers, converged: res.converged };
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
