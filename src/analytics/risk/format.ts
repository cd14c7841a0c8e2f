import type { Lang } from './computed';

/** A number for on-screen text: integers with thousands separators, others to `digits` places. */
export function fmtNum(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '-';
  const rounded = Number(x.toFixed(digits));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A fraction as a whole-number percentage ("0.4271" -> "43%"); one decimal below 10%. */
export function fmtPct(fraction: number): string {
  if (!Number.isFinite(fraction)) return '-';
  const pct = fraction * 100;
  return (Math.abs(pct) < 10 && pct !== 0 ? fmtNum(pct, 1) : fmtNum(pct, 0)) + '%';
}

/** Picks the text of one language. */
export function pick(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}
