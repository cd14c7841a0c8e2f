import { FACTS_TABLE } from '../facts/customerFacts';
import { lit } from '../../engine/sql';
import { RFM_OTHERS, RFM_SEGMENTS, type RfmSegmentRule } from './segments';

/** Per-buyer RFM values, quintile scores and segment. */
export const RFM_TABLE = 'cw_customer_rfm';

/** SQL CASE giving the segment of columns r, f, m: rules tested last-first, so a later match wins. */
export function rfmSegmentCaseSql(rules: readonly RfmSegmentRule[] = RFM_SEGMENTS): string {
  const cond = (col: string, [lo, hi]: readonly [number, number]) => `${col} BETWEEN ${lo} AND ${hi}`;
  const whens = [...rules].reverse()
    .map((x) => `WHEN ${cond('r', x.r)} AND ${cond('f', x.f)} AND ${cond('m', x.m)} THEN ${lit(x.segment)}`);
  return `CASE ${whens.join(' ')} ELSE ${lit(RFM_OTHERS)} END`;
}

/**
 * SQL creating cw_customer_rfm for every customer with a purchase up to the as-of date:
 * R = days since last purchase, F = distinct orders, M = net value (cw_customer_facts).
 * Scores are NTILE(5) over the buyers (ties broken by customer id so runs agree); R is
 * reversed, 6 - NTILE over ascending days, so 5 is the most recent.
 */
export function buildRfmSql(): string {
  return `
CREATE OR REPLACE TABLE ${RFM_TABLE} AS
WITH s AS (
  SELECT customer_id,
    CAST(days_since_last_order AS INTEGER) AS recency_days,
    CAST(order_count AS INTEGER) AS frequency,
    CAST(total_value AS DOUBLE) AS monetary,
    CAST(6 - ntile(5) OVER (ORDER BY days_since_last_order, customer_id) AS INTEGER) AS r,
    CAST(ntile(5) OVER (ORDER BY order_count, customer_id) AS INTEGER) AS f,
    CAST(ntile(5) OVER (ORDER BY total_value, customer_id) AS INTEGER) AS m
  FROM ${FACTS_TABLE} WHERE first_order_date IS NOT NULL
)
SELECT *, ${rfmSegmentCaseSql()} AS segment FROM s`;
}

/** SQL: customers and value (sum of M) per segment, one row per segment present. */
export function rfmSegmentSummarySql(): string {
  return `SELECT segment, count(*)::INTEGER AS customers, coalesce(sum(monetary), 0)::DOUBLE AS value
    FROM ${RFM_TABLE} GROUP BY segment`;
}
