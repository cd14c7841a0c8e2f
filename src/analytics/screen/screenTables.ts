import type { Period } from '../settings';
import type { PeriodBasis, ValueBasis } from '../status/basis';
import { dateLit, lit } from '../../engine/sql';
import { FACTS_TABLE } from '../facts/customerFacts';
import { STATUS_TABLE } from '../status/statusSql';
import { VALUE_TIER_TABLE } from '../rfm/valueTierSql';
import { CUSTOMER_RISK_TABLE } from '../risk/signals';
import { CLV_TABLE } from '../clv/clvTable';
import { periodChurnersTable } from '../churn/logoChurnSql';
import { CUSTOMER_DIMS_TABLE } from '../structural/dimensionsSql';
import { periodLabelSql, periodStartSql } from '../common/periods';
import { ATTRIBUTE_PREFIX, DERIVED_DIMENSIONS, TABLE_DIMENSIONS } from './drillNames';

/**
 * Drill values no per-customer table holds, one row per (customer, drill dimension): tenure_band,
 * plan, cohort and 'attr:<name>' for every extra customer column.
 */
export const SCREEN_DIMS_TABLE = 'cw_screen_customer_dims';
/** Net order value per customer, day and return flag: what the filtered value churn and cohorts read instead of orders. */
export const SCREEN_ORDER_DAYS_TABLE = 'cw_screen_order_days';
/** View of the churn family's drill table for the period in force (ps, label, customer_id, kind). */
export const SCREEN_CHURNERS_VIEW = 'cw_screen_period_churners';
/** One row per customer of cw_customer_status with every column the customer rows show or sort by. */
export const SCREEN_CUSTOMERS_TABLE = 'cw_screen_customers';

/**
 * SQL creating cw_screen_customer_dims. Tenure band, plan and attribute values are exactly the
 * structural family's labels (it reads the same cw_customer_dims: numeric attributes with many values
 * become its quantile bands), so a structural bar drills to precisely its customers; the cohort
 * label is the cohorts family's (period of the first purchase, or first subscription start on
 * the subscriptions basis).
 */
export function buildScreenDimsSql(period: Period, basis: PeriodBasis): string {
  const first = basis === 'orders' ? 'first_order_date' : basis === 'subscriptions' ? 'first_subscription_date' : null;
  const list = (names: readonly string[]) => names.map((x) => lit(x)).join(', ');
  const cohort = first
    ? `\nUNION ALL SELECT customer_id, 'cohort', ${periodLabelSql(period, periodStartSql(period, first))} FROM ${FACTS_TABLE} WHERE ${first} IS NOT NULL`
    : '';
  return `CREATE OR REPLACE TABLE ${SCREEN_DIMS_TABLE} AS
SELECT customer_id, CASE WHEN dimension IN (${list(DERIVED_DIMENSIONS)}) THEN dimension ELSE ${lit(ATTRIBUTE_PREFIX)} || dimension END AS dimension, value
FROM ${CUSTOMER_DIMS_TABLE} WHERE dimension NOT IN (${list(TABLE_DIMENSIONS)}) AND value IS NOT NULL${cohort}`;
}

/** SQL creating cw_screen_order_days from orders up to the as-of date (one pass, at prepare time). */
export function buildOrderDaysSql(asOf: string): string {
  return `CREATE OR REPLACE TABLE ${SCREEN_ORDER_DAYS_TABLE} AS
SELECT customer_id, CAST(order_date AS DATE) AS order_date, coalesce(is_return, false) AS is_return,
  CAST(sum(coalesce(amount, 0)) AS DOUBLE) AS amount
FROM orders WHERE customer_id IS NOT NULL AND CAST(order_date AS DATE) <= ${dateLit(asOf)}
GROUP BY 1, 2, 3`;
}

/** SQL (re)creating the churners view over cw_period_churners_<period>, or an empty one without churn by period. */
export function buildChurnersViewSql(period: Period, hasChurners: boolean): string {
  const body = hasChurners
    ? `SELECT ps, label, customer_id, kind FROM ${periodChurnersTable(period)}`
    : `SELECT CAST(NULL AS DATE) AS ps, CAST(NULL AS VARCHAR) AS label, CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS VARCHAR) AS kind WHERE false`;
  return `CREATE OR REPLACE VIEW ${SCREEN_CHURNERS_VIEW} AS ${body}`;
}

/**
 * The columns of cw_screen_customers that no churn window moves, one row per customer of the
 * facts (status has the same customers): name, owner and region, the health tier and score, the
 * value tier, the value before silence and the play tier. A W2 change rebuilds status and then
 * cw_screen_customers as a join of status to this table, instead of recomputing the value
 * before silence (a pass over every purchase day) and the joins of four tables.
 */
export const SCREEN_CUSTOMER_BASE_TABLE = 'cw_screen_customer_base';

/**
 * SQL creating cw_screen_customer_base. play_tier is the value tier that picks the customer's
 * play: the value tier, except that a customer whose net order value in the 12 months up to its
 * last purchase (value_before_silence) reaches the 高价值 cut (the smallest trailing-12-month
 * value tiered 高价值) plays as 高价值. A key account that went silent has lost its trailing
 * value, but still wants a dedicated manager, never a discount (metrics.md section 5: high-value
 * customers get care, not coupons). Orders basis only; other bases play their value tier.
 */
export function buildScreenCustomerBaseSql(valueBasis: ValueBasis = null): string {
  const beforeSilence = valueBasis === 'orders'
    ? `(SELECT CAST(sum(od.amount) AS DOUBLE) FROM ${SCREEN_ORDER_DAYS_TABLE} od WHERE od.customer_id = f.customer_id
        AND od.order_date > f.last_order_date - INTERVAL 365 DAY AND od.order_date <= f.last_order_date)`
    : 'CAST(NULL AS DOUBLE)';
  return `CREATE OR REPLACE TABLE ${SCREEN_CUSTOMER_BASE_TABLE} AS
WITH cut AS (SELECT min(value_12m) AS high FROM ${VALUE_TIER_TABLE} WHERE value_tier = '高价值'),
base AS (
SELECT f.customer_id, f.name, r.tier AS risk_tier, r.score,
  f.owner, f.region, vt.value_tier, f.last_order_date AS last_purchase,
  f.signup_date, f.first_seen_date, r.reason1,
  ${beforeSilence} AS value_before_silence
FROM ${FACTS_TABLE} f
LEFT JOIN ${CUSTOMER_RISK_TABLE} r USING (customer_id)
LEFT JOIN ${VALUE_TIER_TABLE} vt USING (customer_id)
)
SELECT base.*, CASE WHEN base.value_tier IS DISTINCT FROM '高价值' AND base.value_before_silence > 0
    AND base.value_before_silence >= cut.high THEN '高价值' ELSE base.value_tier END AS play_tier
FROM base, cut`;
}

/**
 * SQL creating cw_screen_customers: status joined to cw_screen_customer_base. warning_tier is the
 * risk tier of customers not churned (the customers computeRisk counts per tier; churned ones are
 * lost, not warned about); value is the customer's CLV when cw_customer_clv exists, else
 * trailing-12-month value, so the red rows' values add up to the at-risk value (metrics.md
 * section 9). Subscription CLV reads status, so CLV is joined here, not in the base.
 */
export function buildScreenCustomersSql(hasClv: boolean): string {
  return `CREATE OR REPLACE TABLE ${SCREEN_CUSTOMERS_TABLE} AS
SELECT st.customer_id, b.name, st.status, b.risk_tier, b.score,
  CASE WHEN st.status = 'churned' THEN NULL ELSE b.risk_tier END AS warning_tier,
  b.owner, b.region, b.value_tier, b.last_purchase,
  CAST(${hasClv ? 'clv.clv' : 'st.value_12m'} AS DOUBLE) AS value,
  st.value_12m, st.p_alive, b.signup_date, b.first_seen_date, b.reason1,
  b.value_before_silence, b.play_tier
FROM ${STATUS_TABLE} st
LEFT JOIN ${SCREEN_CUSTOMER_BASE_TABLE} b USING (customer_id)
${hasClv ? `LEFT JOIN (SELECT customer_id, any_value(clv) AS clv FROM ${CLV_TABLE} GROUP BY customer_id) clv USING (customer_id)` : ''}`;
}
