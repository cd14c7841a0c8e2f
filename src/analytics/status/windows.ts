import type { AnalyticsSettings } from '../settings';
import { lit } from '../../engine/sql';
import { dimensionValueSql } from '../common/dimensions';
import { dbl } from '../common/dbl';

/** SQL expressions of a customer's W1 (silent) and W2 (churn) windows in days. */
export interface WindowSql {
  silentDays: string;
  churnDays: string;
}

/**
 * W1 = settings.silentDays, or 2 x the customer's own median inter-purchase gap but at least
 * minSilentDays (minSilentDays alone for one-time buyers); W2 = churnDays. A segment override
 * (first matching settings.segmentWindows entry) replaces both for its customers.
 */
export function windowSql(settings: Pick<AnalyticsSettings, 'silentDays' | 'minSilentDays' | 'churnDays' | 'segmentWindows'>, factsAlias: string): WindowSql {
  const defaultW1 = settings.silentDays !== null && Number.isFinite(settings.silentDays)
    ? dbl(settings.silentDays)
    : `greatest(${dbl(settings.minSilentDays)}, coalesce(2 * ${factsAlias}.median_gap_days, 0))`;
  const defaultW2 = lit(settings.churnDays);
  if (settings.segmentWindows.length === 0) return { silentDays: `CAST(${defaultW1} AS DOUBLE)`, churnDays: `CAST(${defaultW2} AS INTEGER)` };
  const whens = (pick: 'silentDays' | 'churnDays') => settings.segmentWindows
    .map((w) => `WHEN ${dimensionValueSql(w.dimension, factsAlias)} = ${lit(w.value)} THEN ${lit(w[pick])}`).join(' ');
  return {
    silentDays: `CAST(CASE ${whens('silentDays')} ELSE ${defaultW1} END AS DOUBLE)`,
    churnDays: `CAST(CASE ${whens('churnDays')} ELSE ${defaultW2} END AS INTEGER)`,
  };
}
