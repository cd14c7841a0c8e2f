import type { Period } from '../settings';
import { SPELLS_TABLE, spellCoversSql } from '../status/spellsSql';
import { periodGridSql } from './periodGrid';

/**
 * Per period, the customers who churned (kind 'churned') or joined and were lost
 * ('joined_and_lost'): the drill list, one table per period kind (cw_period_churners_month ...).
 */
export function periodChurnersTable(period: Period): string {
  return `cw_period_churners_${period}`;
}

/**
 * SQL CTEs pp (the period grid) and flags: per period and customer touched by it, whether the
 * customer was a customer on the day before the period (at_start) and at its end (at_end).
 */
export function churnFlagsCte(period: Period, asOf: string): string {
  return `pp AS (${periodGridSql(period, asOf, `(SELECT min(spell_start) FROM ${SPELLS_TABLE})`)}),
flags AS (
  SELECT pp.ps, sp.customer_id,
    bool_or(${spellCoversSql('sp', 'pp.s0')}) AS at_start,
    bool_or(${spellCoversSql('sp', 'pp.e')}) AS at_end
  FROM pp JOIN ${SPELLS_TABLE} sp ON sp.spell_start <= pp.e AND (sp.spell_end IS NULL OR sp.spell_end >= pp.s0)
  GROUP BY pp.ps, sp.customer_id
)`;
}

/**
 * SQL: logo churn per period from cw_customer_spells (metrics.md section 2). start = customers on
 * the day before the period; retained = those of them still customers on its last day (or the
 * as-of date); joined_and_lost = customers who were not customers at the start, were during the
 * period, and are not at its end. Columns: ps, pe, e, label, partial, start, retained, joined_and_lost.
 */
export function logoChurnSql(period: Period, asOf: string): string {
  return `WITH ${churnFlagsCte(period, asOf)}
SELECT pp.ps, pp.pe, pp.e, pp.label, pp.partial,
  count(f.customer_id) FILTER (WHERE f.at_start)::INTEGER AS start,
  count(f.customer_id) FILTER (WHERE f.at_start AND f.at_end)::INTEGER AS retained,
  count(f.customer_id) FILTER (WHERE NOT f.at_start AND NOT f.at_end)::INTEGER AS joined_and_lost
FROM pp LEFT JOIN flags f ON f.ps = pp.ps
GROUP BY ALL ORDER BY pp.ps`;
}

/** SQL creating the period's churners table (ps, label, customer_id, kind): the drill list behind each rate. */
export function buildPeriodChurnersSql(period: Period, asOf: string): string {
  return `CREATE OR REPLACE TABLE ${periodChurnersTable(period)} AS
WITH ${churnFlagsCte(period, asOf)}
SELECT f.ps, pp.label, f.customer_id, CASE WHEN f.at_start THEN 'churned' ELSE 'joined_and_lost' END AS kind
FROM flags f JOIN pp USING (ps) WHERE NOT f.at_end`;
}
