import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf, SHARED_DATA } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import type { QueryManager } from '../../src/engine/queryManager';
import { ident } from '../../src/engine/sql';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeClv, computeAtRisk } from '../../src/analytics/clv/computeClv';
import { discountedExpectedPurchases, monthlyDiscountRate, WEEKS_PER_MONTH } from '../../src/analytics/clv/discount';
import { expectedSpendSql } from '../../src/analytics/clv/transactionalClv';
import { bgnbdExpectedPurchases, fitBgNbd } from '../../src/analytics/models/bgnbd';
import { gammaGammaExpectedSpend } from '../../src/analytics/models/gammaGamma';
import { computeModels } from '../../src/analytics/models/computeModels';
import { repeatSpendSql } from '../../src/analytics/models/modelInputsSql';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from '../../src/ingest/schema';

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
// One engine per file (starting one costs seconds); every test starts from empty tables.
beforeEach(async () => {
  for (const t of [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE]) await qm.exec(`DELETE FROM ${t}`);
  await qm.exec('DROP TABLE IF EXISTS cw_customer_clv');
});

function summaryFit() {
  const lines = readFileSync(path.join(SHARED_DATA, 'cdnow/cdnow_customers_summary.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const cols = [1, 2, 3].map((c) => Float64Array.from(lines, (l) => Number(l.split(',')[c])));
  return fitBgNbd({ x: cols[0], tx: cols[1], T: cols[2] })!;
}

describe('customer lifetime value', () => {
  it('discounts month by month: undiscounted it telescopes to E[X(horizon)]', () => {
    expect(monthlyDiscountRate(0.1)).toBeCloseTo(Math.pow(1.1, 1 / 12) - 1, 15);
    expect((1 + monthlyDiscountRate(0.1)) ** 12).toBeCloseTo(1.1, 12);
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(discountedExpectedPurchases(p, 2, 30.43, 38.86, 36, 0)).toBeCloseTo(bgnbdExpectedPurchases(p, 36 * WEEKS_PER_MONTH, 2, 30.43, 38.86), 12);
    // One month at 1%: E[X(1 month)] / 1.01.
    expect(discountedExpectedPurchases(p, 2, 30.43, 38.86, 1, 0.01)).toBeCloseTo(bgnbdExpectedPurchases(p, WEEKS_PER_MONTH, 2, 30.43, 38.86) / 1.01, 12);
  });

  it('reproduces the CLVs of the lifetimes documentation on the CDNOW summary', () => {
    // lifetimes' example: 12 "months" of 30 time units (its freq='D' on weekly data), 1% a month,
    // Gamma-Gamma spends from its docs; CLV of customers 1, 2 and 6 = 140.096211, 18.943467, 1003.868107.
    const fit = summaryFit();
    expect(24.658619 * discountedExpectedPurchases(fit, 2, 30.43, 38.86, 12, 0.01, 30)).toBeCloseTo(140.0962, 2);
    expect(18.911489 * discountedExpectedPurchases(fit, 1, 1.71, 38.86, 12, 0.01, 30)).toBeCloseTo(18.9435, 2);
    expect(71.462843 * discountedExpectedPurchases(fit, 7, 29.43, 38.86, 12, 0.01, 30)).toBeCloseTo(1003.868, 1);
  });

  it('evaluates the Gamma-Gamma expected spend in SQL as in TypeScript', async () => {
    // p = 2, q = 3, v = 4: x = 2, m = 10 -> 8; x = 0 -> population mean 4.
    const gg = { p: 2, q: 3, v: 4 };
    const [r] = await rowsOf(qm, `SELECT ${expectedSpendSql(gg, '2', '10')} AS a, ${expectedSpendSql(gg, '0', 'NULL')} AS b`);
    expect(r).toEqual({ a: 8, b: 4 });
  });

  it('values CDNOW_sample buyers as Gamma-Gamma spend times discounted BG/NBD purchases', async () => {
    await loadSharedFile(qm, 'cdnow/CDNOW_sample.txt');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '1997-09-30' });
    const { clv, notes } = await computeClv(qm, prepared.settings);
    expect(clv).toMatchObject({ method: 'transactions', horizonMonths: 36, annualDiscountRate: 0.1, atRisk: null, customers: 2357 });
    expect(notes.join(' ')).toMatch(/red customers/);
    const { models } = await computeModels(qm, prepared.settings);
    const [c1] = await rowsOf<{ clv: number; x: number; tx: number; T: number; m: number }>(qm, `SELECT c.clv, f.bg_x::DOUBLE AS x, f.bg_tx AS tx, f.bg_T AS "T", rs.m
      FROM cw_customer_clv c JOIN cw_customer_facts f USING (customer_id) JOIN (${repeatSpendSql('1997-09-30')}) rs USING (customer_id) WHERE customer_id = '0001'`);
    const expected = gammaGammaExpectedSpend(models.gammaGamma!, c1.x, c1.m)
      * discountedExpectedPurchases(models.bgnbd!, c1.x, c1.tx, c1.T, 36, monthlyDiscountRate(0.1));
    expect(c1.clv).toBeCloseTo(expected, 9);
    const [sum] = await rowsOf<{ s: number }>(qm, 'SELECT sum(clv) AS s FROM cw_customer_clv');
    expect(clv!.total).toBeCloseTo(sum.s, 6);
    // A longer horizon is worth more.
    const longer = await computeClv(qm, { ...prepared.settings, clvHorizonMonths: 60 });
    expect(longer.clv!.total).toBeGreaterThan(clv!.total);
  }, 30_000);

  /**
   * Ten subscribers at MRR 100 since 2023-01-01; X ends 2024-03-15, Y ends 2024-05-10; as of 06-30.
   * Trailing windows (start -> end): 05-30->06-30 8 on, 0 lost; 04-30->05-30 9, 1 (Y);
   * 03-30->04-30 9, 0; 02-29->03-30 10, 1 (X); 01-30->02-29 10, 0; 12-30->01-30 10, 0.
   * Monthly churn 2/56; ARPA 100; CLV per subscriber 100 / (2/56) = 2800; total 8 x 2800.
   */
  it('values subscribers at ARPA over the trailing six-month churn rate and sums red customers at risk', async () => {
    await qm.exec(`INSERT INTO subscriptions (subscription_id, customer_id, start_date, end_date, mrr)
      SELECT 's' || c, c, DATE '2023-01-01', CASE c WHEN 'X' THEN DATE '2024-03-15' WHEN 'Y' THEN DATE '2024-05-10' END, 100
      FROM (SELECT unnest(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'X', 'Y']) AS c)`);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30' });
    const red = 'red "ids"';
    await qm.exec(`CREATE OR REPLACE TABLE ${ident(red)} AS SELECT unnest(['A', 'B', 'X']) AS customer_id`);
    const { clv } = await computeClv(qm, prepared.settings, { redCustomers: { table: red } });
    expect(clv).toMatchObject({ method: 'subscriptions', arpa: 100, atRiskCustomers: 3 });
    expect(clv!.monthlyChurnRate).toBeCloseTo(2 / 56, 12);
    expect(clv!.total).toBeCloseTo(8 * 2800, 6);
    expect(clv!.atRisk).toBeCloseTo(2 * 2800, 6); // X has churned: worth 0
    const viaSubquery = await computeAtRisk(qm, { subquery: `SELECT customer_id FROM cw_customer_status WHERE customer_id IN ('A', 'B')` });
    expect(viaSubquery.value).toBeCloseTo(5600, 6);
    // Without a CLV table the at-risk value falls back to trailing-12-month value (12 x MRR).
    await qm.exec('DROP TABLE cw_customer_clv');
    expect(await computeAtRisk(qm, { table: red })).toEqual({ value: 2400, customers: 3, basis: 'value_12m' });
  });

  it('returns null with a note when the data supports no CLV', async () => {
    await loadSharedFile(qm, 'telco/Telco-Customer-Churn.csv');
    const prepared = await prepareAnalytics(qm, DEFAULT_SETTINGS, { today: '2024-01-01' });
    const res = await computeClv(qm, prepared.settings);
    expect(res.clv).toBeNull();
    expect(res.notes[0]).toMatch(/CLV needs/);
  });
});
