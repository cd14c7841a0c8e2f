import type { EChartsOption } from 'echarts';
import type { TenureCurveData } from '../../../analytics/screen/types';
import { formatFull, formatPercent } from '../../../i18n/formatNumber';
import { baseOption, fontSizes, palette, word, type ChartContext } from './context';
import { itemTooltip } from './tooltip';

type Point = TenureCurveData['points'][number];
interface CurveItem {
  value: [number, number];
  point: Point;
}

/**
 * The tenure retention curve: Kaplan-Meier S(t) by tenure month as a step line from 100%, the
 * median (when reached) as a dashed line; the tooltip gives at-risk and churned counts.
 * Labels: retained, month, atRisk, churned, median.
 */
export function tenureCurveOption(data: TenureCurveData, ctx: ChartContext): EChartsOption {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  // The curve starts at 100% on month 0 (before anyone could leave).
  const start: CurveItem = { value: [0, 1], point: { t: 0, atRisk: data.points[0]?.atRisk ?? 0, churned: 0, survival: 1 } };
  const items: CurveItem[] = [start, ...data.points.map((pt): CurveItem => ({ value: [pt.t, pt.survival], point: pt }))];
  const base = baseOption(ctx);
  const monthText = (t: number) => (ctx.locale === 'zh-CN' ? `${t} ${word(ctx, 'month')}` : `${word(ctx, 'month')} ${t}`);
  return {
    ...base,
    grid: { left: 8, right: 24, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { ...itemTooltip<CurveItem>(base.tooltip, ({ point }) => ({
      title: monthText(point.t),
      lines: [
        `${word(ctx, 'retained')} ${formatPercent(point.survival, ctx.locale)}`,
        `${word(ctx, 'atRisk')} ${formatFull(point.atRisk, ctx.locale)}${ctx.locale === 'zh-CN' ? '，' : ', '}${word(ctx, 'churned')} ${formatFull(point.churned, ctx.locale)}`,
      ],
    })), trigger: 'axis' },
    xAxis: {
      type: 'value',
      min: 0,
      max: Math.max(1, ...data.points.map((pt) => pt.t)),
      axisLabel: { fontSize: f.axis, color: p.muted },
      splitLine: { show: false },
      axisLine: { lineStyle: { color: p.axisLine } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { fontSize: f.axis, color: p.muted, formatter: (v: number) => formatPercent(v, ctx.locale, 0) },
      splitLine: { lineStyle: { color: p.splitLine } },
    },
    series: [{
      type: 'line',
      name: word(ctx, 'retained'),
      step: 'end',
      showSymbol: false,
      data: items,
      lineStyle: { color: p.accent, width: 3 },
      itemStyle: { color: p.accent },
      areaStyle: { color: p.accent, opacity: 0.12 },
      markLine: data.median === null ? undefined : {
        silent: true,
        symbol: 'none',
        lineStyle: { color: p.amber, type: 'dashed', width: 2 },
        label: { color: p.amber, fontSize: f.axis, formatter: `${word(ctx, 'median')} ${monthText(data.median)}` },
        data: [{ xAxis: data.median }],
      },
    }],
  };
}
