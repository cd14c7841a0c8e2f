import type { EChartsOption } from 'echarts';
import type { RiskTierData } from '../../../analytics/screen/types';
import { formatCompact, formatFull, formatPercent } from '../../../i18n/formatNumber';
import { baseOption, fontSizes, palette, word, type ChartContext, type DrillPayload } from './context';
import { itemOf, paramList, tooltipHtml } from './tooltip';

/** The three risk tiers, worst first. */
const TIERS = ['red', 'amber', 'green'] as const;

interface TierItem {
  name: string;
  value: number;
  drill: DrillPayload;
  tier: (typeof TIERS)[number];
}

/**
 * Risk tier donut: red / amber / green customer counts with the total in the middle.
 * Labels: red, amber, green, total, customers.
 */
export function riskTierOption(data: RiskTierData, ctx: ChartContext): EChartsOption {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  const total = data.red + data.amber + data.green;
  const items = TIERS.map((tier) => ({
    name: word(ctx, tier),
    value: data[tier],
    tier,
    drill: { dimension: 'risk_tier', value: tier, label: word(ctx, tier) },
    itemStyle: { color: p[tier] },
  }));

  const base = baseOption(ctx);
  return {
    ...base,
    title: {
      text: formatCompact(total, ctx.locale),
      subtext: word(ctx, 'total'),
      left: 'center',
      top: 'middle',
      textStyle: { fontSize: f.value + 8, fontWeight: 'bold', color: p.text },
      subtextStyle: { fontSize: f.axis, color: p.muted },
      itemGap: 4,
    },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (params) => {
        const it = itemOf<TierItem>(paramList(params)[0]);
        if (!it) return '';
        const share = formatPercent(total > 0 ? it.value / total : null, ctx.locale);
        return tooltipHtml(it.name, [`${formatFull(it.value, ctx.locale)} / ${formatFull(total, ctx.locale)} ${word(ctx, 'customers')} (${share})`]);
      },
    },
    series: [
      {
        type: 'pie',
        name: word(ctx, 'customers'),
        radius: ['52%', '74%'],
        center: ['50%', '50%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: ctx.theme === 'dark' ? '#061630' : '#ffffff', borderWidth: 2 },
        label: {
          show: true,
          fontSize: f.value,
          color: p.text,
          formatter: (x) => {
            const it = itemOf<TierItem>(x);
            return it ? `${it.name}\n${formatFull(it.value, ctx.locale)}` : '';
          },
        },
        labelLine: { length: 10, length2: 12 },
        data: items,
      },
    ],
  };
}
