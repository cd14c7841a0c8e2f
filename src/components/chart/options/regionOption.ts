import type { EChartsOption } from 'echarts';
import type { RegionBar } from '../../../analytics/screen/types';
import { formatCompact, formatFull, formatPercent } from '../../../i18n/formatNumber';
import { headroomMax } from './axisMax';
import { baseOption, fontSizes, palette, word, type ChartContext, type DrillPayload } from './context';
import { itemOf, paramList, rateLine, tooltipHtml } from './tooltip';

interface RegionItem {
  value: number | null;
  drill: DrillPayload;
  bar: RegionBar;
}

/**
 * Region view: a column per region with its churn rate, the all-region rate as a dashed line.
 * Labels: rate, churned, customers, red, value, overall.
 */
export function regionOption(bars: RegionBar[], ctx: ChartContext): EChartsOption {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  const pct = (v: number | null) => formatPercent(v, ctx.locale);
  // A drill to churners: shares of the churners against shares of the base (regions.ts), no overall rate.
  const composition = bars.some((b) => b.baseShare !== undefined);
  const customers = bars.reduce((s, b) => s + b.customers, 0);
  const overall = !composition && customers > 0 ? bars.reduce((s, b) => s + b.churned, 0) / customers : null;
  const items: RegionItem[] = bars.map((b) => ({ value: b.rate, drill: { dimension: 'region', value: b.region, label: b.region }, bar: b }));
  const maxRate = Math.max(overall ?? 0, ...bars.map((b) => b.rate ?? 0));

  const base = baseOption(ctx);
  return {
    ...base,
    grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (params) => {
        const bar = itemOf<RegionItem>(paramList(params)[0])?.bar;
        if (!bar) return '';
        const lines = composition
          ? [rateLine(ctx, 'churnerShare', bar.rate, bar.churned, bar.churnersTotal ?? 0, 'churned'), `${word(ctx, 'baseShare')} ${pct(bar.baseShare ?? null)}`]
          : [rateLine(ctx, 'shareChurned', bar.rate, bar.churned, bar.customers, 'customers'), `${word(ctx, 'red')} ${formatFull(bar.red, ctx.locale)}`];
        if (bar.atRiskValue !== null) lines.push(`${word(ctx, 'value')} ${formatCompact(bar.atRiskValue, ctx.locale)}`);
        return tooltipHtml(bar.region, lines);
      },
    },
    xAxis: {
      type: 'category',
      axisLine: { lineStyle: { color: p.axisLine } },
      data: bars.map((b) => b.region),
      axisLabel: { fontSize: f.axis, color: p.text, interval: 0, width: 96 * (ctx.scale ?? 1), overflow: 'truncate' },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: headroomMax(maxRate, 1.2),
      axisLabel: { fontSize: f.axis, color: p.muted, formatter: (v: number) => formatPercent(v, ctx.locale, 0) },
      splitLine: { lineStyle: { color: p.splitLine } },
    },
    series: [
      {
        type: 'bar',
        name: word(ctx, composition ? 'churnerShare' : 'shareChurned'),
        data: items,
        color: p.accent,
        barMaxWidth: 40,
        label: { show: true, position: 'top', fontSize: f.value, color: p.text, formatter: (x) => pct(itemOf<RegionItem>(x)?.value ?? null) },
        markLine:
          overall === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: p.amber, type: 'dashed', width: 2 },
                label: { position: 'insideEndTop', color: p.amber, fontSize: f.axis, formatter: `${word(ctx, 'overall')} ${pct(overall)}` },
                data: [{ yAxis: overall }],
              },
      },
    ],
  };
}
