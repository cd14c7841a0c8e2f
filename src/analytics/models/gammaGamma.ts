import { lgamma } from './special';
import { nelderMead } from './nelderMead';

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
  const { p, q, v } = par;
  if (!(p > 0 && q > 0 && v > 0)) return Number.NEGATIVE_INFINITY;
  const lgQ = lgamma(q);
  const qLogV = q * Math.log(v);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const mi = m[i];
    if (!(xi > 0 && mi > 0)) continue;
    const px = p * xi;
    const ll = lgamma(px + q) - lgamma(px) - lgQ + qLogV + (px - 1) * Math.log(mi) + px * Math.log(xi) - (px + q) * Math.log(xi * mi + v);
    total += (weights ? weights[i] : 1) * ll;
  }
  return total;
}

/** Maximum-likelihood fit on repeat customers only (x > 0, m > 0); null when there are none. */
export function fitGammaGamma(x: Float64Array, m: Float64Array, weights?: Float64Array): GammaGammaFit | null {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] > 0 && m[i] > 0) n += weights ? weights[i] : 1;
  if (n === 0) return null;
  const toParams = (w: number[]): GammaGammaParams => ({ p: Math.exp(w[0]), q: Math.exp(w[1]), v: Math.exp(w[2]) });
  const res = nelderMead((w) => -gammaGammaLogLik(toParams(w), x, m, weights) / n, [0, 0, 0], { fTolerance: 1e-12, xTolerance: 1e-8 });
  const par = toParams(res.x);
  return { ...par, logLik: gammaGammaLogLik(par, x, m, weights), customers: n, converged: res.converged };
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
