import type { EChartsOption } from 'echarts';
import type { TrendData, TrendPoint } from '../../../analytics/screen/types';
import { formatPercent } from '../../../i18n/formatNumber';
import { headroomMax } from './axisMax';
import { baseOption, fontSizes, palette, word, type ChartContext, type DrillPayload } from './context';
import { itemOf, paramList, rateLine, tooltipHtml } from './tooltip';

interface TrendItem {
  value: number | null;
  drill: DrillPayload;
  point: TrendPoint;
}

/**
 * Churn trend: logo churn rate (and value churn rate when present) by period, the warning
 * threshold as a dashed red line, points above it in red, partial periods hollow. Under a drill to
 * churners (data.ofBase) the series is the base's, said in a caption at the top left.
 * Labels: rate, valueRate, threshold, churned, atStart, partial, ofBase.
 */
export function trendOption(data: TrendData, ctx: ChartContext): EChartsOption {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  const pct = (v: number | null) => formatPercent(v, ctx.locale);
  const drill = (pt: TrendPoint): DrillPayload => ({ dimension: 'churned_in', value: pt.period, label: pt.period });
  const lastWithRate = data.points.findLastIndex((pt) => pt.rate !== null);
  const hasValue = data.points.some((pt) => pt.valueChurnRate !== null);

  const logo = data.points.map((pt, i) => ({
    value: pt.rate,
    drill: drill(pt),
    point: pt,
    symbol: pt.partial ? 'emptyCircle' : 'circle',
    itemStyle: pt.rate !== null && pt.rate > data.threshold ? { color: p.red } : undefined,
    // The latest rate's label ends at its point, so it is never cut off at the chart's right edge.
    label: i === lastWithRate ? { show: true, align: 'right' as const } : undefined,
  }));
  const value = data.points.map((pt) => ({ value: pt.valueChurnRate, drill: drill(pt), point: pt, symbol: pt.partial ? 'emptyCircle' : 'circle' }));

  const base = baseOption(ctx);
  return {
    ...base,
    legend: hasValue ? { top: 0, right: 8, textStyle: { color: p.text, fontSize: f.legend } } : { show: false },
    ...(data.ofBase ? { title: { text: word(ctx, 'ofBase'), left: 8, top: 0, textStyle: { color: p.muted, fontSize: f.legend, fontWeight: 'normal' } } } : {}),
    grid: { left: 8, right: 24, top: hasValue || data.ofBase ? 40 : 24, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      formatter: (params) => {
        const items = paramList(params).map((x) => itemOf<TrendItem>(x)).filter((x): x is TrendItem => x !== null);
        const pt = items[0]?.point;
        if (!pt) return '';
        const lines = [rateLine(ctx, 'rate', pt.rate, pt.churned, pt.start, 'atStart')];
        if (pt.valueChurnRate !== null) lines.push(`${word(ctx, 'valueRate')} ${pct(pt.valueChurnRate)}`);
        lines.push(`${word(ctx, 'threshold')} ${pct(data.threshold)}`);
        return tooltipHtml(pt.period + (pt.partial ? word(ctx, 'partial') : ''), lines);
      },
    },
    xAxis: {
      type: 'category',
      axisLine: { lineStyle: { color: p.axisLine } },
      data: data.points.map((pt) => pt.period),
      boundaryGap: false,
      axisLabel: { fontSize: f.axis, color: p.muted },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: (ext: { max: number }) => headroomMax(Math.max(ext.max, data.threshold), 1.15),
      axisLabel: { fontSize: f.axis, color: p.muted, formatter: (v: number) => formatPercent(v, ctx.locale, 0) },
      splitLine: { lineStyle: { color: p.splitLine } },
    },
    series: [
      {
        type: 'line',
        name: word(ctx, 'rate'),
        data: logo,
        color: p.accent,
        lineStyle: { width: 3 },
        symbolSize: 9,
        label: { position: 'top', fontSize: f.value, fontWeight: 'bold', color: p.text, formatter: (x) => pct(itemOf<TrendItem>(x)?.value ?? null) },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: p.red, type: 'dashed', width: 2 },
          label: { position: 'insideEndTop', color: p.red, fontSize: f.axis, formatter: `${word(ctx, 'threshold')} ${pct(data.threshold)}` },
          data: [{ yAxis: data.threshold }],
        },
      },
      ...(hasValue
        ? [{ type: 'line' as const, name: word(ctx, 'valueRate'), data: value, color: p.amber, lineStyle: { width: 2, type: 'dashed' as const }, symbolSize: 7 }]
        : []),
    ],
  };
}
