import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import type { QueryManager } from '../../src/engine/queryManager';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeCohorts } from '../../src/analytics/cohorts/computeCohorts';
import { fitSbg, sbgLogLik, sbgLogSurvival, sbgProject } from '../../src/analytics/models/sbg';
import { POOL_BELOW_MEMBERS, PROJECTION_PERIODS, projectRetention } from '../../src/analytics/projection/projectRetention';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from '../../src/ingest/schema';

/** Fader and Hardie (2007), "How to project customer retention": the "regular" and "high end" segments. */
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];

describe('shifted-beta-geometric', () => {
  it('reproduces the published fits of both segments', () => {
    const regular = fitSbg([REGULAR])!;
    expect(regular.converged).toBe(true);
    expect(Math.abs(regular.alpha - 0.704)).toBeLessThan(0.001);
    expect(Math.abs(regular.beta - 1.182)).toBeLessThan(0.001);
    expect(Math.abs(regular.logLik - -1680.27)).toBeLessThan(0.01);
    const high = fitSbg([HIGH_END])!;
    expect(high.converged).toBe(true);
    expect(Math.abs(high.alpha - 0.668)).toBeLessThan(0.001);
    expect(Math.abs(high.beta - 3.806)).toBeLessThan(0.001);
    expect(Math.abs(high.logLik - -1611.16)).toBeLessThan(0.01);
  });

  it('follows the survival recursion S(t) = S(t-1) (beta + t - 1) / (alpha + beta + t - 1) and projects from the last count', () => {
    const p = { alpha: 0.704, beta: 1.182 };
    let s = 1;
    for (let t = 1; t <= 20; t++) {
      s *= (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
      expect(Math.exp(sbgLogSurvival(p, t))).toBeCloseTo(s, 12);
    }
    // 241 left after 7 renewals: next period 241 (beta + 7) / (alpha + beta + 7), and so on.
    const projected = sbgProject(p, REGULAR, 3);
    expect(projected[0]).toBeCloseTo(241 * (p.beta + 7) / (p.alpha + p.beta + 7), 10);
    expect(projected[2]).toBeCloseTo(projected[1] * (p.beta + 9) / (p.alpha + p.beta + 9), 10);
    // One cohort of 2 members, one lost in period 1 (P(T=1) = alpha / (alpha + beta)), one censored at S(1).
    const q = { alpha: 2, beta: 3 };
    expect(sbgLogLik(q, [2, 1])).toBeCloseTo(Math.log(2 / 5) + Math.log(3 / 5), 12);
  });

  it('pools cohorts by summing their likelihoods, each censored where it ends', () => {
    const a = [50, 35, 28, 24];
    const b = [60, 44];
    const pooled = fitSbg([a, b])!;
    expect(pooled.logLik).toBeCloseTo(sbgLogLik(pooled, a) + sbgLogLik(pooled, b), 10);
    // The maximum of the pooled likelihood: each cohort's own maximum does worse on the pool.
    for (const own of [fitSbg([a])!, fitSbg([[60, 44, 40]])!]) {
      expect(pooled.logLik).toBeGreaterThan(sbgLogLik(own, a) + sbgLogLik(own, b));
    }
  });

  it('fits nothing when the curves show no churn or no survivor', () => {
    expect(fitSbg([[100, 100, 100]])).toBeNull();
    expect(fitSbg([[100]])).toBeNull();
    expect(fitSbg([[10, 0, 0]])).toBeNull();
  });
});

describe('retention projection of subscription cohorts (real engine)', () => {
  let qm: QueryManager;
  beforeAll(async () => {
    qm = await createTestEngine();
  });
  beforeEach(async () => {
    for (const t of [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE]) await qm.exec(`DELETE FROM ${t}`);
  });

  /**
   * Inserts one monthly cohort: `curve[t]` subscribers still running in month t. Those lost between
   * t - 1 and t end on the 1st of month t (the end date is exclusive), the rest stay open.
   */
  async function insertCohort(prefix: string, month: string, curve: number[]): Promise<void> {
    const rows: string[] = [];
    let id = 0;
    for (let t = 1; t <= curve.length; t++) {
      const lost = t < curve.length ? curve[t - 1] - curve[t] : curve[t - 1];
      const end = t < curve.length ? `DATE '${month}-01' + INTERVAL ${t} MONTH` : 'NULL';
      for (let i = 0; i < lost; i++, id++) rows.push(`('${prefix}${id}', '${prefix}${id}', DATE '${month}-01' + ${id % 20}, ${end}, 10)`);
    }
    await qm.exec(`INSERT INTO subscriptions (subscription_id, customer_id, start_date, end_date, mrr) VALUES ${rows.join(',')}`);
  }

  /** The survivors of a cohort counted straight from the subscriptions: running some day of month k or later, up to the as-of date. */
  async function survivorsBySql(month: string, periods: number, asOf: string): Promise<number[]> {
    const rows = await rowsOf<{ n: number }>(qm, `WITH c AS (
        SELECT customer_id, min(start_date) AS first, max(coalesce(end_date, DATE '${asOf}' + 1)) AS last FROM subscriptions GROUP BY 1)
      SELECT k, (SELECT count(*) FROM c WHERE date_trunc('month', first) = DATE '${month}-01'
        AND last > DATE '${month}-01' + to_months(CAST(k AS INTEGER)))::INTEGER AS n
      FROM range(${periods}) r(k) ORDER BY k`);
    return rows.map((r) => r.n);
  }

  it('fits a large cohort on its own (the published curve, from SQL cohorts) and pools the small and young ones', async () => {
    const asOf = '2024-08-15';
    await insertCohort('A', '2024-01', REGULAR); // months Jan..Aug: k = 0..7
    await insertCohort('S', '2024-03', [30, 22, 18, 15, 14, 13]); // small: pooled
    await insertCohort('M', '2024-05', [40, 31, 27, 24]); // small: pooled
    await insertCohort('Y', '2024-07', [150, 120]); // large but one renewal only: pooled
    // A lapse and a return: out in April and May, back in June. Retained throughout, as sBG has no way back.
    await qm.exec(`INSERT INTO subscriptions (subscription_id, customer_id, start_date, end_date, mrr) VALUES
      ('back1', 'back', DATE '2024-03-05', DATE '2024-04-01', 10), ('back2', 'back', DATE '2024-06-01', NULL, 10)`);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf, period: 'month' });
    expect(prepared.churnRule).toBe('contractual');
    const cohorts = await computeCohorts(qm, prepared.settings);
    const { projection, projectionPooled, notes } = projectRetention(cohorts.cohorts, cohorts.cohortBasis);
    expect(notes).toEqual([]);
    expect(projection!.map((p) => [p.cohort, p.size, p.pooled])).toEqual([
      ['2024-01', 1000, false], ['2024-03', 31, true], ['2024-05', 40, true], ['2024-07', 150, true],
    ]);
    expect(30).toBeLessThan(POOL_BELOW_MEMBERS);

    const [a, s, m, y] = projection!;
    expect(a.retained).toEqual(await survivorsBySql('2024-01', 8, asOf));
    expect(a.retained).toEqual(REGULAR);
    expect(Math.abs(a.alpha! - 0.704)).toBeLessThan(0.001);
    expect(Math.abs(a.beta! - 1.182)).toBeLessThan(0.001);
    expect(a.projected).toHaveLength(PROJECTION_PERIODS);
    let prev = 241;
    a.projected!.forEach((v, j) => {
      const t = 8 + j; // the survival ratio of renewal t
      const expected = prev * (a.beta! + t - 1) / (a.alpha! + a.beta! + t - 1);
      expect(v).toBeCloseTo(expected, 1);
      prev = expected;
    });

    expect(s.retained).toEqual(await survivorsBySql('2024-03', 6, asOf));
    expect(s.retained).toEqual([31, 23, 19, 16, 15, 14]);
    expect(cohorts.cohorts![1].active.slice(1, 3)).toEqual([22, 18]);
    expect(m.retained).toEqual(await survivorsBySql('2024-05', 4, asOf));
    expect(y.retained).toEqual(await survivorsBySql('2024-07', 2, asOf));
    const pooled = fitSbg([s.retained, m.retained, y.retained])!;
    for (const row of [s, m, y]) {
      expect(row.alpha).toBeCloseTo(pooled.alpha, 10);
      expect(row.beta).toBeCloseTo(pooled.beta, 10);
      expect(row.projected).toEqual(sbgProject(pooled, row.retained, PROJECTION_PERIODS).map((v) => Math.round(v * 100) / 100));
    }
    expect(projectionPooled).toMatchObject({ cohorts: ['2024-03', '2024-05', '2024-07'], alpha: pooled.alpha, beta: pooled.beta });
  }, 60_000);

  it('projects nothing for order cohorts, and says why', async () => {
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount) VALUES ('o1', 'c1', DATE '2024-01-03', 5), ('o2', 'c1', DATE '2024-02-03', 5)`);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-03-01' });
    const cohorts = await computeCohorts(qm, prepared.settings);
    expect(cohorts.cohorts).not.toBeNull();
    expect(projectRetention(cohorts.cohorts, cohorts.cohortBasis)).toEqual({
      projection: null, projectionPooled: null, notes: ['retention projection needs subscription cohorts'],
    });
  }, 60_000);
});
