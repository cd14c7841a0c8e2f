import type { Period } from '../settings';
import { dateLit } from '../../engine/sql';
import { mrrSql } from '../common/mrr';
import { SPELLS_TABLE } from '../status/spellsSql';
import { periodGridSql } from './periodGrid';

/**
 * SQL: MRR movements per period (subscriptions), comparing each customer's MRR on the day before
 * the period (m0) with the MRR on its last day or the as-of date (m1): new (m0 = 0, m1 > 0, first
 * subscription inside the period), reactivation (m0 = 0, m1 > 0, subscribed before), expansion
 * (m1 > m0 > 0), contraction (m0 > m1 > 0), churned (m0 > 0, m1 = 0). A subscription counts on
 * day d when start_date <= d < end_date. Columns: ps, mrr_start, mrr_end, new_mrr,
 * expansion_mrr, contraction_mrr, churned_mrr, reactivation_mrr.
 */
export function revenueChurnSql(period: Period, asOf: string): string {
  const d = dateLit(asOf);
  const mrrOn = (day: string) => `SELECT pp.ps, s.customer_id, sum(s.mrr) AS mrr FROM pp JOIN subs s
    ON s.start_date <= ${day} AND (s.end_date IS NULL OR s.end_date > ${day}) GROUP BY 1, 2`;
  return `WITH pp AS (${periodGridSql(period, asOf, `(SELECT min(spell_start) FROM ${SPELLS_TABLE})`)}),
subs AS (
  SELECT s.customer_id, s.start_date, s.end_date, ${mrrSql('s')} AS mrr FROM subscriptions s
  WHERE s.customer_id IS NOT NULL AND s.start_date <= ${d}
),
first_sub AS (SELECT customer_id, min(start_date) AS first_start FROM subs GROUP BY 1),
m0 AS (${mrrOn('pp.s0')}),
m1 AS (${mrrOn('pp.e')}),
m AS (
  SELECT coalesce(m0.ps, m1.ps) AS ps, coalesce(m0.customer_id, m1.customer_id) AS customer_id,
    coalesce(m0.mrr, 0) AS v0, coalesce(m1.mrr, 0) AS v1
  FROM m0 FULL OUTER JOIN m1 ON m0.ps = m1.ps AND m0.customer_id = m1.customer_id
),
agg AS (
  SELECT m.ps, sum(v0) AS mrr_start, sum(v1) AS mrr_end,
    sum(v1) FILTER (WHERE v0 = 0 AND v1 > 0 AND fs.first_start >= m.ps) AS new_mrr,
    sum(v1) FILTER (WHERE v0 = 0 AND v1 > 0 AND fs.first_start < m.ps) AS reactivation_mrr,
    sum(v1 - v0) FILTER (WHERE v0 > 0 AND v1 > v0) AS expansion_mrr,
    sum(v0 - v1) FILTER (WHERE v0 > 0 AND v1 > 0 AND v1 < v0) AS contraction_mrr,
    sum(v0) FILTER (WHERE v0 > 0 AND v1 = 0) AS churned_mrr
  FROM m JOIN first_sub fs USING (customer_id) GROUP BY m.ps
)
SELECT pp.ps,
  CAST(coalesce(mrr_start, 0) AS DOUBLE) AS mrr_start, CAST(coalesce(mrr_end, 0) AS DOUBLE) AS mrr_end,
  CAST(coalesce(new_mrr, 0) AS DOUBLE) AS new_mrr, CAST(coalesce(expansion_mrr, 0) AS DOUBLE) AS expansion_mrr,
  CAST(coalesce(contraction_mrr, 0) AS DOUBLE) AS contraction_mrr, CAST(coalesce(churned_mrr, 0) AS DOUBLE) AS churned_mrr,
  CAST(coalesce(reactivation_mrr, 0) AS DOUBLE) AS reactivation_mrr
FROM pp LEFT JOIN agg ON agg.ps = pp.ps ORDER BY pp.ps`;
}
