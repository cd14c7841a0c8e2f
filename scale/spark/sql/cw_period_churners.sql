-- cw_period_churners (key ps, customer_id): the drill list behind each churn rate
-- (src/analytics/churn/logoChurnSql.ts, buildPeriodChurnersSql): per period, the customers who
-- were customers on the day before it and are not on e ('churned', counted in the rate), and those
-- who joined during it and are not on e ('joined_and_lost').
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
SELECT f.ps, pp.label, f.customer_id, CASE WHEN f.at_start = 1 THEN 'churned' ELSE 'joined_and_lost' END AS kind
FROM flags f JOIN pp ON pp.ps = f.ps
WHERE f.at_end = 0
