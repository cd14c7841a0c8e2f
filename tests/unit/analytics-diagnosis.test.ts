import { describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import { buildCustomerFactsSql } from '../../src/analytics/facts/customerFacts';
import {
  checkOneSizeFitsAll, checkServiceBeforeChurn, checkSingleSignal, checkStructuralHidden, type StructuralRow,
} from '../../src/analytics/diagnosis/checks';
import { computeDiagnosis } from '../../src/analytics/diagnosis/computeDiagnosis';
import { formatFinding } from '../../src/analytics/diagnosis/findingText';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';

const row = (dimension: string, value: string, customers: number, churned: number, overall: number): StructuralRow => ({
  dimension, value, customers, churned, rate: churned / customers, lift: churned / customers / overall,
});

// Telco by contract (shared/data/README.md): overall 1,869 / 7,043 = 26.54%.
const OVERALL = 1869 / 7043;
const CONTRACT = [
  row('Contract', 'Month-to-month', 3875, 1655, OVERALL),
  row('Contract', 'One year', 1473, 166, OVERALL),
  row('Contract', 'Two year', 1695, 48, OVERALL),
];

describe('diagnosis checks', () => {
  it('calls out the segment churning far above a normal-looking overall rate, ignoring tiny segments', () => {
    const tiny = row('Region', 'Islands', 12, 10, OVERALL);
    const f = checkStructuralHidden([...CONTRACT, tiny]);
    // Month-to-month 1,655 / 3,875 = 42.71%, lift 0.427097 / 0.265370 = 1.6094; Islands (lift 3.1) has 12 < 2% of 7,043.
    expect(f).toEqual({
      check: 'structural-hidden', status: 'flag',
      params: { dimension: 'Contract', value: 'Month-to-month', customers: 3875, rate: 0.4271, overall: 0.2654, lift: 1.6094 },
    });
    expect(formatFinding(f, 'en')).toBe('Overall churn 26.5% looks normal, but Contract = Month-to-month churns at 42.7% (1.61x)');
    expect(formatFinding(f, 'zh')).toBe('整体流失率26.5%看似正常，但Contract=Month-to-month的流失率为42.7%（1.61倍）');
  });

  it('prefers a high-value tier above the threshold over a slightly higher lift elsewhere', () => {
    const overall = 0.1;
    const rows = [row('tier', '高价值', 200, 32, overall), row('tier', '低价值', 800, 68, overall), row('Region', 'North', 300, 50, overall)];
    expect(checkStructuralHidden(rows, overall).params).toMatchObject({ value: '高价值', lift: 1.6 });
    expect(checkStructuralHidden([row('tier', 'a', 500, 55, 0.1), row('tier', 'b', 500, 45, 0.1)]).status).toBe('ok');
    // RFM segments restate recency, the churn rule's input: "Lost" churning is not a structural finding.
    expect(checkStructuralHidden([...rows, row('rfm_segment', 'Lost', 300, 240, overall)], overall).params).toMatchObject({ value: '高价值' });
    expect(checkStructuralHidden(null).status).toBe('na');
  });

  it('flags repeated complaints before churn only when they clearly exceed the retained baseline', () => {
    const s = (c: number, r: number) => ({ windowDays: 30, minComplaints: 2, churned: { customers: 100, share: c }, retained: { customers: 900, share: r } });
    const flag = checkServiceBeforeChurn(s(0.45, 0.08));
    expect(flag).toMatchObject({ status: 'flag', params: { lift: 5.625 } });
    expect(formatFinding(flag, 'en')).toBe('45% of churned customers had 2+ complaints in the 30 days before leaving, vs 8% of retained customers (5.6x)');
    expect(formatFinding(flag, 'zh')).toBe('45%的流失客户在流失前30天内投诉2次及以上，留存客户为8%（5.6倍）');
    expect(checkServiceBeforeChurn(s(0.1, 0.09)).status).toBe('ok');
    expect(checkServiceBeforeChurn(s(0.2, 0))).toMatchObject({ status: 'flag', params: { lift: null } });
    expect(checkServiceBeforeChurn(null).status).toBe('na');
  });

  it('compares the churn of value tiers by their max/min ratio, skipping tiers under 10 customers', () => {
    const f = checkOneSizeFitsAll([
      { tier: '高价值', customers: 20, churned: 2 }, { tier: '低价值', customers: 20, churned: 8 }, { tier: '新客户', customers: 5, churned: 5 },
    ]);
    expect(f).toMatchObject({ status: 'flag', params: { highTier: '低价值', highRate: 0.4, lowTier: '高价值', lowRate: 0.1, ratio: 4 } });
    expect(formatFinding(f, 'en')).toBe('Value tiers churn very differently: low value 40% vs high value 10% (4x); tailor the plays per tier');
    expect(formatFinding(f, 'zh')).toBe('各价值层流失差异大：低价值40%，高价值10%（4倍），应分层施策');
    expect(checkOneSizeFitsAll([{ tier: 'a', customers: 50, churned: 10 }, { tier: 'b', customers: 50, churned: 12 }]).status).toBe('ok');
    expect(checkOneSizeFitsAll([{ tier: 'a', customers: 50, churned: 10 }]).status).toBe('na');
  });

  it('measures how much the multi-signal warning beats the best single signal', () => {
    const f = checkSingleSignal({ auc: 0.86, source: 'rules' }, { signal: 'recency', auc: 0.8 });
    expect(f).toMatchObject({ status: 'flag', params: { gain: 0.06 } });
    expect(formatFinding(f, 'en')).toBe('The multi-signal warning (AUC 0.86) beats the best single signal, recency vs cadence (0.80), by 0.06');
    expect(formatFinding(f, 'zh')).toBe('多信号预警AUC 0.86，比最佳单一信号购买间隔（0.80）高出0.06');
    expect(checkSingleSignal({ auc: 0.81, source: 'model' }, { signal: 'tenure', auc: 0.8 }).status).toBe('ok');
    expect(checkSingleSignal({ auc: null, source: 'rules' }, null).status).toBe('na');
  });
});

describe('diagnosis on the engine', () => {
  it('counts rule-churned customers the model still sees alive and compares value-tier churn from the status and RFM tables', async () => {
    const qm = await createTestEngine();
    // A1..A5 last ordered over 180 days before the as-of date (rule-churned); A6 ordered recently.
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return)
      SELECT 'o' || i, 'A' || i, CASE WHEN i = 6 THEN DATE '2024-06-01' ELSE DATE '2023-11-01' END, 10, false FROM range(1, 7) t(i)`);
    await qm.exec(buildCustomerFactsSql('2024-06-30'));
    // P(alive): A1 0.8 and A2 0.5 are still alive (>= 0.3), A3 0.2 and A4 0.1 are not, A5 has none.
    // Value tiers: 20 高价值 customers with 2 churned, 20 低价值 with 8, 5 新客户 (too few to judge).
    await qm.exec(`CREATE TABLE cw_customer_status AS
      SELECT * FROM (VALUES ('A1', 'churned', 'model', 0.8), ('A2', 'silent', 'model', 0.5), ('A3', 'churned', 'model', 0.2),
        ('A4', 'churned', 'model', 0.1), ('A5', 'churned', 'model', NULL), ('A6', 'active', 'model', 0.9)) t(customer_id, status, rule, p_alive)
      UNION ALL SELECT 'H' || i, CASE WHEN i < 2 THEN 'churned' ELSE 'active' END, 'model', 0.9 FROM range(20) t(i)
      UNION ALL SELECT 'L' || i, CASE WHEN i < 8 THEN 'churned' ELSE 'active' END, 'model', 0.9 FROM range(20) t(i)
      UNION ALL SELECT 'N' || i, 'churned', 'model', 0.9 FROM range(5) t(i)`);
    // Value tiers read from a cw_customer_rfm with a value_tier column when there is no cw_customer_value_tier.
    await qm.exec(`CREATE TABLE cw_customer_rfm AS
      SELECT 'H' || i AS customer_id, '高价值' AS value_tier, 'Champions' AS segment FROM range(20) t(i)
      UNION ALL SELECT 'L' || i, '低价值', 'Lost' FROM range(20) t(i)
      UNION ALL SELECT 'N' || i, '新客户', 'New Customers' FROM range(5) t(i)`);
    const r = await computeDiagnosis(qm, { ...DEFAULT_SETTINGS, asOf: '2024-06-30' }, { structural: CONTRACT, risk: null, service: null });
    const [structural, silent, service, tiers, single] = r.value!;
    expect(structural.status).toBe('flag');
    expect(silent).toMatchObject({ check: 'silent-as-lost', status: 'flag', params: { ruleChurned: 4, stillAlive: 2, share: 0.5, churnDays: 180 } });
    expect(silent.text.en).toBe('2 of 4 customers counted as churned by the 180-day rule (50%) are still likely alive (P(alive) >= 0.3)');
    expect(silent.text.zh).toBe('按180天规则判为流失的4位客户中，2位（50%）仍可能存活（P(alive)≥0.3）');
    expect(service.status).toBe('na');
    expect(tiers).toMatchObject({ status: 'flag', params: { highTier: '低价值', lowTier: '高价值', ratio: 4 } });
    expect(single.status).toBe('na');
    expect(r.notes).toHaveLength(2);
  });

  it('on Telco finds the month-to-month structural churn and the model beating tenure alone', async () => {
    const qm = await createTestEngine();
    await loadSharedFile(qm, 'telco/Telco-Customer-Churn.csv');
    const settings = { ...DEFAULT_SETTINGS, asOf: '2024-01-01' };
    await qm.exec(buildCustomerFactsSql(settings.asOf));
    await qm.exec(`CREATE TABLE cw_customer_status AS
      SELECT customer_id, CASE WHEN churned THEN 'churned' ELSE 'active' END AS status, 'labeled' AS rule, NULL::DOUBLE AS p_alive FROM customers`);
    const structural = await rowsOf<{ dimension: string; value: string; customers: number; churned: number }>(qm,
      `SELECT 'Contract' AS dimension, a.value_text AS value, count(*)::INT AS customers, count(*) FILTER (WHERE c.churned)::INT AS churned
       FROM customers c JOIN customer_attributes a ON a.customer_id = c.customer_id AND a.attribute = 'Contract' GROUP BY 2 ORDER BY 2`);
    const rows = structural.map((s) => row(s.dimension, s.value, s.customers, s.churned, OVERALL));
    const r = await computeDiagnosis(qm, settings, { structural: rows });
    const [s, silent, service, tiers, single] = r.value!;
    expect(s.params).toMatchObject({ value: 'Month-to-month', customers: 3875, rate: 0.4271 });
    // Labeled status: no P(alive), no tickets, no value tiers.
    expect([silent.status, service.status, tiers.status]).toEqual(['na', 'na', 'na']);
    // No rule score on a snapshot, so the model (AUC 0.812) is compared with tenure alone (0.745).
    expect(single).toMatchObject({ status: 'flag', params: { source: 'model', signal: 'tenure', multiAuc: 0.8119, singleAuc: 0.7447, gain: 0.0672 } });
    expect(single.text.en).toBe('The multi-signal warning (AUC 0.81) beats the best single signal, tenure (0.74), by 0.07');
  });
});
