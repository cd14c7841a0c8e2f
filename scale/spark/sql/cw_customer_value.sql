-- cw_customer_value (key customer_id): each customer's money value on the value basis.
-- Same definition as src/analytics/status/customerValueSql.ts:
--   orders:        value = net order total, value_12m = trailing 12 months' net orders,
--   mrr:           value = current MRR (the last MRR of a lost subscriber), value_12m = 12 x current MRR,
--   monthly_value: value = customers.monthly_value, value_12m = 12 x it,
--   none:          both NULL.
-- MRR of a subscription: its mrr, else amount spread by billing period, else over the contract's
-- months (src/analytics/common/mrr.ts).
-- Parameters: ${as_of}, ${value_basis}. Reads: cw_customer_facts, subscriptions.
WITH s AS (
  SELECT customer_id, start_date, end_date, renewal_date,
    coalesce(mrr, CASE
      WHEN amount IS NULL THEN CAST(NULL AS DOUBLE)
      WHEN lower(coalesce(billing_period, '')) LIKE '%quarter%' OR lower(coalesce(billing_period, '')) LIKE '%季%' THEN amount / 3
      WHEN lower(coalesce(billing_period, '')) LIKE '%half%' OR lower(coalesce(billing_period, '')) LIKE '%半年%' THEN amount / 6
      WHEN lower(coalesce(billing_period, '')) LIKE '%year%' OR lower(coalesce(billing_period, '')) LIKE '%annual%'
        OR lower(coalesce(billing_period, '')) LIKE '%年%' THEN amount / 12
      WHEN lower(coalesce(billing_period, '')) LIKE '%month%' OR lower(coalesce(billing_period, '')) LIKE '%月%' THEN amount
      WHEN end_date > start_date THEN amount / greatest(CAST(1 AS DOUBLE), (unix_date(end_date) - unix_date(start_date)) / (CAST(365.25 AS DOUBLE) / 12))
      ELSE CAST(NULL AS DOUBLE) END) AS mrr,
    (end_date IS NULL OR end_date > DATE '${as_of}') AS active
  FROM subscriptions
  WHERE customer_id IS NOT NULL AND start_date <= DATE '${as_of}'
),
sub AS (
  SELECT customer_id,
    sum(CASE WHEN active THEN 1 ELSE 0 END) AS active_subs,
    max(end_date) AS last_end_date,
    coalesce(sum(CASE WHEN active THEN mrr END), 0) AS current_mrr
  FROM s
  GROUP BY customer_id
),
sub_last AS (
  SELECT s.customer_id, sum(s.mrr) AS last_mrr
  FROM s JOIN sub ON sub.customer_id = s.customer_id
  WHERE sub.active_subs = 0 AND s.end_date = sub.last_end_date AND s.end_date > s.start_date
  GROUP BY s.customer_id
)
SELECT f.customer_id,
  CAST(CASE '${value_basis}'
    WHEN 'orders' THEN f.total_value
    WHEN 'mrr' THEN CASE WHEN coalesce(sub.active_subs, 0) > 0 THEN sub.current_mrr ELSE sub_last.last_mrr END
    WHEN 'monthly_value' THEN f.monthly_value
    ELSE CAST(NULL AS DOUBLE) END AS DOUBLE) AS value,
  CAST(CASE '${value_basis}'
    WHEN 'orders' THEN f.value_12m
    WHEN 'mrr' THEN 12 * coalesce(sub.current_mrr, 0)
    WHEN 'monthly_value' THEN 12 * f.monthly_value
    ELSE CAST(NULL AS DOUBLE) END AS DOUBLE) AS value_12m
FROM cw_customer_facts f
LEFT JOIN sub ON sub.customer_id = f.customer_id
LEFT JOIN sub_last ON sub_last.customer_id = f.customer_id
