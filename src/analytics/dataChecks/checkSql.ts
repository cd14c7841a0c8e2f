import { dateLit, ident } from '../../engine/sql';
import type { DataCheckSpec } from './checkSpecs';

/**
 * SQL condition (over the check's table aliased `t`) that is true for the rows the check flags.
 * `today` is the real calendar date: a date after it is a data error whatever the as-of date is.
 */
export function flaggedRowCondition(check: DataCheckSpec, today: string): string {
  const col = `t.${ident(check.column)}`;
  switch (check.kind) {
    case 'unknown-customer':
      return `NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = t.customer_id)`;
    case 'duplicate-id':
      return check.table === 'orders'
        // An order line is duplicated when every value repeats (an overlapping export without
        // line ids); one invoice id over several different lines is normal.
        ? `t.order_id IS NOT NULL AND count(*) OVER (PARTITION BY t.order_id, t.customer_id, t.order_date, t.amount, t.quantity, t.unit_price) > 1`
        : `${col} IS NOT NULL AND count(*) OVER (PARTITION BY ${col}) > 1`;
    case 'future-date':
      return `CAST(${col} AS DATE) > ${dateLit(today)}`;
    case 'negative-amount':
      return `${col} < 0`;
  }
}

/**
 * The flagged rows as a subquery with a `_flag` column. Window functions cannot sit in WHERE,
 * so the condition is computed as a column first and filtered outside.
 */
function flaggedRows(check: DataCheckSpec, today: string): string {
  return `(SELECT t.*, (${flaggedRowCondition(check, today)}) AS _flag FROM ${ident(check.table)} t) f WHERE f._flag`;
}

/** Flagged rows and distinct customers among them. */
export function checkCountSql(check: DataCheckSpec, today: string): string {
  return `SELECT count(*)::BIGINT AS rows_flagged, count(DISTINCT f.customer_id)::BIGINT AS customers FROM ${flaggedRows(check, today)}`;
}

/** The flagged rows themselves (the drill), with the file line each came from, first `limit`. */
export function checkRowsSql(check: DataCheckSpec, today: string, limit: number): string {
  return `SELECT * EXCLUDE (_flag) FROM ${flaggedRows(check, today)} ORDER BY f._source, f._line LIMIT ${Math.max(0, Math.floor(limit))}`;
}
