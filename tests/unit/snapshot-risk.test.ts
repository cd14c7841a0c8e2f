import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { telcoScreen } from '../helpers/telcoScreen';
import type { QueryManager } from '../../src/engine/queryManager';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { loadKpis } from '../../src/analytics/screen/kpis';
import { loadRiskTiers } from '../../src/analytics/screen/riskTiers';
import { loadRiskList } from '../../src/analytics/screen/riskList';
import { loadSnapshotDesign } from '../../src/analytics/risk/snapshotFeatures';
import { foldOf, scoreSnapshot, MIN_REASON_LOGIT } from '../../src/analytics/risk/snapshotModel';
import { MIN_TIER_AUC, RISK_MODEL_SCORES_TABLE } from '../../src/analytics/risk/snapshotRisk';
import { loadRealWorld } from '../helpers/realWorld';
import { missingDataHint } from '../../src/analytics/screen/missingData';
import { loadCustomer360 } from '../../src/analytics/screen/customer360';

// Risk tiers of a label-only snapshot (Telco) from the logistic model on the labels, out of fold.
let qm: QueryManager;
let ctx: ScreenContext;

beforeAll(async () => {
  ({ qm, ctx } = await telcoScreen());
}, 180_000);

describe('Telco risk tiers from the model on the labels', () => {
  it('tiers every one of the 5,174 active (not churned) customers, counted from the raw CSV', async () => {
    const [raw] = await rowsOf<{ active: number }>(qm,
      `SELECT count(*) FILTER (WHERE Churn = 'No')::INTEGER AS active FROM read_csv('raw_telco.csv', header = true, all_varchar = true)`);
    expect(raw.active).toBe(5174);
    const risk = ctx.families.risk!;
    expect(ctx.presence.risk).toBe(true);
    expect(risk.red! + risk.amber! + risk.green!).toBe(raw.active);
    expect(risk.tierModel).not.toBeNull();
    const tiers = (await loadRiskTiers(qm, ctx, [], 'zh-CN'))!;
    expect([tiers.red, tiers.amber, tiers.green]).toEqual([risk.red, risk.amber, risk.green]);
    expect(tiers.red).toBeGreaterThan(0);
    expect(tiers.amber).toBeGreaterThan(0);
    expect(tiers.green).toBeGreaterThan(0);
  });

  it('cuts the tiers at P >= 0.5 (red) and P >= 0.25 (amber) as metrics.md section 14 says, checked on the scores table', async () => {
    const m = ctx.families.risk!.tierModel!;
    expect(m.cutoffs).toEqual({ red: 0.5, amber: 0.25 });
    const [sql] = await rowsOf<{ red: number; amber: number; green: number }>(qm, `SELECT
        count(*) FILTER (WHERE s.p >= 0.5)::INTEGER AS red,
        count(*) FILTER (WHERE s.p < 0.5 AND s.p >= 0.25)::INTEGER AS amber,
        count(*) FILTER (WHERE s.p < 0.25)::INTEGER AS green
      FROM ${RISK_MODEL_SCORES_TABLE} s JOIN read_csv('raw_telco.csv', header = true, all_varchar = true) r ON r.customerID = s.customer_id
      WHERE r.Churn = 'No'`);
    const risk = ctx.families.risk!;
    expect([risk.red, risk.amber, risk.green]).toEqual([sql.red, sql.amber, sql.green]);
  });

  it('scores out of fold: a customer\'s own label never moves its probability', async () => {
    const design = await loadSnapshotDesign(qm);
    const base = scoreSnapshot(design);
    const i = design.ids.indexOf('7590-VHVEG');
    expect(i).toBeGreaterThanOrEqual(0);
    const flipped = { ...design, labels: Float64Array.from(design.labels, (v, j) => (j === i ? 1 - v : v)) };
    const again = scoreSnapshot(flipped);
    expect(again.p[i]).toBe(base.p[i]);
    // Customers of the other folds were fitted with the flipped label: theirs move.
    const other = design.ids.findIndex((id) => foldOf(id) !== foldOf('7590-VHVEG'));
    expect(again.p[other]).not.toBe(base.p[other]);
    // Stored probabilities are these.
    const [stored] = await rowsOf<{ p: number }>(qm, `SELECT p FROM ${RISK_MODEL_SCORES_TABLE} WHERE customer_id = '7590-VHVEG'`);
    expect(stored.p).toBeCloseTo(base.p[i], 12);
  });

  it('reports the out-of-fold AUC, equal to a rank-sum AUC computed by DuckDB over the stored scores', async () => {
    const m = ctx.families.risk!.tierModel!;
    const [sql] = await rowsOf<{ auc: number }>(qm, `WITH t AS (
        SELECT s.p, c.churned, rank() OVER (ORDER BY s.p) AS r, count(*) OVER (PARTITION BY s.p) AS ties
        FROM ${RISK_MODEL_SCORES_TABLE} s JOIN customers c USING (customer_id))
      SELECT (sum(r + (ties - 1) / 2.0) FILTER (WHERE churned) - 1869 * 1870 / 2.0) / (1869.0 * 5174) AS auc FROM t`);
    expect(m.auc!).toBeCloseTo(sql.auc, 4);
    // With the contract and the services as factors, better than the numeric-only hold-out model.
    expect(m.auc!).toBeGreaterThan(0.8);
    expect([m.labelled, m.churned]).toEqual([7043, 1869]);
  });

  it('gives the reasons in words from the largest contributions: a new month-to-month e-check customer', async () => {
    const [c] = await rowsOf<{ tenure: string; contract: string; pay: string; churn: string }>(qm, `SELECT tenure, Contract AS contract, PaymentMethod AS pay, Churn AS churn
      FROM read_csv('raw_telco.csv', header = true, all_varchar = true) WHERE customerID = '7590-VHVEG'`);
    expect(c).toEqual({ tenure: '1', contract: 'Month-to-month', pay: 'Electronic check', churn: 'No' });
    const zh = (await loadRiskList(qm, ctx, [{ dimension: 'attr:Contract', value: 'Month-to-month' }], 'zh-CN', 5000))!;
    const row = zh.find((r) => r.customer_id === '7590-VHVEG')!;
    expect(row.reasons).toContain('按月合同');
    expect(row.reasons).toContain('在网 1 个月');
    const en = (await loadRiskList(qm, ctx, [{ dimension: 'attr:Contract', value: 'Month-to-month' }], 'en', 5000))!;
    expect(en.find((r) => r.customer_id === '7590-VHVEG')!.reasons).toEqual(expect.arrayContaining(['month-to-month contract', 'tenure 1 month']));
    // Every stored reason adds at least MIN_REASON_LOGIT, largest first.
    const params = await rowsOf<{ r1: string | null; r2: string | null }>(qm, `SELECT reason1_params AS r1, reason2_params AS r2 FROM ${RISK_MODEL_SCORES_TABLE}`);
    for (const p of params) {
      if (p.r1) expect(JSON.parse(p.r1).logit).toBeGreaterThanOrEqual(Math.round(MIN_REASON_LOGIT * 1000) / 1000);
      if (p.r1 && p.r2) expect(JSON.parse(p.r1).logit).toBeGreaterThanOrEqual(JSON.parse(p.r2).logit);
    }
  });

  it('lists red customers first and feeds the red-customer KPI and its value (12 x monthly charge), checked by SQL', async () => {
    const list = (await loadRiskList(qm, ctx, [], 'en'))!;
    expect(list.length).toBeGreaterThan(0);
    expect(list[0].risk_tier).toBe('red');
    const k = (await loadKpis(qm, ctx, [], 'en'))!;
    expect(k.redCustomers!.value).toBe(ctx.families.risk!.red);
    const [sql] = await rowsOf<{ value: number }>(qm, `SELECT sum(12 * CAST(r.MonthlyCharges AS DOUBLE)) AS value
      FROM ${RISK_MODEL_SCORES_TABLE} s JOIN read_csv('raw_telco.csv', header = true, all_varchar = true) r ON r.customerID = s.customer_id
      WHERE r.Churn = 'No' AND s.p >= 0.5`);
    expect(k.atRiskValue!.value).toBeCloseTo(sql.value, 6);
  });

  it('no longer asks for orders or tickets on the risk panels', () => {
    expect(missingDataHint('risk', ctx)).toBeNull();
    expect(missingDataHint('risk-list', ctx)).toBeNull();
  });
});

describe('the risk panel\'s top signals of a labelled snapshot', () => {
  it('counts the red and amber customers\' reasons by gist, checked against the reasons stored per customer', async () => {
    const zh = (await loadRiskTiers(qm, ctx, [], 'zh-CN'))!;
    const en = (await loadRiskTiers(qm, ctx, [], 'en'))!;
    const [sql] = await rowsOf<{ n: number; contract: number }>(qm, `SELECT count(*)::INTEGER AS n,
        count(*) FILTER (WHERE r.Contract = 'Month-to-month' AND (s.reason1_params LIKE '%"factor":"Contract"%'
          OR s.reason2_params LIKE '%"factor":"Contract"%' OR s.reason3_params LIKE '%"factor":"Contract"%'))::INTEGER AS contract
      FROM ${RISK_MODEL_SCORES_TABLE} s JOIN read_csv('raw_telco.csv', header = true, all_varchar = true) r ON r.customerID = s.customer_id
      WHERE r.Churn = 'No' AND s.p >= 0.25`);
    expect(sql.n).toBe(zh.red + zh.amber);
    expect(sql.contract).toBeGreaterThan(0);
    expect(zh.topSignals.find((s) => s.signal === '按月合同')!.customers).toBe(sql.contract);
    expect(en.topSignals.find((s) => s.signal === 'month-to-month contract')!.customers).toBe(sql.contract);
    expect(zh.topSignals.some((s) => s.signal === '在网时长短')).toBe(true);
    // Sorted, most customers first.
    for (let i = 1; i < zh.topSignals.length; i++) expect(zh.topSignals[i - 1].customers).toBeGreaterThanOrEqual(zh.topSignals[i].customers);
  });
});

describe('the model tiers\' cut-offs are settings', () => {
  it('re-tiers by modelRedAt / modelAmberAt without moving any probability, checked on the scores table', async () => {
    const before = await rowsOf<{ id: string; p: number }>(qm, `SELECT customer_id AS id, p FROM ${RISK_MODEL_SCORES_TABLE} ORDER BY 1`);
    const c = await prepareScreen(qm, { ...DEFAULT_SETTINGS, modelRedAt: 0.6, modelAmberAt: 0.3 }, { today: '2024-01-01' });
    const after = await rowsOf<{ id: string; p: number }>(qm, `SELECT customer_id AS id, p FROM ${RISK_MODEL_SCORES_TABLE} ORDER BY 1`);
    expect(after).toEqual(before);
    const [sql] = await rowsOf<{ red: number; amber: number; green: number }>(qm, `SELECT
        count(*) FILTER (WHERE s.p >= 0.6)::INTEGER AS red, count(*) FILTER (WHERE s.p < 0.6 AND s.p >= 0.3)::INTEGER AS amber,
        count(*) FILTER (WHERE s.p < 0.3)::INTEGER AS green
      FROM ${RISK_MODEL_SCORES_TABLE} s JOIN customers c USING (customer_id) WHERE NOT c.churned`);
    const risk = c.families.risk!;
    expect(risk.tierModel!.cutoffs).toEqual({ red: 0.6, amber: 0.3 });
    expect([risk.red, risk.amber, risk.green]).toEqual([sql.red, sql.amber, sql.green]);
    expect(risk.red!).toBeLessThan(ctx.families.risk!.red!);
  });
});

describe('the customer 360 of a model-tiered customer', () => {
  it('carries its out-of-fold P(churn) as stored (screen-lists.test.ts checks a health-scored one has none)', async () => {
    const c = (await loadCustomer360(qm, ctx, '7590-VHVEG', 'zh-CN'))!;
    const [stored] = await rowsOf<{ p: number }>(qm, `SELECT p FROM ${RISK_MODEL_SCORES_TABLE} WHERE customer_id = '7590-VHVEG'`);
    expect(c.pChurn).toBe(stored.p);
    expect(c.row.score).toBeCloseTo(Math.round(1000 * (1 - stored.p)) / 10, 10);
    expect(c.row.reasons).toContain('按月合同');
  });
});

describe('a labelled file whose model barely ranks churners first', () => {
  it('gets no tiers and says why, its out-of-fold AUC computed again from the design below MIN_TIER_AUC', async () => {
    const q = await createTestEngine();
    await loadRealWorld(q, 'kunden-de.csv');
    const c = await prepareScreen(q, DEFAULT_SETTINGS, { today: '2024-01-01' });
    expect(c.churnRule).toBe('labeled');
    const again = scoreSnapshot(await loadSnapshotDesign(q));
    expect(again.churned).toBeGreaterThan(0);
    expect(again.auc!).toBeLessThan(MIN_TIER_AUC);
    expect(c.families.risk!.tierModel).toBeNull();
    expect(c.presence.risk).toBe(false);
    expect(c.notes.join(' ')).toContain(`out-of-fold AUC ${again.auc!.toFixed(3)} < ${MIN_TIER_AUC}`);
  }, 60_000);
});
