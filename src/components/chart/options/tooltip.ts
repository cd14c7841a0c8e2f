import type { DefaultLabelFormatterCallbackParams, TooltipComponentFormatterCallbackParams } from 'echarts';
import { formatFull, formatPercent } from '../../../i18n/formatNumber';
import { escapeHtml } from '../escapeHtml';
import { fontSizes, word, type ChartContext } from './context';

/** One hovered data point as ECharts passes it to formatters and click handlers. */
export type PointParams = DefaultLabelFormatterCallbackParams;

/** Tooltip HTML from plain text: a bold title and lines, every piece escaped here. */
export function tooltipHtml(title: string, lines: string[]): string {
  const body = lines.map((l) => escapeHtml(l)).join('<br/>');
  return `<b>${escapeHtml(title)}</b>${body ? '<br/>' + body : ''}`;
}

/** A rate with what it is computed from: "流失率 30.2%（流失 34 / 期初 5,859）". */
export function rateLine(ctx: ChartContext, rateKey: string, rate: number | null, num: number, den: number, denKey: string): string {
  const pct = formatPercent(rate, ctx.locale);
  const n = formatFull(num, ctx.locale);
  const d = formatFull(den, ctx.locale);
  return ctx.locale === 'zh-CN'
    ? `${word(ctx, rateKey)} ${pct}（${word(ctx, 'churned')} ${n} / ${word(ctx, denKey)} ${d}）`
    : `${word(ctx, rateKey)} ${pct} (${word(ctx, 'churned')} ${n} / ${d} ${word(ctx, denKey)})`;
}

/** The hovered data points of a tooltip call, as a list whatever the trigger. */
export function paramList(params: TooltipComponentFormatterCallbackParams): PointParams[] {
  return Array.isArray(params) ? params : [params];
}

/** The builder's own data item behind a tooltip or click parameter. */
export function itemOf<T>(p: PointParams): T | null {
  return p.data && typeof p.data === 'object' && !Array.isArray(p.data) ? (p.data as T) : null;
}

/**
 * An item tooltip over the base one: `describe` turns the hovered item (the builder's own data
 * item) into a title and lines, escaped by tooltipHtml; nothing when it returns null.
 */
export function itemTooltip<T>(base: object, describe: (item: T) => { title: string; lines: string[] } | null) {
  return {
    ...base,
    trigger: 'item' as const,
    formatter: (params: TooltipComponentFormatterCallbackParams) => {
      const item = itemOf<T>(paramList(params)[0]);
      const d = item ? describe(item) : null;
      return d ? tooltipHtml(d.title, d.lines) : '';
    },
  };
}

/** A bar's value label on its right, in the value font: `text` of the builder's own data item. */
export function rightItemLabel<T>(ctx: ChartContext, color: string, text: (item: T) => string) {
  return {
    show: true,
    position: 'right' as const,
    fontSize: fontSizes(ctx).value,
    color,
    formatter: (x: PointParams) => {
      const item = itemOf<T>(x);
      return item ? text(item) : '';
    },
  };
}
