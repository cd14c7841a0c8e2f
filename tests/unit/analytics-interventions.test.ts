import { beforeAll, describe, expect, it } from 'vitest';
import type { QueryManager } from '../../src/engine/queryManager';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { lit } from '../../src/engine/sql';
import { buildCustomerFactsSql } from '../../src/analytics/facts/customerFacts';
import { computeInterventions } from '../../src/analytics/interventions/computeInterventions';
import { isSuccessOutcomeSql } from '../../src/analytics/interventions/outcomes';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';

const AS_OF = '2024-06-30';
const settings = { ...DEFAULT_SETTINGS, asOf: AS_OF };

describe('interventions (PDCA)', () => {
  let qm: QueryManager;
  beforeAll(async () => {
    qm = await createTestEngine();
    await qm.exec(`INSERT INTO interventions (customer_id, action_date, action, cost, outcome) VALUES
      ('T1', '2024-02-01', '专属关怀', 100, '成功'), ('T1', '2024-04-10', '回访', 30, NULL),
      ('T2', '2024-03-01', '优惠券', 50, '未挽回'), ('T3', '2024-03-01', '优惠券', 50, 'failed'),
      ('T4', '2024-05-15', '回访', 20, NULL), ('T5', '2024-08-01', '回访', 999, 'success')`);
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return) VALUES
      ('1', 'T1', '2023-09-01', 500, false), ('2', 'T1', '2024-01-10', 300, false),
      ('3', 'T2', '2023-12-01', 100, false), ('4', 'T2', '2024-03-15', 200, false),
      ('5', 'T3', '2023-10-01', 400, false), ('6', 'T4', '2024-05-01', 50, false),
      ('7', 'U1', '2024-01-01', 10, false), ('8', 'U1', '2024-03-01', 10, false),
      ('9', 'U2', '2023-06-01', 10, false),
      ('10', 'U3', '2024-01-05', 10, false), ('11', 'U3', '2024-04-15', 10, false),
      ('12', 'U5', '2024-05-01', 10, false), ('13', 'U6', '2024-03-10', 10, false), ('14', 'U7', '2024-02-01', 10, false)`);
    await qm.exec(`INSERT INTO subscriptions (customer_id, start_date, end_date) VALUES ('U4', '2023-01-01', NULL)`);
    await qm.exec(`CREATE TABLE cw_customer_value_tier AS SELECT * FROM (VALUES
      ('T1', '高价值'), ('T2', '低价值'), ('T3', '低价值'), ('T4', '新客户'), ('U1', '高价值'), ('U2', '高价值'),
      ('U3', '低价值'), ('U4', '低价值'), ('U5', '低价值'), ('U6', '低价值'), ('U7', '成长期')) t(customer_id, value_tier)`);
    await qm.exec(`CREATE TABLE cw_customer_risk AS SELECT * FROM (VALUES
      ('T1', 'red'), ('T2', 'amber'), ('T3', 'amber'), ('T4', 'red'), ('U1', 'red'), ('U2', 'red'),
      ('U3', 'amber'), ('U4', 'amber'), ('U5', 'amber'), ('U6', 'green'), ('U7', 'amber')) t(customer_id, tier)`);
    await qm.exec(buildCustomerFactsSql(AS_OF));
  });

  it('computes the win-back rate, money saved, cost and ROI of the actions up to the as-of date', async () => {
    const r = (await computeInterventions(qm, settings)).value!;
    // 5 actions by Jun 30 (T5's is in August). Saved: T1 by its outcome, T2 by buying on Mar 15 after its
    // coupon (its outcome says 未挽回); T3 failed, T4 did not buy again. 2 of 4 treated.
    // Money saved: trailing-12-month value T1 500 + 300, T2 100 + 200 = 1,100. Cost 100 + 30 + 50 + 50 + 20 = 250.
    // ROI (1100 - 250) / 250 = 3.4.
    expect(r.pdca).toEqual({ actionsTaken: 5, customersSaved: 2, moneySaved: 1100, cost: 250, roi: 3.4 });
    expect(r.customersTreated).toBe(4);
    expect(r.winBackRate).toBe(0.5);
    expect(r.byAction).toEqual([
      { action: '优惠券', actions: 2, customers: 2, saved: 1, cost: 100, winBackRate: 0.5 },
      { action: '回访', actions: 2, customers: 2, saved: 1, cost: 50, winBackRate: 0.5 },
      { action: '专属关怀', actions: 1, customers: 1, saved: 1, cost: 100, winBackRate: 1 },
    ]);
  });

  it('compares 90-day retention with untreated customers of the same value and risk tier over the same window', async () => {
    const r = (await computeInterventions(qm, settings)).value!;
    // Matured (first action by Apr 1): T1 (Feb 1), T2 and T3 (Mar 1). Retained 90 days on: T2 only.
    // Untreated customers are judged from the Monday of the action week (Jan 29 for T1, Feb 26 for T2, T3).
    // Cell 高价值/red: T1 0 vs untreated U1 (bought Mar 1) 1, U2 0 -> 0.5.
    // Cell 低价值/amber: T2 1, T3 0 vs U3 (bought Apr 15) 1, U4 (live subscription) 1 -> 1;
    // U5 was not a customer yet, U6 is green.
    // Treated (0 + 1 + 0) / 3 = 0.3333; comparable (1 x 0.5 + 2 x 1) / 3 = 0.8333.
    expect(r.retention90).toEqual({
      matured: 3, matched: 3, treatedRate: 0.3333, comparableRate: 0.8333, uplift: -0.5, comparablePairs: 4,
    });
  });

  it('matches on risk tier alone when there are no value tiers, and says so', async () => {
    await qm.exec('ALTER TABLE cw_customer_value_tier RENAME TO cw_customer_value_tier_away');
    try {
      const r = await computeInterventions(qm, settings);
      // amber at Mar 1 now also holds U7 (成长期, no purchase in the window): 2/3. (0.5 + 2 x 2/3) / 3 = 0.6111.
      expect(r.value!.retention90!.comparableRate).toBe(0.6111);
      expect(r.notes.join(' ')).toMatch(/risk tier only/);
    } finally {
      await qm.exec('ALTER TABLE cw_customer_value_tier_away RENAME TO cw_customer_value_tier');
    }
  });

  it('reads outcome words in Chinese and English, negations included', async () => {
    const texts: [string, boolean][] = [
      ['成功', true], ['已续约', true], ['Success', true], ['renewed', true], ['未挽回', false],
      ['failed', false], ['not renewed', false], ['unsuccessful', false], ['no', false], ['pending', false],
    ];
    const rows = await rowsOf<{ t: string; ok: boolean }>(qm,
      `SELECT t, ${isSuccessOutcomeSql('t')} AS ok FROM (VALUES ${texts.map(([t]) => `(${lit(t)})`).join(', ')}) v(t)`);
    expect(rows.map((r) => [r.t, r.ok])).toEqual(texts);
  });
});

describe('interventions without data', () => {
  it('is null with a note when no intervention is recorded', async () => {
    const qm = await createTestEngine();
    await qm.exec(buildCustomerFactsSql(AS_OF));
    const r = await computeInterventions(qm, settings);
    expect(r.value).toBeNull();
    expect(r.notes[0]).toMatch(/No interventions/);
  });
});
