import { ident, lit } from '../../engine/sql';
import { FACTS_TABLE } from '../facts/customerFacts';
import { STATUS_TABLE } from '../risk/labels';

/**
 * Rule-churned customers and how many of them the model still sees alive. Rule churn is the
 * status table's verdict when its rule is 'rule' (segment windows included), else no purchase
 * for `churnDays` (W2) days from cw_customer_facts.
 */
export function silentCountsSql(o: { hasRule: boolean; churnDays: number; threshold: number }): string {
  const ruleChurned = o.hasRule
    ? `CASE WHEN s.rule = 'rule' THEN s.status = 'churned' ELSE f.days_since_last_order > ${lit(o.churnDays)} END`
    : `f.days_since_last_order > ${lit(o.churnDays)}`;
  return `SELECT count(*) FILTER (WHERE rc) AS rule_churned,
    count(*) FILTER (WHERE rc AND p_alive IS NOT NULL) AS with_p_alive,
    count(*) FILTER (WHERE rc AND p_alive >= ${lit(o.threshold)}) AS still_alive,
    bool_or(from_status) FILTER (WHERE rc) AS from_status
  FROM (
    SELECT coalesce(${ruleChurned}, false) AS rc, s.p_alive, ${o.hasRule ? `coalesce(s.rule = 'rule', false)` : 'false'} AS from_status
    FROM ${FACTS_TABLE} f LEFT JOIN (
      SELECT customer_id, any_value(status) AS status, any_value(p_alive)::DOUBLE AS p_alive${o.hasRule ? ', any_value(rule) AS rule' : ''}
      FROM ${STATUS_TABLE} GROUP BY customer_id
    ) s USING (customer_id)
  )`;
}

/** Customers and churned customers per value tier (the value-tier table x cw_customer_status). */
export function tierChurnSql(valueTierTable: string): string {
  return `SELECT v.value_tier AS tier, count(*) AS customers, count(*) FILTER (WHERE s.status = 'churned') AS churned
  FROM (SELECT customer_id, any_value(value_tier) AS value_tier FROM ${ident(valueTierTable)} GROUP BY customer_id) v
  JOIN (SELECT customer_id, any_value(status) AS status FROM ${STATUS_TABLE} GROUP BY customer_id) s USING (customer_id)
  WHERE v.value_tier IS NOT NULL GROUP BY 1 ORDER BY 1`;
}
