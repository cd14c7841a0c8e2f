import { numberFormat } from '../common/numberFormat';

/** A number for on-screen text: integers with thousands separators, others to `digits` places. */
export function fmtNum(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '-';
  const rounded = Number(x.toFixed(digits));
  return numberFormat('en-US', { maximumFractionDigits: digits }).format(rounded);
}

/** A fraction as a percentage with up to `digits` decimals ("0.4271" -> "42.7%", "0.5" -> "50%"). */
export function fmtPct(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '-';
  return fmtNum(fraction * 100, digits) + '%';
}
