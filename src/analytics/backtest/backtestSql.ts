import { dateLit } from '../../engine/sql';

/**
 * SQL: the customers active again in (t0, asOf]: a purchase (not a return), an activity event, or
 * a subscription running some day of it (start_date <= d < end_date, as for the spells). One row
 * per customer.
 */
export function cameBackSql(t0: string, asOf: string): string {
  const [from, to] = [dateLit(t0), dateLit(asOf)];
  const within = (col: string) => `CAST(${col} AS DATE) > ${from} AND CAST(${col} AS DATE) <= ${to}`;
  return `SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND NOT coalesce(is_return, false) AND ${within('order_date')}
    UNION SELECT customer_id FROM activity WHERE customer_id IS NOT NULL AND ${within('event_date')}
    UNION SELECT customer_id FROM subscriptions WHERE customer_id IS NOT NULL AND start_date <= ${to}
      AND (end_date IS NULL OR end_date > greatest(start_date, ${from} + 1))`;
}

/** The order classes are listed in (those a definition never gives are left out). */
const CLASS_ORDER = `CASE status WHEN 'active' THEN 0 WHEN 'new' THEN 1 WHEN 'silent' THEN 2 WHEN 'churned' THEN 3 ELSE 4 END`;

/**
 * SQL: per status class of `statusTable`, its customers and how many of them came back in
 * (t0, asOf]: `backTable` holds those customers (cameBackSql, built once for every definition).
 */
export function classReturnsSql(statusTable: string, backTable: string): string {
  return `SELECT s.status, count(*)::INTEGER AS customers, count(b.customer_id)::INTEGER AS came_back
FROM ${statusTable} s LEFT JOIN ${backTable} b USING (customer_id)
GROUP BY s.status ORDER BY ${CLASS_ORDER}, s.status`;
}

/**
 * SQL: the red tier of `riskTable` against what happened after t0, over the customers scored at
 * t0 and not already churned then by `statusTable` (the screen leaves those out of its tiers too).
 * churned = not in `backTable` (cameBackSql: active again in (t0, asOf]); hits = red and churned.
 */
export function redTierSql(riskTable: string, statusTable: string, backTable: string): string {
  return `WITH pop AS (
  SELECT r.tier = 'red' AS red, b.customer_id IS NULL AS churned
  FROM ${riskTable} r JOIN ${statusTable} s USING (customer_id) LEFT JOIN ${backTable} b USING (customer_id)
  WHERE r.tier IS NOT NULL AND s.status <> 'churned'
)
SELECT count(*) FILTER (WHERE red)::INTEGER AS flagged, count(*) FILTER (WHERE churned)::INTEGER AS churned,
  count(*) FILTER (WHERE red AND churned)::INTEGER AS hits, count(*)::INTEGER AS scored
FROM pop`;
}
