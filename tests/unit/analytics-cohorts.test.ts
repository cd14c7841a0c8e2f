import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import type { QueryManager } from '../../src/engine/queryManager';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeCohorts } from '../../src/analytics/cohorts/computeCohorts';
import type { CohortRow } from '../../src/analytics/cohorts/assemble';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from '../../src/ingest/schema';

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
// One engine per file (starting one costs seconds); every test starts from empty tables.
beforeEach(async () => {
  for (const t of [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE]) await qm.exec(`DELETE FROM ${t}`);
});

const close = (actual: (number | null)[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
};

/**
 * Orders as of 2024-03-31 (amounts in brackets; returns are negative and flagged):
 * A 01-05 (100), 02-10 (50), return 02-11 (-10), return 03-20 (-5)   cohort Jan
 * B 01-20 (40), 03-03 (20)                                           cohort Jan
 * C 01-25 (60)                                                       cohort Jan
 * D 02-01 (30), 02-20 (30), 03-15 (10)                               cohort Feb
 * E 02-14 (80)                                                       cohort Feb
 * F 03-30 (5)                                                        cohort Mar
 * Jan (size 3): active k0 A B C, k1 A, k2 B (A's March return does not make it active)
 *   -> N-period [1, 1/3, 1/3]; on-or-after [1, 2/3 (A, B), 1/3 (B)];
 *   revenue [200, 50-10, 20-5] -> [1, 0.2, 0.075].
 * Feb (size 2): [1, 1/2], [1, 1/2], revenue [140, 10] -> [1, 1/14]. Mar (size 1): [1].
 * Average: k1 over Jan+Feb = (1+1)/(3+2) = 0.4, unbounded (2+1)/5 = 0.6, revenue 50/340;
 * k2 only Jan: 1/3, 1/3, 0.075.
 */
async function ordersFixture(): Promise<void> {
  const rows: [string, string, number, boolean][] = [
    ['A', '2024-01-05', 100, false], ['A', '2024-02-10', 50, false], ['A', '2024-02-11', -10, true], ['A', '2024-03-20', -5, true],
    ['B', '2024-01-20', 40, false], ['B', '2024-03-03', 20, false], ['C', '2024-01-25', 60, false],
    ['D', '2024-02-01', 30, false], ['D', '2024-02-20', 30, false], ['D', '2024-03-15', 10, false], ['E', '2024-02-14', 80, false],
    ['F', '2024-03-30', 5, false],
  ];
  await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return) VALUES
    ${rows.map(([c, d, a, r], i) => `('o${i}', '${c}', '${d}', ${a}, ${r})`).join(', ')}`);
}

describe('cohort retention', () => {
  it('computes N-period, unbounded and revenue retention per monthly cohort and their average', async () => {
    await ordersFixture();
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-03-31' });
    const res = await computeCohorts(qm, prepared.settings);
    expect(res.cohortBasis).toBe('orders');
    const [jan, feb, mar] = res.cohorts as CohortRow[];
    expect(res.cohorts!.map((c) => [c.cohort, c.size])).toEqual([['2024-01', 3], ['2024-02', 2], ['2024-03', 1]]);
    close(jan.retention, [1, 1 / 3, 1 / 3]);
    close(jan.unbounded, [1, 2 / 3, 1 / 3]);
    close(jan.revenueRetention as number[], [1, 0.2, 0.075]);
    expect(jan.revenue).toEqual([200, 40, 15]);
    close(feb.retention, [1, 0.5]);
    close(feb.unbounded, [1, 0.5]);
    close(feb.revenueRetention as number[], [1, 10 / 140]);
    expect(mar).toMatchObject({ retention: [1], unbounded: [1], revenueRetention: [1], lastPeriodPartial: false });
    close(res.cohortAverage!.retention, [1, 0.4, 1 / 3]);
    close(res.cohortAverage!.unbounded, [1, 0.6, 1 / 3]);
    close(res.cohortAverage!.revenueRetention as number[], [1, 50 / 340, 0.075]);
    expect(res.cohortAverage!.cohorts).toEqual([3, 2, 1]);
  });

  it('indexes weekly cohorts by ISO week and counts periods from the cohort week', async () => {
    await ordersFixture();
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-03-31' });
    const res = await computeCohorts(qm, { ...prepared.settings, period: 'week' });
    // B alone starts in the week of Mon 01-15 (2024-W03) and returns Sun 03-03, in the week of
    // Mon 02-26: 6 weeks on. The as-of Sunday 03-31 closes week 10 after the cohort week.
    const w03 = res.cohorts!.find((c) => c.cohort === '2024-W03')!;
    expect(w03.size).toBe(1);
    expect(w03.retention).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(w03.unbounded).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(res.cohorts![0].cohort).toBe('2024-W01');
    // A quarter holds them all; the quarter containing the as-of date is complete on 03-31.
    const q = await computeCohorts(qm, { ...prepared.settings, period: 'quarter' });
    expect(q.cohorts!.map((c) => [c.cohort, c.size, c.lastPeriodPartial])).toEqual([['2024-Q1', 6, false]]);
  });

  /**
   * Subscriptions at MRR 30.4375 (= 365.25 / 12, so prorated revenue is one per day):
   * P 2024-01-01..02-01 (ended) and Q from 01-15 (open), as of 2024-03-31.
   * Jan cohort of 2: active [2, 1, 1]; revenue [31 + 17, 29, 31].
   */
  it('builds subscription cohorts with prorated MRR revenue', async () => {
    await qm.exec(`INSERT INTO subscriptions (subscription_id, customer_id, start_date, end_date, mrr) VALUES
      ('p', 'P', '2024-01-01', '2024-02-01', 30.4375), ('q', 'Q', '2024-01-15', NULL, 30.4375)`);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-03-31' });
    const [jan] = (await computeCohorts(qm, prepared.settings)).cohorts!;
    expect(jan).toMatchObject({ cohort: '2024-01', size: 2, retention: [1, 0.5, 0.5], unbounded: [1, 0.5, 0.5] });
    close(jan.revenue, [48, 29, 31]);
  });

  it('agrees on CDNOW_master with retention counted straight from the orders', async () => {
    await loadSharedFile(qm, 'cdnow/CDNOW_master.txt');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, churnRule: 'rule' });
    const res = await computeCohorts(qm, prepared.settings);
    expect(res.cohorts!.map((c) => c.cohort)).toEqual(['1997-01', '1997-02', '1997-03']);
    expect(res.cohorts!.reduce((s, c) => s + c.size, 0)).toBe(23570);
    const jan = res.cohorts![0];
    expect(jan.retention).toHaveLength(18); // 1997-01 .. 1998-06
    for (const c of res.cohorts!) {
      expect(c.retention[0]).toBe(1);
      for (let k = 1; k < c.unbounded.length; k++) {
        expect(c.unbounded[k]).toBeLessThanOrEqual(c.unbounded[k - 1]);
        expect(c.unbounded[k]).toBeGreaterThanOrEqual(c.retention[k]);
      }
    }
    const [direct] = await rowsOf<{ n: number; later: number; size: number }>(qm, `WITH first AS (
        SELECT customer_id, min(CAST(order_date AS DATE)) AS f FROM orders GROUP BY 1),
      jan AS (SELECT customer_id FROM first WHERE f < DATE '1997-02-01')
      SELECT (SELECT count(*) FROM jan)::INTEGER AS size,
        (SELECT count(DISTINCT customer_id) FROM orders WHERE customer_id IN (SELECT customer_id FROM jan)
          AND CAST(order_date AS DATE) BETWEEN DATE '1997-04-01' AND DATE '1997-04-30')::INTEGER AS n,
        (SELECT count(DISTINCT customer_id) FROM orders WHERE customer_id IN (SELECT customer_id FROM jan)
          AND CAST(order_date AS DATE) >= DATE '1997-04-01')::INTEGER AS later`);
    expect(jan.size).toBe(direct.size);
    expect(jan.retention[3]).toBeCloseTo(direct.n / direct.size, 12);
    expect(jan.unbounded[3]).toBeCloseTo(direct.later / direct.size, 12);
  }, 30_000);
});
