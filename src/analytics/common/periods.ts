import type { Period } from '../settings';

const PERIODS: readonly Period[] = ['week', 'month', 'quarter', 'year'];

/** The period itself, after checking it at run time (settings can come from a URL): it is inlined into SQL. */
export function checkedPeriod(period: Period): Period {
  if (!PERIODS.includes(period)) throw new Error(`Unknown period: ${String(period)}`);
  return period;
}

/** SQL: the first day (DATE) of the period containing `dateExpr` (ISO weeks start on Monday). */
export function periodStartSql(period: Period, dateExpr: string): string {
  return `CAST(date_trunc('${checkedPeriod(period)}', ${dateExpr}) AS DATE)`;
}

/** SQL INTERVAL literal of one period. */
export function periodIntervalSql(period: Period): string {
  switch (checkedPeriod(period)) {
    case 'week': return 'INTERVAL 7 DAY';
    case 'month': return 'INTERVAL 1 MONTH';
    case 'quarter': return 'INTERVAL 3 MONTH';
    case 'year': return 'INTERVAL 1 YEAR';
  }
}

/** SQL: the last day (DATE) of the period starting on `startExpr` (a period start date). */
export function periodEndSql(period: Period, startExpr: string): string {
  return `CAST(${startExpr} + ${periodIntervalSql(period)} AS DATE) - 1`;
}

/** SQL: the label of the period starting on `startExpr`: YYYY-MM, YYYY-Www (ISO), YYYY-Qn or YYYY. */
export function periodLabelSql(period: Period, startExpr: string): string {
  switch (checkedPeriod(period)) {
    case 'month': return `strftime(${startExpr}, '%Y-%m')`;
    case 'week': return `(CAST(isoyear(${startExpr}) AS VARCHAR) || '-W' || lpad(CAST(week(${startExpr}) AS VARCHAR), 2, '0'))`;
    case 'quarter': return `(CAST(year(${startExpr}) AS VARCHAR) || '-Q' || CAST(quarter(${startExpr}) AS VARCHAR))`;
    case 'year': return `CAST(year(${startExpr}) AS VARCHAR)`;
  }
}

/**
 * SQL: whole periods from the period starting `fromStart` to the one starting `toStart`
 * (both period start dates), e.g. 0 for the same period.
 */
export function periodIndexSql(period: Period, fromStart: string, toStart: string): string {
  switch (checkedPeriod(period)) {
    case 'week': return `CAST((${toStart} - ${fromStart}) // 7 AS INTEGER)`;
    case 'month': return `CAST((year(${toStart}) * 12 + month(${toStart})) - (year(${fromStart}) * 12 + month(${fromStart})) AS INTEGER)`;
    case 'quarter': return `CAST((year(${toStart}) * 4 + quarter(${toStart})) - (year(${fromStart}) * 4 + quarter(${fromStart})) AS INTEGER)`;
    case 'year': return `CAST(year(${toStart}) - year(${fromStart}) AS INTEGER)`;
  }
}

/** SQL: one row per period (columns ps = first day, pe = last day) covering [fromExpr, toExpr]. */
export function periodSeriesSql(period: Period, fromExpr: string, toExpr: string): string {
  return `SELECT CAST(g.ps AS DATE) AS ps, ${periodEndSql(period, 'CAST(g.ps AS DATE)')} AS pe
    FROM generate_series(CAST(date_trunc('${checkedPeriod(period)}', ${fromExpr}) AS TIMESTAMP), CAST(date_trunc('${period}', ${toExpr}) AS TIMESTAMP), ${periodIntervalSql(period)}) AS g(ps)`;
}
