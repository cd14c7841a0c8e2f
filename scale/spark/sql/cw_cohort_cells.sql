-- cw_cohort_cells (key cohort_start, k): cohort retention cells on the period basis (metrics.md
-- section 4, src/analytics/cohorts/cohortSql.ts). Cohort = the ${period} of the first purchase
-- (orders) or of the first subscription start (subscriptions). For every cohort and k = 0 .. the
-- period holding the as-of date: size, active = customers active in period k (a purchase that is
-- not a return, or a subscription running in it), on_or_after = active in k or any later period up
-- to the as-of date, revenue = net order value, or MRR prorated by running days (MRR x days x 12 /
-- 365.25), in period k, partial = period k runs past the as-of date.
-- Parameters: ${as_of}, ${period}, ${period_basis}. Reads: cw_customer_facts, orders, subscriptions, cw_period_grid.
WITH coh AS (
  SELECT customer_id, CAST(date_trunc('${period}', fd) AS DATE) AS c
  FROM (
    SELECT customer_id, CASE WHEN '${period_basis}' = 'orders' THEN first_order_date ELSE first_subscription_date END AS fd
    FROM cw_customer_facts
  ) x
  WHERE fd IS NOT NULL
),
ord_act AS (
  SELECT customer_id, p, max(CASE WHEN NOT is_return THEN 1 ELSE 0 END) AS active, sum(amount) AS revenue
  FROM (
    SELECT customer_id, CAST(date_trunc('${period}', CAST(order_date AS DATE)) AS DATE) AS p,
      coalesce(is_return, false) AS is_return, coalesce(amount, CAST(0 AS DOUBLE)) AS amount
    FROM orders
    WHERE '${period_basis}' = 'orders' AND customer_id IS NOT NULL AND CAST(order_date AS DATE) <= DATE '${as_of}'
  ) o
  GROUP BY customer_id, p
),
s AS (
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
  WHERE '${period_basis}' = 'subscriptions' AND customer_id IS NOT NULL AND start_date <= DATE '${as_of}'
    AND (end_date IS NULL OR end_date > start_date)
),
sub_act AS (
  SELECT s.customer_id, g.ps AS p, 1 AS active,
    sum(coalesce(s.mrr, CAST(0 AS DOUBLE))
      * (least(coalesce(unix_date(s.end_date), unix_date(DATE '${as_of}') + 1), unix_date(g.pe) + 1, unix_date(DATE '${as_of}') + 1)
         - greatest(unix_date(s.start_date), unix_date(g.ps)))
      * 12 / CAST(365.25 AS DOUBLE)) AS revenue
  FROM s JOIN cw_period_grid g
    ON s.start_date <= least(g.pe, DATE '${as_of}') AND (s.end_date IS NULL OR s.end_date > g.ps)
  GROUP BY s.customer_id, g.ps
),
act AS (
  SELECT a.customer_id, coh.c,
    CASE '${period}'
      WHEN 'week' THEN CAST((unix_date(a.p) - unix_date(coh.c)) / 7 AS INT)
      WHEN 'month' THEN CAST((year(a.p) * 12 + month(a.p)) - (year(coh.c) * 12 + month(coh.c)) AS INT)
      WHEN 'quarter' THEN CAST((year(a.p) * 4 + quarter(a.p)) - (year(coh.c) * 4 + quarter(coh.c)) AS INT)
      ELSE CAST(year(a.p) - year(coh.c) AS INT) END AS k,
    a.active, a.revenue
  FROM (SELECT customer_id, p, active, revenue FROM ord_act UNION ALL SELECT customer_id, p, active, revenue FROM sub_act) a
  JOIN coh ON coh.customer_id = a.customer_id
),
last_k AS (
  SELECT customer_id, max(CASE WHEN active = 1 THEN k END) AS lk FROM act GROUP BY customer_id
),
sizes AS (
  SELECT c, count(*) AS size FROM coh GROUP BY c
),
grid AS (
  SELECT sizes.c, sizes.size, gc.label AS cohort, g.n - gc.n AS k, g.partial
  FROM sizes
  JOIN cw_period_grid gc ON gc.ps = sizes.c
  JOIN cw_period_grid g ON g.ps >= sizes.c
),
cells AS (
  SELECT c, k, count(DISTINCT CASE WHEN active = 1 THEN customer_id END) AS active, sum(revenue) AS revenue
  FROM act GROUP BY c, k
),
-- on_or_after(c, k) = customers of cohort c whose last active period is k or later: counted per
-- (cohort, last period) first, so the join is cohorts x periods, not customers x periods.
lk_counts AS (
  SELECT coh.c, l.lk, count(*) AS n
  FROM coh JOIN last_k l ON l.customer_id = coh.customer_id
  WHERE l.lk IS NOT NULL
  GROUP BY coh.c, l.lk
),
after AS (
  SELECT grid.c, grid.k, sum(lc.n) AS on_or_after
  FROM grid JOIN lk_counts lc ON lc.c = grid.c AND lc.lk >= grid.k
  GROUP BY grid.c, grid.k
)
SELECT grid.c AS cohort_start, grid.cohort, CAST(grid.k AS INT) AS k,
  CAST(grid.size AS INT) AS size,
  CAST(coalesce(cells.active, 0) AS INT) AS active,
  CAST(coalesce(after.on_or_after, 0) AS INT) AS on_or_after,
  CAST(coalesce(cells.revenue, 0) AS DOUBLE) AS revenue,
  grid.partial
FROM grid
LEFT JOIN cells ON cells.c = grid.c AND cells.k = grid.k
LEFT JOIN after ON after.c = grid.c AND after.k = grid.k
