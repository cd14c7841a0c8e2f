-- cw_period_grid (helper, not a bundle file): one row per ${period} from the earliest period any
-- table of the job needs to the period holding the as-of date (src/analytics/churn/periodGrid.ts,
-- common/periods.ts): n = the period's index (0 = the first), ps/pe = first/last day, s0 = the day
-- before ps, e = pe capped at the as-of date, label (YYYY-MM, YYYY-Www ISO, YYYY-Qn or YYYY) and
-- partial = the period runs past the as-of date. Weeks start on Monday (ISO).
-- The periods are numbered from a product of inline digit tables (0 .. 99,999 periods): plain SQL,
-- where DuckDB would use generate_series and Spark sequence/explode.
-- Parameters: ${as_of}, ${period}. Reads: cw_customer_spells, cw_customer_facts, subscriptions.
WITH bounds AS (
  SELECT CAST(date_trunc('${period}', min(d0)) AS DATE) AS b,
    CAST(date_trunc('${period}', DATE '${as_of}') AS DATE) AS last_ps,
    CASE '${period}' WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'year' THEN 12 ELSE 0 END AS step
  FROM (
    SELECT min(spell_start) AS d0 FROM cw_customer_spells
    UNION ALL SELECT min(first_order_date) FROM cw_customer_facts
    UNION ALL SELECT min(first_subscription_date) FROM cw_customer_facts
    UNION ALL SELECT min(start_date) FROM subscriptions WHERE start_date <= DATE '${as_of}'
  ) x
),
lim AS (
  SELECT b, step,
    CASE WHEN step = 0 THEN CAST((unix_date(last_ps) - unix_date(b)) / 7 AS INT)
      ELSE CAST(((year(last_ps) * 12 + month(last_ps)) - (year(b) * 12 + month(b))) / step AS INT) END AS n_max
  FROM bounds
  WHERE b IS NOT NULL
),
digits AS (
  SELECT d FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS t(d)
),
nums AS (
  SELECT d1.d + 10 * d2.d + 100 * d3.d + 1000 * d4.d + 10000 * d5.d AS n
  FROM digits d1 CROSS JOIN digits d2 CROSS JOIN digits d3 CROSS JOIN digits d4 CROSS JOIN digits d5
),
starts AS (
  SELECT nums.n,
    CASE WHEN lim.step = 0 THEN date_add(lim.b, CAST(7 * nums.n AS INT))
      ELSE make_date(CAST(year(lim.b) + floor(CAST(month(lim.b) - 1 + nums.n * lim.step AS DOUBLE) / 12) AS INT),
        CAST((month(lim.b) - 1 + nums.n * lim.step) % 12 + 1 AS INT), 1) END AS ps,
    CASE WHEN lim.step = 0 THEN date_add(lim.b, CAST(7 * nums.n + 7 AS INT))
      ELSE make_date(CAST(year(lim.b) + floor(CAST(month(lim.b) - 1 + (nums.n + 1) * lim.step AS DOUBLE) / 12) AS INT),
        CAST((month(lim.b) - 1 + (nums.n + 1) * lim.step) % 12 + 1 AS INT), 1) END AS next_ps
  FROM lim JOIN nums ON nums.n <= lim.n_max
)
SELECT CAST(n AS INT) AS n, ps, date_add(next_ps, -1) AS pe, date_add(ps, -1) AS s0,
  least(date_add(next_ps, -1), DATE '${as_of}') AS e,
  CASE '${period}'
    WHEN 'month' THEN CAST(year(ps) AS STRING) || '-' || lpad(CAST(month(ps) AS STRING), 2, '0')
    WHEN 'week' THEN CAST(year(date_add(ps, 3)) AS STRING) || '-W' || lpad(CAST(weekofyear(ps) AS STRING), 2, '0')
    WHEN 'quarter' THEN CAST(year(ps) AS STRING) || '-Q' || CAST(quarter(ps) AS STRING)
    ELSE CAST(year(ps) AS STRING) END AS label,
  date_add(next_ps, -1) > DATE '${as_of}' AS partial
FROM starts
