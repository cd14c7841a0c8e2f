import { formatCompact, formatPercent } from '../../i18n/formatNumber';
import type { Locale } from '../../i18n/index';
import { numberFormat } from '../../analytics/common/numberFormat';

/** Keys whose numbers are fractions of one, printed as percentages (cli-contract: rates are fractions). */
const PERCENT_KEY = /(rate|share|retention|churn|uplift|nrr|unbounded|precision|recall)$/i;

/** Keys whose numbers are money or counts, printed with 万/亿 or K/M units. */
const AMOUNT_KEY = /(value|value12m|total|atrisk|saved|cost|lost|mrr|arpa|customers|size|start|churned|retained|actions|count|rows)$/i;

/** The text of one cell: numbers by what the key says they are, in the report's language. */
export function cellText(key: string, v: unknown, lang: Locale): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return lang === 'zh-CN' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (typeof v === 'number') return numberText(key, v, lang);
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object' || x === null) ? v.map((x) => cellText(key, x, lang)).join(lang === 'zh-CN' ? '、' : ', ') : '…';
  if (typeof v === 'object') {
    // A text the analytics layer gives in both languages ({ zh, en }).
    const o = v as Record<string, unknown>;
    const text = lang === 'zh-CN' ? o.zh : o.en;
    if (typeof text === 'string') return text;
    return '…';
  }
  return String(v);
}

/** A number: percentage, compact amount (万/亿, K/M) or plain figure by its key. */
export function numberText(key: string, v: number, lang: Locale): string {
  if (!Number.isFinite(v)) return '—';
  if (PERCENT_KEY.test(key) && Math.abs(v) <= 1) return formatPercent(v, lang);
  if (Number.isInteger(v) || AMOUNT_KEY.test(key)) return formatCompact(v, lang);
  // Model parameters, lifts, coefficients, log-likelihoods: four significant digits say enough
  // (a coefficient of 0.0003 must not print as 0).
  return numberFormat(lang, Math.abs(v) >= 1000 ? { maximumFractionDigits: 1 } : { maximumSignificantDigits: 4 }).format(v);
}

/** Whether a value prints in one table cell (a scalar, a list of scalars, a {zh, en} text). */
export function isCell(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.every((x) => x === null || typeof x !== 'object');
  return typeof (v as Record<string, unknown>).en === 'string' && typeof (v as Record<string, unknown>).zh === 'string';
}
