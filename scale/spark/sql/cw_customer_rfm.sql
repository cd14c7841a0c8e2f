-- cw_customer_rfm (key customer_id, buyers only): RFM values, quintile scores and segment
-- (src/analytics/rfm/rfmSql.ts, segments.ts, metrics.md section 5). R = days since last purchase,
-- F = distinct orders, M = net value. Scores are NTILE(5) over the buyers, ties broken by customer
-- id, R is 6 - NTILE over ascending days, so 5 is the most recent. Segment: the rules of the CRAN
-- `rfm` table, a later rule winning (tested last-first here), no match is 'Others'. The apostrophe
-- is chr(39): Spark reads 'Can''t' as two adjacent literals ('Cant'), DuckDB as one ("Can't").
-- Parameters: none. Reads: cw_customer_facts.
WITH s AS (
  SELECT customer_id,
    CAST(days_since_last_order AS INT) AS recency_days,
    CAST(order_count AS INT) AS frequency,
    CAST(total_value AS DOUBLE) AS monetary,
    CAST(6 - ntile(5) OVER (ORDER BY days_since_last_order, customer_id) AS INT) AS r,
    CAST(ntile(5) OVER (ORDER BY order_count, customer_id) AS INT) AS f,
    CAST(ntile(5) OVER (ORDER BY total_value, customer_id) AS INT) AS m
  FROM cw_customer_facts
  WHERE first_order_date IS NOT NULL
)
SELECT customer_id, recency_days, frequency, monetary, r, f, m,
  CASE
    WHEN r BETWEEN 1 AND 2 AND f BETWEEN 1 AND 2 AND m BETWEEN 1 AND 2 THEN 'Lost'
    WHEN r BETWEEN 1 AND 1 AND f BETWEEN 4 AND 5 AND m BETWEEN 4 AND 5 THEN 'Can' || chr(39) || 't Lose Them'
    WHEN r BETWEEN 1 AND 2 AND f BETWEEN 2 AND 5 AND m BETWEEN 2 AND 5 THEN 'At Risk'
    WHEN r BETWEEN 2 AND 3 AND f BETWEEN 1 AND 2 AND m BETWEEN 1 AND 2 THEN 'About To Sleep'
    WHEN r BETWEEN 2 AND 3 AND f BETWEEN 2 AND 3 AND m BETWEEN 2 AND 3 THEN 'Need Attention'
    WHEN r BETWEEN 3 AND 4 AND f BETWEEN 1 AND 1 AND m BETWEEN 1 AND 1 THEN 'Promising'
    WHEN r BETWEEN 4 AND 5 AND f BETWEEN 1 AND 1 AND m BETWEEN 1 AND 1 THEN 'New Customers'
    WHEN r BETWEEN 3 AND 5 AND f BETWEEN 1 AND 3 AND m BETWEEN 1 AND 3 THEN 'Potential Loyalist'
    WHEN r BETWEEN 2 AND 5 AND f BETWEEN 3 AND 5 AND m BETWEEN 3 AND 5 THEN 'Loyal Customers'
    WHEN r BETWEEN 4 AND 5 AND f BETWEEN 4 AND 5 AND m BETWEEN 4 AND 5 THEN 'Champions'
    ELSE 'Others' END AS segment
FROM s
