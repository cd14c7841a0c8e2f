import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import type { QueryManager } from '../../src/engine/queryManager';
import { loadDemo } from '../../src/demo';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { computeCohorts } from '../../src/analytics/cohorts/computeCohorts';
import { computeRfm } from '../../src/analytics/rfm/computeRfm';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { loadStructural } from '../../src/analytics/screen/structural';
import { loadCohorts } from '../../src/analytics/screen/cohorts';
import { loadRfm } from '../../src/analytics/screen/rfm';
import { loadRiskTiers } from '../../src/analytics/screen/riskTiers';
import { loadRegions } from '../../src/analytics/screen/regions';
import { loadTriggers } from '../../src/analytics/screen/triggers';
import { loadDiagnosis } from '../../src/analytics/screen/diagnosis';
import { missingDataHint } from '../../src/analytics/screen/missingData';
import { analyzeWorkspace } from '../../src/analytics/report';
import { projectRetention } from '../../src/analytics/projection/projectRetention';

let qm: QueryManager;
let ctx: ScreenContext;

beforeAll(async () => {
  qm = await createTestEngine();
  await loadDemo(qm, { customers: 2000 });
  ctx = await prepareScreen(qm, DEFAULT_SETTINGS);
}, 120_000);

const region = [{ dimension: 'region', value: '华东' }];
const counts = <T extends Record<string, unknown>>(sql: string) => rowsOf<T>(qm, sql);

describe('structural panel', () => {
  it('shows the structural family rows unfiltered, the 高价值 tier highlighted, with call-outs in both languages', async () => {
    const d = (await loadStructural(qm, ctx, [], 'zh-CN'))!;
    const rows = ctx.families.structural.structural!;
    expect(d.bars.length).toBe(rows.length);
    expect(d.overallRate).toBe(ctx.families.structural.structuralOverall!.rate);
    expect(d.bars.filter((b) => b.highlight).map((b) => [b.dimension, b.value])).toEqual([['value_tier', '高价值']]);
    expect(d.dimensions[0]).toBe('value_tier');
    expect(d.callouts.length).toBe(ctx.families.structural.structuralCallouts.length);
    for (const c of d.callouts) expect(c.zh).toMatch(/流失/);
  });

  it('computes churn by value tier within a drilled region, checked by direct SQL', async () => {
    const d = (await loadStructural(qm, ctx, region, 'zh-CN'))!;
    expect(d.dimensions).not.toContain('region');
    const expected = await counts<{ value: string; customers: number; churned: number }>(`SELECT v.value_tier AS value, count(*)::INTEGER AS customers,
      count(*) FILTER (WHERE s.status = 'churned')::INTEGER AS churned FROM cw_customer_value_tier v JOIN cw_customer_status s USING (customer_id)
      JOIN cw_customer_facts f USING (customer_id) WHERE f.region = '华东' GROUP BY 1`);
    const got = d.bars.filter((b) => b.dimension === 'value_tier').map((b) => ({ value: b.value, customers: b.customers, churned: b.churned }));
    expect(got.sort((a, b) => a.value.localeCompare(b.value))).toEqual(expected.sort((a, b) => a.value.localeCompare(b.value)));
    const [o] = await counts<{ rate: number }>(`SELECT avg(CASE WHEN s.status = 'churned' THEN 1.0 ELSE 0 END) AS rate FROM cw_customer_status s
      JOIN cw_customer_facts f USING (customer_id) WHERE f.region = '华东'`);
    expect(d.overallRate).toBeCloseTo(o.rate, 12);
  });
});

describe('cohort panel', () => {
  it('shows the last 12 cohorts exactly as the cohorts family computes them', async () => {
    const mine = (await loadCohorts(qm, ctx, [], 'zh-CN'))!;
    const family = (await computeCohorts(qm, ctx.settings)).cohorts!.slice(-12);
    expect(mine.map((c) => c.cohort)).toEqual(family.map((c) => c.cohort));
    expect(mine.at(-1)!.cohort).toBe('2026-09');
    mine.forEach((c, i) => {
      expect(c.size).toBe(family[i].size);
      expect(c.retention).toEqual(family[i].retention);
      expect(c.unbounded).toEqual(family[i].unbounded);
    });
  });

  it('fills the heatmap triangle of subscription cohorts with their sBG projection, as the report projects them', async () => {
    const mine = (await loadCohorts(qm, ctx, [], 'zh-CN'))!;
    const family = (await computeCohorts(qm, ctx.settings)).cohorts!.slice(-12);
    const width = Math.max(...family.map((c) => c.onOrAfter.length));
    const { projection } = projectRetention(family, 'subscriptions', width - 1);
    expect(mine[0].projected).toBeUndefined(); // the oldest cohort shown is the widest
    mine.forEach((c, i) => {
      expect(c.unbounded.length + (c.projected?.length ?? 0)).toBe(width);
      const expected = projection![i].projected!.slice(0, width - c.unbounded.length).map((v) => v / c.size);
      if (expected.length > 0) expect(c.projected).toEqual(expected);
    });
    expect(mine.filter((c) => c.projected).length).toBeGreaterThan(6);
  });

  it('sizes the 12 most recent cohorts of a drilled tier from the customers first subscribing in each month', async () => {
    const mine = (await loadCohorts(qm, ctx, [{ dimension: 'tier', value: '钻石' }], 'zh-CN'))!;
    const expected = await counts<{ cohort: string; size: number }>(`SELECT * FROM (SELECT strftime(first_subscription_date, '%Y-%m') AS cohort,
      count(*)::INTEGER AS size FROM cw_customer_facts WHERE tier = '钻石' AND first_subscription_date IS NOT NULL GROUP BY 1 ORDER BY 1 DESC LIMIT 12) ORDER BY 1`);
    expect(mine.length).toBe(12);
    expect(mine[0].cohort < '2025-10').toBe(true);
    expect(mine.map((c) => ({ cohort: c.cohort, size: c.size }))).toEqual(expected);
    for (const c of mine) expect(c.retention[0]).toBe(1);
  });
});

describe('RFM panel', () => {
  it('matches the RFM family unfiltered and counts the buyers of a region per segment', async () => {
    const all = (await loadRfm(qm, ctx, [], 'zh-CN'))!;
    expect(all).toEqual((await computeRfm(qm, ctx.settings)).rfm);
    const mine = (await loadRfm(qm, ctx, region, 'zh-CN'))!;
    const expected = await counts<{ segment: string; customers: number }>(`SELECT r.segment, count(*)::INTEGER AS customers FROM cw_customer_rfm r
      JOIN cw_customer_facts f USING (customer_id) WHERE f.region = '华东' GROUP BY 1`);
    for (const e of expected) expect(mine.find((c) => c.segment === e.segment)!.customers).toBe(e.customers);
    expect(mine.reduce((s, c) => s + c.customers, 0)).toBe(expected.reduce((s, e) => s + e.customers, 0));
  });
});

describe('risk tier panel', () => {
  it('sums to the risk family counts and ranks the reasons of red and amber customers', async () => {
    const d = (await loadRiskTiers(qm, ctx, [], 'zh-CN'))!;
    const risk = ctx.families.risk!;
    expect([d.red, d.amber, d.green]).toEqual([risk.red, risk.amber, risk.green]);
    const [top] = await counts<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM cw_customer_risk r JOIN cw_customer_status s USING (customer_id)
      WHERE s.status <> 'churned' AND r.tier IN ('red', 'amber') AND 'recency' IN (r.reason1, r.reason2, r.reason3)`);
    expect(d.topSignals.find((s) => s.signal === 'recency')!.customers).toBe(top.n);
    const sorted = [...d.topSignals].sort((a, b) => b.customers - a.customers);
    expect(d.topSignals.map((s) => s.customers)).toEqual(sorted.map((s) => s.customers));
  });

  it('restricts the tiers to the drilled customers', async () => {
    const d = (await loadRiskTiers(qm, ctx, region, 'zh-CN'))!;
    const [e] = await counts<{ red: number; amber: number; green: number }>(`SELECT count(*) FILTER (WHERE r.tier = 'red')::INTEGER AS red,
      count(*) FILTER (WHERE r.tier = 'amber')::INTEGER AS amber, count(*) FILTER (WHERE r.tier = 'green')::INTEGER AS green
      FROM cw_customer_risk r JOIN cw_customer_status s USING (customer_id) JOIN cw_customer_facts f USING (customer_id)
      WHERE s.status <> 'churned' AND f.region = '华东'`);
    expect({ red: d.red, amber: d.amber, green: d.green }).toEqual(e);
  });
});

describe('region panel', () => {
  it('lists every region, largest first, adding up to all customers, churned and red customers', async () => {
    const bars = (await loadRegions(qm, ctx, [], 'zh-CN'))!;
    expect(bars[0].region).toBe('华东');
    expect(bars.map((b) => b.customers)).toEqual([...bars.map((b) => b.customers)].sort((a, b) => b - a));
    expect(bars.reduce((s, b) => s + b.customers, 0)).toBe(2000);
    expect(bars.reduce((s, b) => s + b.churned, 0)).toBe(ctx.families.structural.structuralOverall!.churned);
    expect(bars.reduce((s, b) => s + b.red, 0)).toBe(ctx.families.risk!.red);
    const east = bars[0];
    expect(east.rate).toBeCloseTo(east.churned / east.customers, 12);
    const drilled = (await loadRegions(qm, ctx, region, 'zh-CN'))!;
    expect(drilled).toEqual([east]);
  });
});

describe('trigger ticker', () => {
  it('lists the triggers due most recently first, in words, none flagged new', async () => {
    const rows = (await loadTriggers(qm, ctx, [], 'zh-CN'))!;
    const [{ n }] = await counts<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM cw_triggers`);
    expect(rows.length).toBe(Math.min(50, n));
    const dates = rows.map((r) => r.due_date!);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(rows.every((r) => !r.isNew && r.reason.length > 0)).toBe(true);
    const en = (await loadTriggers(qm, ctx, [{ dimension: 'trigger', value: 'renewal-at-risk' }], 'en'))!;
    expect(en.length).toBeGreaterThan(0);
    expect(en.every((r) => r.kind === 'renewal-at-risk' && /renewal|contract ends/.test(r.reason))).toBe(true);
  });
});

describe('diagnosis panel', () => {
  it('states the five checks in the chosen language', async () => {
    const zh = (await loadDiagnosis(qm, ctx, [], 'zh-CN'))!;
    const en = (await loadDiagnosis(qm, ctx, region, 'en'))!;
    expect(zh.map((l) => l.check)).toEqual(['structural-hidden', 'silent-as-lost', 'service-before-churn', 'one-size-fits-all', 'single-signal']);
    expect(zh.map((l) => l.text)).toEqual(ctx.families.diagnosis!.map((f) => f.text.zh));
    expect(en.map((l) => l.text)).toEqual(ctx.families.diagnosis!.map((f) => f.text.en));
    expect(missingDataHint('diagnosis', ctx)).toBeNull();
  });
});

describe('prepareScreen and the CLI report', () => {
  it('run the same families to the same results', async () => {
    const report = await analyzeWorkspace(qm, DEFAULT_SETTINGS);
    const s = report.sections as Record<string, unknown>;
    expect(report.asOf).toBe(ctx.asOf);
    expect(s.churnByPeriod).toEqual(ctx.families.churn.churnByPeriod);
    expect(s.structural).toEqual(ctx.families.structural.structural);
    expect(s.risk).toEqual(ctx.families.risk);
    expect(s.clv).toEqual(ctx.families.clv.clv);
    expect(s.interventions).toEqual(ctx.families.interventions);
    expect(s.diagnosis).toEqual(ctx.families.diagnosis);
  }, 60_000);
});
