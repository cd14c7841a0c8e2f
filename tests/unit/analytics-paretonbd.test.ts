import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf, SHARED_DATA } from '../helpers/engine';
import { bgnbdInputSql } from '../../src/analytics/models/modelInputsSql';
import { loadSharedFile } from '../helpers/loadShared';
import { hyp2f1, hyp2f1WithGradient, lgamma } from '../../src/analytics/models/special';
import { fitParetoNbd, PARETO_NBD_S_MAX, paretoNbdExpectedPurchases, paretoNbdLogLik, paretoNbdLogLikGradient, paretoNbdPAlive, type ParetoNbdParams } from '../../src/analytics/models/paretoNbd';
import { centralGradient } from '../../src/analytics/models/numericGradient';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeModels } from '../../src/analytics/models/computeModels';
import { fitParetoNbdFromFacts } from '../../src/analytics/models/fitFromData';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';

/** Fader, Hardie and Lee (2005), "A note on implementing the Pareto/NBD model", CDNOW sample. */
const PUBLISHED = { r: 0.5534, alpha: 10.5776, s: 0.6061, beta: 11.665 };

function readSummary(): { x: Float64Array; tx: Float64Array; T: Float64Array } {
  const lines = readFileSync(path.join(SHARED_DATA, 'cdnow/cdnow_customers_summary.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const col = (k: number) => Float64Array.from(lines, (l) => Number(l.split(',')[k]));
  return { x: col(1), tx: col(2), T: col(3) };
}

/**
 * Integrates g(lambda, mu) over the two gamma mixing distributions by the trapezoid rule on a
 * log grid (smooth there, so the rule converges fast): the model's definition, with no 2F1.
 */
function mixIntegral(p: ParetoNbdParams, g: (lambda: number, mu: number) => number): number {
  const n = 1200;
  const lo = -30;
  const hi = 6;
  const h = (hi - lo) / (n - 1);
  const logDensity = (shape: number, rate: number, u: number) => shape * Math.log(rate) + shape * u - rate * Math.exp(u) - lgamma(shape);
  const wl = Array.from({ length: n }, (_, i) => Math.exp(logDensity(p.r, p.alpha, lo + i * h)));
  const wm = Array.from({ length: n }, (_, i) => Math.exp(logDensity(p.s, p.beta, lo + i * h)));
  let total = 0;
  for (let i = 0; i < n; i++) {
    const lambda = Math.exp(lo + i * h);
    for (let j = 0; j < n; j++) total += wl[i] * wm[j] * g(lambda, Math.exp(lo + j * h));
  }
  return total * h * h;
}

/** The individual-level likelihood given lambda and mu (Schmittlein et al. 1987): alive at T, or died in (t_x, T]. */
const aliveTerm = (x: number, T: number) => (lambda: number, mu: number) => lambda ** x * Math.exp(-(lambda + mu) * T);
const individual = (x: number, tx: number, T: number) => (lambda: number, mu: number) =>
  aliveTerm(x, T)(lambda, mu) + (lambda ** x * mu / (lambda + mu)) * (Math.exp(-(lambda + mu) * tx) - Math.exp(-(lambda + mu) * T));

describe('Pareto/NBD', () => {
  const cases: [number, number, number][] = [[0, 0, 38.86], [2, 30.43, 38.86], [7, 12, 30], [1, 5, 5]];
  const paramSets: [string, ParetoNbdParams][] = [
    ['alpha < beta', PUBLISHED],
    ['alpha > beta', { r: 1.3, alpha: 12, s: 0.8, beta: 4 }],
    ['alpha = beta', { r: 0.9, alpha: 6, s: 1.4, beta: 6 }],
  ];

  for (const [name, p] of paramSets) {
    it(`gives the likelihood, P(alive) and E[X(t)] of the model's definition integrated numerically (${name})`, () => {
      for (const [x, tx, T] of cases) {
        const d = { x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T) };
        const lik = mixIntegral(p, individual(x, tx, T));
        expect(paretoNbdLogLik(p, d)).toBeCloseTo(Math.log(lik), 6);
        const alive = mixIntegral(p, aliveTerm(x, T));
        expect(paretoNbdPAlive(p, x, tx, T)).toBeCloseTo(alive / lik, 6);
        // Alive at T with rates (lambda, mu): lambda / mu (1 - e^(-mu t)) purchases expected in the next t.
        const t = 39;
        const expected = mixIntegral(p, (l, m) => aliveTerm(x, T)(l, m) * (l / m) * -Math.expm1(-m * t)) / lik;
        expect(paretoNbdExpectedPurchases(p, t, x, tx, T)).toBeCloseTo(expected, 5);
      }
    });
  }

  it('sums 2F1 with its derivatives in a, b, c and z, matching central differences of the series', () => {
    for (const [a, b, c, z] of [[2.2, 1.6, 3.2, 0.3], [1, 1.6, 40, 0.85], [30.5, 1.2, 31.5, 0.05], [0.7, 0.4, 1.7, 0]]) {
      const h = hyp2f1WithGradient(a, b, c, z);
      expect(h.value).toBeCloseTo(hyp2f1(a, b, c, z), 12);
      const e = 1e-6;
      expect(h.da).toBeCloseTo((hyp2f1(a + e, b, c, z) - hyp2f1(a - e, b, c, z)) / (2 * e), 6);
      expect(h.db).toBeCloseTo((hyp2f1(a, b + e, c, z) - hyp2f1(a, b - e, c, z)) / (2 * e), 6);
      expect(h.dc).toBeCloseTo((hyp2f1(a, b, c + e, z) - hyp2f1(a, b, c - e, z)) / (2 * e), 6);
      expect(h.dz).toBeCloseTo(z === 0 ? (a * b) / c : (hyp2f1(a, b, c, z + e) - hyp2f1(a, b, c, z - e)) / (2 * e), 6);
    }
  });

  it('gives the analytic gradient of the log-likelihood in log-parameters that central differences give', () => {
    const summary = readSummary();
    const d = { x: summary.x.slice(0, 400), tx: summary.tx.slice(0, 400), T: summary.T.slice(0, 400) };
    for (const [, p] of paramSets) {
      const f = (v: number[]) => paretoNbdLogLik({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), s: Math.exp(v[2]), beta: Math.exp(v[3]) }, d);
      const v = [Math.log(p.r), Math.log(p.alpha), Math.log(p.s), Math.log(p.beta)];
      const numeric = centralGradient(f, v, 1e-6);
      paretoNbdLogLikGradient(p, d).forEach((g, j) => expect(Math.abs(g - numeric[j])).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric[j]))));
    }
  });

  it('weights rows, keeps large purchase counts finite on both sides of alpha = beta, and is continuous there', () => {
    const d = { x: Float64Array.of(3), tx: Float64Array.of(20), T: Float64Array.of(30) };
    expect(paretoNbdLogLik(PUBLISHED, { ...d, weights: Float64Array.of(4) })).toBeCloseTo(4 * paretoNbdLogLik(PUBLISHED, d), 10);
    for (const p of [PUBLISHED, { ...PUBLISHED, alpha: 20, beta: 2 }]) {
      const ll = paretoNbdLogLik(p, { x: Float64Array.of(900), tx: Float64Array.of(70), T: Float64Array.of(72) });
      expect(Number.isFinite(ll)).toBe(true);
      expect(Number.isFinite(paretoNbdPAlive(p, 900, 70, 72))).toBe(true);
    }
    const at = { r: 0.7, alpha: 8, s: 0.9, beta: 8 };
    for (const [x, tx, T] of cases) {
      const d1 = { x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T) };
      expect(paretoNbdLogLik({ ...at, beta: 8 + 1e-9 }, d1)).toBeCloseTo(paretoNbdLogLik({ ...at, alpha: 8 + 1e-9 }, d1), 7);
    }
  });

  it('lets a one-time buyer die: P(alive) falls with T at x = 0 (BG/NBD keeps it at 1)', () => {
    const p = [5, 20, 40, 80].map((T) => paretoNbdPAlive(PUBLISHED, 0, 0, T));
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeLessThan(p[i - 1]);
    expect(p[0]).toBeLessThan(1);
    // A purchase just before T is more alive than the same count long before T.
    expect(paretoNbdPAlive(PUBLISHED, 2, 38, 38.86)).toBeGreaterThan(paretoNbdPAlive(PUBLISHED, 2, 5, 38.86));
  });

  it('takes E[X(t)] at s = 1 as the limit of s -> 1', () => {
    const p = { ...PUBLISHED, s: 1 };
    const at1 = paretoNbdExpectedPurchases(p, 52, 2, 30.43, 38.86);
    expect(at1).toBeCloseTo(paretoNbdExpectedPurchases({ ...p, s: 1 + 1e-7 }, 52, 2, 30.43, 38.86), 6);
    expect(at1).toBeCloseTo(paretoNbdExpectedPurchases({ ...p, s: 1 - 1e-7 }, 52, 2, 30.43, 38.86), 6);
    expect(paretoNbdExpectedPurchases(p, 0, 2, 30.43, 38.86)).toBe(0);
  });

  it('differentiates numerically to the analytic gradient of a smooth function', () => {
    const g = centralGradient(([a, b]) => a * a * b + Math.exp(b), [1.5, -0.3]);
    expect(g[0]).toBeCloseTo(2 * 1.5 * -0.3, 8);
    expect(g[1]).toBeCloseTo(1.5 * 1.5 + Math.exp(-0.3), 8);
  });

  describe('the exponential-dropout limit (s -> infinity, mu = s / beta)', () => {
    const limit = { r: 0.48, alpha: 7.8, s: Number.POSITIVE_INFINITY, beta: Number.POSITIVE_INFINITY, mu: 0.06 };
    /** The model's definition with one dropout rate mu: the purchase-rate mixture integrated on a log grid. */
    const lambdaIntegral = (g: (lambda: number) => number) => {
      // r < 0.5: the mass below e^-30 would be about 1e-6 of the total, so the grid starts at e^-60.
      const n = 8000;
      const lo = -60;
      const hi = 6;
      const h = (hi - lo) / (n - 1);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const u = lo + i * h;
        total += Math.exp(limit.r * Math.log(limit.alpha) + limit.r * u - limit.alpha * Math.exp(u) - lgamma(limit.r)) * g(Math.exp(u));
      }
      return total * h;
    };

    it('gives the likelihood, P(alive) and E[X(t)] of the definition integrated numerically', () => {
      for (const [x, tx, T] of [...cases, [40, 70, 72], [0, 0, 0.5]] as [number, number, number][]) {
        const d = { x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T) };
        const lik = lambdaIntegral((l) => individual(x, tx, T)(l, limit.mu));
        expect(paretoNbdLogLik(limit, d)).toBeCloseTo(Math.log(lik), 6);
        const alive = lambdaIntegral((l) => aliveTerm(x, T)(l, limit.mu));
        expect(paretoNbdPAlive(limit, x, tx, T)).toBeCloseTo(alive / lik, 6);
        const t = 39;
        const expected = lambdaIntegral((l) => aliveTerm(x, T)(l, limit.mu) * (l / limit.mu) * -Math.expm1(-limit.mu * t)) / lik;
        expect(paretoNbdExpectedPurchases(limit, t, x, tx, T)).toBeCloseTo(expected, 5);
      }
    });

    it('is the limit of Pareto/NBD as s grows with s / beta fixed', () => {
      const d = { x: Float64Array.of(0, 2, 7), tx: Float64Array.of(0, 30.43, 12), T: Float64Array.of(38.86, 38.86, 30) };
      const at = (s: number) => paretoNbdLogLik({ r: limit.r, alpha: limit.alpha, s, beta: s / limit.mu }, d);
      const gap = (s: number) => Math.abs(at(s) - paretoNbdLogLik(limit, d));
      // (Near a few thousand the 2F1 series of the full model stops converging: why the fit switches.)
      expect(gap(100)).toBeLessThan(gap(20));
      expect(gap(500)).toBeLessThan(gap(100));
      expect(gap(500)).toBeLessThan(0.02);
      expect(paretoNbdPAlive({ r: limit.r, alpha: limit.alpha, s: 500, beta: 500 / limit.mu }, 0, 0, 38.86)).toBeCloseTo(paretoNbdPAlive(limit, 0, 0, 38.86), 2);
    });

    it('is what the fit as of T0 = 1997-05-17 on CDNOW_sample heads for, in seconds (unbounded it ran to s 1967 in 304 s)', async () => {
      const qm = await createTestEngine();
      await loadSharedFile(qm, 'cdnow/CDNOW_sample.txt');
      await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '1997-05-17' });
      const started = Date.now();
      const fit = (await fitParetoNbdFromFacts(qm))!;
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(fit.dropout).toBe('exponential');
      expect(fit.converged).toBe(true);
      expect(fit.s).toBe(Number.POSITIVE_INFINITY);
      // The unbounded fit's s / beta, 1967 / 32,868 = 0.0598 a week.
      expect(fit.mu).toBeCloseTo(0.0598, 3);
      // No bounded fit does better: the likelihood still rises towards the limit at the bound.
      const h = await rowsOf<{ x: number; tx: number; T: number; n: number }>(qm, bgnbdInputSql());
      const d = { x: Float64Array.from(h, (r) => r.x), tx: Float64Array.from(h, (r) => r.tx), T: Float64Array.from(h, (r) => r.T), weights: Float64Array.from(h, (r) => r.n) };
      expect(fit.logLik).toBeCloseTo(paretoNbdLogLik(fit, d), 8);
      const atBound = paretoNbdLogLik({ r: fit.r, alpha: fit.alpha, s: PARETO_NBD_S_MAX, beta: PARETO_NBD_S_MAX / fit.mu }, d);
      expect(fit.logLik).toBeGreaterThan(atBound);
    }, 60_000);
  });

  it('reproduces the published CDNOW fit from the summary file', () => {
    const fit = fitParetoNbd(readSummary())!;
    expect(fit.converged).toBe(true);
    expect(fit.dropout).toBe('gamma');
    expect(fit.mu).toBeCloseTo(fit.s / fit.beta, 12);
    expect(Math.abs(fit.r - PUBLISHED.r)).toBeLessThan(0.01);
    expect(Math.abs(fit.alpha - PUBLISHED.alpha)).toBeLessThan(0.01);
    expect(Math.abs(fit.s - PUBLISHED.s)).toBeLessThan(0.01);
    expect(Math.abs(fit.beta - PUBLISHED.beta)).toBeLessThan(0.01);
    expect(fit.logLik).toBeCloseTo(-9595.0, 0);
    expect(fit.customers).toBe(2357);
    expect(fit.repeatCustomers).toBe(946);
    // The maximum: no published-parameter likelihood beats it.
    expect(fit.logLik).toBeGreaterThanOrEqual(paretoNbdLogLik(PUBLISHED, readSummary()));
  });

  it('returns no fit without a repeat purchase', () => {
    expect(fitParetoNbd({ x: Float64Array.of(0, 0), tx: Float64Array.of(0, 0), T: Float64Array.of(5, 9) })).toBeNull();
  });

  it('fits the same parameters from raw CDNOW_sample orders as of 1997-09-30, beside BG/NBD in the models block', async () => {
    const qm = await createTestEngine();
    await loadSharedFile(qm, 'cdnow/CDNOW_sample.txt');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '1997-09-30' });
    const { models, notes } = await computeModels(qm, prepared.settings);
    const p = models.paretoNbd!;
    expect(Math.abs(p.r - PUBLISHED.r)).toBeLessThan(0.01);
    expect(Math.abs(p.alpha - PUBLISHED.alpha)).toBeLessThan(0.01);
    expect(Math.abs(p.s - PUBLISHED.s)).toBeLessThan(0.01);
    expect(Math.abs(p.beta - PUBLISHED.beta)).toBeLessThan(0.01);
    expect(p.logLik).toBeCloseTo(-9595.0, 0);
    expect(p.customers).toBe(models.bgnbd!.customers);
    expect(notes).toEqual([]);
  }, 60_000);
});

describe('Pareto/NBD as the status model (model mode, settings.aliveModel)', () => {
  it('classes CDNOW_sample as of 1997-09-30 by Pareto/NBD P(alive) of each history, with p_alive from that model', async () => {
    const qm = await createTestEngine();
    await loadSharedFile(qm, 'cdnow/CDNOW_sample.txt');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '1997-09-30', aliveModel: 'paretoNbd' });
    expect([prepared.churnRule, prepared.aliveModel]).toEqual(['model', 'paretoNbd']);
    expect(prepared.ruleReason).toContain('Pareto/NBD P(alive)');
    const fit = prepared.paretoNbd!;
    expect(Math.abs(fit.s - PUBLISHED.s)).toBeLessThan(0.01);
    // Every customer's (x, t_x, T) from the raw orders: distinct purchase days, weeks.
    const rows = await rowsOf<{ customer_id: string; x: number; tx: number; T: number; status: string; p_alive: number }>(qm, `
      WITH p AS (SELECT DISTINCT customer_id, CAST(order_date AS DATE) AS d FROM orders WHERE NOT coalesce(is_return, false) AND CAST(order_date AS DATE) <= DATE '1997-09-30'),
      h AS (SELECT customer_id, count(*) - 1 AS x, (max(d) - min(d)) / 7.0 AS tx, (DATE '1997-09-30' - min(d)) / 7.0 AS "T" FROM p GROUP BY customer_id)
      SELECT h.customer_id, CAST(x AS DOUBLE) AS x, CAST(tx AS DOUBLE) AS tx, CAST("T" AS DOUBLE) AS "T", s.status, s.p_alive
      FROM h JOIN cw_customer_status s USING (customer_id)`);
    expect(rows.length).toBe(2357);
    const counts: Record<string, number> = {};
    for (const r of rows) {
      const p = paretoNbdPAlive(fit, r.x, r.tx, r.T);
      expect(r.p_alive).toBeCloseTo(p, 9);
      const st = p >= DEFAULT_SETTINGS.pAliveActive ? 'active' : p < DEFAULT_SETTINGS.pAliveChurned ? 'churned' : 'silent';
      counts[st] = (counts[st] ?? 0) + 1;
    }
    const table = await rowsOf<{ status: string; n: number }>(qm, 'SELECT status, count(*)::INTEGER AS n FROM cw_customer_status GROUP BY status');
    expect(Object.fromEntries(table.map((r) => [r.status, r.n]))).toEqual(counts);
    // One-time buyers are no longer all alive (BG/NBD gives them P(alive) = 1).
    expect(rows.filter((r) => r.x === 0 && r.status === 'churned').length).toBeGreaterThan(0);
    console.log('Pareto/NBD status counts as of 1997-09-30', JSON.stringify(counts));
  }, 120_000);
});
