import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import type { QueryManager } from '../../src/engine/queryManager';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeRfm } from '../../src/analytics/rfm/computeRfm';
import { rfmSegmentCaseSql } from '../../src/analytics/rfm/rfmSql';
import { RFM_SEGMENTS, rfmSegmentOf } from '../../src/analytics/rfm/segments';
import { DEFAULT_PLAYS, playFor } from '../../src/analytics/rfm/plays';
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

/**
 * c01..c10 as of 2024-06-30: c(i) has i orders of $10 on as-of - i - 30 j days (j = 0..i-1).
 * NTILE(5) over 10 buyers puts two in each quintile: F and M = ceil(i/2); R = 6 - ceil(i/2).
 * c1,c2 (5,1,1) New Customers | c3,c4 (4,2,2) Potential Loyalist | c5,c6 (3,3,3) Loyal ->
 * Potential Loyalist -> Need Attention | c7,c8 (2,4,4) Loyal -> At Risk | c9,c10 (1,5,5) At Risk
 * -> Can't Lose Them.
 * Value tiers: top 20% by 12-month value c9, c10 (高价值); first order under 90 days ago c1 (1 d),
 * c2 (32 d), c3 (63 d) (新客户); last 90 days > previous 90: c4 (30 vs 10), c5 (30 vs 20) (成长期);
 * c6..c8 spend 30 vs 30 (低价值).
 */
async function tenBuyers(): Promise<void> {
  await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount)
    SELECT 'o' || i || '-' || j, 'c' || lpad(i::VARCHAR, 2, '0'), DATE '2024-06-30' - CAST(i + 30 * j AS INTEGER), 10
    FROM range(1, 11) a(i), range(0, 10) b(j) WHERE j < i`);
}

describe('RFM and value tiers', () => {
  it('applies the segment table in order, a later match overwriting an earlier one', () => {
    expect(rfmSegmentOf(5, 5, 5)).toBe('Loyal Customers'); // Champions is inside Loyal Customers' ranges
    expect(rfmSegmentOf(5, 1, 1)).toBe('New Customers');
    expect(rfmSegmentOf(4, 1, 1)).toBe('Promising');
    expect(rfmSegmentOf(1, 5, 5)).toBe("Can't Lose Them");
    expect(rfmSegmentOf(2, 2, 2)).toBe('Lost');
    expect(rfmSegmentOf(3, 5, 1)).toBe('Others');
    expect(rfmSegmentOf(5, 5, 5, RFM_SEGMENTS.slice(0, 1))).toBe('Champions');
  });

  it('assigns the same segment in SQL as in TypeScript for all 125 score triples', async () => {
    const rows = await rowsOf<{ r: number; f: number; m: number; segment: string }>(qm, `SELECT r, f, m, ${rfmSegmentCaseSql()} AS segment
      FROM (SELECT CAST(r AS INTEGER) r, CAST(f AS INTEGER) f, CAST(m AS INTEGER) m FROM range(1, 6) a(r), range(1, 6) b(f), range(1, 6) c(m))`);
    expect(rows).toHaveLength(125);
    for (const x of rows) expect(x.segment).toBe(rfmSegmentOf(x.r, x.f, x.m));
  });

  it('scores quintiles with R reversed, names segments and tiers customers by value', async () => {
    await tenBuyers();
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30' });
    const scores = await rowsOf(qm, `SELECT customer_id, recency_days, frequency, monetary, r, f, m, segment FROM cw_customer_rfm ORDER BY 1`);
    expect(scores[0]).toEqual({ customer_id: 'c01', recency_days: 1, frequency: 1, monetary: 10, r: 5, f: 1, m: 1, segment: 'New Customers' });
    expect(scores[9]).toEqual({ customer_id: 'c10', recency_days: 10, frequency: 10, monetary: 100, r: 1, f: 5, m: 5, segment: "Can't Lose Them" });
    const { rfm, valueTiers } = await computeRfm(qm, prepared.settings);
    expect(rfm!.map((x) => x.segment)).toEqual([...RFM_SEGMENTS.map((s) => s.segment), 'Others']);
    expect(rfm!.filter((x) => x.customers > 0)).toEqual([
      { segment: 'Potential Loyalist', customers: 2, value: 70 }, { segment: 'New Customers', customers: 2, value: 30 },
      { segment: 'Need Attention', customers: 2, value: 110 }, { segment: 'At Risk', customers: 2, value: 150 },
      { segment: "Can't Lose Them", customers: 2, value: 190 },
    ]);
    const tiers = await rowsOf(qm, `SELECT value_tier, list(customer_id ORDER BY customer_id) AS ids FROM cw_customer_value_tier GROUP BY 1 ORDER BY 1`);
    expect(Object.fromEntries(tiers.map((t) => [t.value_tier, t.ids]))).toEqual({
      高价值: ['c09', 'c10'], 新客户: ['c01', 'c02', 'c03'], 成长期: ['c04', 'c05'], 低价值: ['c06', 'c07', 'c08'],
    });
    expect(valueTiers.map((t) => [t.tier, t.customers, t.value12m])).toEqual([['高价值', 2, 190], ['新客户', 3, 60], ['成长期', 2, 90], ['低价值', 3, 210]]);
  });

  it('exports the recommended plays as editable data and picks the at-risk play for amber and red', () => {
    expect(DEFAULT_PLAYS.map((p) => p.tier)).toEqual(['高价值', '成长期', '新客户', '低价值']);
    expect(playFor('高价值', 'red')).toEqual(['专属客户经理一对一关怀', '定制化服务']);
    expect(playFor('新客户', 'green')).toEqual(['新手礼包', '入门培训']);
    const edited = DEFAULT_PLAYS.map((p) => (p.tier === '低价值' ? { ...p, atRisk: ['短信唤醒'] } : p));
    expect(playFor('低价值', 'amber', edited)).toEqual(['短信唤醒']);
  });

  it('returns no RFM for a snapshot without orders but still tiers customers by monthly value', async () => {
    await loadSharedFile(qm, 'telco/Telco-Customer-Churn.csv');
    const prepared = await prepareAnalytics(qm, DEFAULT_SETTINGS, { today: '2024-01-01' });
    const res = await computeRfm(qm, prepared.settings);
    expect(res.rfm).toBeNull();
    expect(res.notes[0]).toMatch(/needs orders/);
    expect(res.valueTiers.reduce((s, t) => s + t.customers, 0)).toBe(7043);
    expect(res.valueTiers[0].customers).toBeLessThanOrEqual(Math.floor(7043 * 0.2));
    expect(res.valueTiers[0].customers).toBeGreaterThan(1300);
  });

  it('gives every CDNOW_master buyer a quintile on each axis with R = 5 the most recent', async () => {
    await loadSharedFile(qm, 'cdnow/CDNOW_master.txt');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, churnRule: 'rule' });
    const { rfm } = await computeRfm(qm, prepared.settings);
    expect(rfm!.reduce((s, x) => s + x.customers, 0)).toBe(23570);
    expect(rfm!.reduce((s, x) => s + x.value, 0)).toBeCloseTo(2500315.63, 2);
    const sizes = await rowsOf<{ r: number; n: number; max_days: number; min_days: number }>(qm, `SELECT r, count(*)::INTEGER AS n,
      max(recency_days) AS max_days, min(recency_days) AS min_days FROM cw_customer_rfm GROUP BY r ORDER BY r`);
    expect(sizes.map((s) => s.n)).toEqual([4714, 4714, 4714, 4714, 4714]);
    for (let i = 1; i < 5; i++) expect(sizes[i].max_days).toBeLessThanOrEqual(sizes[i - 1].min_days);
  }, 30_000);
});
