import type { Period } from '../settings';
import { dateLit } from '../../engine/sql';
import { periodLabelSql, periodSeriesSql } from '../common/periods';

/**
 * SQL (a SELECT): the periods from the one containing `fromExpr` to the one containing the as-of
 * date, with ps/pe = first/last day, s0 = the day before the period (the "period start" snapshot:
 * the end of the previous period), e = the period's last day capped at the as-of date (the
 * "period end" snapshot), label, and partial = the period runs past the as-of date.
 */
export function periodGridSql(period: Period, asOf: string, fromExpr: string): string {
  const d = dateLit(asOf);
  return `SELECT ps, pe, CAST(ps - 1 AS DATE) AS s0, least(pe, ${d}) AS e, ${periodLabelSql(period, 'ps')} AS label, pe > ${d} AS partial
    FROM (${periodSeriesSql(period, fromExpr, d)})`;
}
