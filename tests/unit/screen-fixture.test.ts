import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine } from '../helpers/engine';
import type { QueryManager } from '../../src/engine/queryManager';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { loadKpis } from '../../src/analytics/screen/kpis';
import { loadTrend } from '../../src/analytics/screen/trend';
import { loadRiskList } from '../../src/analytics/screen/riskList';
import { missingDataHint } from '../../src/analytics/screen/missingData';

/**
 * Nine customers, transactions only, rule mode with W2 = 20 days, monthly periods, as of
 * 2024-04-30. A purchase keeps a customer on that day and the 20 after (spells):
 *   A 北 01-05 ($100), 01-20 ($50)        -> 01-05..02-09
 *   B 南 01-25 ($40)                      -> 01-25..02-14
 *   C 北 02-10 ($70)                      -> 02-10..03-01
 *   D 南 03-02 ($10), 04-20 ($20)         -> 03-02..03-22, 04-20..05-10
 *   E 北 02-25 ($30), 04-25 ($60)         -> 02-25..03-16, 04-25..05-15
 *   F 南 03-20 ($25)                      -> 03-20..04-09
 *   G 北 03-15, 04-01, 04-18 ($15 each)   -> 03-15..05-08
 *   H 南 04-10 ($80), first seen in the last month -> status new
 *   I 北 2023-11-15, 12-15, 2024-01-15 ($100 each), 04-20 ($10); two complaints in April, NPS 0.
 *
 * Churn by month (start = customers on the day before; churned = of them, gone at the end):
 *   Mar: start C, E (02-29), both gone by 03-31 -> 2 / 2 = 1 (D joined and lost, not counted)
 *   Apr: start F, G (03-31), F gone by 04-30   -> 1 / 2 = 0.5 (latest complete period)
 * Value churn (the churned customers' order value in the 12 months before the period / everyone's):
 *   Mar: (C 70 + E 30) / (A 150 + B 40 + C 70 + E 30 + I 300) = 100 / 590
 *   Apr: F 25 / (590 + D 10 + F 25 + G 15) = 25 / 640
 * Customers: 9 now; 8 first seen on or before 2024-03-30 (H first bought on 04-10).
 * Status as of 04-30: A, B, C, F churned (more than 20 days without a purchase).
 * Health score of I (signals: recency 25, frequency 15, monetary 15, complaints 15, NPS 10):
 *   recency 10 days vs own median gap 31 -> 1; orders 1 vs 3 -> 1/3; spend 10 vs 300 -> 1/30;
 *   2 complaints in 30 days -> 0; NPS 0 -> 0. Score = 100 x (25 + 5 + 0.5) / 80 = 38.1 -> red.
 *   D, E, G, H score 100 (green). A is red too (score 21.4) but churned: not a warning.
 * At-risk value: no CLV (5 repeat buyers are too few to fit), so I's trailing-12-month value = 310.
 * Win-back: treated I ('成功挽回'), A ('未挽回', no purchase after), D (no outcome, bought 04-20
 *   after the 03-25 call): saved I and D -> 2 / 3.
 * Region 南 (B, D, F, H): customers 4, previous 3; Apr start F -> 1 / 1, Mar start none -> null;
 *   value churn Apr 25 / (B 40 + D 10 + F 25) = 1/3, Mar 0 / 40 = 0; red 0; win-back D -> 1 / 1.
 */
const ORDERS: [string, string, number][] = [
  ['A', '2024-01-05', 100], ['A', '2024-01-20', 50], ['B', '2024-01-25', 40], ['C', '2024-02-10', 70],
  ['D', '2024-03-02', 10], ['D', '2024-04-20', 20], ['E', '2024-02-25', 30], ['E', '2024-04-25', 60],
  ['F', '2024-03-20', 25], ['G', '2024-03-15', 15], ['G', '2024-04-01', 15], ['G', '2024-04-18', 15],
  ['H', '2024-04-10', 80],
  ['I', '2023-11-15', 100], ['I', '2023-12-15', 100], ['I', '2024-01-15', 100], ['I', '2024-04-20', 10],
];
const REGIONS: Record<string, string> = { A: '北', B: '南', C: '北', D: '南', E: '北', F: '南', G: '北', H: '南', I: '北' };

let qm: QueryManager;
let ctx: ScreenContext;

beforeAll(async () => {
  qm = await createTestEngine();
  await qm.exec(`INSERT INTO customers (customer_id, name, region) VALUES ${Object.entries(REGIONS).map(([c, r]) => `('${c}', 'Customer ${c}', '${r}')`).join(', ')}`);
  await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount) VALUES ${ORDERS.map(([c, d, a], i) => `('o${i}', '${c}', '${d}', ${a})`).join(', ')}`);
  await qm.exec(`INSERT INTO tickets (ticket_id, customer_id, opened_at, type) VALUES ('t1', 'I', '2024-04-10 09:00', '投诉'), ('t2', 'I', '2024-04-20 09:00', '投诉')`);
  await qm.exec(`INSERT INTO nps (customer_id, survey_date, score) VALUES ('I', '2024-04-25', 0)`);
  await qm.exec(`INSERT INTO interventions (customer_id, action_date, action, cost, outcome) VALUES
    ('I', '2024-04-01', '专属关怀', 50, '成功挽回'), ('A', '2024-02-20', '优惠券', 20, '未挽回'), ('D', '2024-03-25', '回访', 10, NULL)`);
  ctx = await prepareScreen(qm, { ...DEFAULT_SETTINGS, asOf: '2024-04-30', churnRule: 'rule', churnDays: 20 });
}, 60_000);

describe('KPIs on a hand-made company', () => {
  it('counts customers now and a month earlier, and takes the churn rates of April against March', async () => {
    const k = (await loadKpis(qm, ctx, [], 'zh-CN'))!;
    expect(k.asOf).toBe('2024-04-30');
    expect(k.period).toBe('2024-04');
    expect(k.customers).toEqual({ value: 9, previous: 8 });
    expect(k.churnRate).toEqual({ value: 0.5, previous: 1, numerator: 1, denominator: 2 });
    expect(k.revenueChurn).toMatchObject({ kind: 'value', numerator: 25, denominator: 640 });
    expect(k.revenueChurn!.value).toBeCloseTo(25 / 640, 12);
    expect(k.revenueChurn!.previous).toBeCloseTo(100 / 590, 12);
    expect(k.nrr).toBeNull();
  });

  it('counts only the red customers not yet churned, their trailing-12-month value, and the win-back rate', async () => {
    const k = (await loadKpis(qm, ctx, [], 'en'))!;
    expect(k.redCustomers).toEqual({ value: 1, previous: null });
    expect(k.atRiskValue).toEqual({ value: 310, previous: null });
    expect(k.winBackRate!.value).toBeCloseTo(2 / 3, 12);
    expect(k.winBackRate).toMatchObject({ numerator: 2, denominator: 3, previous: null });
    const [i] = (await loadRiskList(qm, ctx, [], 'en'))!;
    expect(i).toMatchObject({ customer_id: 'I', risk_tier: 'red', score: 38.1, value: 310, status: 'active' });
  });

  it('restricts every KPI to the drilled region', async () => {
    const k = (await loadKpis(qm, ctx, [{ dimension: 'region', value: '南' }], 'zh-CN'))!;
    expect(k.customers).toEqual({ value: 4, previous: 3 });
    expect(k.churnRate).toEqual({ value: 1, previous: null, numerator: 1, denominator: 1 });
    expect(k.revenueChurn!.value).toBeCloseTo(1 / 3, 12);
    expect(k.revenueChurn!.previous).toBe(0);
    expect(k.redCustomers!.value).toBe(0);
    expect(k.atRiskValue!.value).toBe(0);
    expect(k.winBackRate).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
  });

  it('draws the trend from the first spell to the as-of month with the default 5% threshold', async () => {
    const t = (await loadTrend(qm, ctx, [], 'zh-CN'))!;
    expect(t.threshold).toBe(0.05);
    expect(t.points.map((p) => [p.period, p.start, p.churned, p.rate, p.partial])).toEqual([
      ['2023-11', 0, 0, null, false], ['2023-12', 1, 0, 0, false], ['2024-01', 1, 0, 0, false],
      ['2024-02', 3, 3, 1, false], ['2024-03', 2, 2, 1, false], ['2024-04', 2, 1, 0.5, false],
    ]);
  });

  it('gives no missing-data hint for panels the data fills', () => {
    expect(missingDataHint('trend', ctx)).toBeNull();
    expect(missingDataHint('risk', ctx)).toBeNull();
    expect(missingDataHint('region', ctx)).toBeNull();
  });
});

describe('a customers-only snapshot', () => {
  it('leaves the dated panels empty and names the files that would fill them', async () => {
    const snap = await createTestEngine();
    await snap.exec(`INSERT INTO customers (customer_id, name, tier) VALUES ('X', 'x', 'a'), ('Y', 'y', 'b'), ('Z', 'z', 'a')`);
    const c = await prepareScreen(snap, { ...DEFAULT_SETTINGS }, { today: '2024-05-01' });
    expect(await loadTrend(snap, c, [], 'zh-CN')).toBeNull();
    const k = (await loadKpis(snap, c, [], 'en'))!;
    // No customer has a date, so there is no count one period earlier (it read "vs previous — 0").
    expect(k.customers).toEqual({ value: 3, previous: null });
    expect(k.churnRate).toBeNull();
    expect(k.redCustomers).toBeNull();
    expect(missingDataHint('trend', c)!.en).toMatch(/orders export .* subscriptions export/);
    expect(missingDataHint('trend', c)!.zh).toMatch(/订单表.*订阅表/);
    expect(missingDataHint('region', c)!.en).toMatch(/region column/);
    expect(missingDataHint('risk-list', c)!.zh).toMatch(/健康分/);
    expect(missingDataHint('kpis', c)).toBeNull();
  }, 60_000);
});
