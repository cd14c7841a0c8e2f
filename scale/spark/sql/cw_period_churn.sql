-- cw_period_churn (key ps): logo churn per ${period} (metrics.md section 2,
-- src/analytics/churn/logoChurnSql.ts), one row per period from the first spell's period to the one
-- holding the as-of date: start = customers on the day before the period, retained = those of them
-- still customers on e (its last day, or the as-of date), joined_and_lost = customers during the
-- period who were not at its start and are not on e. churned = start - retained.
-- Parameters: ${period}. Reads: cw_period_grid, cw_customer_spells.
WITH pp AS (
  SELECT * FROM cw_period_grid
  WHERE ps >= (SELECT CAST(date_trunc('${period}', min(spell_start)) AS DATE) FROM cw_customer_spells)
),
flags AS (
  SELECT pp.ps, sp.customer_id,
    max(CASE WHEN sp.spell_start <= pp.s0 AND (sp.spell_end IS NULL OR sp.spell_end >= pp.s0) THEN 1 ELSE 0 END) AS at_start,
    max(CASE WHEN sp.spell_start <= pp.e AND (sp.spell_end IS NULL OR sp.spell_end >= pp.e) THEN 1 ELSE 0 END) AS at_end
  FROM pp JOIN cw_customer_spells sp ON sp.spell_start <= pp.e AND (sp.spell_end IS NULL OR sp.spell_end >= pp.s0)
  GROUP BY pp.ps, sp.customer_id
)
SELECT pp.ps, pp.pe, pp.e, pp.label, pp.partial,
  CAST(count(CASE WHEN f.at_start = 1 THEN 1 END) AS INT) AS start,
  CAST(count(CASE WHEN f.at_start = 1 AND f.at_end = 1 THEN 1 END) AS INT) AS retained,
  CAST(count(CASE WHEN f.at_start = 0 AND f.at_end = 0 THEN 1 END) AS INT) AS joined_and_lost
FROM pp LEFT JOIN flags f ON f.ps = pp.ps
GROUP BY pp.ps, pp.pe, pp.e, pp.label, pp.partial
