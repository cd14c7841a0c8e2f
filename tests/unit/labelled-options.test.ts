import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts';
import type { EChartsOption, TooltipComponentFormatterCallbackParams } from 'echarts';
import type { DriversData, TenureCurveData } from '../../src/analytics/screen/types';
import type { ChartContext } from '../../src/components/chart/options/context';
import { driversOption } from '../../src/components/chart/options/driversOption';
import { tenureCurveOption } from '../../src/components/chart/options/tenureCurveOption';

const HOSTILE = '<img src=x onerror=alert(1)>';
const zh: ChartContext = { locale: 'zh-CN', theme: 'dark', labels: {} };
const en: ChartContext = { locale: 'en', theme: 'light', labels: {} };
const data: DriversData = {
  overallRate: 0.25,
  byLift: [
    { dimension: 'attr:Contract', value: 'Month-to-month', customers: 400, churned: 170, rate: 0.425, lift: 1.7, weight: 0.31 },
    { dimension: 'attr:Payment', value: HOSTILE, customers: 100, churned: 30, rate: 0.3, lift: 1.2, weight: null },
  ],
  byWeight: [],
};
const name = (d: string) => (d.startsWith('attr:') ? d.slice(5) : d);

type Item = { row: { value: string }; drill: { dimension: string; value: string; label: string }; value: number };
function items(option: EChartsOption): Item[] {
  return (option.series as { data: Item[] }[])[0].data;
}
function tooltip(option: EChartsOption, item: Item): string {
  const f = (option.tooltip as { formatter: (p: TooltipComponentFormatterCallbackParams) => string }).formatter;
  return f({ data: item, componentType: 'series', seriesIndex: 0, dataIndex: 0 } as unknown as TooltipComponentFormatterCallbackParams);
}

describe('driversOption', () => {
  it('draws one bar per group at its lift, each drilling to its group, with the overall at lift 1', () => {
    const o = driversOption(data, zh, name);
    expect(items(o).map((i) => i.value)).toEqual([1.7, 1.2]);
    expect(items(o)[0].drill).toEqual({ dimension: 'attr:Contract', value: 'Month-to-month', label: 'Contract: Month-to-month' });
    const line = (o.series as { markLine: { data: { xAxis: number }[] } }[])[0].markLine;
    expect(line.data).toEqual([{ xAxis: 1 }]);
  });

  it('puts the rate with its counts and the model weight in the tooltip, in both languages', () => {
    expect(tooltip(driversOption(data, zh, name), items(driversOption(data, zh, name))[0])).toContain('流失率 42.5%（流失 170 / 客户 400）');
    expect(tooltip(driversOption(data, zh, name), items(driversOption(data, zh, name))[0])).toContain('模型权重 +0.31');
    expect(tooltip(driversOption(data, en, name), items(driversOption(data, en, name))[0])).toContain('Lift ×1.70');
  });

  it('keeps a hostile value inert in the tooltip and the rendered SVG', () => {
    const o = driversOption(data, en, name);
    const html = tooltip(o, items(o)[1]);
    expect(html).toContain('&lt;img');
    expect(html).not.toContain('<img');
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 });
    chart.setOption(o);
    expect(chart.renderToSVGString()).not.toContain('<img');
    chart.dispose();
  });
});

describe('tenureCurveOption', () => {
  const curve: TenureCurveData = {
    attribute: 'tenure',
    points: [{ t: 0, atRisk: 100, churned: 0, survival: 1 }, { t: 1, atRisk: 98, churned: 40, survival: 58 / 98 }, { t: 2, atRisk: 50, churned: 20, survival: (58 / 98) * 0.6 }],
    median: 2,
  };
  it('steps from 100% at month 0 through every point, the median dashed', () => {
    const o = tenureCurveOption(curve, zh);
    const data = (o.series as { data: { value: [number, number] }[]; markLine: { data: { xAxis: number }[] } }[])[0];
    expect(data.data.map((d) => d.value)).toEqual([[0, 1], ...curve.points.map((pt) => [pt.t, pt.survival])]);
    expect(data.markLine.data).toEqual([{ xAxis: 2 }]);
    const f = (o.tooltip as { formatter: (p: TooltipComponentFormatterCallbackParams) => string }).formatter;
    const html = f([{ data: data.data[2], componentType: 'series', seriesIndex: 0, dataIndex: 2 }] as unknown as TooltipComponentFormatterCallbackParams);
    expect(html).toContain('1 个月');
    expect(html).toContain('在网 98，流失 40');
  });

  it('draws no median line when more than half remain', () => {
    const o = tenureCurveOption({ ...curve, median: null }, en);
    expect((o.series as { markLine?: unknown }[])[0].markLine).toBeUndefined();
  });
});
