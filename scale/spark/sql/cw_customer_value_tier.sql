-- cw_customer_value_tier (key customer_id): the value tier, first match wins
-- (src/analytics/rfm/valueTierSql.ts, src/analytics/README.md):
--   高价值 value_12m > 0 and within the top 20% of customers by value_12m (cume_dist, ties together),
--   新客户 first purchase (else first subscription, else first seen) less than 90 days before as-of,
--   成长期 rising: orders basis, last 90 days' value above the previous 90 days' (> 0),
--          mrr basis, MRR now above MRR 90 days ago (> 0), other bases never,
--   低价值 everyone else.
-- Parameters: ${as_of}, ${value_basis}. Reads: cw_customer_value, cw_customer_facts, subscriptions.
WITH s AS (
  SELECT customer_id, start_date, end_date,
    coalesce(mrr, CASE
      WHEN amount IS NULL THEN CAST(NULL AS DOUBLE)
      WHEN lower(coalesce(billing_period, '')) LIKE '%quarter%' OR lower(coalesce(billing_period, '')) LIKE '%季%' THEN amount / 3
      WHEN lower(coalesce(billing_period, '')) LIKE '%half%' OR lower(coalesce(billing_period, '')) LIKE '%半年%' THEN amount / 6
      WHEN lower(coalesce(billing_period, '')) LIKE '%year%' OR lower(coalesce(billing_period, '')) LIKE '%annual%'
        OR lower(coalesce(billing_period, '')) LIKE '%年%' THEN amount / 12
      WHEN lower(coalesce(billing_period, '')) LIKE '%month%' OR lower(coalesce(billing_period, '')) LIKE '%月%' THEN amount
      WHEN end_date > start_date THEN amount / greatest(CAST(1 AS DOUBLE), (unix_date(end_date) - unix_date(start_date)) / (CAST(365.25 AS DOUBLE) / 12))
      ELSE CAST(NULL AS DOUBLE) END) AS mrr
  FROM subscriptions
),
mrr_on AS (
  SELECT customer_id,
    sum(CASE WHEN start_date <= DATE '${as_of}' AND (end_date IS NULL OR end_date > DATE '${as_of}') THEN mrr END) AS mrr_now,
    sum(CASE WHEN start_date <= date_add(DATE '${as_of}', -90) AND (end_date IS NULL OR end_date > date_add(DATE '${as_of}', -90)) THEN mrr END) AS mrr_then
  FROM s
  GROUP BY customer_id
),
v AS (
  SELECT st.customer_id, coalesce(st.value_12m, CAST(0 AS DOUBLE)) AS value_12m,
    coalesce(f.first_order_date, f.first_subscription_date, f.first_seen_date) AS first_date,
    CASE '${value_basis}'
      WHEN 'orders' THEN f.value_prev_90d > 0 AND f.value_last_90d > f.value_prev_90d
      WHEN 'mrr' THEN coalesce(m.mrr_then > 0 AND m.mrr_now > m.mrr_then, false)
      ELSE false END AS rising,
    cume_dist() OVER (ORDER BY coalesce(st.value_12m, CAST(0 AS DOUBLE)) DESC) AS top_share
  FROM cw_customer_value st
  JOIN cw_customer_facts f ON f.customer_id = st.customer_id
  LEFT JOIN mrr_on m ON m.customer_id = st.customer_id
)
SELECT customer_id, CAST(value_12m AS DOUBLE) AS value_12m,
  CASE WHEN value_12m > 0 AND top_share <= CAST(0.2 AS DOUBLE) THEN '高价值'
    WHEN unix_date(DATE '${as_of}') - unix_date(first_date) < 90 THEN '新客户'
    WHEN rising THEN '成长期'
    ELSE '低价值' END AS value_tier
FROM v
