import { digamma, lgamma } from './special';
import { bfgs, type ValueAndGradient } from './bfgs';
import { nelderMead } from './nelderMead';
import { groupByCount } from './groupByCount';

/** Gamma-Gamma spend model parameters (Fader, Hardie & Lee 2005; Hardie's note 025). */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/** A fitted Gamma-Gamma model with its log-likelihood and the number of repeat customers used. */
export interface GammaGammaFit extends GammaGammaParams {
  logLik: number;
  customers: number;
  converged: boolean;
}

/**
 * Total log-likelihood of repeat customers' average spend m over x repeat transactions.
 * Rows with x <= 0 or m <= 0 carry no spend information and are skipped.
 */
export function gammaGammaLogLik(par: GammaGammaParams, x: Float64Array, m: Float64Array, weights?: Float64Array): number {
  return prepareSpend(x, m, weights).logLik(par).value;
}

/**
 * The Gamma-Gamma log-likelihood with everything that does not depend on the parameters summed
 * once: per row it is lgamma(px+q) - lgamma(px) - lgamma(q) + q log v + (px-1) log m + px log x
 * - (px+q) log(xm+v). The lgamma terms depend on x only (evaluated per distinct x), the log m and
 * log x terms are weighted sums computed here, and only log(xm + v) is left per row. The gradient
 * is with respect to (ln p, ln q, ln v).
 */
function prepareSpend(x: Float64Array, m: Float64Array, weights?: Float64Array): { n: number; logLik(par: GammaGammaParams): ValueAndGradient } {
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] > 0 && m[i] > 0) keep.push(i);
  const xs = Float64Array.from(keep, (i) => x[i]);
  const xm = Float64Array.from(keep, (i) => x[i] * m[i]);
  const w = Float64Array.from(keep, (i) => (weights ? weights[i] : 1));
  const groups = groupByCount(xs);
  const groupWeight = new Float64Array(groups.values.length);
  let n = 0;
  let sumWLogM = 0; // sum w log m
  let sumWxLogXM = 0; // sum w x (log m + log x)
  for (let i = 0; i < xs.length; i++) {
    const logM = Math.log(m[keep[i]]);
    n += w[i];
    sumWLogM += w[i] * logM;
    sumWxLogXM += w[i] * xs[i] * (logM + Math.log(xs[i]));
    groupWeight[groups.index[i]] += w[i];
  }
  return {
    n,
    logLik({ p, q, v }: GammaGammaParams): ValueAndGradient {
      if (!(p > 0 && q > 0 && v > 0)) return { value: Number.NEGATIVE_INFINITY, gradient: [NaN, NaN, NaN] };
      const logV = Math.log(v);
      let total = n * (q * logV - lgamma(q)) + p * sumWxLogXM - sumWLogM;
      let gp = sumWxLogXM;
      let gq = n * (logV - digamma(q));
      let gv = (n * q) / v;
      for (let j = 0; j < groups.values.length; j++) {
        const xj = groups.values[j];
        const px = p * xj;
        const psiPXQ = digamma(px + q);
        total += groupWeight[j] * (lgamma(px + q) - lgamma(px));
        gp += groupWeight[j] * xj * (psiPXQ - digamma(px));
        gq += groupWeight[j] * psiPXQ;
      }
      for (let i = 0; i < xs.length; i++) {
        const logXMV = Math.log(xm[i] + v);
        total -= w[i] * (p * xs[i] + q) * logXMV;
        gp -= w[i] * xs[i] * logXMV;
        gq -= w[i] * logXMV;
        gv -= (w[i] * (p * xs[i] + q)) / (xm[i] + v);
      }
      return { value: total, gradient: [gp * p, gq * q, gv * v] };
    },
  };
}

/** Maximum-likelihood fit on repeat customers only (x > 0, m > 0); null when there are none. */
export function fitGammaGamma(x: Float64Array, m: Float64Array, weights?: Float64Array): GammaGammaFit | null {
  const spend = prepareSpend(x, m, weights);
  const n = spend.n;
  if (n === 0) return null;
  const toParams = (w: number[]): GammaGammaParams => ({ p: Math.exp(w[0]), q: Math.exp(w[1]), v: Math.exp(w[2]) });
  const objective = (w: number[]): ValueAndGradient => {
    const { value, gradient } = spend.logLik(toParams(w));
    return { value: -value / n, gradient: gradient.map((g) => -g / n) };
  };
  // BFGS with the analytic gradient; Nelder-Mead polishes the rare fit it leaves short.
  let res = bfgs(objective, [0, 0, 0]);
  if (!res.converged) res = nelderMead((w) => objective(w).value, res.x, { fTolerance: 1e-12, xTolerance: 1e-8 });
  const par = toParams(res.x);
  return { ...par, logLik: spend.logLik(par).value, customers: n, converged: res.converged };
}

/**
 * E[average spend | x, m]: a weighted mean of the customer's own average m and the population
 * mean v p / (q - 1) (note 025, eq. 5). With x = 0 it is the population mean. Needs q > 1.
 */
export function gammaGammaExpectedSpend(par: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = par;
  const populationMean = (v * p) / (q - 1);
  if (!(x > 0)) return populationMean;
  const w = (p * x) / (p * x + q - 1);
  return (1 - w) * populationMean + w * m;
}
