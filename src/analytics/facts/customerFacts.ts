import type { QueryManager } from '../../engine/queryManager';
import { scalar } from '../../engine/rows';
import { dateLit } from '../../engine/sql';
import { SCREEN_TABLES } from '../common/tableNames';

/** The per-customer facts table every metric family reads (built once per dataset and as-of). */
export const FACTS_TABLE = SCREEN_TABLES.facts;

/**
 * Builds `cw_customer_facts`: one row per customer seen in any table up to the as-of date,
 * with purchase history facts (first/last purchase, counts, value, 90-day trends, cadence),
 * BG/NBD inputs (x, t_x, T in weeks) and the customer attributes. Rows dated after the as-of
 * date are ignored, as if the export were taken that day (metrics.md, preamble).
 *
 * Purchases exclude returns (is_return); value is net (returns subtract).
 */
export function buildCustomerFactsSql(asOf: string): string {
  return customerFactsStatements(asOf, 1)[0];
}

/** Orders per part when the facts are built in parts (see customerFactsStatements). */
export const FACTS_ORDERS_PER_PART = 2_500_000;

/** How many parts the facts of `orderRows` orders are built in. */
export function factsPartsFor(orderRows: number): number {
  return Math.max(1, Math.ceil(orderRows / FACTS_ORDERS_PER_PART));
}

/**
 * The statements that build cw_customer_facts in `parts` slices of the customers (by hash of the
 * id): the first creates the table, the others append. Every fact is per customer, so the slices
 * give the one-statement result (the value sums to the last bits only: at L on two threads 1,323
 * of 1M customers differ there, about 1e-16 relative, as sums added in another order do); each
 * slice's hash tables are 1/parts the size. At 10M orders the single statement needed more than
 * the 3.1 GB DuckDB-WASM can hold.
 */
export function customerFactsStatements(asOf: string, parts: number, table: string = FACTS_TABLE): string[] {
  return Array.from({ length: parts }, (_, i) => {
    const select = customerFactsSelect(asOf, parts === 1 ? 'TRUE' : `hash(customer_id) % ${parts} = ${i}`);
    return i === 0 ? `CREATE OR REPLACE TABLE ${table} AS ${select}` : `INSERT INTO ${table} SELECT * FROM (${select})`;
  });
}

/** The facts query over the customers matching `slice` (a predicate on customer_id). */
function customerFactsSelect(asOf: string, slice: string): string {
  const d = dateLit(asOf);
  return `
WITH o AS (
  SELECT customer_id, CAST(order_date AS DATE) AS day, coalesce(order_id, '#' || _source || ':' || _line) AS oid,
         coalesce(amount, 0) AS amount, coalesce(is_return, false) AS is_return
  FROM orders
  WHERE customer_id IS NOT NULL AND CAST(order_date AS DATE) <= ${d} AND ${slice}
),
purchase_days AS (
  SELECT DISTINCT customer_id, day FROM o WHERE NOT is_return
),
gaps AS (
  SELECT customer_id, median(gap) AS median_gap_days
  FROM (SELECT customer_id, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap FROM purchase_days)
  WHERE gap IS NOT NULL
  GROUP BY customer_id
),
-- Lines -> orders -> customers in two plain aggregations: "orders in a window" is then a count of
-- orders with a flag, not count(DISTINCT order id), whose per-customer hash sets made this the
-- slowest and most memory-hungry statement at 10M orders. Each flag and sum is exactly what the
-- line-level FILTER gave: an order counts when any of its non-return lines falls in the window.
per_order AS (
  SELECT customer_id,
    min(day) FILTER (WHERE NOT is_return) AS first_buy,
    max(day) FILTER (WHERE NOT is_return) AS last_buy,
    bool_or(NOT is_return) AS bought,
    bool_or(NOT is_return AND day > ${d} - INTERVAL 90 DAY) AS bought_last_90d,
    bool_or(NOT is_return AND day > ${d} - INTERVAL 180 DAY AND day <= ${d} - INTERVAL 90 DAY) AS bought_prev_90d,
    sum(amount) AS amount,
    sum(amount) FILTER (WHERE day > ${d} - INTERVAL 365 DAY) AS amount_12m,
    sum(amount) FILTER (WHERE day > ${d} - INTERVAL 90 DAY) AS amount_last_90d,
    sum(amount) FILTER (WHERE day > ${d} - INTERVAL 180 DAY AND day <= ${d} - INTERVAL 90 DAY) AS amount_prev_90d
  FROM o GROUP BY customer_id, oid
),
ord AS (
  SELECT customer_id,
    min(first_buy) AS first_order_date,
    max(last_buy) AS last_order_date,
    count(*) FILTER (WHERE bought) AS order_count,
    sum(amount) AS total_value,
    sum(amount_12m) AS value_12m,
    sum(amount_last_90d) AS value_last_90d,
    sum(amount_prev_90d) AS value_prev_90d,
    count(*) FILTER (WHERE bought_last_90d) AS orders_last_90d,
    count(*) FILTER (WHERE bought_prev_90d) AS orders_prev_90d
  FROM per_order GROUP BY customer_id
),
days AS (
  SELECT customer_id, count(*) AS purchase_days FROM purchase_days GROUP BY customer_id
),
act AS (
  SELECT customer_id,
    max(CAST(event_date AS DATE)) AS last_activity_date,
    min(CAST(event_date AS DATE)) AS first_activity_date,
    sum(coalesce(count, 1)) FILTER (WHERE CAST(event_date AS DATE) > ${d} - INTERVAL 90 DAY) AS activity_last_90d,
    sum(coalesce(count, 1)) FILTER (WHERE CAST(event_date AS DATE) > ${d} - INTERVAL 180 DAY AND CAST(event_date AS DATE) <= ${d} - INTERVAL 90 DAY) AS activity_prev_90d,
    count(DISTINCT event_type) FILTER (WHERE CAST(event_date AS DATE) > ${d} - INTERVAL 90 DAY) AS features_last_90d,
    count(DISTINCT event_type) FILTER (WHERE CAST(event_date AS DATE) > ${d} - INTERVAL 180 DAY AND CAST(event_date AS DATE) <= ${d} - INTERVAL 90 DAY) AS features_prev_90d
  FROM activity WHERE customer_id IS NOT NULL AND CAST(event_date AS DATE) <= ${d} AND ${slice}
  GROUP BY customer_id
),
sub AS (
  SELECT customer_id, min(start_date) AS first_subscription_date
  FROM subscriptions WHERE customer_id IS NOT NULL AND start_date <= ${d} AND ${slice}
  GROUP BY customer_id
),
cust AS (
  SELECT customer_id, any_value(name) AS name, min(signup_date) AS signup_date, any_value(tier) AS tier,
    any_value(segment) AS segment, any_value(region) AS region, any_value(industry) AS industry,
    any_value(owner) AS owner, any_value(channel) AS channel, bool_or(churned) AS churned_label,
    any_value(monthly_value) AS monthly_value
  FROM customers WHERE customer_id IS NOT NULL AND (signup_date IS NULL OR signup_date <= ${d}) AND ${slice}
  GROUP BY customer_id
),
ids AS (
  SELECT customer_id FROM cust
  UNION SELECT customer_id FROM ord
  UNION SELECT customer_id FROM act
  UNION SELECT customer_id FROM sub
)
SELECT
  ids.customer_id,
  cust.name, cust.signup_date, cust.tier, cust.segment, cust.region, cust.industry, cust.owner, cust.channel,
  cust.churned_label, cust.monthly_value,
  ord.first_order_date, ord.last_order_date,
  coalesce(ord.order_count, 0) AS order_count,
  coalesce(days.purchase_days, 0) AS purchase_days,
  coalesce(ord.total_value, 0) AS total_value,
  coalesce(ord.value_12m, 0) AS value_12m,
  coalesce(ord.value_last_90d, 0) AS value_last_90d,
  coalesce(ord.value_prev_90d, 0) AS value_prev_90d,
  coalesce(ord.orders_last_90d, 0) AS orders_last_90d,
  coalesce(ord.orders_prev_90d, 0) AS orders_prev_90d,
  gaps.median_gap_days,
  ${d} - ord.last_order_date AS days_since_last_order,
  act.last_activity_date,
  coalesce(act.activity_last_90d, 0) AS activity_last_90d,
  coalesce(act.activity_prev_90d, 0) AS activity_prev_90d,
  coalesce(act.features_last_90d, 0) AS features_last_90d,
  coalesce(act.features_prev_90d, 0) AS features_prev_90d,
  sub.first_subscription_date,
  least(cust.signup_date, ord.first_order_date, act.first_activity_date, sub.first_subscription_date) AS first_seen_date,
  -- BG/NBD inputs (metrics.md section 1): x = repeat purchase days, t_x and T in weeks.
  greatest(coalesce(days.purchase_days, 0) - 1, 0) AS bg_x,
  CASE WHEN ord.first_order_date IS NULL THEN NULL ELSE (ord.last_order_date - ord.first_order_date) / 7.0 END AS bg_tx,
  CASE WHEN ord.first_order_date IS NULL THEN NULL ELSE (${d} - ord.first_order_date) / 7.0 END AS bg_T
FROM ids
LEFT JOIN cust USING (customer_id)
LEFT JOIN ord USING (customer_id)
LEFT JOIN days USING (customer_id)
LEFT JOIN gaps USING (customer_id)
LEFT JOIN act USING (customer_id)
LEFT JOIN sub USING (customer_id)`;
}

/** Builds cw_customer_facts (or `table`), in as many parts as the number of orders needs. */
export async function buildCustomerFacts(qm: QueryManager, asOf: string, table: string = FACTS_TABLE): Promise<void> {
  const orders = Number(scalar(await qm.query('SELECT count(*)::DOUBLE FROM orders', { cache: false })) ?? 0);
  for (const sql of customerFactsStatements(asOf, factsPartsFor(orders), table)) await qm.exec(sql);
}

/**
 * The default as-of date: the latest event date in any table (orders, activity, tickets, NPS,
 * sign-ups, subscription starts, and subscription ends that have happened by `today`). Scheduled
 * end dates are not events, and dates more than a year after `today` are typing errors (year
 * 9999), so neither can push the as-of date into the future. NULL when there are no dates.
 */
export function latestDataDateSql(today: string): string {
  return dataDateSql('max', today);
}

/** The earliest event date in any table (the same dates as latestDataDateSql); the back-test's span starts there. */
export function earliestDataDateSql(today: string): string {
  return dataDateSql('min', today);
}

function dataDateSql(agg: 'min' | 'max', today: string): string {
  const limit = `${dateLit(today)} + INTERVAL 366 DAY`;
  return `SELECT ${agg}(d) AS as_of FROM (
    SELECT ${agg}(CAST(order_date AS DATE)) d FROM orders WHERE CAST(order_date AS DATE) <= ${limit}
    UNION ALL SELECT ${agg}(CAST(event_date AS DATE)) FROM activity WHERE CAST(event_date AS DATE) <= ${limit}
    UNION ALL SELECT ${agg}(CAST(opened_at AS DATE)) FROM tickets WHERE CAST(opened_at AS DATE) <= ${limit}
    UNION ALL SELECT ${agg}(start_date) FROM subscriptions WHERE start_date <= ${limit}
    UNION ALL SELECT ${agg}(end_date) FROM subscriptions WHERE end_date <= ${dateLit(today)}
    UNION ALL SELECT ${agg}(survey_date) FROM nps WHERE survey_date <= ${limit}
    UNION ALL SELECT ${agg}(signup_date) FROM customers WHERE signup_date <= ${limit})`;
}
