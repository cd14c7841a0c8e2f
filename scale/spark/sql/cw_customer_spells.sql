-- cw_customer_spells (helper, not a bundle file): the spells during which someone is a customer,
-- "a customer on day d" when spell_start <= d <= spell_end (spell_end NULL = still open). Same
-- definition as src/analytics/status/spellsSql.ts, on the period basis:
--   orders:        each purchase day keeps the customer on for W2 = ${churn_days} days (day .. day + W2),
--                  days no more than W2 apart merge, customers without purchases use their activity
--                  days, else their first-seen date,
--   subscriptions: a subscription covers start_date .. end_date - 1, overlapping or back-to-back
--                  subscriptions merge.
-- Parameters: ${as_of}, ${period_basis}, ${churn_days}. Reads: orders, activity, subscriptions, cw_customer_facts.
WITH buy AS (
  SELECT DISTINCT customer_id, CAST(order_date AS DATE) AS day FROM orders
  WHERE '${period_basis}' = 'orders' AND customer_id IS NOT NULL AND NOT coalesce(is_return, false)
    AND CAST(order_date AS DATE) <= DATE '${as_of}'
),
act AS (
  SELECT DISTINCT a.customer_id, CAST(a.event_date AS DATE) AS day FROM activity a
  WHERE '${period_basis}' = 'orders' AND a.customer_id IS NOT NULL AND CAST(a.event_date AS DATE) <= DATE '${as_of}'
    AND a.customer_id NOT IN (SELECT customer_id FROM buy)
),
seen AS (
  SELECT customer_id, first_seen_date AS day FROM cw_customer_facts
  WHERE '${period_basis}' = 'orders' AND first_seen_date IS NOT NULL AND first_order_date IS NULL AND last_activity_date IS NULL
),
ev AS (
  SELECT e.customer_id, e.day, lag(e.day) OVER (PARTITION BY e.customer_id ORDER BY e.day) AS prev_day
  FROM (SELECT customer_id, day FROM buy UNION ALL SELECT customer_id, day FROM act UNION ALL SELECT customer_id, day FROM seen) e
  JOIN cw_customer_facts f ON f.customer_id = e.customer_id
),
ev_grp AS (
  SELECT customer_id, day,
    sum(CASE WHEN prev_day IS NULL OR unix_date(day) - unix_date(prev_day) > ${churn_days} THEN 1 ELSE 0 END)
      OVER (PARTITION BY customer_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS g
  FROM ev
),
iv AS (
  SELECT customer_id, start_date AS s, coalesce(date_add(end_date, -1), DATE '9999-12-31') AS e FROM subscriptions
  WHERE '${period_basis}' = 'subscriptions' AND customer_id IS NOT NULL AND start_date <= DATE '${as_of}'
    AND (end_date IS NULL OR end_date > start_date)
    AND customer_id IN (SELECT customer_id FROM cw_customer_facts)
),
iv_prev AS (
  SELECT customer_id, s, e,
    max(e) OVER (PARTITION BY customer_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_e
  FROM iv
),
iv_grp AS (
  SELECT customer_id, s, e,
    sum(CASE WHEN prev_e IS NULL OR unix_date(s) > unix_date(prev_e) + 1 THEN 1 ELSE 0 END)
      OVER (PARTITION BY customer_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS g
  FROM iv_prev
)
SELECT customer_id, min(day) AS spell_start, date_add(max(day), ${churn_days}) AS spell_end
FROM ev_grp GROUP BY customer_id, g
UNION ALL
SELECT customer_id, min(s) AS spell_start, nullif(max(e), DATE '9999-12-31') AS spell_end
FROM iv_grp GROUP BY customer_id, g
