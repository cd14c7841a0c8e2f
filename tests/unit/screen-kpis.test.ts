import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import type { QueryManager } from '../../src/engine/queryManager';
import { loadDemo } from '../../src/demo';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { churnRowsFor } from '../../src/analytics/screen/churnRows';
import { customerFilterSql } from '../../src/analytics/screen/filterSql';
import { loadKpis } from '../../src/analytics/screen/kpis';
import { loadTrend } from '../../src/analytics/screen/trend';

let qm: QueryManager;
let ctx: ScreenContext;

beforeAll(async () => {
  qm = await createTestEngine();
  await loadDemo(qm, { customers: 2000 });
  ctx = await prepareScreen(qm, DEFAULT_SETTINGS);
}, 120_000);

const one = async <T>(sql: string): Promise<T> => (await rowsOf<{ v: T }>(qm, sql))[0].v;
const region = [{ dimension: 'region', value: '华东' }];

describe('KPIs of the demo company (contractual, as of 2026-09-30)', () => {
  it('takes churn, gross revenue churn and NRR from churnByPeriod for the latest ended period and the one before', async () => {
    const rows = ctx.families.churn.churnByPeriod!;
    const [prev, last] = rows.slice(-2);
    expect(last).toMatchObject({ period: '2026-09', partial: false });
    const k = (await loadKpis(qm, ctx, [], 'zh-CN'))!;
    expect(k.period).toBe('2026-09');
    expect(k.churnRate).toEqual({ value: last.rate, previous: prev.rate, numerator: last.churned, denominator: last.start });
    expect(k.revenueChurn).toMatchObject({ kind: 'gross-revenue', value: last.grossRevenueChurn, previous: prev.grossRevenueChurn, denominator: last.mrrStart });
    expect(k.revenueChurn!.numerator).toBeCloseTo(last.churnedMrr! + last.contractionMrr!, 6);
    expect(k.nrr).toMatchObject({ value: last.nrr, previous: prev.nrr });
    expect(k.nrr!.numerator! / k.nrr!.denominator!).toBeCloseTo(last.nrr!, 12);
  });

  it('counts all customers, and those first seen by one month before the as-of date as the previous value', async () => {
    const k = (await loadKpis(qm, ctx, [], 'zh-CN'))!;
    expect(k.customers.value).toBe(await one<number>(`SELECT count(*)::INTEGER AS v FROM cw_customer_facts`));
    expect(k.customers.previous).toBe(await one<number>(`SELECT count(*)::INTEGER AS v FROM cw_customer_facts WHERE first_seen_date <= DATE '2026-08-30'`));
  });

  it('counts red customers as computeRisk does and sums their CLV as the at-risk value', async () => {
    const k = (await loadKpis(qm, ctx, [], 'zh-CN'))!;
    expect(k.redCustomers!.value).toBe(ctx.families.risk!.red);
    expect(k.atRiskValue!.value).toBeCloseTo(await one<number>(`SELECT sum(c.clv) AS v FROM cw_customer_clv c JOIN cw_customer_risk r USING (customer_id)
      JOIN cw_customer_status s USING (customer_id) WHERE r.tier = 'red' AND s.status <> 'churned'`), 4);
    expect(k.winBackRate!.value).toBeCloseTo(ctx.families.interventions!.winBackRate!, 4);
    expect(k.winBackRate!.denominator).toBe(ctx.families.interventions!.customersTreated);
  });

  it('restricts customers, red customers and the churn rate to a drilled region, checked by direct SQL', async () => {
    const k = (await loadKpis(qm, ctx, region, 'zh-CN'))!;
    expect(k.customers.value).toBe(await one<number>(`SELECT count(*)::INTEGER AS v FROM cw_customer_facts WHERE region = '华东'`));
    expect(k.redCustomers!.value).toBe(await one<number>(`SELECT count(*)::INTEGER AS v FROM cw_customer_risk r JOIN cw_customer_facts f USING (customer_id)
      JOIN cw_customer_status s USING (customer_id) WHERE r.tier = 'red' AND s.status <> 'churned' AND f.region = '华东'`));
    // September: customers on Aug 31 (spells) and those of them in the period's churners table.
    const start = await one<number>(`SELECT count(DISTINCT sp.customer_id)::INTEGER AS v FROM cw_customer_spells sp JOIN cw_customer_facts f USING (customer_id)
      WHERE f.region = '华东' AND sp.spell_start <= DATE '2026-08-31' AND (sp.spell_end IS NULL OR sp.spell_end >= DATE '2026-08-31')`);
    const churned = await one<number>(`SELECT count(*)::INTEGER AS v FROM cw_period_churners_month c JOIN cw_customer_facts f USING (customer_id)
      WHERE f.region = '华东' AND c.label = '2026-09' AND c.kind = 'churned'`);
    expect(start).toBeGreaterThan(0);
    expect(k.churnRate).toMatchObject({ numerator: churned, denominator: start, value: churned / start });
    const winBack = await rowsOf<{ treated: number; saved: number }>(qm, `SELECT count(*)::INTEGER AS treated, count(*) FILTER (WHERE saved)::INTEGER AS saved
      FROM cw_intervention_customers i JOIN cw_customer_facts f USING (customer_id) WHERE f.region = '华东'`);
    expect(k.winBackRate).toMatchObject({ numerator: winBack[0].saved, denominator: winBack[0].treated });
  });
});

describe('churn by period on a filter', () => {
  it('reproduces churnByPeriod exactly when the filter holds every customer', async () => {
    const all = await churnRowsFor(qm, ctx, 'SELECT customer_id FROM cw_customer_facts');
    const expected = ctx.families.churn.churnByPeriod!;
    expect(all!.length).toBe(expected.length);
    all!.forEach((row, i) => {
      const e = expected[i] as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(row)) {
        if (typeof value === 'number') expect(value, `${row.period} ${key}`).toBeCloseTo(e[key] as number, 6);
        else expect(value, `${row.period} ${key}`).toEqual(e[key]);
      }
    });
  });

  it('adds up over the regions: every period start, churned, churned MRR, value lost and value base is the sum of its regions', async () => {
    const regions = (await rowsOf<{ region: string }>(qm, `SELECT DISTINCT region FROM cw_customer_facts ORDER BY 1`)).map((r) => r.region);
    expect(await one<number>(`SELECT count(*)::INTEGER AS v FROM cw_customer_facts WHERE region IS NULL`)).toBe(0);
    const keys = ['start', 'churned', 'churnedMrr', 'valueLost', 'valueBase'] as const;
    const all = ctx.families.churn.churnByPeriod!.slice(-24);
    const sums = all.map(() => Object.fromEntries(keys.map((k) => [k, 0])) as Record<(typeof keys)[number], number>);
    for (const r of regions) {
      const rows = (await churnRowsFor(qm, ctx, customerFilterSql([{ dimension: 'region', value: r }])))!;
      all.forEach((a, i) => {
        const row = rows.find((x) => x.period === a.period);
        expect(row, `${r} ${a.period}`).toBeDefined();
        for (const k of keys) sums[i][k] += row![k] ?? 0;
      });
    }
    all.forEach((a, i) => {
      for (const k of keys) expect(sums[i][k], `${a.period} ${k}`).toBeCloseTo(a[k] ?? 0, 4);
    });
  });
});

describe('loadTrend', () => {
  it('shows the last 24 periods of churnByPeriod and the alert threshold setting', async () => {
    const t = (await loadTrend(qm, ctx, [], 'en'))!;
    const rows = ctx.families.churn.churnByPeriod!.slice(-24);
    expect(t.threshold).toBe(DEFAULT_SETTINGS.churnAlertThreshold);
    expect(t.points).toEqual(rows.map((r) => ({ period: r.period, start: r.start, churned: r.churned, rate: r.rate, valueChurnRate: r.valueChurnRate, partial: r.partial })));
    const custom = await loadTrend(qm, { ...ctx, settings: { ...ctx.settings, churnAlertThreshold: 0.08 } }, [], 'en');
    expect(custom!.threshold).toBe(0.08);
  });

  it('computes value churn on the filtered customers from their own order history', async () => {
    const t = (await loadTrend(qm, ctx, region, 'en'))!;
    const aug = t.points.find((p) => p.period === '2026-08')!;
    // Value lost = the August churners' order value in the 12 months before August; base = everyone's in the region.
    const lost = await one<number>(`SELECT coalesce(sum(o.amount), 0)::DOUBLE AS v FROM orders o
      JOIN cw_period_churners_month c ON c.customer_id = o.customer_id AND c.label = '2026-08' AND c.kind = 'churned'
      JOIN cw_customer_facts f ON f.customer_id = o.customer_id
      WHERE f.region = '华东' AND CAST(o.order_date AS DATE) >= DATE '2025-08-01' AND CAST(o.order_date AS DATE) < DATE '2026-08-01'`);
    const base = await one<number>(`SELECT sum(o.amount)::DOUBLE AS v FROM orders o JOIN cw_customer_facts f USING (customer_id)
      WHERE f.region = '华东' AND CAST(o.order_date AS DATE) >= DATE '2025-08-01' AND CAST(o.order_date AS DATE) < DATE '2026-08-01'`);
    expect(aug.valueChurnRate).toBeCloseTo(lost / base, 10);
  });
});
