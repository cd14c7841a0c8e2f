import { digamma, hyp2f1WithGradient, lgamma } from './special';
import { bfgs, type ValueAndGradient } from './bfgs';
import { nelderMead } from './nelderMead';
import { groupByCount, type CountGroups } from './groupByCount';
import type { BgNbdData } from './bgnbd';
import { scaleHistories } from './histories';
import { centralGradient } from './numericGradient';
import { paretoNbdLimitExpectedPurchases, paretoNbdLimitLogLik, paretoNbdLimitPAlive, type ParetoNbdLimitParams } from './paretoNbdLimit';

/**
 * Pareto/NBD parameters (Schmittlein, Morrison & Colombo 1987): purchase rate ~ Gamma(r, alpha),
 * dropout rate ~ Gamma(s, beta), both per week when times are in weeks.
 */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  /** Infinity (with beta) in the exponential-dropout limit, where `mu` is the dropout rate. */
  s: number;
  beta: number;
  /** The mean dropout rate s / beta per week; read only in the limit (s = beta = Infinity). */
  mu?: number;
}

/**
 * The upper bound on s while fitting (src/analytics/README.md "Pareto/NBD"): s is fitted as
 * S_MAX / (1 + e^-u). At s = 50 the dropout rates' coefficient of variation is 1 / sqrt(50) = 14%.
 */
export const PARETO_NBD_S_MAX = 50;
/** A bounded fit with s at or above this heads for s -> infinity: the limit model is fitted too. */
const S_HEADING = 0.9 * PARETO_NBD_S_MAX;

/** True for the exponential-dropout limit (s = beta = Infinity, rate mu). */
export function isExponentialDropout(p: ParetoNbdParams): boolean {
  return !Number.isFinite(p.s);
}

function limitParams(p: ParetoNbdParams): ParetoNbdLimitParams {
  return { r: p.r, alpha: p.alpha, mu: p.mu ?? Number.NaN };
}

/** A gradient in (r, alpha, s, beta). */
type Grad4 = [number, number, number, number];

/** A fitted Pareto/NBD model: parameters, total log-likelihood and how many customers it saw. */
export interface ParetoNbdFit extends ParetoNbdParams {
  /** s / beta, the mean dropout rate per week (the rate itself in the limit). */
  mu: number;
  /** 'gamma': dropout rates ~ Gamma(s, beta); 'exponential': the s -> infinity limit, one rate mu. */
  dropout: 'gamma' | 'exponential';
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
 * With its gradient in (r, alpha, s, beta), through the series' own derivatives (hyp2f1WithGradient).
 */
function logA0Term(p: ParetoNbdParams, x: number, t: number): { v: number; g: Grad4 } {
  const a = p.r + p.s + x;
  if (p.alpha >= p.beta) {
    const mt = p.alpha + t;
    const logM = Math.log(mt);
    const h = hyp2f1WithGradient(a, p.s + 1, a + 1, (p.alpha - p.beta) / mt);
    // a = r + s + x and c = a + 1 move with r and s; b = s + 1 with s; z with alpha and beta.
    return {
      v: Math.log(h.value) - a * logM,
      g: [(h.da + h.dc) / h.value - logM, (h.dz / h.value) * (p.beta + t) / (mt * mt) - a / mt, (h.da + h.db + h.dc) / h.value - logM, -h.dz / h.value / mt],
    };
  }
  const mt = p.beta + t;
  const logM = Math.log(mt);
  const z = (p.beta - p.alpha) / mt;
  const h = hyp2f1WithGradient(1, p.s + 1, a + 1, z);
  const dvdz = (p.r + x - 1) / (1 - z) + h.dz / h.value;
  return {
    v: (1 - p.r - x) * Math.log1p(-z) + Math.log(h.value) - a * logM,
    g: [-Math.log1p(-z) + h.dc / h.value - logM, -dvdz / mt, (h.db + h.dc) / h.value - logM, (dvdz * (p.alpha + t)) / (mt * mt) - a / mt],
  };
}

/**
 * The history-dependent part of one customer's likelihood, in logs with a common shift m:
 * `alive` = e^(l1 - m), the "still alive at T" branch 1 / ((alpha+T)^(r+x) (beta+T)^s), and
 * `dead` = e^(-m) s / (r+s+x) A0, the "dropped out between t_x and T" branch; `g` is the gradient
 * of ln(alive + dead) in (r, alpha, s, beta).
 */
function branches(p: ParetoNbdParams, x: number, tx: number, T: number): { m: number; alive: number; dead: number; g: Grad4 } {
  const { r, alpha, s, beta } = p;
  const l1 = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const dl1: Grad4 = [-Math.log(alpha + T), -(r + x) / (alpha + T), -Math.log(beta + T), -s / (beta + T)];
  const a1 = logA0Term(p, x, tx);
  const a2 = logA0Term(p, x, T);
  const m = Math.max(l1, a1.v);
  const alive = Math.exp(l1 - m);
  // A0 = e^a1 - e^a2 >= 0 because the term falls with t; it is 0 (in every parameter) when t_x = T.
  const f1 = Math.exp(a1.v - m);
  const f2 = Math.exp(a2.v - m);
  const diff = f1 > f2 ? f1 - f2 : 0;
  const rsx = r + s + x;
  const c = s / rsx;
  const dc: Grad4 = [-s / (rsx * rsx), 0, (r + x) / (rsx * rsx), 0];
  const dead = c * diff;
  const e = alive + dead;
  const g = dl1.map((d, j) => (alive * d + (diff > 0 ? dc[j] * diff + c * (f1 * a1.g[j] - f2 * a2.g[j]) : 0)) / e) as Grad4;
  return { m, alive, dead, g };
}

/** Log-likelihood and its gradient in (ln r, ln alpha, ln s, ln beta); lgamma and digamma once per distinct x. */
function logLikAndGradient(p: ParetoNbdParams, d: BgNbdData, groups: CountGroups): ValueAndGradient {
  const { r, alpha, s, beta } = p;
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) return { value: Number.NEGATIVE_INFINITY, gradient: [NaN, NaN, NaN, NaN] };
  const base = r * Math.log(alpha) + s * Math.log(beta) - lgamma(r);
  const psiR = digamma(r);
  const lgRX = Array.from(groups.values, (x) => lgamma(r + x));
  const psiRX = Array.from(groups.values, (x) => digamma(r + x));
  let total = 0;
  const grad = [0, 0, 0, 0];
  for (let i = 0; i < d.x.length; i++) {
    const w = d.weights ? d.weights[i] : 1;
    const k = groups.index[i];
    const { m, alive, dead, g } = branches(p, d.x[i], d.tx[i], d.T[i]);
    total += w * (lgRX[k] + base + m + Math.log(alive + dead));
    grad[0] += w * (psiRX[k] - psiR + Math.log(alpha) + g[0]);
    grad[1] += w * (r / alpha + g[1]);
    grad[2] += w * (Math.log(beta) + g[2]);
    grad[3] += w * (s / beta + g[3]);
  }
  return { value: total, gradient: [grad[0] * r, grad[1] * alpha, grad[2] * s, grad[3] * beta] };
}

/** The gradient of the total log-likelihood in (ln r, ln alpha, ln s, ln beta) (exported for its test). */
export function paretoNbdLogLikGradient(p: ParetoNbdParams, d: BgNbdData): number[] {
  return logLikAndGradient(p, d, groupByCount(d.x)).gradient;
}

/** Total log-likelihood of (x, t_x, T) under the parameters (FHL 2005 Pareto/NBD note, eq. 22; weighted sum). */
export function paretoNbdLogLik(p: ParetoNbdParams, d: BgNbdData): number {
  if (isExponentialDropout(p)) return paretoNbdLimitLogLik(limitParams(p), d, groupByCount(d.x));
  return logLikAndGradient(p, d, groupByCount(d.x)).value;
}

/**
 * Maximum-likelihood Pareto/NBD fit: the same BFGS (Nelder-Mead polish) on log-parameters as the
 * BG/NBD fit, with the analytic gradient (the 2F1 derivatives summed beside its series, so one
 * pass per evaluation instead of nine for a central difference). Times are rescaled so the oldest
 * customer has T = 10 while fitting, as for BG/NBD; alpha and beta are reported in the input unit
 * (weeks). s is bounded by PARETO_NBD_S_MAX: when the fit reaches 90% of it, the likelihood is
 * heading for s -> infinity, where the 2F1 series converges ever more slowly; the
 * exponential-dropout limit (paretoNbdLimit.ts) is then fitted from there, and kept when its
 * likelihood is at least the bounded fit's. Null without any repeat purchase (the purchase rate
 * is then not identified).
 */
export function fitParetoNbd(d: BgNbdData): ParetoNbdFit | null {
  const h = scaleHistories(d);
  if (!h) return null;
  const { customers, scale, scaled } = h;
  const groups = groupByCount(d.x);
  // v = (ln r, ln alpha, u, ln beta) with s = S_MAX / (1 + e^-u).
  const toParams = (v: number[]): ParetoNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), s: PARETO_NBD_S_MAX / (1 + Math.exp(-v[2])), beta: Math.exp(v[3]) });
  const objective = (v: number[]): ValueAndGradient => {
    const p = toParams(v);
    const { value, gradient } = logLikAndGradient(p, scaled, groups);
    // d/du = d/d(ln s) x (1 - s / S_MAX).
    const g = [gradient[0], gradient[1], gradient[2] * (1 - p.s / PARETO_NBD_S_MAX), gradient[3]];
    return { value: -value / customers, gradient: g.map((x) => -x / customers) };
  };
  let res = bfgs(objective, [0, 0, -Math.log(PARETO_NBD_S_MAX - 1), 0]);
  if (!res.converged) res = nelderMead((v) => objective(v).value, res.x, { fTolerance: 1e-12, xTolerance: 1e-8 });
  const p = toParams(res.x);
  const bounded = { ...p, alpha: p.alpha / scale, beta: p.beta / scale };
  const logLik = paretoNbdLogLik(bounded, d);
  const common = { customers, repeatCustomers: h.repeatCustomers };
  const gammaFit: ParetoNbdFit = { ...bounded, mu: bounded.s / bounded.beta, dropout: 'gamma', logLik, ...common, converged: res.converged };
  if (p.s < S_HEADING) return gammaFit;
  const limit = fitLimit(scaled, groups, customers, { r: p.r, alpha: p.alpha, mu: p.s / p.beta });
  const lp = { r: limit.p.r, alpha: limit.p.alpha / scale, s: Number.POSITIVE_INFINITY, beta: Number.POSITIVE_INFINITY, mu: limit.p.mu * scale };
  const limitLogLik = paretoNbdLogLik(lp, d);
  if (!(limitLogLik >= logLik)) return gammaFit;
  return { ...lp, dropout: 'exponential', logLik: limitLogLik, ...common, converged: limit.converged };
}

/** BFGS on (ln r, ln alpha, ln mu) of the limit model (central-difference gradient), from `start`. */
function fitLimit(scaled: BgNbdData, groups: CountGroups, customers: number, start: ParetoNbdLimitParams): { p: ParetoNbdLimitParams; converged: boolean } {
  const toParams = (v: number[]): ParetoNbdLimitParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), mu: Math.exp(v[2]) });
  const f = (v: number[]) => -paretoNbdLimitLogLik(toParams(v), scaled, groups) / customers;
  const objective = (v: number[]): ValueAndGradient => ({ value: f(v), gradient: centralGradient(f, v, 1e-6) });
  let res = bfgs(objective, [Math.log(start.r), Math.log(start.alpha), Math.log(start.mu)], { gradientTolerance: 1e-7, fTolerance: 1e-13 });
  if (!res.converged) res = nelderMead(f, res.x, { fTolerance: 1e-12, xTolerance: 1e-8 });
  return { p: toParams(res.x), converged: res.converged };
}

/**
 * P(alive | x, t_x, T): the share of the likelihood in the "still alive" branch. Unlike BG/NBD,
 * it falls with T for a one-time buyer (x = 0) too.
 */
export function paretoNbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  if (isExponentialDropout(p)) return paretoNbdLimitPAlive(limitParams(p), x, tx, T);
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
  if (isExponentialDropout(p)) return paretoNbdLimitExpectedPurchases(limitParams(p), t, x, tx, T);
  const { r, alpha, s, beta } = p;
  const logRatio = Math.log((beta + T + t) / (beta + T));
  // (1 - e^(-(s-1) L)) / (s-1) via expm1, which stays exact as s approaches 1 (where it tends to L).
  const sm1 = s - 1;
  const factor = Math.abs(sm1) < 1e-12 ? logRatio : -Math.expm1(-sm1 * logRatio) / sm1;
  return ((r + x) / (alpha + T)) * (beta + T) * factor * paretoNbdPAlive(p, x, tx, T);
}
