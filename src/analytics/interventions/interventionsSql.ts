import { dateLit, ident } from '../../engine/sql';
import { FACTS_TABLE } from '../facts/customerFacts';
import { CUSTOMER_RISK_TABLE } from '../risk/signals';
import { isSuccessOutcomeSql } from './outcomes';

/** Per treated customer: actions, cost, outcome, whether saved and the value retained. */
export const INTERVENTION_CUSTOMERS_TABLE = 'cw_intervention_customers';
/** Days after the first action at which retention is judged. */
export const RETENTION_DAYS = 90;
/** Untreated customers sampled per tier cell (by md5 of the id), which bounds the comparison's cost. */
export const MAX_COMPARABLES_PER_CELL = 2000;

/** Interventions up to the as-of date. */
function actionsSql(d: string): string {
  return `SELECT customer_id, action_date, action, coalesce(cost, 0) AS cost, ${isSuccessOutcomeSql('outcome')} AS success
  FROM interventions WHERE customer_id IS NOT NULL AND action_date <= ${d}`;
}

/** Purchase moments up to the as-of date: orders that are not returns, and subscription starts. */
function purchasesSql(d: string): string {
  return `SELECT customer_id, CAST(order_date AS DATE) AS day FROM orders
    WHERE customer_id IS NOT NULL AND NOT coalesce(is_return, false) AND CAST(order_date AS DATE) <= ${d}
  UNION ALL SELECT customer_id, start_date FROM subscriptions WHERE customer_id IS NOT NULL AND start_date <= ${d}`;
}

/**
 * Builds cw_intervention_customers: per customer treated up to the as-of date, the first action
 * date, actions, total cost, and saved = an outcome that reads as success OR a purchase (order or
 * subscription start) after the first action. Retained value = trailing-12-month value at the
 * as-of date (cw_customer_facts.value_12m), or 12 x the MRR of live subscriptions when the
 * customer has no order value: the yearly revenue kept by saving the customer.
 */
export function buildInterventionCustomersSql(asOf: string): string {
  const d = dateLit(asOf);
  return `CREATE OR REPLACE TABLE ${INTERVENTION_CUSTOMERS_TABLE} AS
WITH iv AS (${actionsSql(d)}),
treated AS (
  SELECT customer_id, min(action_date) AS first_action, count(*) AS actions, sum(cost) AS cost, bool_or(success) AS success_outcome
  FROM iv GROUP BY customer_id
),
buys AS (${purchasesSql(d)}),
after AS (
  SELECT t.customer_id, count(b.day) > 0 AS purchased_after
  FROM treated t LEFT JOIN buys b ON b.customer_id = t.customer_id AND b.day > t.first_action
  GROUP BY t.customer_id
),
mrr AS (
  SELECT customer_id, sum(coalesce(mrr, 0)) AS mrr FROM subscriptions
  WHERE start_date <= ${d} AND (end_date IS NULL OR end_date > ${d}) GROUP BY customer_id
)
SELECT t.customer_id, t.first_action, t.actions, t.cost, t.success_outcome, a.purchased_after,
  t.success_outcome OR a.purchased_after AS saved,
  CASE WHEN coalesce(f.value_12m, 0) > 0 THEN f.value_12m ELSE 12 * coalesce(m.mrr, 0) END AS retained_value
FROM treated t JOIN after a USING (customer_id)
LEFT JOIN ${FACTS_TABLE} f USING (customer_id) LEFT JOIN mrr m USING (customer_id)`;
}

/** Per action type: actions, customers, saved customers (any action of theirs), cost. */
export function byActionSql(asOf: string): string {
  const d = dateLit(asOf);
  return `SELECT coalesce(iv.action, '') AS action, count(*) AS actions, count(DISTINCT iv.customer_id) AS customers,
    count(DISTINCT iv.customer_id) FILTER (WHERE c.saved) AS saved, sum(iv.cost) AS cost
  FROM (${actionsSql(d)}) iv JOIN ${INTERVENTION_CUSTOMERS_TABLE} c USING (customer_id)
  GROUP BY 1 ORDER BY actions DESC, action`;
}

/**
 * Retention 90 days after the first action, treated vs comparable untreated customers. Only
 * treated customers whose first action is at least 90 days before the as-of date count.
 * Retained at a + 90 = a purchase in (a, a + 90] or a live subscription on day a + 90.
 * Comparable = never treated, same value tier (`valueTierTable`, when there is one) and same risk tier
 * (cw_customer_risk), first seen by the matched date, judged over (m, m + 90] where m is the Monday
 * of the action's week (weeks bound the number of dates to evaluate); at most 2,000 untreated
 * customers per tier cell, picked deterministically by md5(customer_id).
 * The untreated rate of each (value tier, risk tier, action week) cell is weighted by its treated
 * customers (direct standardisation); cells without untreated customers are left out of both.
 * Tiers are those at the as-of date: set the as-of date to the action date for a strict back-test.
 */
export function retentionComparisonSql(asOf: string, valueTierTable: string | null): string {
  const d = dateLit(asOf);
  const vt = valueTierTable ? `coalesce(v.value_tier, 'unknown')` : `'all'`;
  return `
WITH cust AS (
  SELECT f.customer_id, f.first_seen_date, ${vt} AS vt, coalesce(r.tier, 'unscored') AS rt
  FROM ${FACTS_TABLE} f LEFT JOIN ${CUSTOMER_RISK_TABLE} r USING (customer_id)
  ${valueTierTable ? `LEFT JOIN (SELECT customer_id, any_value(value_tier) AS value_tier FROM ${ident(valueTierTable)} GROUP BY customer_id) v USING (customer_id)` : ''}
),
tm AS (
  SELECT c.customer_id, c.vt, c.rt, t.first_action AS a, CAST(date_trunc('week', t.first_action) AS DATE) AS wk
  FROM ${INTERVENTION_CUSTOMERS_TABLE} t JOIN cust c USING (customer_id)
  WHERE t.first_action <= ${d} - ${RETENTION_DAYS}
),
slots AS (SELECT DISTINCT vt, rt, wk FROM tm),
untreated AS (
  SELECT * FROM (
    SELECT c.*, row_number() OVER (PARTITION BY c.vt, c.rt ORDER BY md5(c.customer_id)) AS pick
    FROM cust c WHERE NOT EXISTS (SELECT 1 FROM interventions i WHERE i.customer_id = c.customer_id AND i.action_date <= ${d})
  ) WHERE pick <= ${MAX_COMPARABLES_PER_CELL}
),
ev AS (
  SELECT 'treated' AS grp, vt, rt, wk, a, customer_id FROM tm
  UNION ALL
  SELECT 'untreated', s.vt, s.rt, s.wk, s.wk, u.customer_id FROM slots s
  JOIN untreated u ON u.vt = s.vt AND u.rt = s.rt AND coalesce(u.first_seen_date, DATE '0001-01-01') <= s.wk
),
-- Purchase days of the customers compared only: at a million customers the cap per cell keeps
-- this to a few percent of all orders.
buy_days AS (
  SELECT DISTINCT customer_id, day FROM (${purchasesSql(d)})
  WHERE customer_id IN (SELECT customer_id FROM tm UNION SELECT customer_id FROM untreated)
),
-- The first purchase day after a (an ASOF join: one sorted merge instead of every purchase of
-- every candidate), then bought = it falls within the 90 days.
ev_buy AS (
  SELECT ev.*, coalesce(nb.day <= ev.a + ${RETENTION_DAYS}, false) AS bought
  FROM ev ASOF LEFT JOIN buy_days nb ON ev.customer_id = nb.customer_id AND ev.a < nb.day
),
ev_kept AS (
  SELECT grp, vt, rt, wk, bought OR EXISTS (
    SELECT 1 FROM subscriptions s WHERE s.customer_id = ev_buy.customer_id AND s.start_date <= ev_buy.a + ${RETENTION_DAYS}
      AND coalesce(s.end_date, DATE '9999-12-31') > ev_buy.a + ${RETENTION_DAYS}
  ) AS kept
  FROM ev_buy
),
cells AS (
  SELECT grp, vt, rt, wk, count(*) AS n, avg(CASE WHEN kept THEN 1.0 ELSE 0.0 END) AS rate
  FROM ev_kept GROUP BY grp, vt, rt, wk
),
t AS (SELECT * FROM cells WHERE grp = 'treated'),
u AS (SELECT * FROM cells WHERE grp = 'untreated')
SELECT (SELECT count(*) FROM tm) AS matured,
  coalesce(sum(t.n), 0) AS matched,
  sum(t.n * t.rate) / sum(t.n) AS treated_rate,
  sum(t.n * u.rate) / sum(t.n) AS comparable_rate,
  coalesce(sum(u.n), 0) AS comparable_pairs
FROM t JOIN u USING (vt, rt, wk)`;
}
