-- cw_customer_facts (key customer_id): the per-customer facts every metric reads.
-- Same definition as src/analytics/facts/customerFacts.ts (metrics.md, preamble and section 1):
-- rows dated after the as-of date are ignored, returns are not purchases, values are net.
-- Parameters: ${as_of}. Reads: customers, orders, activity, subscriptions.
WITH o AS (
  SELECT customer_id, CAST(order_date AS DATE) AS day,
    coalesce(order_id, '#' || _source || ':' || CAST(_line AS STRING)) AS oid,
    coalesce(amount, CAST(0 AS DOUBLE)) AS amount,
    coalesce(is_return, false) AS is_return,
    unix_date(DATE '${as_of}') - unix_date(CAST(order_date AS DATE)) AS age
  FROM orders
  WHERE customer_id IS NOT NULL AND CAST(order_date AS DATE) <= DATE '${as_of}'
),
purchase_days AS (
  SELECT DISTINCT customer_id, day FROM o WHERE NOT is_return
),
gaps AS (
  SELECT customer_id, median(gap) AS median_gap_days
  FROM (
    SELECT customer_id, unix_date(day) - unix_date(lag(day) OVER (PARTITION BY customer_id ORDER BY day)) AS gap
    FROM purchase_days
  ) g
  WHERE gap IS NOT NULL
  GROUP BY customer_id
),
-- Lines -> orders -> customers: an order counts in a window when any of its non-return lines
-- falls in it, its value there is the net of its lines in the window.
per_order AS (
  SELECT customer_id,
    min(CASE WHEN NOT is_return THEN day END) AS first_buy,
    max(CASE WHEN NOT is_return THEN day END) AS last_buy,
    max(CASE WHEN NOT is_return THEN 1 ELSE 0 END) AS bought,
    max(CASE WHEN NOT is_return AND age < 90 THEN 1 ELSE 0 END) AS bought_last_90d,
    max(CASE WHEN NOT is_return AND age >= 90 AND age < 180 THEN 1 ELSE 0 END) AS bought_prev_90d,
    sum(amount) AS amount,
    sum(CASE WHEN age < 365 THEN amount END) AS amount_12m,
    sum(CASE WHEN age < 90 THEN amount END) AS amount_last_90d,
    sum(CASE WHEN age >= 90 AND age < 180 THEN amount END) AS amount_prev_90d
  FROM o
  GROUP BY customer_id, oid
),
ord AS (
  SELECT customer_id,
    min(first_buy) AS first_order_date,
    max(last_buy) AS last_order_date,
    sum(bought) AS order_count,
    sum(amount) AS total_value,
    sum(amount_12m) AS value_12m,
    sum(amount_last_90d) AS value_last_90d,
    sum(amount_prev_90d) AS value_prev_90d,
    sum(bought_last_90d) AS orders_last_90d,
    sum(bought_prev_90d) AS orders_prev_90d
  FROM per_order
  GROUP BY customer_id
),
days AS (
  SELECT customer_id, count(*) AS purchase_days FROM purchase_days GROUP BY customer_id
),
act AS (
  SELECT customer_id,
    max(day) AS last_activity_date,
    min(day) AS first_activity_date,
    sum(CASE WHEN age < 90 THEN n END) AS activity_last_90d,
    sum(CASE WHEN age >= 90 AND age < 180 THEN n END) AS activity_prev_90d,
    count(DISTINCT CASE WHEN age < 90 THEN event_type END) AS features_last_90d,
    count(DISTINCT CASE WHEN age >= 90 AND age < 180 THEN event_type END) AS features_prev_90d
  FROM (
    SELECT a.customer_id, a.event_type, coalesce(a.count, CAST(1 AS DOUBLE)) AS n, CAST(a.event_date AS DATE) AS day,
      unix_date(DATE '${as_of}') - unix_date(CAST(a.event_date AS DATE)) AS age
    FROM activity a
    WHERE a.customer_id IS NOT NULL AND CAST(a.event_date AS DATE) <= DATE '${as_of}'
  ) ev
  GROUP BY customer_id
),
sub AS (
  SELECT customer_id, min(start_date) AS first_subscription_date
  FROM subscriptions
  WHERE customer_id IS NOT NULL AND start_date <= DATE '${as_of}'
  GROUP BY customer_id
),
cust AS (
  SELECT customer_id, any_value(name) AS name, min(signup_date) AS signup_date, any_value(tier) AS tier,
    any_value(segment) AS segment, any_value(region) AS region, any_value(industry) AS industry,
    any_value(owner) AS owner, any_value(channel) AS channel, bool_or(churned) AS churned_label,
    any_value(monthly_value) AS monthly_value
  FROM customers
  WHERE customer_id IS NOT NULL AND (signup_date IS NULL OR signup_date <= DATE '${as_of}')
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
  cust.churned_label,
  CAST(cust.monthly_value AS DOUBLE) AS monthly_value,
  ord.first_order_date, ord.last_order_date,
  CAST(coalesce(ord.order_count, 0) AS BIGINT) AS order_count,
  CAST(coalesce(days.purchase_days, 0) AS BIGINT) AS purchase_days,
  CAST(coalesce(ord.total_value, 0) AS DOUBLE) AS total_value,
  CAST(coalesce(ord.value_12m, 0) AS DOUBLE) AS value_12m,
  CAST(coalesce(ord.value_last_90d, 0) AS DOUBLE) AS value_last_90d,
  CAST(coalesce(ord.value_prev_90d, 0) AS DOUBLE) AS value_prev_90d,
  CAST(coalesce(ord.orders_last_90d, 0) AS BIGINT) AS orders_last_90d,
  CAST(coalesce(ord.orders_prev_90d, 0) AS BIGINT) AS orders_prev_90d,
  CAST(gaps.median_gap_days AS DOUBLE) AS median_gap_days,
  CAST(unix_date(DATE '${as_of}') - unix_date(ord.last_order_date) AS BIGINT) AS days_since_last_order,
  act.last_activity_date,
  CAST(coalesce(act.activity_last_90d, 0) AS DOUBLE) AS activity_last_90d,
  CAST(coalesce(act.activity_prev_90d, 0) AS DOUBLE) AS activity_prev_90d,
  CAST(coalesce(act.features_last_90d, 0) AS BIGINT) AS features_last_90d,
  CAST(coalesce(act.features_prev_90d, 0) AS BIGINT) AS features_prev_90d,
  sub.first_subscription_date,
  least(cust.signup_date, ord.first_order_date, act.first_activity_date, sub.first_subscription_date) AS first_seen_date,
  -- BG/NBD inputs (metrics.md section 1): x = repeat purchase days, t_x and T in weeks.
  CAST(greatest(coalesce(days.purchase_days, 0) - 1, 0) AS BIGINT) AS bg_x,
  CASE WHEN ord.first_order_date IS NULL THEN CAST(NULL AS DOUBLE)
    ELSE CAST(unix_date(ord.last_order_date) - unix_date(ord.first_order_date) AS DOUBLE) / 7 END AS bg_tx,
  CASE WHEN ord.first_order_date IS NULL THEN CAST(NULL AS DOUBLE)
    ELSE CAST(unix_date(DATE '${as_of}') - unix_date(ord.first_order_date) AS DOUBLE) / 7 END AS bg_T
FROM ids
LEFT JOIN cust ON cust.customer_id = ids.customer_id
LEFT JOIN ord ON ord.customer_id = ids.customer_id
LEFT JOIN days ON days.customer_id = ids.customer_id
LEFT JOIN gaps ON gaps.customer_id = ids.customer_id
LEFT JOIN act ON act.customer_id = ids.customer_id
LEFT JOIN sub ON sub.customer_id = ids.customer_id
