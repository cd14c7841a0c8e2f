import { afterEach, describe, expect, it } from 'vitest';
import * as echarts from 'echarts';
import type { EChartsOption, TooltipComponentFormatterCallbackParams } from 'echarts';
import type { CohortRow, RegionBar, RfmCell, RiskTierData, StructuralData, TrendData } from '../../src/analytics/screen/types';
import type { ChartContext } from '../../src/components/chart/options/context';
import { trendOption } from '../../src/components/chart/options/trendOption';
import { structuralOption } from '../../src/components/chart/options/structuralOption';
import { cohortHeatmapOption } from '../../src/components/chart/options/cohortHeatmapOption';
import { rfmTreemapOption } from '../../src/components/chart/options/rfmTreemapOption';
import { riskTierOption } from '../../src/components/chart/options/riskTierOption';
import { regionOption } from '../../src/components/chart/options/regionOption';

const HOSTILE = '<img src=x onerror=alert(1)>';
const HOSTILE_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';
const RED = '#ff4d4f';

const zh: ChartContext = { locale: 'zh-CN', theme: 'dark', labels: {} };
const en: ChartContext = { locale: 'en', theme: 'light', labels: {} };

const trend: TrendData = {
  threshold: 0.05,
  points: [
    { period: '2025-01', start: 1000, churned: 30, rate: 0.03, valueChurnRate: 0.02, partial: false },
    { period: '2025-02', start: 1000, churned: 42, rate: 0.042, valueChurnRate: 0.025, partial: false },
    { period: '2025-03', start: 5859, churned: 362, rate: 362 / 5859, valueChurnRate: 0.04, partial: false },
    { period: '2025-04', start: 5500, churned: 34, rate: 34 / 5500, valueChurnRate: null, partial: true },
  ],
};

const structural: StructuralData = {
  overallRate: 0.16,
  dimensions: ['region', 'tier'],
  callouts: [],
  bars: [
    { dimension: 'region', value: '华东', customers: 5859, churned: 1770, rate: 1770 / 5859, lift: 1.8, valueShare: 0.3, highlight: true },
    { dimension: 'region', value: '华南', customers: 4000, churned: 480, rate: 0.12, lift: 0.75, valueShare: 0.2, highlight: false },
    { dimension: 'region', value: HOSTILE, customers: 1000, churned: 100, rate: 0.1, lift: 0.625, valueShare: 0.1, highlight: false },
    { dimension: 'tier', value: '高价值', customers: 800, churned: 200, rate: 0.25, lift: 1.56, valueShare: 0.6, highlight: false },
  ],
};

/** Six cohorts, the n-th with 6 - n available periods (a triangle): 21 cells. */
const cohorts: CohortRow[] = Array.from({ length: 6 }, (_, y) => ({
  cohort: `2025-0${y + 1}`,
  size: 200,
  retention: [...Array.from({ length: 6 - y }, (_, x) => 0.9 - x * 0.1), null],
  unbounded: Array.from({ length: 6 - y }, (_, x) => 0.95 - x * 0.05),
}));

const rfm: RfmCell[] = [
  { segment: 'Champions', customers: 3000, value: 5_000_000 },
  { segment: 'At Risk', customers: 1500, value: 2_000_000 },
  { segment: HOSTILE, customers: 900, value: 300_000 },
  { segment: 'Lost', customers: 4000, value: 100_000 },
];

const risk: RiskTierData = { red: 1234, amber: 3000, green: 15766, topSignals: [] };

const regions: RegionBar[] = [
  { region: '华东', customers: 5859, churned: 1770, rate: 1770 / 5859, red: 300, atRiskValue: 1_200_000 },
  { region: '华北', customers: 3000, churned: 300, rate: 0.1, red: 50, atRiskValue: null },
  { region: HOSTILE, customers: 1000, churned: 50, rate: 0.05, red: 5, atRiskValue: 1000 },
];

const charts: echarts.ECharts[] = [];
afterEach(() => {
  while (charts.length) charts.pop()?.dispose();
});

/** Renders an option headless exactly as built (no test-side overrides) and returns the SVG. */
function render(option: EChartsOption): { chart: echarts.ECharts; svg: string } {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 400 });
  charts.push(chart);
  chart.setOption(option);
  return { chart, svg: chart.renderToSVGString() };
}

type Item = Record<string, unknown> & { drill?: { dimension: string; value: string; label?: string } };

function seriesData(option: EChartsOption, index = 0): Item[] {
  const series = option.series as { data: Item[] }[];
  return series[index].data;
}

/** Calls the option's tooltip formatter as ECharts does: with the hovered item's params. */
function tooltipFor(option: EChartsOption, item: Item, asAxis = false): string {
  const tooltip = option.tooltip as { formatter: (p: TooltipComponentFormatterCallbackParams) => string };
  const params = { data: item, name: String(item.name ?? ''), componentType: 'series', seriesType: 'x', seriesIndex: 0, dataIndex: 0 };
  return tooltip.formatter((asAxis ? [params] : params) as unknown as TooltipComponentFormatterCallbackParams);
}

/** The dashed paths of a colour in a rendered SVG, as their `d` attributes. */
function dashedPaths(svg: string, stroke: string): string[] {
  return [...svg.matchAll(/<path [^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes(`stroke="${stroke}"`) && tag.includes('stroke-dasharray'))
    .map((tag) => /\bd="([^"]+)"/.exec(tag)?.[1] ?? '');
}

/** The numbers of a path's `d`, pairwise: [[x0, y0], [x1, y1], ...]. */
function points(d: string): number[][] {
  const n = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  return Array.from({ length: n.length / 2 }, (_, i) => [n[2 * i], n[2 * i + 1]]);
}

/** Every `font-size` in a rendered SVG, in px. */
function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/font-size:\s*(\d+(?:\.\d+)?)px/g)].map((m) => Number(m[1]));
}

describe('trendOption', () => {
  it('draws every period, the latest rate and the dashed red threshold line', () => {
    const { svg } = render(trendOption(trend, zh));
    for (const p of trend.points) expect(svg).toContain(p.period);
    expect(svg).toContain('0.6%');
    expect(svg).toContain('预警线 5.0%');
  });

  it('ends the latest rate\'s label at its point, inside the chart (it was cut off at the right edge)', () => {
    const { chart, svg } = render(trendOption(trend, zh));
    const label = /<text[^>]*>0\.6%<\/text>/.exec(svg)![0];
    expect(label).toContain('text-anchor="end"');
    const x = Number(/translate\(([\d.]+)/.exec(label)![1]);
    const pointX = chart.convertToPixel({ xAxisIndex: 0 }, trend.points.at(-1)!.period);
    expect(x).toBeLessThanOrEqual(pointX + 1);
  });

  it('draws the threshold as a horizontal dashed red line at the threshold value', () => {
    const { chart, svg } = render(trendOption(trend, zh));
    const y = chart.convertToPixel({ yAxisIndex: 0 }, trend.threshold);
    const lines = dashedPaths(svg, RED).map(points);
    expect(lines).toHaveLength(1);
    for (const [, py] of lines[0]) expect(py).toBeCloseTo(y, 0);
  });

  it('colours the points above the threshold red and leaves the others in the accent colour', () => {
    const { chart } = render(trendOption(trend, zh));
    const colour = (i: number) => chart.getVisual({ seriesIndex: 0, dataIndex: i }, 'color');
    expect(colour(2)).toBe(RED);
    expect(colour(0)).not.toBe(RED);
    expect(colour(1)).not.toBe(RED);
  });

  it('shows the value churn series only when the data has it', () => {
    expect((trendOption(trend, zh).series as unknown[]).length).toBe(2);
    const logoOnly = { ...trend, points: trend.points.map((p) => ({ ...p, valueChurnRate: null })) };
    expect((trendOption(logoOnly, zh).series as unknown[]).length).toBe(1);
  });

  it('puts churned / at-start counts in the tooltip in both languages', () => {
    const item = seriesData(trendOption(trend, zh))[2];
    expect(tooltipFor(trendOption(trend, zh), item, true)).toContain('流失率 6.2%（流失 362 / 期初 5,859）');
    const itemEn = seriesData(trendOption(trend, en))[2];
    expect(tooltipFor(trendOption(trend, en), itemEn, true)).toContain('Churn rate 6.2% (churned 362 / 5,859 at start)');
  });

  it('marks the partial period in the tooltip', () => {
    const option = trendOption(trend, en);
    expect(tooltipFor(option, seriesData(option)[3], true)).toContain('2025-04 (partial)');
  });
});

describe('structuralOption', () => {
  it('draws one bar per value of the chosen dimension with rate and lift labels', () => {
    const { svg } = render(structuralOption(structural, 'region', zh));
    expect(svg).toContain('华东');
    expect(svg).toContain('30.2% ×1.80');
    expect(svg).toContain('12.0% ×0.75');
    expect(svg).not.toContain('高价值');
    // A share of customers churned to date, named apart from the trend's period rate.
    const byRegion = structuralOption(structural, 'region', zh);
    expect(tooltipFor(byRegion, seriesData(byRegion)[0], true)).toContain('累计流失占比');
    expect(seriesData(structuralOption(structural, 'tier', zh)).map((d) => d.drill?.value)).toEqual(['高价值']);
  });

  it('draws the overall rate as a vertical dashed line at the overall rate', () => {
    const { chart, svg } = render(structuralOption(structural, 'region', zh));
    expect(svg).toContain('整体 16.0%');
    const x = chart.convertToPixel({ xAxisIndex: 0 }, 0.16);
    const lines = dashedPaths(svg, '#ffb020').map(points);
    expect(lines).toHaveLength(1);
    for (const [px] of lines[0]) expect(px).toBeCloseTo(x, 0);
    const noOverall = structuralOption({ ...structural, overallRate: null }, 'region', zh);
    expect(render(noOverall).svg).not.toContain('整体');
  });

  it('paints the high-value bar red and the other bars not', () => {
    const { chart, svg } = render(structuralOption(structural, 'region', zh));
    expect(chart.getVisual({ seriesIndex: 0, dataIndex: 0 }, 'color')).toBe(RED);
    expect(chart.getVisual({ seriesIndex: 0, dataIndex: 1 }, 'color')).not.toBe(RED);
    expect(chart.getVisual({ seriesIndex: 0, dataIndex: 2 }, 'color')).not.toBe(RED);
    const redBars = [...svg.matchAll(new RegExp(`<path [^>]*fill="${RED}"[^>]*>`, 'g'))].map((m) => m[0]);
    expect(redBars).toHaveLength(1);
    expect(redBars[0]).toContain('ecmeta_data_index="0"');
  });

  it('escapes translated words too, not only data', () => {
    const option = structuralOption(structural, 'region', { ...zh, labels: { customers: HOSTILE } });
    const html = tooltipFor(option, seriesData(option)[0]);
    expect(html).toContain(HOSTILE_ESCAPED);
    expect(html).not.toContain('<img');
  });

  it('escapes a hostile value name in the tooltip and the rendered SVG', () => {
    const option = structuralOption(structural, 'region', zh);
    const html = tooltipFor(option, seriesData(option)[2]);
    expect(html).toContain(HOSTILE_ESCAPED);
    expect(html).not.toContain('<img');
    expect(html).toContain('流失 100 / 客户 1,000');
    expect(render(option).svg).not.toContain('<img');
  });
});

describe('cohortHeatmapOption', () => {
  const available = (mode: 'n-period' | 'unbounded') =>
    cohorts.reduce((s, r) => s + (mode === 'n-period' ? r.retention : r.unbounded).filter((v) => v !== null).length, 0);

  it('renders one labelled cell per available retention value', () => {
    for (const mode of ['n-period', 'unbounded'] as const) {
      const option = cohortHeatmapOption(cohorts, mode, zh);
      const { svg } = render(option);
      const cellLabels = [...svg.matchAll(/<text[^>]*>\d+%<\/text>/g)].length;
      expect(cellLabels).toBe(available(mode));
      expect(seriesData(option).length).toBe(available(mode));
    }
  });

  it('switches between N-period and unbounded values', () => {
    expect(render(cohortHeatmapOption(cohorts, 'n-period', zh)).svg).not.toContain('>95%<');
    expect(render(cohortHeatmapOption(cohorts, 'unbounded', zh)).svg).toContain('>95%<');
  });

  it('shows retained / cohort size in the tooltip', () => {
    const option = cohortHeatmapOption(cohorts, 'n-period', zh);
    const html = tooltipFor(option, seriesData(option)[1]);
    expect(html).toContain('2025-01 · 第 2 期');
    expect(html).toContain('留存 80.0%（160 / 200）');
  });
});

describe('cohortHeatmapOption with projected cells', () => {
  // The triangle of `cohorts` filled by projections: the n-th cohort gets n projected periods.
  const projectedCohorts: CohortRow[] = cohorts.map((r, y) => ({ ...r, projected: Array.from({ length: y }, (_, j) => 0.6 - j * 0.1) }));
  const projectedCount = projectedCohorts.reduce((sum, r) => sum + r.projected!.length, 0); // 15

  it('draws projected cells after the observed ones, lighter, hatched, labelled with ≈, and names them in a legend (zh and en)', () => {
    for (const [ctx, legend] of [[zh, '预测（sBG 模型）'], [en, 'Projected (sBG model)']] as const) {
      const option = cohortHeatmapOption(projectedCohorts, 'unbounded', ctx);
      const projected = seriesData(option, 1);
      expect(projected).toHaveLength(projectedCount);
      // The last cohort (one observed period) continues at periods 2..6.
      expect(projected.filter((i) => i.cohort === '2025-06').map((i) => (i.value as number[])[0])).toEqual([1, 2, 3, 4, 5]);
      const style = (option.series as { itemStyle: { opacity?: number; decal?: unknown } }[]).map((x) => x.itemStyle);
      expect(style[0].opacity).toBeUndefined();
      expect(style[1].opacity).toBeLessThan(1);
      const { svg } = render(option);
      expect(svg).toContain(legend);
      expect(svg).toContain('<pattern');
      expect([...svg.matchAll(/<text[^>]*>≈\d+%<\/text>/g)].length).toBe(projectedCount);
      expect([...svg.matchAll(/<text[^>]*>\d+%<\/text>/g)].length).toBe(available('unbounded'));
    }
  });

  it('says projected in the tooltip of a projected cell, with the expected count', () => {
    const option = cohortHeatmapOption(projectedCohorts, 'n-period', zh);
    const html = tooltipFor(option, seriesData(option, 1)[0]);
    expect(html).toContain('2025-02 · 第 6 期');
    expect(html).toContain('预测（sBG 模型）');
    expect(html).toContain('留存 60.0%（≈120 / 200）');
  });

  it('has no legend and no second series without projections', () => {
    const option = cohortHeatmapOption(cohorts, 'unbounded', zh);
    expect(option.series).toHaveLength(1);
    expect(option.legend).toBeUndefined();
    expect(render(option).svg).not.toContain('预测');
  });

  function available(mode: 'n-period' | 'unbounded'): number {
    return cohorts.reduce((sum, r) => sum + (mode === 'n-period' ? r.retention : r.unbounded).filter((v) => v !== null).length, 0);
  }
});

describe('rfmTreemapOption', () => {
  const labels = { 'segment:Champions': '重要价值客户' };

  it('renders translated segment names with their customer counts', () => {
    const { svg } = render(rfmTreemapOption(rfm, { ...zh, labels }));
    expect(svg).toContain('重要价值客户');
    expect(svg).toContain('3,000');
    // A segment without a passed label is still in Chinese (issue 14: names stayed English in 中文).
    expect(svg).toContain('流失风险');
    expect(svg).not.toContain('At Risk');
    expect(svg).toMatch(new RegExp(`<path[^>]*fill="${RED}"`));
  });

  it('keeps the raw segment name in the drill payload and the translated one as its label', () => {
    const champions = seriesData(rfmTreemapOption(rfm, { ...zh, labels }))[0];
    expect(champions.drill).toEqual({ dimension: 'rfm_segment', value: 'Champions', label: '重要价值客户' });
  });

  it('escapes a hostile segment name in the tooltip and shows the share of customers', () => {
    const option = rfmTreemapOption(rfm, zh);
    const html = tooltipFor(option, seriesData(option)[2]);
    expect(html).toContain(HOSTILE_ESCAPED);
    expect(html).not.toContain('<img');
    expect(html).toContain('900 / 9,400 客户');
    expect(render(option).svg).not.toContain('<img');
  });
});

describe('riskTierOption', () => {
  it('draws red, amber and green slices in that order with counts and the total', () => {
    const { chart, svg } = render(riskTierOption(risk, zh));
    expect(svg).toContain('高风险');
    expect(svg).toContain('1,234');
    expect(svg).toContain('2万');
    expect([0, 1, 2].map((i) => chart.getVisual({ seriesIndex: 0, dataIndex: i }, 'color'))).toEqual([RED, '#ffb020', '#2ed47a']);
  });

  it('shows count / total and share in the tooltip', () => {
    const option = riskTierOption(risk, en);
    expect(tooltipFor(option, seriesData(option)[0])).toContain('1,234 / 20,000 customers (6.2%)');
  });
});

describe('regionOption', () => {
  it('draws a rate column per region and the all-region rate line', () => {
    const { svg } = render(regionOption(regions, zh));
    expect(svg).toContain('华东');
    expect(svg).toContain('30.2%');
    expect(svg).toContain('整体 21.5%');
  });

  it('escapes a hostile region in the tooltip and lists red customers and at-risk value', () => {
    const option = regionOption(regions, zh);
    const html = tooltipFor(option, seriesData(option)[2]);
    expect(html).toContain(HOSTILE_ESCAPED);
    expect(html).not.toContain('<img');
    const first = tooltipFor(option, seriesData(option)[0]);
    expect(first).toContain('流失 1,770 / 客户 5,859');
    expect(first).toContain('高风险 300');
    expect(first).toContain('价值 120万');
  });
});

describe('every builder', () => {
  const built: [string, EChartsOption, string][] = [
    ['trend', trendOption(trend, zh), 'churned_in'],
    ['structural', structuralOption(structural, 'region', zh), 'region'],
    ['cohort', cohortHeatmapOption(cohorts, 'unbounded', zh), 'cohort'],
    ['rfm', rfmTreemapOption(rfm, zh), 'rfm_segment'],
    ['risk', riskTierOption(risk, zh), 'risk_tier'],
    ['region', regionOption(regions, zh), 'region'],
  ];

  it.each(built)('%s puts a drill payload on every data item', (_name, option, dimension) => {
    for (const [i] of (option.series as unknown[]).entries()) {
      const data = seriesData(option, i);
      expect(data.length).toBeGreaterThan(0);
      for (const item of data) {
        expect(item.drill?.dimension).toBe(dimension);
        expect(typeof item.drill?.value).toBe('string');
        expect(item.drill?.value).not.toBe('');
      }
    }
  });

  it.each(built)('%s renders no text under 14px (readable at 3 m on 1920x1080)', (_name, option) => {
    const sizes = fontSizes(render(option).svg);
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  });

  it('scales fonts with the wall scale', () => {
    const sizes = fontSizes(render(regionOption(regions, { ...zh, scale: 2 })).svg);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(28);
  });

  it('gives drill values the same dimension values the drill store filters on', () => {
    expect(seriesData(riskTierOption(risk, zh)).map((d) => d.drill?.value)).toEqual(['red', 'amber', 'green']);
    expect(seriesData(trendOption(trend, zh)).map((d) => d.drill?.value)).toEqual(trend.points.map((p) => p.period));
    expect(new Set(seriesData(cohortHeatmapOption(cohorts, 'n-period', zh)).map((d) => d.drill?.value))).toEqual(new Set(cohorts.map((c) => c.cohort)));
  });
});
