import { beforeAll, describe, expect, it } from 'vitest';
import type { QueryManager } from '../../src/engine/queryManager';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import { buildCustomerFactsSql } from '../../src/analytics/facts/customerFacts';
import { computeRisk } from '../../src/analytics/risk/computeRisk';
import { formatReason, reasonsOf, type Reason } from '../../src/analytics/risk/reasons';
import { isHoldout } from '../../src/analytics/risk/split';
import { auc } from '../../src/analytics/models/auc';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';

const AS_OF = '2024-06-30';
const settings = { ...DEFAULT_SETTINGS, asOf: AS_OF };

interface RiskRow {
  customer_id: string;
  score: number | null;
  tier: string | null;
  sub_recency: number | null;
  sub_frequency: number | null;
  sub_monetary: number | null;
  sub_complaints: number | null;
  sub_service: number | null;
  sub_nps: number | null;
  sub_usage: number | null;
  reason1: string | null;
  reason1_params: string | null;
  reason2: string | null;
  reason2_params: string | null;
  reason3: string | null;
  reason3_params: string | null;
}

async function riskRows(qm: QueryManager): Promise<Record<string, RiskRow>> {
  const rows = await rowsOf<RiskRow>(qm, 'SELECT * FROM cw_customer_risk ORDER BY customer_id');
  return Object.fromEntries(rows.map((r) => [r.customer_id, r]));
}

const orderRows = (customer: string, dates: string[], amount = 100) =>
  dates.map((d, i) => `('${customer}-${i}', '${customer}', TIMESTAMP '${d}', ${amount}, false, 'f', ${i})`).join(', ');

describe('health score with orders only (tickets, NPS and activity absent)', () => {
  let qm: QueryManager;
  beforeAll(async () => {
    qm = await createTestEngine();
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return, _source, _line) VALUES
      ${orderRows('A', ['2024-02-17', '2024-03-08', '2024-03-28', '2024-04-17'])},
      ${orderRows('B', ['2024-06-05', '2024-06-15', '2024-06-25'])},
      ${orderRows('C', ['2024-05-16'])}`);
    await qm.exec(buildCustomerFactsSql(AS_OF));
  });

  it('scores a customer 74 days quiet who usually orders every 20 days red, with the weights renormalised over the three order signals', async () => {
    const risk = await computeRisk(qm, settings);
    const r = (await riskRows(qm)).A;
    // Recency: 74 / 20 = 3.7 usual gaps -> 1 - (3.7 - 1) / 3 = 0.1.
    expect(r.sub_recency).toBeCloseTo(0.1, 10);
    // Last 90 days (after Apr 1): 1 order of 100; previous 90: 3 orders of 100 -> 1/3 each.
    expect(r.sub_frequency).toBeCloseTo(1 / 3, 10);
    expect(r.sub_monetary).toBeCloseTo(1 / 3, 10);
    expect(r.sub_complaints).toBeNull();
    expect(r.sub_nps).toBeNull();
    // Only recency (25), frequency (15) and monetary (15) have data: 100 x (25 x 0.1 + 15/3 + 15/3) / 55 = 22.7.
    expect(r.score).toBe(22.7);
    expect(r.tier).toBe('red');
    expect(risk.value!.signals).toEqual(['recency', 'frequencyTrend', 'monetaryTrend']);
    expect(risk.value!.weights.complaints).toBe(0);
    expect(risk.notes.join(' ')).toMatch(/complaints \(no tickets with a type\)/);
  });

  it('gives the quiet customer the recency reason with its own numbers, in English and Chinese', async () => {
    const reasons = reasonsOf((await riskRows(qm)).A);
    // Points lost: recency 25 x 0.9 / 55 = 0.41; frequency and monetary 15 x 2/3 / 55 = 0.18 each (tie: signal order).
    expect(reasons.map((x) => x.code)).toEqual(['recency', 'frequency-drop', 'monetary-drop']);
    expect(reasons[0].params).toEqual({ days: 74, gap: 20, basis: 'order', typical: false });
    expect(formatReason(reasons[0], 'en')).toBe('no order for 74 days, usually every 20');
    expect(formatReason(reasons[0], 'zh')).toBe('74天未下单（通常每20天一单）');
    expect(formatReason(reasons[1], 'en')).toBe('orders down 67% in 90 days (1 vs 3)');
    expect(formatReason(reasons[2], 'zh')).toBe('近90天消费100，前90天300（下降67%）');
  });

  it('uses the typical customer gap for a one-order customer and keeps a steady buyer green with no reasons', async () => {
    const rows = await riskRows(qm);
    // C: one order 45 days ago; typical gap = median of A (20) and B (10) = 15 -> 45 / 15 = 3 gaps -> 1/3.
    // Frequency and spend have no previous level but grew: 1. Score 100 x (25/3 + 15 + 15) / 55 = 69.7, amber.
    expect(rows.C.sub_recency).toBeCloseTo(1 / 3, 10);
    expect(rows.C.score).toBe(69.7);
    expect(rows.C.tier).toBe('amber');
    const [reason] = reasonsOf(rows.C);
    expect(reason.params).toMatchObject({ days: 45, gap: 15, typical: true });
    expect(formatReason(reason, 'en')).toBe('no order for 45 days, customers usually every 15');
    // B: 5 days since an order, gap 10 (floored to 15): all sub-scores 1.
    expect(rows.B.score).toBe(100);
    expect(rows.B.tier).toBe('green');
    expect(rows.B.reason1).toBeNull();
  });

  it('counts tiers and reports no AUC without a churn label', async () => {
    const risk = await computeRisk(qm, settings);
    expect(risk.value).toMatchObject({ red: 1, amber: 1, green: 1, scored: 3, auc: { rules: null, model: null } });
    expect(risk.notes.join(' ')).toMatch(/No churn label/);
  });

  it('leaves customers the status already calls churned out of the tier counts', async () => {
    await qm.exec(`CREATE TABLE cw_customer_status AS SELECT * FROM (VALUES ('A', 'churned', 'rule'), ('B', 'active', 'rule'), ('C', 'silent', 'rule')) t(customer_id, status, rule)`);
    try {
      const risk = await computeRisk(qm, settings);
      // A (red) has churned: it keeps its score but is no longer a warning.
      expect(risk.value).toMatchObject({ red: 0, amber: 1, green: 1, scored: 3 });
      expect(risk.notes.join(' ')).toMatch(/1 churned customers are left out/);
    } finally {
      await qm.exec('DROP TABLE cw_customer_status');
    }
  });
});

describe('health score with every signal', () => {
  let qm: QueryManager;
  beforeAll(async () => {
    qm = await createTestEngine();
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return, _source, _line) VALUES
      ${orderRows('D', ['2024-06-05', '2024-06-15', '2024-06-25'])},
      ${orderRows('E', ['2024-01-20', '2024-02-10', '2024-03-01', '2024-03-20', '2024-06-20'])}`);
    await qm.exec(`INSERT INTO tickets (ticket_id, customer_id, opened_at, first_response_at, closed_at, type, status) VALUES
      ('t1', 'D', '2024-06-10 10:00', '2024-06-10 12:00', '2024-06-11 09:00', '投诉', '已解决'),
      ('t2', 'D', '2024-06-20 09:00', '2024-06-21 15:00', NULL, 'complaint', 'open'),
      ('t3', 'D', '2024-06-25 08:00', NULL, NULL, 'Complaint', 'open'),
      ('t4', 'D', '2024-07-02 08:00', NULL, NULL, '投诉', 'open')`);
    await qm.exec(`INSERT INTO tickets (ticket_id, customer_id, opened_at, first_response_at, closed_at, type, satisfaction) VALUES
      ('g1', 'G', '2024-05-01 09:00', '2024-05-01 10:00', '2024-05-02 09:00', '咨询', 5),
      ('g2', 'G', '2024-06-01 09:00', '2024-06-01 10:00', '2024-06-02 09:00', '咨询', 2)`);
    await qm.exec(`INSERT INTO nps (customer_id, survey_date, score) VALUES ('D', '2024-01-15', 9), ('D', '2024-06-01', 5)`);
    await qm.exec(`INSERT INTO activity (customer_id, event_date, event_type, count) VALUES
      ('D', '2024-02-10', 'report', 1), ('D', '2024-02-10', 'export', 1), ('D', '2024-02-10', 'share', 1),
      ('D', '2024-02-10', 'search', 1), ('D', '2024-06-20', 'report', 1), ('D', '2024-06-26', 'report', 1),
      ('G', '2024-01-10', 'login', 1), ('G', '2024-01-15', 'login', 1), ('G', '2024-01-20', 'login', 1), ('G', '2024-02-01', 'login', 1)`);
    await qm.exec(buildCustomerFactsSql(AS_OF));
  });

  it('combines complaints, service failures, an NPS drop and shrinking usage into one score with the heaviest three reasons', async () => {
    await computeRisk(qm, settings);
    const d = (await riskRows(qm)).D;
    // Orders are steady (3 in the last 90 days, none before, last 5 days ago): recency, frequency, spend = 1.
    // Complaints in 30 days: t1, t2, t3 (t4 is after the as-of date) -> 3 -> 0.
    // Service (as of Jul 1 00:00): t3 has no response after 48 h (1 point), t2 answered after 30 h (0.5) -> 1 - 1.5/2 = 0.25.
    // NPS: latest 5 (detractor: 5/15 = 1/3) fell 4 points from 9 -> 1/3 - 0.4 < 0 -> 0.
    // Usage: 1 feature in the last 90 days vs 4 before -> 0.25.
    expect([d.sub_recency, d.sub_frequency, d.sub_monetary, d.sub_complaints]).toEqual([1, 1, 1, 0]);
    expect(d.sub_service).toBeCloseTo(0.25, 10);
    expect(d.sub_nps).toBe(0);
    expect(d.sub_usage).toBeCloseTo(0.25, 10);
    // 25 + 15 + 15 + 15 x 0 + 10 x 0.25 + 10 x 0 + 10 x 0.25 = 60 of 100.
    expect(d.score).toBe(60);
    expect(d.tier).toBe('amber');
    // Points lost: complaints 0.15, NPS 0.10, service 0.075 = usage 0.075 (tie: service comes first).
    const reasons: Reason[] = reasonsOf(d);
    expect(reasons.map((r) => formatReason(r, 'en'))).toEqual([
      '3 complaints in 30 days',
      'NPS fell from 9 to 5 (detractor)',
      '1 ticket unanswered for over 48 h, 1 slow first response (over 24 h)',
    ]);
    expect(reasons.map((r) => formatReason(r, 'zh'))).toEqual([
      '30天内投诉3次',
      'NPS从9降至5（贬损者）',
      '1张工单超48小时未响应，1张工单首次响应超24小时',
    ]);
  });

  it('renormalises per customer when a customer has no NPS answer and no activity', async () => {
    await computeRisk(qm, settings);
    const e = (await riskRows(qm)).E;
    // E: 1 order in the last 90 days vs 4 before -> frequency and spend 0.25; last order 10 days ago with a
    // median gap of 20.5 -> recency 1; no tickets -> complaints and service 1; NPS and usage do not apply.
    // (25 + 15 x 0.25 + 15 x 0.25 + 15 + 10) / (25 + 15 + 15 + 15 + 10) = 57.5 / 80 = 71.9 -> green.
    expect(e.sub_nps).toBeNull();
    expect(e.sub_usage).toBeNull();
    expect(e.score).toBe(71.9);
    expect(e.tier).toBe('green');
    expect(formatReason(reasonsOf(e)[0], 'en')).toBe('orders down 75% in 90 days (1 vs 4)');
  });

  it('judges a customer without orders on activity, and on ticket satisfaction when there is no NPS', async () => {
    await computeRisk(qm, settings);
    const g = (await riskRows(qm)).G;
    // Last activity Feb 1, 150 days ago; activity gaps 5, 5, 12 -> usual 5 (floored to 15 for the curve): 10 gaps -> 0.
    // Activity: none in the last 90 days vs 4 before -> 0; usage: 0 features vs 1 -> 0. No orders: spend does not apply.
    // Two inquiries answered within the hour: complaints and service 1. Satisfaction fell from 5 to 2 (0-10 scale:
    // 10 -> 2.5, detractor 2.5/15 minus 0.75 for the drop) -> 0.
    // (15 + 10) / (25 + 15 + 15 + 10 + 10 + 10) = 25 / 85 = 29.4 -> red.
    expect([g.sub_recency, g.sub_frequency, g.sub_monetary, g.sub_complaints, g.sub_service, g.sub_nps, g.sub_usage])
      .toEqual([0, 0, null, 1, 1, 0, 0]);
    expect(g.score).toBe(29.4);
    expect(g.tier).toBe('red');
    // Points lost: recency 25/85, activity 15/85, then satisfaction and usage 10/85 each (satisfaction first).
    const reasons = reasonsOf(g);
    expect(reasons.map((r) => formatReason(r, 'en'))).toEqual([
      'no activity for 150 days, usually every 5', 'activity down 100% in 90 days (0 vs 4)', 'satisfaction fell from 5 to 2',
    ]);
    expect(reasons.map((r) => formatReason(r, 'zh'))).toEqual([
      '150天无活跃（通常每5天一次）', '近90天活跃0次，前90天4次（下降100%）', '满意度从5降至2',
    ]);
  });
});

describe('warning quality against a churn label', () => {
  it('reports the held-out AUC of the rule score and of the logistic model, matching a pairwise count', async () => {
    const qm = await createTestEngine();
    // 400 customers ordering every 10 days from January. Every 4th churned: it stops ordering 100 days
    // before the as-of date, except every 16th, which churned although still ordering (label noise).
    // Among the rest, every 5th has slowed down to one order per 40 days in the last 90 days.
    await qm.exec(`INSERT INTO customers (customer_id, churned, _source, _line)
      SELECT 'c' || i, i % 4 = 0, 'f', i FROM range(400) t(i)`);
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return, _source, _line)
      SELECT 'o' || i || '-' || k, 'c' || i, DATE '2024-01-01' + INTERVAL (k * 10 + i % 7) DAY, 50 + i % 13, false, 'f', k
      FROM range(400) t(i), range(18) s(k)
      WHERE NOT (i % 4 = 0 AND i % 16 <> 0 AND k * 10 + i % 7 > 81)
        AND NOT (i % 5 = 0 AND i % 4 <> 0 AND k * 10 + i % 7 > 92 AND k % 4 <> 0)`);
    await qm.exec(buildCustomerFactsSql(AS_OF));
    const risk = (await computeRisk(qm, settings)).value!;
    const rows = await rowsOf<{ customer_id: string; score: number; churned: boolean }>(qm,
      `SELECT r.customer_id, r.score, c.churned FROM cw_customer_risk r JOIN customers c USING (customer_id)`);
    const test = rows.filter((r) => isHoldout(r.customer_id));
    // Independent check: share of (churned, retained) pairs where the churned one scores lower, ties half.
    let wins = 0;
    let pairs = 0;
    for (const p of test.filter((r) => r.churned)) {
      for (const n of test.filter((r) => !r.churned)) {
        pairs++;
        wins += p.score < n.score ? 1 : p.score === n.score ? 0.5 : 0;
      }
    }
    expect(risk.auc.rules).toBeCloseTo(wins / pairs, 4);
    expect(risk.auc.rules!).toBeGreaterThan(0.8);
    expect(risk.auc.model!).toBeGreaterThan(0.8);
    expect(risk.evaluation).toMatchObject({ labelSource: 'customers.churned', mode: 'signals', testSize: test.length });
    expect(risk.bestSignal!.auc).toBeLessThanOrEqual(1);
  });

  it('on the Telco snapshot fits the model on tenure, TotalCharges and monthly charges and reports its AUC', async () => {
    const qm = await createTestEngine();
    await loadSharedFile(qm, 'telco/Telco-Customer-Churn.csv');
    const risk = await computeRisk(qm, { ...settings, asOf: '2024-01-01' });
    const v = risk.value!;
    // No orders, tickets, NPS or activity: no health score, so no tiers and no rule AUC.
    expect([v.red, v.amber, v.green, v.auc.rules]).toEqual([null, null, null, null]);
    expect(v.evaluation!.mode).toBe('snapshot');
    expect(v.evaluation!.singles.map((s) => s.feature).sort()).toEqual(['SeniorCitizen', 'TotalCharges', 'monthly_value', 'tenure']);
    expect(v.evaluation!.trainSize + v.evaluation!.testSize).toBe(7043);
    // Measured: model 0.812 (SeniorCitizen, TotalCharges, tenure, MonthlyCharges), best single signal tenure 0.745 on the 2,082 held-out customers.
    expect(v.auc.model!).toBeGreaterThan(0.78);
    expect(v.auc.model!).toBeLessThan(0.84);
    expect(v.bestSignal!.signal).toBe('tenure');
    expect(v.auc.model!).toBeGreaterThan(v.bestSignal!.auc);
    expect(risk.notes.join(' ')).toMatch(/numeric customer columns SeniorCitizen, TotalCharges, tenure, monthly_value/);

    // The TS AUC agrees with a rank-sum AUC computed by DuckDB over all customers (short tenure = risk).
    const [sql] = await rowsOf<{ auc: number }>(qm, `WITH t AS (
        SELECT a.value_num AS tenure, c.churned, rank() OVER (ORDER BY -a.value_num) AS r_lo,
               count(*) OVER (PARTITION BY a.value_num) AS ties
        FROM customers c JOIN customer_attributes a ON a.customer_id = c.customer_id AND a.attribute = 'tenure')
      SELECT (sum(r_lo + (ties - 1) / 2.0) FILTER (WHERE churned) - 1869 * 1870 / 2.0) / (1869.0 * 5174) AS auc FROM t`);
    const all = await rowsOf<{ tenure: number; churned: boolean }>(qm,
      `SELECT a.value_num AS tenure, c.churned FROM customers c JOIN customer_attributes a ON a.customer_id = c.customer_id AND a.attribute = 'tenure'`);
    expect(auc(all.map((r) => -r.tenure), all.map((r) => r.churned))).toBeCloseTo(sql.auc, 10);
  });
});
