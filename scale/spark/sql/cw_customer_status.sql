-- cw_customer_status (key customer_id): status as of the as-of date under the churn rule, as
-- src/analytics/status/statusSql.ts computes it WITHOUT a BG/NBD fit (metrics.md section 1):
--   labeled:     churned = the label, everyone else active (a blank label: label_unknown),
--   contractual: subscribers are churned when no subscription runs on the as-of date, silent when
--                the next renewal (else end) is due within ${renewal_warning_days} days and the risk
--                proxy fires, customers without a subscription are judged by the rule below,
--   rule:        last seen = last purchase, else last activity, else first seen, churned when more
--                than W2 = ${churn_days} days ago, silent when more than W1 days ago
--                (W1 = ${silent_days}, or when that is -1: 2 x the customer's median purchase gap,
--                at least ${min_silent_days}),
--   new:         first seen within one ${period} before the as-of date, replaces active and silent.
-- P(alive) needs a BG/NBD fit (a numerical optimisation, not SQL): p_alive is NULL here, and the
-- model rule is not offered (the app itself falls back to the rule without a fit). Where the app
-- did fit BG/NBD, its p_alive and its status of customers judged by the model (rule 'model') differ
-- from this table: see README.md.
-- Parameters: ${as_of}, ${period}, ${churn_rule}, ${churn_days}, ${silent_days}, ${min_silent_days},
-- ${renewal_warning_days}. Reads: cw_customer_facts, cw_customer_value, subscriptions.
WITH sub AS (
  SELECT customer_id,
    sum(CASE WHEN end_date IS NULL OR end_date > DATE '${as_of}' THEN 1 ELSE 0 END) AS active_subs,
    min(CASE WHEN (end_date IS NULL OR end_date > DATE '${as_of}') AND coalesce(renewal_date, end_date) >= DATE '${as_of}'
      THEN coalesce(renewal_date, end_date) END) AS renewal_date
  FROM subscriptions
  WHERE customer_id IS NOT NULL AND start_date <= DATE '${as_of}'
  GROUP BY customer_id
),
-- The as-of date minus one period, months clamped to the month's last day (as DATE - INTERVAL does).
back AS (
  SELECT CASE '${period}'
    WHEN 'week' THEN date_add(DATE '${as_of}', -7)
    ELSE make_date(CAST(y AS INT), CAST(m AS INT),
      CAST(least(dayofmonth(DATE '${as_of}'), dayofmonth(last_day(make_date(CAST(y AS INT), CAST(m AS INT), 1)))) AS INT)) END AS d
  FROM (
    SELECT year(DATE '${as_of}') + floor(CAST(month(DATE '${as_of}') - 1 - n AS DOUBLE) / 12) AS y,
      (month(DATE '${as_of}') - 1 - n + 1200) % 12 + 1 AS m
    FROM (SELECT CASE '${period}' WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END AS n) k
  ) ym
),
base AS (
  SELECT f.customer_id, f.first_seen_date, f.churned_label,
    coalesce(f.last_order_date, f.last_activity_date, f.first_seen_date) AS last_seen_date,
    unix_date(DATE '${as_of}') - unix_date(coalesce(f.last_order_date, f.last_activity_date, f.first_seen_date)) AS days_since_last,
    CAST(CASE WHEN ${silent_days} < 0 THEN greatest(CAST(${min_silent_days} AS DOUBLE), coalesce(2 * f.median_gap_days, CAST(0 AS DOUBLE)))
      ELSE CAST(${silent_days} AS DOUBLE) END AS DOUBLE) AS silent_days,
    CAST(${churn_days} AS INT) AS churn_days,
    coalesce(f.first_seen_date > back.d, false) AS is_new,
    sub.active_subs, sub.renewal_date,
    coalesce(f.median_gap_days IS NOT NULL AND f.days_since_last_order > 2 * f.median_gap_days, false)
      OR (f.activity_prev_90d > 0 AND f.activity_last_90d < CAST(0.75 AS DOUBLE) * f.activity_prev_90d)
      OR (f.orders_prev_90d > 0 AND f.orders_last_90d < CAST(0.75 AS DOUBLE) * f.orders_prev_90d) AS risk_signal,
    cv.value, cv.value_12m
  FROM cw_customer_facts f
  CROSS JOIN back
  LEFT JOIN sub ON sub.customer_id = f.customer_id
  LEFT JOIN cw_customer_value cv ON cv.customer_id = f.customer_id
),
st AS (
  SELECT base.*,
    CASE WHEN last_seen_date IS NULL THEN 'active'
      WHEN days_since_last > churn_days THEN 'churned'
      WHEN days_since_last > silent_days THEN 'silent' ELSE 'active' END AS rule_status
  FROM base
),
decided AS (
  SELECT st.*,
    CASE '${churn_rule}'
      WHEN 'labeled' THEN CASE WHEN churned_label THEN 'churned' ELSE 'active' END
      WHEN 'contractual' THEN CASE WHEN active_subs IS NULL THEN rule_status
        WHEN active_subs = 0 THEN 'churned'
        WHEN renewal_date <= date_add(DATE '${as_of}', ${renewal_warning_days}) AND risk_signal THEN 'silent'
        ELSE 'active' END
      ELSE rule_status END AS base_status
  FROM st
)
SELECT customer_id,
  CASE WHEN base_status <> 'churned' AND is_new THEN 'new' ELSE base_status END AS status,
  CASE '${churn_rule}'
    WHEN 'labeled' THEN 'labeled'
    WHEN 'contractual' THEN CASE WHEN active_subs IS NULL THEN 'rule' ELSE 'contractual' END
    ELSE 'rule' END AS rule,
  CAST(NULL AS DOUBLE) AS p_alive,
  base_status, is_new, last_seen_date, CAST(days_since_last AS INT) AS days_since_last,
  silent_days, churn_days, renewal_date, risk_signal, first_seen_date,
  CAST(value AS DOUBLE) AS value, CAST(value_12m AS DOUBLE) AS value_12m,
  CASE WHEN '${churn_rule}' = 'labeled' THEN churned_label IS NULL ELSE false END AS label_unknown
FROM decided
