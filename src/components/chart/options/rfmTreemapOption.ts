import type { EChartsOption } from 'echarts';
import { dimensionValueName } from '../../../analytics/common/dimensionNames';
import type { RfmCell } from '../../../analytics/screen/types';
import { formatCompact, formatFull, formatPercent } from '../../../i18n/formatNumber';
import type { Palette } from '../palette';
import { baseOption, fontSizes, palette, word, type ChartContext, type DrillPayload } from './context';
import { itemOf, paramList, tooltipHtml } from './tooltip';

interface RfmItem {
  name: string;
  value: number;
  drill: DrillPayload;
  cell: RfmCell;
}

/** The warning colour of a named RFM segment (metrics.md section 5); unknown names get a series colour. */
function segmentColor(segment: string, p: Palette, index: number): string {
  switch (segment) {
    case 'Champions':
    case 'Loyal Customers':
      return p.green;
    case 'Potential Loyalist':
    case 'New Customers':
    case 'Promising':
      return p.accent2;
    case 'Need Attention':
    case 'About To Sleep':
      return p.amber;
    case 'At Risk':
    case "Can't Lose Them":
      return p.red;
    case 'Lost':
    case 'Others':
      return p.muted;
    default:
      return p.series[index % p.series.length];
  }
}

/**
 * RFM segment map: a treemap tile per segment sized by customers, coloured by how worrying the
 * segment is, labelled with its name and count. Segment names translate via `segment:<name>`.
 * Labels: customers, value, segment:<name>.
 */
export function rfmTreemapOption(cells: RfmCell[], ctx: ChartContext): EChartsOption {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  const total = cells.reduce((s, c) => s + c.customers, 0);
  const items: RfmItem[] = cells
    .filter((c) => c.customers > 0)
    .map((c, i) => {
      const name = ctx.labels[`segment:${c.segment}`] ?? dimensionValueName('rfm_segment', c.segment, ctx.locale === 'zh-CN' ? 'zh' : 'en');
      return { name, value: c.customers, drill: { dimension: 'rfm_segment', value: c.segment, label: name }, cell: c, itemStyle: { color: segmentColor(c.segment, p, i) } };
    });

  const base = baseOption(ctx);
  return {
    ...base,
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (params) => {
        const it = itemOf<RfmItem>(paramList(params)[0]);
        if (!it?.cell) return '';
        const share = `${formatFull(it.cell.customers, ctx.locale)} / ${formatFull(total, ctx.locale)} ${word(ctx, 'customers')}`;
        return tooltipHtml(it.name, [
          `${share} (${formatPercent(total > 0 ? it.cell.customers / total : null, ctx.locale)})`,
          `${word(ctx, 'value')} ${formatCompact(it.cell.value, ctx.locale)}`,
        ]);
      },
    },
    series: [
      {
        type: 'treemap',
        name: 'RFM',
        data: items,
        left: 0,
        right: 0,
        top: 0,
        bottom: 0,
        roam: false,
        // A click drills into the segment's customers, not into the treemap.
        nodeClick: false,
        breadcrumb: { show: false },
        itemStyle: { borderColor: ctx.theme === 'dark' ? '#061630' : '#ffffff', borderWidth: 2, gapWidth: 2 },
        label: {
          show: true,
          fontSize: f.value,
          color: '#ffffff',
          textBorderColor: 'rgba(0, 0, 0, 0.5)',
          textBorderWidth: 2,
          overflow: 'truncate',
          formatter: (x) => {
            const it = itemOf<RfmItem>(x);
            return it?.cell ? `${it.name}\n${formatCompact(it.cell.customers, ctx.locale)}` : '';
          },
        },
      },
    ],
  };
}
