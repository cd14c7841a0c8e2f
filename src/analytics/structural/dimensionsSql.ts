import { FACTS_TABLE } from '../facts/customerFacts';
import { RFM_TABLE } from '../rfm/rfmSql';
import { VALUE_TIER_TABLE } from '../rfm/valueTierSql';
import { VALUE_TIERS } from '../rfm/valueTiers';
import { RFM_OTHERS, RFM_SEGMENTS } from '../rfm/segments';
import { FACTS_DIMENSIONS } from '../common/dimensions';
import { dateLit, ident, lit } from '../../engine/sql';

/**
 * Every customer's value in every dimension (customerDimensionsSql), built once per data change:
 * the structural family, its drills and the screen's dimension table read it instead of
 * recomputing the attribute pivot and bands (a churn-window change used to redo it, 0.6-1.3 s).
 */
export const CUSTOMER_DIMS_TABLE = 'cw_customer_dims';

/** Dimensions with more distinct values than this are not shown (names, ids, free text). */
export const MAX_DIMENSION_VALUES = 30;

/** Numeric attributes with more distinct values than MAX_DIMENSION_VALUES are cut into this many quantile bands. */
export const NUMERIC_BANDS = 5;

/** Tenure bands (days since first seen), upper bounds exclusive. */
export const TENURE_BANDS: readonly { label: string; maxDays: number | null }[] = [
  { label: '0-3m', maxDays: 90 },
  { label: '3-6m', maxDays: 180 },
  { label: '6-12m', maxDays: 365 },
  { label: '1-2y', maxDays: 730 },
  { label: '2y+', maxDays: null },
];

/** SQL: a number as short text (integers without decimals, else 2 decimals). */
export function numberTextSql(expr: string): string {
  return `CASE WHEN ${expr} = round(${expr}) THEN CAST(CAST(${expr} AS BIGINT) AS VARCHAR) ELSE CAST(round(${expr}, 2) AS VARCHAR) END`;
}

function orderCase(column: string, values: readonly string[]): string {
  return `CASE ${values.map((v, i) => `WHEN ${column} = ${lit(v)} THEN ${i}`).join(' ')} ELSE ${values.length} END`;
}

function factsDims(): string {
  return FACTS_DIMENSIONS.map((c, i) => `SELECT customer_id, ${lit(c)} AS dimension, CAST(${ident(c)} AS VARCHAR) AS value,
    CAST(NULL AS INTEGER) AS sort_key, ${10 + i} AS dim_order FROM ${FACTS_TABLE} WHERE ${ident(c)} IS NOT NULL`).join('\nUNION ALL ');
}

function tenureCase(days: string): { label: string; sort: string } {
  const whens = TENURE_BANDS.map((b, i) => b.maxDays === null ? `ELSE ${i}` : `WHEN ${days} < ${b.maxDays} THEN ${i}`).join(' ');
  const labels = TENURE_BANDS.map((b, i) => `WHEN ${i} THEN ${lit(b.label)}`).join(' ');
  const sort = `CASE ${whens} END`;
  return { sort, label: `CASE ${sort} ${labels} END` };
}

/**
 * SQL (a SELECT): one row per (customer of cw_customer_facts, the same customers as cw_customer_status,
 * dimension) with the customer's value
 * in it: value tier, RFM segment, the facts columns (tier, segment, region, industry, owner,
 * channel), current plan (latest subscription), every customer_attributes attribute (numbers
 * with more than 30 distinct values cut into 5 quantile bands labelled "min-max"), tenure band.
 * Columns: customer_id, dimension, value, sort_key (order of values where it matters), dim_order.
 * It reads no status, so the churn windows never change it (the screen's dimension table is kept).
 */
export function customerDimensionsSql(asOf: string): string {
  const d = dateLit(asOf);
  const tenure = tenureCase(`(${d} - f.first_seen_date)`);
  const segOrder = orderCase('segment', [...RFM_SEGMENTS.map((s) => s.segment), RFM_OTHERS]);
  return `WITH attr AS (
  SELECT a.customer_id, a.attribute, any_value(a.value_text) AS vt, any_value(a.value_num) AS vn
  FROM customer_attributes a WHERE a.customer_id IN (SELECT customer_id FROM ${FACTS_TABLE}) AND a.attribute IS NOT NULL
  GROUP BY 1, 2
),
astats AS (
  SELECT attribute, count(vn) >= 0.9 * count(coalesce(vt, CAST(vn AS VARCHAR))) AND count(DISTINCT vn) > ${MAX_DIMENSION_VALUES} AS banded,
    list_distinct(quantile_disc(vn, [${Array.from({ length: NUMERIC_BANDS - 1 }, (_, i) => (i + 1) / NUMERIC_BANDS).join(', ')}])) AS breaks
  FROM attr GROUP BY attribute
),
attr_cat AS (
  SELECT a.customer_id, a.attribute AS dimension, coalesce(a.vt, ${numberTextSql('a.vn')}) AS value, CAST(NULL AS INTEGER) AS sort_key
  FROM attr a JOIN astats s USING (attribute) WHERE NOT s.banded AND coalesce(a.vt, CAST(a.vn AS VARCHAR)) IS NOT NULL
),
attr_band AS (
  SELECT a.customer_id, a.attribute, a.vn, CAST(length(list_filter(s.breaks, b -> b < a.vn)) AS INTEGER) AS band
  FROM attr a JOIN astats s USING (attribute) WHERE s.banded AND a.vn IS NOT NULL
),
attr_banded AS (
  SELECT customer_id, attribute AS dimension,
    ${numberTextSql('min(vn) OVER (PARTITION BY attribute, band)')} || '-' || ${numberTextSql('max(vn) OVER (PARTITION BY attribute, band)')} AS value,
    band AS sort_key
  FROM attr_band
),
plan AS (
  SELECT customer_id, arg_max(plan, start_date) AS value FROM subscriptions
  WHERE customer_id IN (SELECT customer_id FROM ${FACTS_TABLE}) AND start_date <= ${d} AND plan IS NOT NULL GROUP BY 1
)
SELECT customer_id, 'value_tier' AS dimension, value_tier AS value, ${orderCase('value_tier', VALUE_TIERS)} AS sort_key, 1 AS dim_order FROM ${VALUE_TIER_TABLE}
UNION ALL SELECT customer_id, 'rfm_segment', segment, ${segOrder}, 2 FROM ${RFM_TABLE} WHERE customer_id IN (SELECT customer_id FROM ${FACTS_TABLE})
UNION ALL ${factsDims()}
UNION ALL SELECT customer_id, 'plan', value, NULL, 20 FROM plan
UNION ALL SELECT customer_id, dimension, value, sort_key, 30 FROM attr_cat
UNION ALL SELECT customer_id, dimension, value, sort_key, 30 FROM attr_banded
UNION ALL SELECT f.customer_id, 'tenure_band', ${tenure.label}, ${tenure.sort}, 40 FROM ${FACTS_TABLE} f
  WHERE f.first_seen_date IS NOT NULL`;
}

/** SQL creating cw_customer_dims from customerDimensionsSql (same columns). */
export function buildCustomerDimsSql(asOf: string): string {
  return `CREATE OR REPLACE TABLE ${CUSTOMER_DIMS_TABLE} AS ${customerDimensionsSql(asOf)}`;
}
