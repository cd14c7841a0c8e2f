import { hyp2f1, lgamma } from './special';
import { bfgs } from './bfgs';
import { nelderMead } from './nelderMead';
import { groupByCount, type CountGroups } from './groupByCount';
import type { BgNbdData } from './bgnbd';
import { centralGradient } from './numericGradient';
import { scaleHistories } from './histories';

/**
 * Pareto/NBD parameters (Schmittlein, Morrison & Colombo 1987): purchase rate ~ Gamma(r, alpha),
 * dropout rate ~ Gamma(s, beta), both per week when times are in weeks.
 */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** A fitted Pareto/NBD model: parameters, total log-likelihood and how many customers it saw. */
export interface ParetoNbdFit extends ParetoNbdParams {
  logLik: number;
  customers: number;
  repeatCustomers: number;
  converged: boolean;
}

/**
 * ln[ 2F1(r+s+x, b; r+s+x+1; z(t)) / (m + t)^(r+s+x) ], one of the two terms of A0 in the
 * Fader-Hardie-Lee (2005) Pareto/NBD note, with m = max(alpha, beta) and z(t) = |alpha - beta| / (m + t):
 * - alpha >= beta: b = s + 1, summed directly (the numerator parameters r+s+x and s+1 keep the
 *   terms below the first one times k^s, so the series neither overflows nor cancels);
 * - alpha < beta: b = r + x, which grows with the purchase count, so the series' terms would
 *   first grow like (1 - z)^-(r+x) (overflow for a few hundred purchases). Euler's transform,
 *   2F1(a, b; a+1; z) = (1 - z)^(1-b) 2F1(1, a+1-b; a+1; z), leaves numerators 1 and s + 1 and
 *   moves the large factor into a logarithm.
 */
function logA0Term(p: ParetoNbdParams, x: number, t: number): number {
  const a = p.r + p.s + x;
  if (p.alpha >= p.beta) {
    const z = (p.alpha - p.beta) / (p.alpha + t);
    return Math.log(hyp2f1(a, p.s + 1, a + 1, z)) - a * Math.log(p.alpha + t);
  }
  const z = (p.beta - p.alpha) / (p.beta + t);
  return (1 - p.r - x) * Math.log1p(-z) + Math.log(hyp2f1(1, p.s + 1, a + 1, z)) - a * Math.log(p.beta + t);
}

/**
 * The history-dependent part of one customer's likelihood, in logs with a common shift m:
 * `alive` = e^(l1 - m), the "still alive at T" branch 1 / ((alpha+T)^(r+x) (beta+T)^s), and
 * `dead` = e^(-m) s / (r+s+x) A0, the "dropped out between t_x and T" branch.
 */
function branches(p: ParetoNbdParams, x: number, tx: number, T: number): { m: number; alive: number; dead: number } {
  const l1 = -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T);
  const a1 = logA0Term(p, x, tx);
  const a2 = logA0Term(p, x, T);
  const m = Math.max(l1, a1);
  // A0 = e^a1 - e^a2 >= 0 because the term falls with t; it is 0 when t_x = T.
  const dead = (p.s / (p.r + p.s + x)) * Math.max(0, Math.exp(a1 - m) - Math.exp(a2 - m));
  return { m, alive: Math.exp(l1 - m), dead };
}

function logLikGrouped(p: ParetoNbdParams, d: BgNbdData, groups: CountGroups): number {
  const { r, alpha, s, beta } = p;
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) return Number.NEGATIVE_INFINITY;
  const base = r * Math.log(alpha) + s * Math.log(beta) - lgamma(r);
  const lgRX = Array.from(groups.values, (x) => lgamma(r + x));
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const w = d.weights ? d.weights[i] : 1;
    const { m, alive, dead } = branches(p, d.x[i], d.tx[i], d.T[i]);
    total += w * (lgRX[groups.index[i]] + base + m + Math.log(alive + dead));
  }
  return total;
}

/** Total log-likelihood of (x, t_x, T) under the parameters (FHL 2005 Pareto/NBD note, eq. 22; weighted sum). */
export function paretoNbdLogLik(p: ParetoNbdParams, d: BgNbdData): number {
  return logLikGrouped(p, d, groupByCount(d.x));
}

/**
 * Maximum-likelihood Pareto/NBD fit: the same BFGS (Nelder-Mead polish) on log-parameters as the
 * BG/NBD fit, with a central-difference gradient, since the derivatives of 2F1 in its parameters
 * have no convenient closed form. Times are rescaled so the oldest customer has T = 10 while
 * fitting, as for BG/NBD; alpha and beta are reported in the input unit (weeks). Null without
 * any repeat purchase (the purchase rate is then not identified).
 */
export function fitParetoNbd(d: BgNbdData): ParetoNbdFit | null {
  const h = scaleHistories(d);
  if (!h) return null;
  const { customers, scale, scaled } = h;
  const groups = groupByCount(d.x);
  const toParams = (v: number[]): ParetoNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), s: Math.exp(v[2]), beta: Math.exp(v[3]) });
  const f = (v: number[]): number => -logLikGrouped(toParams(v), scaled, groups) / customers;
  let res = bfgs((v) => ({ value: f(v), gradient: centralGradient(f, v) }), [0, 0, 0, 0], { gradientTolerance: 1e-7 });
  if (!res.converged) res = nelderMead(f, res.x, { fTolerance: 1e-12, xTolerance: 1e-8 });
  const p = toParams(res.x);
  const params = { ...p, alpha: p.alpha / scale, beta: p.beta / scale };
  return { ...params, logLik: paretoNbdLogLik(params, d), customers, repeatCustomers: h.repeatCustomers, converged: res.converged };
}

/**
 * P(alive | x, t_x, T): the share of the likelihood in the "still alive" branch. Unlike BG/NBD,
 * it falls with T for a one-time buyer (x = 0) too.
 */
export function paretoNbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { alive, dead } = branches(p, x, tx, T);
  return alive / (alive + dead);
}

/**
 * E[X(t) | x, t_x, T]: expected purchases in the next t weeks (FHL 2005 note, eq. 24):
 * (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive), with its limit
 * (r+x)/(alpha+T) (beta+T) ln((beta+T+t)/(beta+T)) P(alive) at s = 1.
 */
export function paretoNbdExpectedPurchases(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = p;
  const logRatio = Math.log((beta + T + t) / (beta + T));
  // (1 - e^(-(s-1) L)) / (s-1) via expm1, which stays exact as s approaches 1 (where it tends to L).
  const sm1 = s - 1;
  const factor = Math.abs(sm1) < 1e-12 ? logRatio : -Math.expm1(-sm1 * logRatio) / sm1;
  return ((r + x) / (alpha + T)) * (beta + T) * factor * paretoNbdPAlive(p, x, tx, T);
}
