import type { EChartsOption } from 'echarts';
import type { CohortRow } from '../../../analytics/screen/types';
import { formatFull, formatPercent } from '../../../i18n/formatNumber';
import { baseOption, fontSizes, palette, word, type ChartContext, type DrillPayload } from './context';
import { itemOf, paramList, tooltipHtml, type PointParams } from './tooltip';

/** Which retention a cohort heatmap shows: in exactly period N, or in period N or later. */
export type CohortMode = 'n-period' | 'unbounded';

interface CohortItem {
  value: [number, number, number];
  drill: DrillPayload;
  cohort: string;
  size: number;
  period: number;
  projected: boolean;
}

/** Cell labels only fit while the grid is small enough to read from across the room. */
const MAX_LABELLED = 12;

/**
 * Cohort retention heatmap: a row per cohort (oldest on top), a column per period since the
 * first purchase, one cell per available (non-null) retention value, then the cohort's projected
 * cells (subscriptions: sBG), lighter and hatched, with a legend entry.
 * Labels: period, nPeriod, unbounded, retained, cohortSize, projected.
 */
export function cohortHeatmapOption(rows: CohortRow[], mode: CohortMode, ctx: ChartContext): EChartsOption {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  const seriesOf = (r: CohortRow) => (mode === 'n-period' ? r.retention : r.unbounded);
  const periods = Math.max(0, ...rows.map((r) => Math.max(seriesOf(r).length, r.unbounded.length + (r.projected?.length ?? 0))));
  const items: CohortItem[] = [];
  const projectedItems: CohortItem[] = [];
  rows.forEach((r, y) => {
    const drill = { dimension: 'cohort', value: r.cohort, label: r.cohort };
    const observed = seriesOf(r);
    observed.forEach((v, x) => {
      if (v === null || !Number.isFinite(v)) return;
      items.push({ value: [x, y, v], drill, cohort: r.cohort, size: r.size, period: x + 1, projected: false });
    });
    // Projected cells continue the cohort's row after its last observed period (in both modes the
    // projection is of the unbounded count, so it starts where that series ends).
    (r.projected ?? []).forEach((v, j) => {
      const x = r.unbounded.length + j;
      projectedItems.push({ value: [x, y, v], drill, cohort: r.cohort, size: r.size, period: x + 1, projected: true });
    });
  });
  const labelled = periods <= MAX_LABELLED && rows.length <= MAX_LABELLED;
  const periodName = (n: number) => (ctx.locale === 'zh-CN' ? `第 ${n} 期` : `${word(ctx, 'period')} ${n}`);

  const base = baseOption(ctx);
  return {
    ...base,
    // Room above the grid for the projected legend, so it never covers the period labels.
    grid: { left: 8, right: 16, top: projectedItems.length > 0 ? 8 + 1.6 * f.legend : 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (params) => {
        const it = itemOf<CohortItem>(paramList(params)[0]);
        if (!it) return '';
        const share = `${it.projected ? '≈' : ''}${formatFull(Math.round(it.value[2] * it.size), ctx.locale)} / ${formatFull(it.size, ctx.locale)}`;
        const pct = formatPercent(it.value[2], ctx.locale);
        return tooltipHtml(`${it.cohort} · ${periodName(it.period)}`, [
          it.projected ? word(ctx, 'projected') : word(ctx, mode === 'n-period' ? 'nPeriod' : 'unbounded'),
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
    ...(projectedItems.length > 0
      ? { legend: { show: true, top: 0, right: 16, itemWidth: 22, itemHeight: 14, textStyle: { fontSize: f.legend, color: p.muted },
          data: [{ name: word(ctx, 'projected'), itemStyle: { color: p.heatHigh, opacity: PROJECTED_OPACITY, decal: PROJECTED_HATCH } }] } }
      : {}),
    series: [
      {
        type: 'heatmap',
        name: word(ctx, mode === 'n-period' ? 'nPeriod' : 'unbounded'),
        data: items,
        itemStyle: { borderColor: 'rgba(0, 0, 0, 0.25)', borderWidth: 1 },
        label: cellLabel(ctx, labelled, false),
        emphasis: { itemStyle: { borderColor: p.accent, borderWidth: 2 } },
      },
      ...(projectedItems.length > 0
        ? [{
            type: 'heatmap' as const,
            name: word(ctx, 'projected'),
            data: projectedItems,
            // Lighter and hatched, so an estimate never passes for a measured cell (and the
            // hatching survives a greyscale print or a colour-blind viewer).
            itemStyle: { opacity: PROJECTED_OPACITY, borderColor: p.muted, borderWidth: 1, borderType: 'dashed' as const, decal: PROJECTED_HATCH },
            label: cellLabel(ctx, labelled, true),
            emphasis: { itemStyle: { borderColor: p.accent, borderWidth: 2 } },
          }]
        : []),
    ],
  };
}

/** Projected cells are drawn lighter ... */
const PROJECTED_OPACITY = 0.55;
/** ... and hatched diagonally. */
const PROJECTED_HATCH = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4, color: 'rgba(255, 255, 255, 0.45)' };

/** Cell labels: the share in whole percent, projected ones prefixed with ≈. */
function cellLabel(ctx: ChartContext, show: boolean, projected: boolean) {
  return {
    show,
    fontSize: fontSizes(ctx).value,
    // White with a dark outline reads on both ends of the colour ramp.
    color: '#ffffff',
    textBorderColor: 'rgba(0, 0, 0, 0.6)',
    textBorderWidth: 2,
    // Projected cells are faded; their labels are not, so they stay readable.
    opacity: 1,
    formatter: (x: PointParams) => {
      const it = itemOf<CohortItem>(x);
      return it ? `${projected ? '≈' : ''}${formatPercent(it.value[2], ctx.locale, 0)}` : '';
    },
  };
}
