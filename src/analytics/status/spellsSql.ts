import type { PeriodBasis } from './basis';
import { FACTS_TABLE } from '../facts/customerFacts';
import { dateLit } from '../../engine/sql';
import { STATUS_TABLE } from './statusSql';

/**
 * Customer spells: a customer "is a customer on day d" when some spell has
 * spell_start <= d <= spell_end (spell_end NULL = still open). The definition of the status
 * rule in force, stretched over time so churn can be counted per period.
 */
export const SPELLS_TABLE = 'cw_customer_spells';

const OPEN_END = "DATE '9999-12-31'";

/**
 * Orders basis: each purchase day p keeps the customer on for W2 days (p .. p + W2, inclusive, the
 * status rule's "churned when more than W2 days ago"); days less than W2 apart merge into one spell.
 * Customers without purchases use their activity days, else their first-seen date, as status does.
 */
function orderSpellsSql(asOf: string): string {
  const d = dateLit(asOf);
  return `
WITH buy AS (
  SELECT DISTINCT customer_id, CAST(order_date AS DATE) AS day FROM orders
  WHERE customer_id IS NOT NULL AND NOT coalesce(is_return, false) AND CAST(order_date AS DATE) <= ${d}
),
act AS (
  SELECT DISTINCT a.customer_id, CAST(a.event_date AS DATE) AS day FROM activity a
  WHERE a.customer_id IS NOT NULL AND CAST(a.event_date AS DATE) <= ${d}
    AND a.customer_id NOT IN (SELECT customer_id FROM buy)
),
seen AS (
  SELECT customer_id, first_seen_date AS day FROM ${FACTS_TABLE}
  WHERE first_seen_date IS NOT NULL AND first_order_date IS NULL AND last_activity_date IS NULL
),
ev AS (
  SELECT e.customer_id, e.day, st.churn_days AS w2,
    lag(e.day) OVER (PARTITION BY e.customer_id ORDER BY e.day) AS prev_day
  FROM (SELECT * FROM buy UNION ALL SELECT * FROM act UNION ALL SELECT * FROM seen) e
  JOIN ${STATUS_TABLE} st USING (customer_id)
),
grp AS (
  SELECT *, sum(CASE WHEN prev_day IS NULL OR day - prev_day > w2 THEN 1 ELSE 0 END)
    OVER (PARTITION BY customer_id ORDER BY day ROWS UNBOUNDED PRECEDING) AS g
  FROM ev
)
SELECT customer_id, min(day) AS spell_start, CAST(max(day) + any_value(w2) AS DATE) AS spell_end
FROM grp GROUP BY customer_id, g`;
}

/**
 * Subscriptions basis: a subscription covers start_date .. end_date - 1 (it has ended on its end
 * date, as the contractual status rule says); overlapping or back-to-back subscriptions merge.
 * Its customers are those of the facts (the same set as status, which it must not read: the
 * churn windows would then rebuild it for nothing).
 */
function subscriptionSpellsSql(asOf: string): string {
  const d = dateLit(asOf);
  return `
WITH iv AS (
  SELECT customer_id, start_date AS s, coalesce(end_date - 1, ${OPEN_END}) AS e FROM subscriptions
  WHERE customer_id IS NOT NULL AND start_date <= ${d} AND (end_date IS NULL OR end_date > start_date)
    AND customer_id IN (SELECT customer_id FROM ${FACTS_TABLE})
),
m AS (
  SELECT *, max(e) OVER (PARTITION BY customer_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_e
  FROM iv
),
grp AS (
  SELECT *, sum(CASE WHEN prev_e IS NULL OR s > prev_e + 1 THEN 1 ELSE 0 END)
    OVER (PARTITION BY customer_id ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS g
  FROM m
)
SELECT customer_id, min(s) AS spell_start, CAST(nullif(max(e), ${OPEN_END}) AS DATE) AS spell_end
FROM grp GROUP BY customer_id, g`;
}

/** SQL creating cw_customer_spells for the basis (an empty table when there is none). */
export function buildSpellsSql(basis: PeriodBasis, asOf: string): string {
  const body = basis === 'orders' ? orderSpellsSql(asOf)
    : basis === 'subscriptions' ? subscriptionSpellsSql(asOf)
      : `SELECT CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS DATE) AS spell_start, CAST(NULL AS DATE) AS spell_end WHERE false`;
  return `CREATE OR REPLACE TABLE ${SPELLS_TABLE} AS ${body}`;
}

/** SQL predicate: spell alias `sp` covers the day `dayExpr`. */
export function spellCoversSql(sp: string, dayExpr: string): string {
  return `(${sp}.spell_start <= ${dayExpr} AND (${sp}.spell_end IS NULL OR ${sp}.spell_end >= ${dayExpr}))`;
}
