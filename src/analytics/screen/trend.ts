import type { QueryManager } from '../../engine/queryManager';
import { DEFAULT_SETTINGS } from '../settings';
import type { CustomerFilter, TrendData } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { churnRowsFor } from './churnRows';
import { splitChurnerSteps } from './churnerComposition';

/** Periods the trend shows at most. */
export const TREND_PERIODS = 24;

/**
 * The churn trend for the filtered customers: logo and value churn rate of the last 24 periods
 * (metrics.md section 2; the current period flagged partial) and the alert threshold
 * (settings.churnAlertThreshold). Null when churn by period is not computable. Under a drill to
 * churners it is the base's trend (`ofBase`): the churners' own series reads 0% then 100%.
 */
export async function loadTrend(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, _lang: ScreenLang): Promise<TrendData | null> {
  const { base, churners } = splitChurnerSteps(filter);
  const rows = await churnRowsFor(qm, ctx, customerFilterSql(churners ? base : filter));
  if (rows === null) return null;
  return {
    points: rows.slice(-TREND_PERIODS).map((r) => ({
      period: r.period, start: r.start, churned: r.churned, rate: r.rate, valueChurnRate: r.valueChurnRate, partial: r.partial,
    })),
    threshold: ctx.settings.churnAlertThreshold ?? DEFAULT_SETTINGS.churnAlertThreshold,
    ...(churners ? { ofBase: true } : {}),
  };
}
