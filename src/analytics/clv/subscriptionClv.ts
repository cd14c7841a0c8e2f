import { dateLit } from '../../engine/sql';
import { dbl } from '../common/dbl';
import { SPELLS_TABLE, spellCoversSql } from '../status/spellsSql';
import { STATUS_TABLE } from '../status/statusSql';
import { CLV_TABLE } from './clvTable';

/** Months of history the subscription churn rate averages over. */
export const CHURN_RATE_MONTHS = 6;

/**
 * SQL: monthly customer churn over the trailing 6 months: six rolling windows ending at the
 * as-of date (as-of - i months .. as-of - (i-1) months); churned = customers at a window's start
 * who are not customers at its end; rate = sum churned / sum start. Columns: start, churned.
 */
export function trailingChurnSql(asOf: string): string {
  const d = dateLit(asOf);
  return `WITH w AS (
  SELECT i, CAST(${d} - to_months(CAST(i AS INTEGER)) AS DATE) AS s, CAST(${d} - to_months(CAST(i - 1 AS INTEGER)) AS DATE) AS e
  FROM range(1, ${CHURN_RATE_MONTHS + 1}) t(i)
),
flags AS (
  SELECT w.i, sp.customer_id, bool_or(${spellCoversSql('sp', 'w.s')}) AS at_start, bool_or(${spellCoversSql('sp', 'w.e')}) AS at_end
  FROM w JOIN ${SPELLS_TABLE} sp ON sp.spell_start <= w.e AND (sp.spell_end IS NULL OR sp.spell_end >= w.s)
  GROUP BY 1, 2
)
SELECT count(*) FILTER (WHERE at_start)::INTEGER AS start, count(*) FILTER (WHERE at_start AND NOT at_end)::INTEGER AS churned FROM flags`;
}

/**
 * SQL creating cw_customer_clv for subscriptions: each customer's CLV = own current MRR /
 * monthly churn rate (so the average is ARPA / churn rate); lost customers have MRR 0.
 */
export function buildSubscriptionClvSql(monthlyChurnRate: number): string {
  return `CREATE OR REPLACE TABLE ${CLV_TABLE} AS
    SELECT customer_id, 'subscriptions' AS method,
      CAST(CASE WHEN status = 'churned' THEN 0 ELSE coalesce(value, 0) END / ${dbl(monthlyChurnRate)} AS DOUBLE) AS clv
    FROM ${STATUS_TABLE}`;
}

/** SQL: ARPA (mean current MRR of customers not churned) and how many they are. */
export function arpaSql(): string {
  return `SELECT CAST(avg(coalesce(value, 0)) AS DOUBLE) AS arpa, count(*)::INTEGER AS customers
    FROM ${STATUS_TABLE} WHERE status <> 'churned'`;
}
