import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import type { QueryManager } from '../../src/engine/queryManager';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeCustomers } from '../../src/analytics/status/computeCustomers';
import { pickChurnRule } from '../../src/analytics/status/pickRule';
import type { DataPresence } from '../../src/analytics/status/dataPresence';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../../src/analytics/settings';
import { CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from '../../src/ingest/schema';

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
// One engine per file (starting one costs seconds); every test starts from empty tables.
beforeEach(async () => {
  for (const t of [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE]) await qm.exec(`DELETE FROM ${t}`);
});

async function statusOf(): Promise<Record<string, string>> {
  const rows = await rowsOf<{ customer_id: string; status: string }>(qm, 'SELECT customer_id, status FROM cw_customer_status ORDER BY 1');
  return Object.fromEntries(rows.map((r) => [r.customer_id, r.status]));
}

/**
 * Rule-mode fixture, as of 2024-06-30 (W1 = max(30, 2 x median gap), W2 = 180):
 * A  01-01, 01-11, 01-31: gaps 10, 20 -> W1 30; 151 days since     -> silent
 * B  2023-01-01 only: 546 days                                     -> churned
 * C  06-01, 06-10: first seen after 05-30 (within the last month)  -> new
 * D  03-01, 05-01, 06-15: gaps 61, 45 -> W1 106; 15 days           -> active
 * E  2023-10-01, 2024-02-01: gap 123 -> W1 246 > W2; 150 days       -> active
 * F  01-02 only: exactly 180 days = W2, not more                   -> silent
 * G  01-01 only: 181 days                                          -> churned
 */
async function ruleFixture(): Promise<void> {
  const buys: [string, string][] = [
    ['A', '2024-01-01'], ['A', '2024-01-11'], ['A', '2024-01-31'], ['B', '2023-01-01'], ['C', '2024-06-01'], ['C', '2024-06-10'],
    ['D', '2024-03-01'], ['D', '2024-05-01'], ['D', '2024-06-15'], ['E', '2023-10-01'], ['E', '2024-02-01'], ['F', '2024-01-02'], ['G', '2024-01-01'],
  ];
  await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount) VALUES ${buys.map(([c, d], i) => `('o${i}', '${c}', '${d}', 10)`).join(', ')}`);
  await qm.exec(`INSERT INTO customers (customer_id, industry) VALUES ('A', 'SaaS'), ('G', 'SaaS'), ('B', 'Retail')`);
  await qm.exec(`INSERT INTO customer_attributes VALUES ('F', 'plan_type', 'annual', NULL, 'f.csv')`);
}

describe('customer status', () => {

  it('picks labeled, then contractual, then model at 500 repeat buyers, else rule, honouring a feasible override', () => {
    const p: DataPresence = { customers: 10, labeledChurned: 0, subscribers: 0, subscriptionsWithMrr: 0, buyers: 10, repeatBuyers: 499, withMonthlyValue: 0 };
    const s = { churnRule: null, modelMinRepeatCustomers: 500 };
    expect(pickChurnRule(p, s).rule).toBe('rule');
    expect(pickChurnRule({ ...p, repeatBuyers: 500 }, s).rule).toBe('model');
    expect(pickChurnRule({ ...p, subscribers: 1 }, s).rule).toBe('contractual');
    expect(pickChurnRule({ ...p, subscribers: 1, labeledChurned: 1 }, s).rule).toBe('labeled');
    expect(pickChurnRule(p, { ...s, churnRule: 'model' }).rule).toBe('model');
    const refused = pickChurnRule(p, { ...s, churnRule: 'contractual' });
    expect(refused.rule).toBe('rule');
    expect(refused.note).toMatch(/no subscriptions/);
  });

  it('applies the silent and churn windows of rule mode, with W2 itself still not churned', async () => {
    await ruleFixture();
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30' });
    expect(prepared.churnRule).toBe('rule');
    expect(await statusOf()).toEqual({ A: 'silent', B: 'churned', C: 'new', D: 'active', E: 'active', F: 'silent', G: 'churned' });
    const [w] = await rowsOf(qm, `SELECT silent_days, churn_days FROM cw_customer_status WHERE customer_id = 'D'`);
    expect(w).toEqual({ silent_days: 106, churn_days: 180 });
    const { customers } = await computeCustomers(qm, prepared.settings);
    expect(customers).toEqual({ total: 7, active: 2, silent: 2, churned: 2, new: 1, churnRule: 'rule' });
  });

  it('lets segment windows on a facts column or a customer attribute override the global windows', async () => {
    await ruleFixture();
    const settings: AnalyticsSettings = {
      ...DEFAULT_SETTINGS, asOf: '2024-06-30',
      segmentWindows: [
        { dimension: 'industry', value: 'SaaS', silentDays: 200, churnDays: 400 },
        { dimension: 'plan_type', value: 'annual', silentDays: 365, churnDays: 730 },
      ],
    };
    await prepareAnalytics(qm, settings);
    // A (151 d) and G (181 d) are SaaS: under 200 days they are active; F (180 d) is on an annual plan.
    expect(await statusOf()).toMatchObject({ A: 'active', G: 'active', F: 'active', B: 'churned', E: 'active' });
    // A global W1 replaces the cadence rule: D (15 d) stays active, E (150 d) turns silent at W1 = 120.
    await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30', silentDays: 120 });
    expect(await statusOf()).toMatchObject({ D: 'active', E: 'silent', A: 'silent' });
  });

  it('marks labeled churners churned, labels new sign-ups new, and never turns a churner new', async () => {
    await qm.exec(`INSERT INTO customers (customer_id, signup_date, status, churned) VALUES
      ('A', '2024-06-15', 'Yes', true), ('B', '2024-06-20', 'No', false), ('C', '2023-01-01', NULL, NULL)`);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30' });
    expect(prepared.churnRule).toBe('labeled');
    expect(await statusOf()).toEqual({ A: 'churned', B: 'new', C: 'active' });
    // With a quarterly period 'new' reaches back three months.
    await qm.exec(`INSERT INTO customers (customer_id, signup_date, churned) VALUES ('D', '2024-04-15', false)`);
    await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30', period: 'quarter' });
    expect((await statusOf()).D).toBe('new');
  });

  /**
   * Contractual fixture as of 2024-06-30 (renewal warning 15 days):
   * P open since 01-01, renews 07-10, activity 10 -> 2 (down > 25%)  -> silent
   * Q open since 01-01, renews 07-10, no risk signal                  -> active
   * R ended 2024-05-01                                                -> churned (last MRR 50)
   * S ended 2024-06-30 = as-of: ended                                 -> churned
   * T started 06-20                                                   -> new
   * V ended 03-01 but renewed by a sub from 03-01                     -> active, MRR 60
   * U is only in customers: no subscription, so not a customer under this rule.
   */
  it('decides contractual status from running subscriptions and flags risky renewals as silent', async () => {
    await qm.exec(`INSERT INTO subscriptions (subscription_id, customer_id, start_date, end_date, renewal_date, mrr) VALUES
      ('s1', 'P', '2024-01-01', NULL, '2024-07-10', 100), ('s2', 'Q', '2024-01-01', NULL, '2024-07-10', 200),
      ('s3', 'R', '2023-01-01', '2024-05-01', NULL, 50), ('s4', 'S', '2023-01-01', '2024-06-30', NULL, 80),
      ('s5', 'T', '2024-06-20', NULL, NULL, 30), ('s6', 'V', '2023-03-01', '2024-03-01', NULL, 40), ('s7', 'V', '2024-03-01', NULL, '2025-03-01', 60)`);
    await qm.exec(`INSERT INTO activity (customer_id, event_date, count) VALUES ('P', '2024-03-01', 10), ('P', '2024-06-01', 2)`);
    await qm.exec(`INSERT INTO customers (customer_id) VALUES ('U')`);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30' });
    expect(prepared.churnRule).toBe('contractual');
    expect(prepared.valueBasis).toBe('mrr');
    // U has no subscription: it is judged by purchases (none, and no fit), so it stays active.
    expect(await statusOf()).toEqual({ P: 'silent', Q: 'active', R: 'churned', S: 'churned', T: 'new', U: 'active', V: 'active' });
    const values = await rowsOf(qm, `SELECT customer_id, value FROM cw_customer_status WHERE customer_id IN ('P', 'R', 'V') ORDER BY 1`);
    expect(values).toEqual([{ customer_id: 'P', value: 100 }, { customer_id: 'R', value: 50 }, { customer_id: 'V', value: 60 }]);
    const { customers } = await computeCustomers(qm, prepared.settings);
    expect(customers).toEqual({ total: 7, active: 3, silent: 1, churned: 2, new: 1, churnRule: 'contractual' });
  });

  it('derives labeled statuses for the Telco snapshot and model statuses from P(alive) thresholds', async () => {
    await loadSharedFile(qm, 'telco/Telco-Customer-Churn.csv');
    const telco = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS }, { today: '2024-01-01' });
    expect(telco.asOfSource).toBe('today');
    expect((await computeCustomers(qm, telco.settings)).customers).toEqual({ total: 7043, active: 5174, silent: 0, churned: 1869, new: 0, churnRule: 'labeled' });

    for (const t of [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE]) await qm.exec(`DELETE FROM ${t}`);
    const cd = qm;
    await loadSharedFile(cd, 'cdnow/CDNOW_sample.txt');
    const model = await prepareAnalytics(cd, { ...DEFAULT_SETTINGS, asOf: '1997-09-30' });
    expect(model.churnRule).toBe('model');
    const [bad] = await rowsOf<{ n: number }>(cd, `SELECT count(*)::INTEGER AS n FROM cw_customer_status WHERE status <> CASE
      WHEN p_alive >= 0.7 THEN 'active' WHEN p_alive < 0.3 THEN 'churned' ELSE 'silent' END`);
    expect(bad.n).toBe(0);
    const summary = (await computeCustomers(cd, model.settings)).customers;
    expect(summary.total).toBe(2357);
    expect(summary.active + summary.silent + summary.churned + summary.new).toBe(2357);
    expect(summary.silent).toBeGreaterThan(0);
    // Stricter thresholds move customers from active to silent.
    await prepareAnalytics(cd, { ...DEFAULT_SETTINGS, asOf: '1997-09-30', pAliveActive: 0.9 });
    expect((await computeCustomers(cd, model.settings)).customers.active).toBeLessThan(summary.active);
  }, 30_000);

  it('keeps the spells consistent with the status: churned exactly when no spell covers the as-of date', async () => {
    await loadSharedFile(qm, 'cdnow/CDNOW_master.txt');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, churnRule: 'rule' });
    expect(prepared.asOf).toBe('1998-06-30');
    const [r] = await rowsOf<{ mismatched: number; churned: number }>(qm, `SELECT
      count(*) FILTER (WHERE (st.status = 'churned') = EXISTS (SELECT 1 FROM cw_customer_spells sp WHERE sp.customer_id = st.customer_id
        AND sp.spell_start <= DATE '1998-06-30' AND (sp.spell_end IS NULL OR sp.spell_end >= DATE '1998-06-30')))::INTEGER AS mismatched,
      count(*) FILTER (WHERE st.status = 'churned')::INTEGER AS churned
      FROM cw_customer_status st`);
    expect(r.mismatched).toBe(0);
    // Independently: customers whose last order is more than 180 days before 1998-06-30.
    const [direct] = await rowsOf<{ n: number }>(qm, `SELECT count(*)::INTEGER AS n FROM (SELECT customer_id FROM orders GROUP BY 1
      HAVING DATE '1998-06-30' - max(CAST(order_date AS DATE)) > 180)`);
    expect(r.churned).toBe(direct.n);
  }, 30_000);
});
