import type { Locale } from './index';
import { numberFormat } from '../analytics/common/numberFormat';

/**
 * Formats a count or amount for a big screen: Chinese uses 万 (1e4) and 亿 (1e8) units,
 * English uses K / M / B. Small numbers keep full precision with grouping.
 */
export function formatCompact(value: number | null | undefined, locale: Locale, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const fmt = (v: number, d: number) => numberFormat(locale, { maximumFractionDigits: d, minimumFractionDigits: 0 }).format(v);
  if (locale === 'zh-CN') {
    if (abs >= 1e8) return fmt(value / 1e8, digits + 1) + '亿';
    if (abs >= 1e4) return fmt(value / 1e4, digits) + '万';
    return fmt(value, abs < 10 ? 2 : 0);
  }
  if (abs >= 1e9) return fmt(value / 1e9, digits) + 'B';
  if (abs >= 1e6) return fmt(value / 1e6, digits) + 'M';
  if (abs >= 1e4) return fmt(value / 1e3, digits) + 'K';
  return fmt(value, abs < 10 ? 2 : 0);
}

/** Full number with grouping separators (for tooltips and lists). */
export function formatFull(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A fraction as a percentage: 0.2654 -> "26.5%". */
export function formatPercent(value: number | null | undefined, locale: Locale, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value * 100) + '%';
}

/** A byte count for people: 1536 -> "1.5 KB", 3.2e9 -> "3.2 GB". */
export function formatBytes(bytes: number | null | undefined, locale: Locale): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${numberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
}
