import type { EChartsOption } from 'echarts';
import type { CohortRow } from '../../../analytics/screen/types';
import { formatFull, formatPercent } from '../../../i18n/formatNumber';
import { baseOption, fontSizes, palette, word, type ChartContext, type DrillPayload } from './context';
import { itemOf, paramList, tooltipHtml } from './tooltip';

/** Which retention a cohort heatmap shows: in exactly period N, or in period N or later. */
export type CohortMode = 'n-period' | 'unbounded';

interface CohortItem {
  value: [number, number, number];
  drill: DrillPayload;
  cohort: string;
  size: number;
  period: number;
}

/** Cell labels only fit while the grid is small enough to read from across the room. */
const MAX_LABELLED = 12;

/**
 * Cohort retention heatmap: a row per cohort (oldest on top), a column per period since the
 * first purchase, one cell per available (non-null) retention value.
 * Labels: period, nPeriod, unbounded, retained, cohortSize.
 */
export function cohortHeatmapOption(rows: CohortRow[], mode: CohortMode, ctx: ChartContext): EChartsOption {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  const seriesOf = (r: CohortRow) => (mode === 'n-period' ? r.retention : r.unbounded);
  const periods = Math.max(0, ...rows.map((r) => seriesOf(r).length));
  const items: CohortItem[] = [];
  rows.forEach((r, y) => {
    seriesOf(r).forEach((v, x) => {
      if (v === null || !Number.isFinite(v)) return;
      items.push({ value: [x, y, v], drill: { dimension: 'cohort', value: r.cohort, label: r.cohort }, cohort: r.cohort, size: r.size, period: x + 1 });
    });
  });
  const labelled = periods <= MAX_LABELLED && rows.length <= MAX_LABELLED;
  const periodName = (n: number) => (ctx.locale === 'zh-CN' ? `第 ${n} 期` : `${word(ctx, 'period')} ${n}`);

  const base = baseOption(ctx);
  return {
    ...base,
    grid: { left: 8, right: 16, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (params) => {
        const it = itemOf<CohortItem>(paramList(params)[0]);
        if (!it) return '';
        const share = `${formatFull(Math.round(it.value[2] * it.size), ctx.locale)} / ${formatFull(it.size, ctx.locale)}`;
        const pct = formatPercent(it.value[2], ctx.locale);
        return tooltipHtml(`${it.cohort} · ${periodName(it.period)}`, [
          word(ctx, mode === 'n-period' ? 'nPeriod' : 'unbounded'),
          ctx.locale === 'zh-CN' ? `${word(ctx, 'retained')} ${pct}（${share}）` : `${word(ctx, 'retained')} ${pct} (${share})`,
          `${word(ctx, 'cohortSize')} ${formatFull(it.size, ctx.locale)}`,
        ]);
      },
    },
    xAxis: {
      type: 'category',
      axisLine: { lineStyle: { color: p.axisLine } },
      data: Array.from({ length: periods }, (_, i) => String(i + 1)),
      splitArea: { show: false },
      axisLabel: { fontSize: f.axis, color: p.muted },
    },
    yAxis: {
      type: 'category',
      axisLine: { lineStyle: { color: p.axisLine } },
      inverse: true,
      data: rows.map((r) => r.cohort),
      axisLabel: { fontSize: f.axis, color: p.muted },
    },
    visualMap: {
      show: false,
      min: 0,
      max: 1,
      dimension: 2,
      inRange: { color: [p.heatLow, p.heatHigh] },
    },
    series: [
      {
        type: 'heatmap',
        name: word(ctx, mode === 'n-period' ? 'nPeriod' : 'unbounded'),
        data: items,
        itemStyle: { borderColor: 'rgba(0, 0, 0, 0.25)', borderWidth: 1 },
        label: {
          show: labelled,
          fontSize: f.value,
          // White with a dark outline reads on both ends of the colour ramp.
          color: '#ffffff',
          textBorderColor: 'rgba(0, 0, 0, 0.6)',
          textBorderWidth: 2,
          formatter: (x) => {
            const it = itemOf<CohortItem>(x);
            return it ? formatPercent(it.value[2], ctx.locale, 0) : '';
          },
        },
        emphasis: { itemStyle: { borderColor: p.accent, borderWidth: 2 } },
      },
    ],
  };
}
