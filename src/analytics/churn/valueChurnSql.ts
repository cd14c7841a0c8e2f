import type { Period } from '../settings';
import { dateLit } from '../../engine/sql';
import { churnFlagsCte } from './logoChurnSql';

/**
 * SQL: value churn per period (transactions): value_lost = the net order value, in the 12 months
 * before the period starts, of the customers who churned in it; value_base = everyone's net
 * order value in those 12 months. Columns: ps, value_lost, value_base.
 */
export function valueChurnSql(period: Period, asOf: string): string {
  const d = dateLit(asOf);
  return `WITH ${churnFlagsCte(period, asOf)},
rev AS (
  SELECT customer_id, CAST(order_date AS DATE) AS day, sum(coalesce(amount, 0)) AS amt FROM orders
  WHERE customer_id IS NOT NULL AND CAST(order_date AS DATE) <= ${d} GROUP BY 1, 2
),
daily AS (SELECT day, sum(amt) AS amt FROM rev GROUP BY day),
base AS (
  SELECT pp.ps, sum(daily.amt) AS value_base FROM pp
  JOIN daily ON daily.day >= CAST(pp.ps - INTERVAL 12 MONTH AS DATE) AND daily.day < pp.ps GROUP BY pp.ps
),
lost AS (
  SELECT c.ps, sum(rev.amt) AS value_lost FROM flags c
  JOIN rev ON rev.customer_id = c.customer_id AND rev.day >= CAST(c.ps - INTERVAL 12 MONTH AS DATE) AND rev.day < c.ps
  WHERE c.at_start AND NOT c.at_end GROUP BY c.ps
)
SELECT pp.ps, CAST(coalesce(lost.value_lost, 0) AS DOUBLE) AS value_lost, CAST(base.value_base AS DOUBLE) AS value_base
FROM pp LEFT JOIN base ON base.ps = pp.ps LEFT JOIN lost ON lost.ps = pp.ps ORDER BY pp.ps`;
}
