import { lgamma } from './special';
import type { BgNbdData } from './bgnbd';
import type { CountGroups } from './groupByCount';

/**
 * The s -> infinity limit of Pareto/NBD with the mean dropout rate mu = s / beta held fixed:
 * purchase rate ~ Gamma(r, alpha) as before, but every customer has the same exponential
 * dropout rate mu (per week when times are in weeks). Pareto/NBD fits run towards it when the
 * data show no spread in dropout rates (CDNOW_sample as of 1997-05-17: s 1967, beta 32,868).
 */
export interface ParetoNbdLimitParams {
  r: number;
  alpha: number;
  mu: number;
}

/** 8-point Gauss-Legendre nodes and weights on [-1, 1]. */
const GL_X = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
const GL_W = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

/**
 * ln of the integral over v in [0, len] of e^(-mu v) (1 + v/a)^(-n), the death-time integral of
 * the limit model shifted to t_x. The integrand falls at first at rate k = mu + n/a and never
 * faster after (its log is convex), so panels [0, 1/k], [1/k, 2/k], [2/k, 4/k], ... each hold a
 * smooth piece and 8-point Gauss-Legendre on each is accurate to about 1e-10 relative; the
 * panels stop once the integrand is 1e-17 of what has been summed.
 */
function logDeathIntegral(mu: number, n: number, a: number, len: number): number {
  if (!(len > 0)) return Number.NEGATIVE_INFINITY;
  const k = mu + n / a;
  const logF = (v: number) => -mu * v - n * Math.log1p(v / a);
  let total = 0;
  let lo = 0;
  let width = 1 / k;
  while (lo < len) {
    const hi = Math.min(len, lo + width);
    const half = (hi - lo) / 2;
    const mid = lo + half;
    let part = 0;
    for (let i = 0; i < 8; i++) part += GL_W[i] * Math.exp(logF(mid + half * GL_X[i]));
    total += part * half;
    if (Math.exp(logF(hi)) * (len - hi) < 1e-17 * total) break;
    lo = hi;
    width = lo;
  }
  return Math.log(total);
}

/**
 * The two history-dependent branches of one customer's likelihood in logs: alive at T,
 * e^(-mu T) / (alpha + T)^(r+x), and died at some tau in (t_x, T],
 * integral of mu e^(-mu tau) / (alpha + tau)^(r+x) (the Pareto/NBD branches at s -> infinity).
 */
function limitBranches(p: ParetoNbdLimitParams, x: number, tx: number, T: number): { logAlive: number; logDead: number } {
  const n = p.r + x;
  const a = p.alpha + tx;
  const logAlive = -n * Math.log(p.alpha + T) - p.mu * T;
  const logDead = Math.log(p.mu) - p.mu * tx - n * Math.log(a) + logDeathIntegral(p.mu, n, a, T - tx);
  return { logAlive, logDead };
}

const logSumExp = (u: number, v: number) => {
  const m = Math.max(u, v);
  return m === Number.NEGATIVE_INFINITY ? m : m + Math.log(Math.exp(u - m) + Math.exp(v - m));
};

/** Total log-likelihood of (x, t_x, T) under the limit model (weighted sum); lgamma once per distinct x. */
export function paretoNbdLimitLogLik(p: ParetoNbdLimitParams, d: BgNbdData, groups: CountGroups): number {
  const { r, alpha, mu } = p;
  if (!(r > 0 && alpha > 0 && mu > 0)) return Number.NEGATIVE_INFINITY;
  const base = r * Math.log(alpha) - lgamma(r);
  const lgRX = Array.from(groups.values, (x) => lgamma(r + x));
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const w = d.weights ? d.weights[i] : 1;
    const { logAlive, logDead } = limitBranches(p, d.x[i], d.tx[i], d.T[i]);
    total += w * (lgRX[groups.index[i]] + base + logSumExp(logAlive, logDead));
  }
  return total;
}

/** P(alive | x, t_x, T) under the limit model: the alive branch's share of the likelihood. */
export function paretoNbdLimitPAlive(p: ParetoNbdLimitParams, x: number, tx: number, T: number): number {
  const { logAlive, logDead } = limitBranches(p, x, tx, T);
  return 1 / (1 + Math.exp(logDead - logAlive));
}

/** E[X(t) | x, t_x, T] under the limit model: (r+x)/(alpha+T) (1 - e^(-mu t)) / mu P(alive), eq. 24 of the note at s -> infinity. */
export function paretoNbdLimitExpectedPurchases(p: ParetoNbdLimitParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return ((p.r + x) / (p.alpha + T)) * (-Math.expm1(-p.mu * t) / p.mu) * paretoNbdLimitPAlive(p, x, tx, T);
}
