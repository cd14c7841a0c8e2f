import type { EChartsOption } from 'echarts';
import type { DriverRow, DriversData } from '../../../analytics/screen/types';
import { formatPercent } from '../../../i18n/formatNumber';
import { headroomMax } from './axisMax';
import { baseOption, fontSizes, palette, word, type ChartContext, type DrillPayload } from './context';
import { itemTooltip, rateLine, rightItemLabel } from './tooltip';

interface DriverItem {
  value: number;
  drill: DrillPayload;
  row: DriverRow;
}

/** "Contract: Month-to-month" with the dimension's name in the screen language. */
function groupName(row: DriverRow, name: (dimension: string) => string): string {
  return `${name(row.dimension)}: ${row.value}`;
}

/**
 * Churn drivers (流失驱动因素): a horizontal bar per group, its length the lift (churn rate /
 * overall), labelled "×1.61 42.7%", the overall (lift 1) as a dashed line; the tooltip adds the
 * rate's counts and the model weight. A click drills to the group. `name` names a dimension.
 * Labels: lift, rate, churned, customers, overall, weight.
 */
export function driversOption(data: DriversData, ctx: ChartContext, name: (dimension: string) => string): EChartsOption {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  const rows = data.byLift;
  const items: DriverItem[] = rows.map((r) => ({ value: r.lift, drill: { dimension: r.dimension, value: r.value, label: groupName(r, name) }, row: r }));
  const base = baseOption(ctx);
  return {
    ...base,
    grid: { left: 8, right: 24, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: itemTooltip<DriverItem>(base.tooltip, ({ row }) => {
      const lines = [`${word(ctx, 'lift')} ×${row.lift.toFixed(2)}`, rateLine(ctx, 'rate', row.rate, row.churned, row.customers, 'customers')];
      if (row.weight !== null) lines.push(`${word(ctx, 'weight')} ${row.weight >= 0 ? '+' : ''}${row.weight.toFixed(2)}`);
      return { title: groupName(row, name), lines };
    }),
    xAxis: {
      type: 'value',
      min: 0,
      max: headroomMax(Math.max(1, ...rows.map((r) => r.lift)), 1.3),
      axisLabel: { fontSize: f.axis, color: p.muted, formatter: (v: number) => `×${v}` },
      splitLine: { lineStyle: { color: p.splitLine } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      axisLine: { lineStyle: { color: p.axisLine } },
      data: rows.map((r) => groupName(r, name)),
      axisLabel: { fontSize: f.axis, color: p.text, width: 170 * (ctx.scale ?? 1), overflow: 'truncate' },
    },
    series: [{
      type: 'bar',
      name: word(ctx, 'lift'),
      data: items.map((it) => ({ ...it, itemStyle: { color: it.row.lift >= 1.5 ? p.red : it.row.lift >= 1 ? p.amber : p.accent } })),
      barMaxWidth: 22,
      label: rightItemLabel<DriverItem>(ctx, p.text, ({ row }) => `×${row.lift.toFixed(2)} ${formatPercent(row.rate, ctx.locale)}`),
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: p.amber, type: 'dashed', width: 2 },
        label: { position: 'start', color: p.amber, fontSize: f.axis, formatter: `${word(ctx, 'overall')} ${formatPercent(data.overallRate, ctx.locale)}` },
        data: [{ xAxis: 1 }],
      },
    }],
  };
}
