import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import type { QueryManager } from '../../src/engine/queryManager';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeStructural } from '../../src/analytics/structural/computeStructural';
import type { StructuralRow } from '../../src/analytics/structural/rows';
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

const row = (rows: StructuralRow[] | null, dimension: string, value: string) => rows?.find((r) => r.dimension === dimension && r.value === value);

/**
 * 100 labeled customers c001..c100 with monthly value = their number, so the top 20% by value
 * (12 x monthly) are c081..c100. tier: Silver up to 50, Gold above. Extra attributes: score = the
 * number (100 values: 5 quantile bands of 20), seats 1..3 (categorical), note (100 texts: dropped).
 */
async function labeledBase(churned: string): Promise<void> {
  await qm.exec(`INSERT INTO customers (customer_id, tier, churned, monthly_value)
    SELECT 'c' || lpad(i::VARCHAR, 3, '0'), CASE WHEN i <= 50 THEN 'Silver' ELSE 'Gold' END, ${churned}, i FROM range(1, 101) t(i)`);
  await qm.exec(`INSERT INTO customer_attributes
    SELECT 'c' || lpad(i::VARCHAR, 3, '0'), 'score', NULL, i, 'f' FROM range(1, 101) t(i)
    UNION ALL SELECT 'c' || lpad(i::VARCHAR, 3, '0'), 'seats', NULL, 1 + i % 3, 'f' FROM range(1, 101) t(i)
    UNION ALL SELECT 'c' || lpad(i::VARCHAR, 3, '0'), 'note', 'text ' || i, NULL, 'f' FROM range(1, 101) t(i)`);
}

describe('structural churn', () => {
  it('reproduces the Telco churn by contract and computes lift against the overall rate', async () => {
    await loadSharedFile(qm, 'telco/Telco-Customer-Churn.csv');
    const prepared = await prepareAnalytics(qm, DEFAULT_SETTINGS, { today: '2024-01-01' });
    const res = await computeStructural(qm, prepared.settings);
    expect(res.structuralOverall).toMatchObject({ customers: 7043, churned: 1869 });
    expect(res.structuralOverall!.rate).toBeCloseTo(0.2654, 4);
    expect(row(res.structural, 'Contract', 'Month-to-month')).toMatchObject({ customers: 3875, churned: 1655 });
    expect(row(res.structural, 'Contract', 'One year')).toMatchObject({ customers: 1473, churned: 166 });
    expect(row(res.structural, 'Contract', 'Two year')).toMatchObject({ customers: 1695, churned: 48 });
    const m2m = row(res.structural, 'Contract', 'Month-to-month')!;
    expect(m2m.rate).toBeCloseTo(0.4271, 4);
    expect(m2m.lift).toBeCloseTo((1655 / 3875) / (1869 / 7043), 10);
    expect(m2m.valueShare).not.toBeNull(); // MonthlyCharges is the value basis
    // tenure (73 values) is cut into 5 quantile bands; every customer lands in one.
    const tenure = res.structural!.filter((r) => r.dimension === 'tenure');
    expect(tenure).toHaveLength(5);
    expect(tenure.reduce((s, r) => s + r.customers, 0)).toBe(7043);
    expect(tenure[0].value).toMatch(/^0-\d+$/);
    // Telco's top-20% payers churn above average: the 企业甲 call-out.
    expect(res.structuralCallouts.map((c) => c.kind)).toEqual(['high-value-churn']);
  });

  /**
   * 企业乙: churned = c001..c030 (all low value). Overall 30/100 = 0.3. Silver (1..50): 30/50 = 0.6,
   * lift 2, value share 465 / 1275 (sum 1..30 over sum 1..50), all of the lost value. Gold: 0.
   * score bands 1-20 (rate 1), 21-40 (0.5), rest 0; seats 1/2/3 by i mod 3; note is dropped.
   * The whole base's value-weighted churn is 465 / 5050, below the 0.3 customer rate: concentrated in low value.
   */
  it('computes rates, lifts and value shares by facts columns and attributes, and calls out churn concentrated in low value', async () => {
    await labeledBase('i <= 30');
    const prepared = await prepareAnalytics(qm, DEFAULT_SETTINGS, { today: '2024-01-01' });
    const res = await computeStructural(qm, prepared.settings);
    expect(res.structuralOverall!.rate).toBe(0.3);
    const silver = row(res.structural, 'tier', 'Silver')!;
    expect(silver).toMatchObject({ customers: 50, churned: 30, rate: 0.6, lostValueShare: 1 });
    expect(silver.lift).toBeCloseTo(2, 12);
    expect(silver.valueShare).toBeCloseTo(465 / 1275, 12);
    expect(row(res.structural, 'tier', 'Gold')).toMatchObject({ churned: 0, rate: 0, lift: 0, valueShare: 0, lostValueShare: 0 });
    expect(res.structural!.filter((r) => r.dimension === 'score').map((r) => [r.value, r.customers, r.rate]))
      .toEqual([['1-20', 20, 1], ['21-40', 20, 0.5], ['41-60', 20, 0], ['61-80', 20, 0], ['81-100', 20, 0]]);
    expect(res.structural!.filter((r) => r.dimension === 'seats').map((r) => r.value).sort()).toEqual(['1', '2', '3']);
    expect(res.structural!.some((r) => r.dimension === 'note')).toBe(false);
    expect(row(res.structural, 'value_tier', '高价值')).toMatchObject({ customers: 20, churned: 0 });
    expect(row(res.structural, 'value_tier', '低价值')).toMatchObject({ customers: 80, churned: 30 });
    expect(res.structuralCallouts.map((c) => c.kind)).toEqual(['low-value-concentration']);
  });

  /** 企业甲: churned = c081..c090 (half the high-value tier) and c001..c005: overall 0.15, high value 0.5. */
  it('calls out a high-value tier that churns above an unremarkable overall rate', async () => {
    await labeledBase('i BETWEEN 81 AND 90 OR i <= 5');
    const prepared = await prepareAnalytics(qm, DEFAULT_SETTINGS, { today: '2024-01-01' });
    const res = await computeStructural(qm, prepared.settings);
    const [callout] = res.structuralCallouts;
    expect(res.structuralCallouts).toHaveLength(1);
    expect(callout).toMatchObject({ kind: 'high-value-churn', value: '高价值', rate: 0.5, overallRate: 0.15 });
    expect(callout.lift).toBeCloseTo(0.5 / 0.15, 12);
  });

  it('adds the current plan and tenure band, and keeps value shares null without money', async () => {
    await qm.exec(`INSERT INTO subscriptions (subscription_id, customer_id, plan, start_date, end_date)
      SELECT 's' || i, 'c' || i, CASE WHEN i % 2 = 0 THEN 'Pro' ELSE 'Basic' END, DATE '2023-01-01' + CAST(i * 10 AS INTEGER),
        CASE WHEN i <= 4 THEN DATE '2024-03-01' END FROM range(1, 21) t(i)`);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30' });
    expect(prepared.churnRule).toBe('contractual');
    const res = await computeStructural(qm, prepared.settings);
    // c1..c4 ended: Basic c1, c3; Pro c2, c4 -> 2 of 10 each.
    expect(row(res.structural, 'plan', 'Basic')).toMatchObject({ customers: 10, churned: 2, rate: 0.2, valueShare: null });
    // Tenure = 546 - 10 i days: c19, c20 under a year.
    expect(res.structural!.filter((r) => r.dimension === 'tenure_band').map((r) => [r.value, r.customers])).toEqual([['6-12m', 2], ['1-2y', 18]]);
    expect(res.notes.join(' ')).toMatch(/no money value/);
  });

  it('slices buyers by RFM segment and value tier, with value shares from their order value', async () => {
    // c1..c25 buy once, c(i) on 2024-06-30 minus 10 i days for $i: the oldest 7 (over 180 days) are churned.
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount)
      SELECT 'o' || i, 'c' || i, DATE '2024-06-30' - CAST(10 * i AS INTEGER), i FROM range(1, 26) t(i)`);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30' });
    const res = await computeStructural(qm, prepared.settings);
    const rfm = res.structural!.filter((r) => r.dimension === 'rfm_segment');
    expect(rfm.length).toBeGreaterThan(1);
    expect(rfm.reduce((s, r) => s + r.customers, 0)).toBe(25);
    expect(res.structuralOverall).toMatchObject({ customers: 25, churned: 7 });
    // Lost value = 19 + ... + 25 = 154 of 325.
    expect(res.structuralOverall!.valueShare).toBeCloseTo(154 / 325, 12);
  });
});
