import { lgamma } from './special';
import { bfgs } from './bfgs';
import { nelderMead } from './nelderMead';
import { centralGradient } from './numericGradient';

/**
 * Shifted-beta-geometric parameters (Fader & Hardie 2007, "How to project customer retention"):
 * each subscriber churns at every renewal with a constant probability theta ~ Beta(alpha, beta).
 */
export interface SbgParams {
  alpha: number;
  beta: number;
}

/** A fitted sBG model. */
export interface SbgFit extends SbgParams {
  logLik: number;
  converged: boolean;
}

const lbeta = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);

/** ln S(t): the log share of a cohort still subscribed after t renewals, B(alpha, beta + t) / B(alpha, beta). */
export function sbgLogSurvival(p: SbgParams, t: number): number {
  return lbeta(p.alpha, p.beta + t) - lbeta(p.alpha, p.beta);
}

/**
 * Log-likelihood of one cohort's survivors s_0 .. s_n (s_0 = the cohort's size): s_(t-1) - s_t
 * churned in period t with probability P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta), and
 * the s_n still subscribed are right-censored with probability S(n) (F&H 2007, eq. 5).
 */
export function sbgLogLik(p: SbgParams, survivors: readonly number[]): number {
  const { alpha, beta } = p;
  if (!(alpha > 0 && beta > 0)) return Number.NEGATIVE_INFINITY;
  const lb = lbeta(alpha, beta);
  let ll = 0;
  for (let t = 1; t < survivors.length; t++) {
    const lost = survivors[t - 1] - survivors[t];
    if (lost !== 0) ll += lost * (lbeta(alpha + 1, beta + t - 1) - lb);
  }
  const n = survivors.length - 1;
  return survivors[n] === 0 ? ll : ll + survivors[n] * sbgLogSurvival(p, n);
}

/**
 * Maximum-likelihood sBG fit on one or more cohorts (the sum of their log-likelihoods, each with
 * its own censoring, which is how small cohorts are pooled), by the models' BFGS on
 * (ln alpha, ln beta) with a central-difference gradient (Nelder-Mead polish). Null when the
 * curves carry no information on churn: no churn at all (the maximum is at theta = 0, beta
 * infinite), or nobody left after the first renewal (theta = 1).
 */
export function fitSbg(cohorts: readonly (readonly number[])[]): SbgFit | null {
  let lost = 0;
  let kept = 0;
  for (const s of cohorts) {
    if (s.length < 2) continue;
    lost += s[0] - s[s.length - 1];
    kept += s[1];
  }
  if (!(lost > 0 && kept > 0)) return null;
  const n = cohorts.reduce((sum, s) => sum + s[0], 0);
  const f = (v: number[]) => -cohorts.reduce((sum, s) => sum + sbgLogLik({ alpha: Math.exp(v[0]), beta: Math.exp(v[1]) }, s), 0) / n;
  let res = bfgs((v) => ({ value: f(v), gradient: centralGradient(f, v) }), [0, 0], { gradientTolerance: 1e-8 });
  if (!res.converged) res = nelderMead(f, res.x, { fTolerance: 1e-13, xTolerance: 1e-9 });
  const params = { alpha: Math.exp(res.x[0]), beta: Math.exp(res.x[1]) };
  return { ...params, logLik: cohorts.reduce((sum, s) => sum + sbgLogLik(params, s), 0), converged: res.converged };
}

/**
 * Expected survivors in the `periods` periods after the last observed one (n), given s_n
 * subscribers then: s_n S(n + j) / S(n). The survivors' theta is Beta(alpha, beta + n), so this
 * starts from the cohort's own count rather than from size x S(n + j), which the fit only
 * approximates.
 */
export function sbgProject(p: SbgParams, survivors: readonly number[], periods: number): number[] {
  const n = survivors.length - 1;
  const base = sbgLogSurvival(p, n);
  return Array.from({ length: periods }, (_, j) => survivors[n] * Math.exp(sbgLogSurvival(p, n + j + 1) - base));
}
