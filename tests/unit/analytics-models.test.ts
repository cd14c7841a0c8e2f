import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf, SHARED_DATA } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import { digamma, hyp2f1, lgamma } from '../../src/analytics/models/special';
import { nelderMead } from '../../src/analytics/models/nelderMead';
import { bfgs } from '../../src/analytics/models/bfgs';
import { bgnbdExpectedPurchases, bgnbdLogLik, bgnbdPAlive, fitBgNbd, type BgNbdParams } from '../../src/analytics/models/bgnbd';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLik } from '../../src/analytics/models/gammaGamma';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeModels } from '../../src/analytics/models/computeModels';
import { repeatSpendSql } from '../../src/analytics/models/modelInputsSql';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function readSummary(): { x: Float64Array; tx: Float64Array; T: Float64Array } {
  const lines = readFileSync(path.join(SHARED_DATA, 'cdnow/cdnow_customers_summary.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const x = new Float64Array(lines.length);
  const tx = new Float64Array(lines.length);
  const T = new Float64Array(lines.length);
  lines.forEach((l, i) => {
    const c = l.split(',');
    x[i] = Number(c[1]);
    tx[i] = Number(c[2]);
    T[i] = Number(c[3]);
  });
  return { x, tx, T };
}

function expectParamsNear(p: BgNbdParams, ref: BgNbdParams, tol: number): void {
  expect(Math.abs(p.r - ref.r)).toBeLessThan(tol);
  expect(Math.abs(p.alpha - ref.alpha)).toBeLessThan(tol);
  expect(Math.abs(p.a - ref.a)).toBeLessThan(tol);
  expect(Math.abs(p.b - ref.b)).toBeLessThan(tol);
}

describe('special functions', () => {
  it('computes ln Gamma at known points', () => {
    expect(lgamma(1)).toBeCloseTo(0, 14);
    expect(lgamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lgamma(0.001)).toBeCloseTo(6.907178885383854, 11);
    expect(Number.isNaN(lgamma(0))).toBe(true);
  });

  it('sums the Gauss hypergeometric series to its closed forms', () => {
    // 2F1(1,1;2;z) = -ln(1-z)/z ; 2F1(a,b;b;z) = (1-z)^-a ; a non-positive integer a ends the series.
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(2 * Math.log(2), 13);
    expect(hyp2f1(1, 1, 2, 0.95)).toBeCloseTo(-Math.log(0.05) / 0.95, 11);
    expect(hyp2f1(0.5, 3, 3, 0.75)).toBeCloseTo(2, 12);
    expect(hyp2f1(-2, 1, 1, 0.5)).toBeCloseTo(0.25, 14); // (1 - z)^2
    expect(Number.isNaN(hyp2f1(1, 1, -1, 0.5))).toBe(true);
  });

  it('computes digamma at known points and as the derivative of ln Gamma', () => {
    const eulerGamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 13);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.log(2), 13);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 13);
    for (const x of [0.03, 0.7, 3.3, 41]) expect(digamma(x)).toBeCloseTo((lgamma(x + 1e-6) - lgamma(x - 1e-6)) / 2e-6, 5);
    expect(Number.isNaN(digamma(0))).toBe(true);
  });

  it('finds the minimum of the Rosenbrock valley with BFGS in far fewer evaluations than Nelder-Mead', () => {
    let evaluations = 0;
    const res = bfgs(([x, y]) => {
      evaluations++;
      return { value: 100 * (y - x * x) ** 2 + (1 - x) ** 2, gradient: [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)] };
    }, [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
    expect(evaluations).toBeLessThan(200);
  });

  it('finds the minimum of the Rosenbrock valley with Nelder-Mead', () => {
    const res = nelderMead(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1]);
    expect(res.x[0]).toBeCloseTo(1, 4);
    expect(res.x[1]).toBeCloseTo(1, 4);
  });
});

describe('BG/NBD', () => {
  it('matches hand-worked log-likelihoods and P(alive) for r = alpha = a = b = 1', () => {
    const p = { r: 1, alpha: 1, a: 1, b: 1 };
    // x = 0, T = 1: A1 = 0, A2 = 0, A3 = -ln 2  ->  -ln 2.
    expect(bgnbdLogLik(p, { x: Float64Array.of(0), tx: Float64Array.of(0), T: Float64Array.of(1) })).toBeCloseTo(-Math.log(2), 12);
    // x = 1, t_x = 1, T = 2: A1 = 0, A2 = -ln 2, e^A3 = 1/9, e^A4 = 1/4  ->  ln(13/72).
    expect(bgnbdLogLik(p, { x: Float64Array.of(1), tx: Float64Array.of(1), T: Float64Array.of(2) })).toBeCloseTo(Math.log(13 / 72), 12);
    // Weights multiply a row's contribution.
    expect(bgnbdLogLik(p, { x: Float64Array.of(0), tx: Float64Array.of(0), T: Float64Array.of(1), weights: Float64Array.of(3) })).toBeCloseTo(-3 * Math.log(2), 12);
    // P(alive) = 1 / (1 + 1/1 * (3/2)^2) = 4/13 ; a one-time buyer is alive for sure.
    expect(bgnbdPAlive(p, 1, 1, 2)).toBeCloseTo(4 / 13, 12);
    expect(bgnbdPAlive(p, 0, 0, 5)).toBe(1);
  });

  it('evaluates E[X(t)] through the Euler transform exactly like the direct formula of FHL eq. 10', () => {
    const p = PUBLISHED;
    const direct = (t: number, x: number, tx: number, T: number) => {
      const z = t / (p.alpha + T + t);
      const h = hyp2f1(p.r + x, p.b + x, p.a + p.b + x - 1, z);
      const num = ((p.a + p.b + x - 1) / (p.a - 1)) * (1 - h * ((p.alpha + T) / (p.alpha + T + t)) ** (p.r + x));
      return num / (1 + (x > 0 ? (p.a / (p.b + x - 1)) * ((p.alpha + T) / (p.alpha + tx)) ** (p.r + x) : 0));
    };
    for (const [t, x, tx, T] of [[39, 2, 30.43, 38.86], [10, 0, 0, 20], [52, 5, 20, 30], [100, 1, 3, 38.86]]) {
      expect(bgnbdExpectedPurchases(p, t, x, tx, T)).toBeCloseTo(direct(t, x, tx, T), 10);
    }
    // Large histories stay finite (the direct series would overflow).
    expect(Number.isFinite(bgnbdExpectedPurchases(p, 156, 300, 70, 72))).toBe(true);
  });

  it('reproduces the published CDNOW fit and the 39-week prediction from the summary file', () => {
    const data = readSummary();
    const fit = fitBgNbd(data);
    expect(fit).not.toBeNull();
    expectParamsNear(fit!, PUBLISHED, 0.01);
    expect(fit!.logLik).toBeCloseTo(-9582.4, 0);
    expect(fit!.converged).toBe(true);
    expect(fit!.customers).toBe(2357);
    expect(fit!.repeatCustomers).toBe(946);
    expect(Math.abs(bgnbdExpectedPurchases(fit!, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(0.001);
  });

  it('fits the same parameters from raw CDNOW_sample orders as of 1997-09-30 and picks model mode', async () => {
    const qm = await createTestEngine();
    await loadSharedFile(qm, 'cdnow/CDNOW_sample.txt');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '1997-09-30' });
    expect(prepared.churnRule).toBe('model'); // 946 repeat customers >= 500
    const { models } = await computeModels(qm, prepared.settings);
    expectParamsNear(models.bgnbd!, PUBLISHED, 0.01);
    expect(models.bgnbd!.logLik).toBeCloseTo(-9582.4, 0);
    // The facts' inputs are the summary file's (frequency = distinct days - 1, weeks = days / 7).
    const [sums] = await rowsOf<{ x: number; tx: number }>(qm, 'SELECT sum(bg_x)::DOUBLE AS x, round(sum(bg_tx), 1) AS tx FROM cw_customer_facts');
    const summary = readSummary();
    expect(sums.x).toBe(summary.x.reduce((s, v) => s + v, 0));
    expect(sums.tx).toBeCloseTo(summary.tx.reduce((s, v) => s + v, 0), -1);

    // Gamma-Gamma on the average spend of repeat purchase days (lifetimes docs: 946 subjects,
    // p 6.25, q 3.74, v 15.45; we get v = 15.444 because the docs' spend was rounded to cents).
    const gg = models.gammaGamma!;
    expect(gg.customers).toBe(946);
    expect(Math.abs(gg.p - 6.25)).toBeLessThan(0.01);
    expect(Math.abs(gg.q - 3.74)).toBeLessThan(0.01);
    expect(Math.abs(gg.v - 15.45)).toBeLessThan(0.01);
    // Customer 1 bought on 1997-01-01, 01-18 ($29.73) and 08-02 ($14.96): m = 22.345, x = 2.
    const [c1] = await rowsOf<{ x: number; m: number }>(qm, `SELECT x, m FROM (${repeatSpendSql('1997-09-30')}) WHERE customer_id = '0001'`);
    expect(c1).toEqual({ x: 2, m: expect.closeTo(22.345, 9) });
    // lifetimes docs: conditional expected average profit of customer 1 = 24.6586 (with m rounded
    // to 22.35), mean over all customers 35.2530.
    expect(gammaGammaExpectedSpend(gg, 2, 22.35)).toBeCloseTo(24.6586, 2);
  }, 30_000);
});

describe('Gamma-Gamma', () => {
  it('matches a hand-worked log-likelihood and conditional expected spend', () => {
    // x = 1, m = 1, p = q = v = 1: lnG(2) - lnG(1) - lnG(1) + 0 + 0 + 0 - 2 ln 2 = -2 ln 2.
    expect(gammaGammaLogLik({ p: 1, q: 1, v: 1 }, Float64Array.of(1), Float64Array.of(1))).toBeCloseTo(-2 * Math.log(2), 12);
    // One-time buyers (x = 0) carry no spend information.
    expect(gammaGammaLogLik({ p: 1, q: 1, v: 1 }, Float64Array.of(1, 0), Float64Array.of(1, 5))).toBeCloseTo(-2 * Math.log(2), 12);
    // p = 2, q = 3, v = 4: population mean v p / (q - 1) = 4; weight p x / (p x + q - 1) = 4/6;
    // x = 2, m = 10 -> 1/3 * 4 + 2/3 * 10 = 8; x = 0 -> 4.
    expect(gammaGammaExpectedSpend({ p: 2, q: 3, v: 4 }, 2, 10)).toBeCloseTo(8, 12);
    expect(gammaGammaExpectedSpend({ p: 2, q: 3, v: 4 }, 0, 0)).toBeCloseTo(4, 12);
  });

  it('recovers the parameters of spend simulated from the model', () => {
    // Deterministic LCG; per customer nu ~ Gamma(q=4, rate v=20) and x spends ~ Gamma(p=5, rate nu).
    let seed = 12345;
    const u = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
    const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    const gamma = (shape: number): number => { // Marsaglia-Tsang, shape >= 1
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        const z = normal();
        const v = (1 + c * z) ** 3;
        if (v > 0 && Math.log(u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
      }
    };
    const n = 3000;
    const x = new Float64Array(n);
    const m = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const nu = gamma(4) / 20;
      x[i] = 1 + (i % 6);
      let s = 0;
      for (let j = 0; j < x[i]; j++) s += gamma(5) / nu;
      m[i] = s / x[i];
    }
    const fit = fitGammaGamma(x, m)!;
    expect(fit.p).toBeGreaterThan(4.3);
    expect(fit.p).toBeLessThan(5.7);
    expect(fit.q).toBeGreaterThan(3.3);
    expect(fit.q).toBeLessThan(4.8);
  });
});
