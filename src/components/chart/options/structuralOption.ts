import type { EChartsOption } from 'echarts';
import type { StructuralBar, StructuralData } from '../../../analytics/screen/types';
import { formatPercent } from '../../../i18n/formatNumber';
import { dimensionValueName } from '../../../analytics/common/dimensionNames';
import { headroomMax } from './axisMax';
import { baseOption, fontSizes, palette, word, type ChartContext, type DrillPayload } from './context';
import { itemOf, paramList, rateLine, tooltipHtml } from './tooltip';

interface StructuralItem {
  value: number | null;
  drill: DrillPayload;
  bar: StructuralBar;
}

function liftText(lift: number | null): string {
  return lift === null || !Number.isFinite(lift) ? '' : `×${lift.toFixed(2)}`;
}

/**
 * Structural churn for one dimension: a horizontal bar per value with its churn rate and lift,
 * the high-value bar red and boxed, the overall rate as a dashed line.
 * Labels: rate, churned, customers, lift, valueShare, overall.
 */
export function structuralOption(data: StructuralData, dimension: string, ctx: ChartContext): EChartsOption {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  const pct = (v: number | null) => formatPercent(v, ctx.locale);
  const bars = data.bars.filter((b) => b.dimension === dimension);
  // Value tiers, RFM segments and tenure bands in the screen's language; drills keep the stored value.
  const nameOf = (b: StructuralBar) => dimensionValueName(b.dimension, b.value, ctx.locale === 'zh-CN' ? 'zh' : 'en');
  const items = bars.map((b) => ({
    value: b.rate,
    drill: { dimension: b.dimension, value: b.value, label: nameOf(b) },
    bar: b,
    itemStyle: { color: b.highlight ? p.red : p.accent },
    label: b.highlight
      ? { color: p.red, fontWeight: 'bold' as const, fontSize: f.value + 2, borderColor: p.red, borderWidth: 1, borderRadius: 3, padding: [2, 6] }
      : undefined,
  }));
  const maxRate = Math.max(data.overallRate ?? 0, ...bars.map((b) => b.rate ?? 0));

  const base = baseOption(ctx);
  return {
    ...base,
    grid: { left: 8, right: 24, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (params) => {
        const bar = itemOf<StructuralItem>(paramList(params)[0])?.bar;
        if (!bar) return '';
        const lines = data.composition
          ? [rateLine(ctx, 'churnerShare', bar.rate, bar.churned, bar.churnersTotal ?? 0, 'churned'), `${word(ctx, 'baseShare')} ${pct(bar.baseShare ?? null)}`]
          : [rateLine(ctx, 'shareChurned', bar.rate, bar.churned, bar.customers, 'customers')];
        if (bar.lift !== null) lines.push(`${word(ctx, 'lift')} ${liftText(bar.lift)}`);
        if (bar.valueShare !== null) lines.push(`${word(ctx, 'valueShare')} ${pct(bar.valueShare)}`);
        return tooltipHtml(nameOf(bar), lines);
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      // Room on the right for the "30.2% ×1.80" label.
      max: headroomMax(maxRate, 1.35),
      axisLabel: { fontSize: f.axis, color: p.muted, formatter: (v: number) => formatPercent(v, ctx.locale, 0) },
      splitLine: { lineStyle: { color: p.splitLine } },
    },
    yAxis: {
      type: 'category',
      axisLine: { lineStyle: { color: p.axisLine } },
      inverse: true,
      data: bars.map(nameOf),
      axisLabel: { fontSize: f.axis, color: p.text, width: 120 * (ctx.scale ?? 1), overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: word(ctx, data.composition ? 'churnerShare' : 'shareChurned'),
        data: items,
        barMaxWidth: 28,
        label: {
          show: true,
          position: 'right',
          fontSize: f.value,
          color: p.text,
          formatter: (x) => {
            const bar = itemOf<StructuralItem>(x)?.bar;
            return bar ? `${pct(bar.rate)} ${liftText(bar.lift)}`.trim() : '';
          },
        },
        markLine:
          data.overallRate === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: p.amber, type: 'dashed', width: 2 },
                // 'start' is the top edge because the category axis is inverted.
                label: { position: 'start', color: p.amber, fontSize: f.axis, formatter: `${word(ctx, 'overall')} ${pct(data.overallRate)}` },
                data: [{ xAxis: data.overallRate }],
              },
      },
    ],
  };
}
