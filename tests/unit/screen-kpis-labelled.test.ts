import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestEngine, rowsOf, SHARED_DATA } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import type { QueryManager } from '../../src/engine/queryManager';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { loadKpis } from '../../src/analytics/screen/kpis';
import { loadCustomerList } from '../../src/analytics/screen/customerList';
import { customerFilterSql } from '../../src/analytics/screen/filterSql';
import type { DrillStep } from '../../src/analytics/screen/types';
import { formatPercent } from '../../src/i18n/formatNumber';
import { loadRealWorld, realWorldPath } from '../helpers/realWorld';

// The labelled snapshot's KPIs (metrics.md section 14) on Telco, loaded through the app's ingest.
let qm: QueryManager;
let ctx: ScreenContext;
const TELCO = 'telco/Telco-Customer-Churn.csv';
const churned: DrillStep = { dimension: 'status', value: 'churned' };

beforeAll(async () => {
  qm = await createTestEngine();
  await loadSharedFile(qm, TELCO);
  ctx = await prepareScreen(qm, DEFAULT_SETTINGS);
  // The raw CSV, read by plain SQL beside the app's tables, to check the value lost against.
  await qm.connector.registerFile('raw_telco.csv', new Uint8Array(readFileSync(path.join(SHARED_DATA, TELCO))));
}, 180_000);

describe('KPIs of the Telco snapshot (labeled rule, no dated behaviour)', () => {
  it('is a labelled snapshot with a monthly value and no churn by period', () => {
    expect(ctx.churnRule).toBe('labeled');
    expect(ctx.valueBasis).toBe('monthly_value');
    expect(ctx.families.churn.churnByPeriod).toBeNull();
  });

  it('shows the churn rate over labelled customers: 1,869 / 7,043 = 26.5%', async () => {
    const k = (await loadKpis(qm, ctx, [], 'zh-CN'))!;
    expect(k.customers.value).toBe(7043);
    // A snapshot has no dates, so no count one period earlier (it read "vs previous — 0").
    expect(k.customers.previous).toBeNull();
    // No period rate: the labelled rate stands in, and the lamp (which reads churnRate) is not fed a cumulative share.
    expect(k.churnRate).toBeNull();
    expect(k.labelled!.churnRate).toEqual({ value: 1869 / 7043, previous: null, numerator: 1869, denominator: 7043 });
    expect(formatPercent(k.labelled!.churnRate.value, 'zh-CN')).toBe('26.5%');
    expect(formatPercent(k.labelled!.churnRate.value, 'en')).toBe('26.5%');
    // Every Telco row has a label.
    expect(k.unlabeled).toBeUndefined();
  });

  it('sums churned customers\' monthly charges as the value lost, checked by plain SQL over the raw CSV', async () => {
    const [raw] = await rowsOf<{ lost: number; base: number; churned: number; customers: number }>(qm, `SELECT
        sum(MonthlyCharges) FILTER (WHERE Churn = 'Yes')::DOUBLE AS lost, sum(MonthlyCharges)::DOUBLE AS base,
        count(*) FILTER (WHERE Churn = 'Yes')::INTEGER AS churned, count(*)::INTEGER AS customers
      FROM read_csv('raw_telco.csv', header = true, columns = {'customerID': 'VARCHAR', 'gender': 'VARCHAR', 'SeniorCitizen': 'INTEGER',
        'Partner': 'VARCHAR', 'Dependents': 'VARCHAR', 'tenure': 'INTEGER', 'PhoneService': 'VARCHAR', 'MultipleLines': 'VARCHAR',
        'InternetService': 'VARCHAR', 'OnlineSecurity': 'VARCHAR', 'OnlineBackup': 'VARCHAR', 'DeviceProtection': 'VARCHAR',
        'TechSupport': 'VARCHAR', 'StreamingTV': 'VARCHAR', 'StreamingMovies': 'VARCHAR', 'Contract': 'VARCHAR',
        'PaperlessBilling': 'VARCHAR', 'PaymentMethod': 'VARCHAR', 'MonthlyCharges': 'DOUBLE', 'TotalCharges': 'VARCHAR', 'Churn': 'VARCHAR'})`);
    expect([raw.churned, raw.customers]).toEqual([1869, 7043]);
    const k = (await loadKpis(qm, ctx, [], 'en'))!;
    const v = k.labelled!.valueLost!;
    expect(v.numerator).toBeCloseTo(raw.lost, 6);
    expect(v.denominator).toBeCloseTo(raw.base, 6);
    expect(v.value).toBeCloseTo(raw.lost / raw.base, 12);
    expect(v.previous).toBeNull();
    // Measured on the file: 139,130.85 of 456,116.60 a month, 30.5%.
    expect(v.numerator).toBeCloseTo(139130.85, 2);
    expect(formatPercent(v.value, 'en')).toBe('30.5%');
  });

  it('takes the red-customer KPI from the model tiers on the labels (tests/unit/snapshot-risk.test.ts checks them)', async () => {
    const k = (await loadKpis(qm, ctx, [], 'zh-CN'))!;
    expect(ctx.presence.risk).toBe(true);
    expect(ctx.families.risk!.tierModel).not.toBeNull();
    expect(k.redCustomers).toEqual({ value: ctx.families.risk!.red, previous: null });
    expect(k.atRiskValue!.value).toBeGreaterThan(0);
  });

  it('drills from the churn-rate KPI to the 1,869 churned customers, listed', async () => {
    expect(await rowsOf<{ n: number }>(qm, `SELECT count(*)::INTEGER AS n FROM (${customerFilterSql([churned])})`)).toEqual([{ n: 1869 }]);
    const list = await loadCustomerList(qm, ctx, [churned], 'zh-CN', { sortBy: 'customer_id', desc: false, offset: 0, limit: 5000 });
    expect(list.total).toBe(1869);
    expect(list.rows.length).toBe(1869);
    expect(new Set(list.rows.map((r) => r.status))).toEqual(new Set(['churned']));
    // The raw file's churners, by id.
    const ids = await rowsOf<{ id: string }>(qm, `SELECT customerID AS id FROM read_csv('raw_telco.csv', header = true, all_varchar = true) WHERE Churn = 'Yes' ORDER BY 1`);
    expect(list.rows.map((r) => r.customer_id).sort()).toEqual(ids.map((r) => r.id).sort());
    // Drilled, the customer count is the churned; the churn rate stays the base's (issue 14: it
    // read 1,869 / 1,869 = 100% here), marked as such.
    const k = (await loadKpis(qm, ctx, [churned], 'zh-CN'))!;
    expect(k.customers.value).toBe(1869);
    expect(k.labelled!.churnRate).toMatchObject({ numerator: 1869, denominator: 7043, value: 1869 / 7043 });
    expect(k.ofBase).toBe(true);
  });

  it('restricts the labelled KPIs to a drilled attribute, checked by direct SQL', async () => {
    const step: DrillStep = { dimension: 'attr:Contract', value: 'Month-to-month' };
    const [raw] = await rowsOf<{ churned: number; customers: number; lost: number; base: number }>(qm, `SELECT
        count(*) FILTER (WHERE Churn = 'Yes')::INTEGER AS churned, count(*)::INTEGER AS customers,
        sum(CAST(MonthlyCharges AS DOUBLE)) FILTER (WHERE Churn = 'Yes') AS lost, sum(CAST(MonthlyCharges AS DOUBLE)) AS base
      FROM read_csv('raw_telco.csv', header = true, all_varchar = true) WHERE Contract = 'Month-to-month'`);
    const k = (await loadKpis(qm, ctx, [step], 'zh-CN'))!;
    expect(k.labelled!.churnRate).toMatchObject({ numerator: raw.churned, denominator: raw.customers });
    expect(k.labelled!.valueLost!.numerator).toBeCloseTo(raw.lost, 6);
    expect(k.labelled!.valueLost!.denominator).toBeCloseTo(raw.base, 6);
  });
});

describe('a labelled snapshot with blank labels (tests/fixtures/realworld/telco-blank-labels.json)', () => {
  it('leaves the 224 unlabelled out of the churn rate and of the value lost, and counts them apart', async () => {
    const q = await createTestEngine();
    await loadRealWorld(q, 'telco-blank-labels.json');
    const c = await prepareScreen(q, DEFAULT_SETTINGS, { today: '2024-01-01' });
    const k = (await loadKpis(q, c, [], 'en'))!;
    expect(k.customers.value).toBe(7267);
    expect(k.unlabeled).toBe(224);
    // 1,845 / 7,043 labelled, not 1,845 / 7,267.
    expect(k.labelled!.churnRate).toEqual({ value: 1845 / 7043, previous: null, numerator: 1845, denominator: 7043 });
    // Straight from the raw JSON (the engine has no JSON extension offline): a blank or missing Churn is neither churned nor in the base.
    const rows = JSON.parse(readFileSync(realWorldPath('telco-blank-labels.json'), 'utf8')) as { MonthlyCharges?: number | null; Churn?: string | null }[];
    const labelled = rows.filter((r) => (r.Churn ?? '').trim() !== '');
    const sum = (rs: typeof rows) => rs.reduce((n, r) => n + (typeof r.MonthlyCharges === 'number' ? r.MonthlyCharges : 0), 0);
    const raw = { lost: sum(labelled.filter((r) => r.Churn === 'Yes')), base: sum(labelled), unlabelled: rows.length - labelled.length };
    expect(raw.unlabelled).toBe(224);
    expect(k.labelled!.valueLost!.numerator).toBeCloseTo(raw.lost, 6);
    expect(k.labelled!.valueLost!.denominator).toBeCloseTo(raw.base, 6);
  }, 180_000);
});
