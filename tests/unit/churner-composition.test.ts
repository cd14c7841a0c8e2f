import { beforeAll, describe, expect, it } from 'vitest';
import type { QueryManager } from '../../src/engine/queryManager';
import type { ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { loadStructural } from '../../src/analytics/screen/structural';
import { loadRegions } from '../../src/analytics/screen/regions';
import { regionOption } from '../../src/components/chart/options/regionOption';
import { loadDemo } from '../../src/demo/loadDemo';
import { prepareScreen } from '../../src/analytics/screen/prepareScreen';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { createNodeEngine } from '../../src/workspace/nodeHost';
import { rowsOf } from '../helpers/engine';
import { RAW_TELCO, telcoScreen } from '../helpers/telcoScreen';
import { structuralOption } from '../../src/components/chart/options/structuralOption';
import { loadKpis } from '../../src/analytics/screen/kpis';
import { loadTrend } from '../../src/analytics/screen/trend';
import { trendOption } from '../../src/components/chart/options/trendOption';

// Issue 14 item 7: the churn KPI's drill shows the churners against the base, not 100% charts.
describe('the churners of a drill against their base', () => {
  let telco: { qm: QueryManager; ctx: ScreenContext };
  beforeAll(async () => {
    telco = await telcoScreen();
  }, 240_000);

  it('on Telco, drilled to the churned: each Contract value is its share of the 1,869 churners beside its share of the 7,043', async () => {
    const data = (await loadStructural(telco.qm, telco.ctx, [{ dimension: 'status', value: 'churned' }], 'zh-CN'))!;
    expect(data.composition).toBe(true);
    const contract = data.bars.filter((b) => b.dimension === 'attr:Contract');
    const m2m = contract.find((b) => b.value === 'Month-to-month')!;
    // From the published Telco counts: 1,655 of the 1,869 churners, 3,875 of the 7,043 customers.
    expect(m2m).toMatchObject({ churned: 1655, customers: 3875, churnersTotal: 1869 });
    expect(m2m.rate).toBeCloseTo(1655 / 1869, 12);
    expect(m2m.baseShare).toBeCloseTo(3875 / 7043, 12);
    expect(m2m.lift).toBeCloseTo((1655 / 1869) / (3875 / 7043), 12);
    // Shares of one dimension add up to all churners, and no bar reads 100%.
    expect(contract.reduce((s, b) => s + (b.rate ?? 0), 0)).toBeCloseTo(1, 12);
    expect(data.bars.every((b) => (b.rate ?? 0) < 1 || b.baseShare === 1)).toBe(true);
    const option = structuralOption(data, 'attr:Contract', { locale: 'zh-CN', theme: 'dark', labels: {}, scale: 1 });
    expect((option.series as { name: string }[])[0].name).toBe('占流失客户');
  });

  it('on Telco, drilled to the churned: the KPI strip counts the 1,869 churners and keeps the base rate 1,869 / 7,043, not 100%', async () => {
    const [raw] = await rowsOf<{ churned: number; all: number }>(telco.qm,
      `SELECT count(*) FILTER (WHERE Churn = 'Yes')::INTEGER AS churned, count(*)::INTEGER AS "all" FROM ${RAW_TELCO}`);
    const k = (await loadKpis(telco.qm, telco.ctx, [{ dimension: 'status', value: 'churned' }], 'zh-CN'))!;
    expect(k.ofBase).toBe(true);
    expect(k.customers.value).toBe(raw.churned);
    expect(k.labelled!.churnRate).toMatchObject({ numerator: raw.churned, denominator: raw.all });
    expect(k.labelled!.churnRate.value).toBeCloseTo(raw.churned / raw.all, 12);
    // Without the churner step nothing is marked as the base's.
    expect((await loadKpis(telco.qm, telco.ctx, [], 'zh-CN'))!.ofBase).toBeUndefined();
  });

  it('on the demo, drilled to the churn KPI (churned in the latest period) inside a region: the base is that region', async () => {
    const qm = await createNodeEngine();
    await loadDemo(qm, { customers: 2000 });
    const ctx = await prepareScreen(qm, DEFAULT_SETTINGS);
    const [latest] = await rowsOf<{ label: string }>(qm,
      `SELECT label FROM cw_screen_period_churners WHERE kind = 'churned' GROUP BY label ORDER BY label DESC LIMIT 1`);
    const filter = [{ dimension: 'region', value: '华东' }, { dimension: 'churned_in', value: latest.label }];
    const data = (await loadStructural(qm, ctx, filter, 'zh-CN'))!;
    expect(data.composition).toBe(true);
    const tiers = data.bars.filter((b) => b.dimension === 'value_tier');
    const [counts] = await rowsOf<{ base: number; churners: number }>(qm, `SELECT
      (SELECT count(*) FROM cw_customer_facts WHERE region = '华东')::INTEGER AS base,
      (SELECT count(DISTINCT p.customer_id) FROM cw_screen_period_churners p JOIN cw_customer_facts f USING (customer_id)
        WHERE p.label = '${latest.label}' AND p.kind = 'churned' AND f.region = '华东')::INTEGER AS churners`);
    expect(counts.churners).toBeGreaterThan(0);
    expect(tiers.reduce((s, b) => s + b.customers, 0)).toBe(counts.base);
    expect(tiers.reduce((s, b) => s + b.churned, 0)).toBe(counts.churners);
    expect(tiers.every((b) => b.churnersTotal === counts.churners)).toBe(true);
    // Without a churner step the panel stays the churn-rate view.
    expect((await loadStructural(qm, ctx, [{ dimension: 'region', value: '华东' }], 'zh-CN'))!.composition).toBeUndefined();

    // The region panel, drilled to the churn KPI alone: each region's share of all the period's churners.
    const regions = (await loadRegions(qm, ctx, [{ dimension: 'churned_in', value: latest.label }], 'zh-CN'))!;
    const perRegion = await rowsOf<{ region: string; n: number }>(qm, `SELECT f.region, count(DISTINCT p.customer_id)::INTEGER AS n
      FROM cw_screen_period_churners p JOIN cw_customer_facts f USING (customer_id)
      WHERE p.label = '${latest.label}' AND p.kind = 'churned' AND f.region IS NOT NULL GROUP BY f.region`);
    const total = perRegion.reduce((s, r) => s + r.n, 0);
    for (const r of perRegion) {
      const bar = regions.find((b) => b.region === r.region)!;
      expect(bar.churned).toBe(r.n);
      expect(bar.rate).toBeCloseTo(r.n / total, 12);
    }
    expect(regions.reduce((s, b) => s + (b.baseShare ?? 0), 0)).toBeCloseTo(1, 12);
    const option = regionOption(regions, { locale: 'en', theme: 'dark', labels: {}, scale: 1 });
    expect((option.series as { name: string; markLine?: unknown }[])[0]).toMatchObject({ name: 'Share of the churners', markLine: undefined });

    // The KPI strip and the trend under the churn KPI's drill: the rates are the base's (the same
    // figures as with no drill, or as the region alone), the customer count is the churners'.
    const churnKpi = [{ dimension: 'churned_in', value: latest.label }];
    const [all, drilled] = [(await loadKpis(qm, ctx, [], 'zh-CN'))!, (await loadKpis(qm, ctx, churnKpi, 'zh-CN'))!];
    expect(drilled.ofBase).toBe(true);
    expect(drilled.churnRate).toEqual(all.churnRate);
    expect(drilled.revenueChurn).toEqual(all.revenueChurn);
    expect(drilled.churnRate!.value).toBeLessThan(0.5);
    expect(drilled.customers.value).toBe(total);
    const [regionOnly, regionDrilled] = [(await loadKpis(qm, ctx, [filter[0]], 'zh-CN'))!, (await loadKpis(qm, ctx, filter, 'zh-CN'))!];
    expect(regionDrilled.churnRate).toEqual(regionOnly.churnRate);
    expect(regionDrilled.customers.value).toBe(counts.churners);
    const [trendAll, trendDrilled] = [(await loadTrend(qm, ctx, [], 'zh-CN'))!, (await loadTrend(qm, ctx, churnKpi, 'zh-CN'))!];
    expect(trendDrilled.points).toEqual(trendAll.points);
    expect(trendDrilled.ofBase).toBe(true);
    expect(trendAll.ofBase).toBeUndefined();
    expect(trendDrilled.points.some((pt) => pt.rate === 1)).toBe(false);
    const trendChart = trendOption(trendDrilled, { locale: 'zh-CN', theme: 'dark', labels: {}, scale: 1 });
    expect((trendChart.title as { text: string }).text).toBe('按流失筛选前的全体计算');
    expect(trendOption(trendAll, { locale: 'zh-CN', theme: 'dark', labels: {}, scale: 1 }).title).toBeUndefined();
    await qm.connector.close();
  }, 240_000);
});
