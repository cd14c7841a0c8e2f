import type { ValueBasis } from './basis';
import { dateLit } from '../../engine/sql';
import { mrrSql } from '../common/mrr';
import { SCREEN_TABLES, type DerivedTables } from '../common/tableNames';

/**
 * One row per customer: its money value and trailing-12-month value. Apart from the status table
 * because no churn window or P(alive) threshold moves them: a W2 change keeps this table, and so
 * the value tiers and what reads them (graph/steps.ts).
 */
export const CUSTOMER_VALUE_TABLE = SCREEN_TABLES.value;

/** SQL: the subscriptions active on the as-of date per subscriber (alias `sub`), shared with the status. */
export function activeSubscriptionsSql(asOf: string): string {
  const d = dateLit(asOf);
  const activeAtAsOf = `(s.end_date IS NULL OR s.end_date > ${d})`;
  return `SELECT s.customer_id,
    count(*) FILTER (WHERE ${activeAtAsOf}) AS active_subs,
    max(s.end_date) AS last_end_date,
    min(coalesce(s.renewal_date, s.end_date)) FILTER (WHERE ${activeAtAsOf} AND coalesce(s.renewal_date, s.end_date) >= ${d}) AS renewal_date,
    coalesce(sum(${mrrSql('s')}) FILTER (WHERE ${activeAtAsOf}), 0) AS current_mrr
  FROM subscriptions s WHERE s.customer_id IS NOT NULL AND s.start_date <= ${d}
  GROUP BY s.customer_id`;
}

function valueSql(basis: ValueBasis): { value: string; value12m: string } {
  switch (basis) {
    case 'orders': return { value: 'f.total_value', value12m: 'f.value_12m' };
    case 'mrr': return {
      value: 'CASE WHEN coalesce(sub.active_subs, 0) > 0 THEN sub.current_mrr ELSE sub_last.last_mrr END',
      value12m: '12 * coalesce(sub.current_mrr, 0)',
    };
    case 'monthly_value': return { value: 'f.monthly_value', value12m: '12 * f.monthly_value' };
    case null: return { value: 'CAST(NULL AS DOUBLE)', value12m: 'CAST(NULL AS DOUBLE)' };
  }
}

/**
 * SQL creating cw_customer_value for every customer of cw_customer_facts. value / value_12m follow
 * the value basis (orders: net total / trailing 12 months; mrr: current MRR, or the last MRR of a
 * lost subscriber / 12 x current MRR; monthly_value: it / 12 x it).
 */
export function buildCustomerValueSql(asOf: string, basis: ValueBasis, tables: Pick<DerivedTables, 'facts' | 'value'> = SCREEN_TABLES): string {
  const d = dateLit(asOf);
  const v = valueSql(basis);
  return `
CREATE OR REPLACE TABLE ${tables.value} AS
WITH sub AS (${activeSubscriptionsSql(asOf)}),
sub_last AS (
  SELECT s.customer_id, sum(${mrrSql('s')}) AS last_mrr
  FROM subscriptions s JOIN sub USING (customer_id)
  WHERE sub.active_subs = 0 AND s.start_date <= ${d} AND s.end_date = sub.last_end_date AND s.end_date > s.start_date
  GROUP BY s.customer_id
)
SELECT f.customer_id, CAST(${v.value} AS DOUBLE) AS value, CAST(${v.value12m} AS DOUBLE) AS value_12m
FROM ${tables.facts} f
LEFT JOIN sub USING (customer_id)
LEFT JOIN sub_last USING (customer_id)`;
}
