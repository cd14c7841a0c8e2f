import type { ValueBasis } from '../status/basis';
import { FACTS_TABLE } from '../facts/customerFacts';
import { CUSTOMER_VALUE_TABLE } from '../status/customerValueSql';
import { dateLit, lit } from '../../engine/sql';
import { mrrSql } from '../common/mrr';
import { HIGH_VALUE_SHARE, NEW_CUSTOMER_DAYS } from './valueTiers';

/** Per-customer value tier. */
export const VALUE_TIER_TABLE = 'cw_customer_value_tier';

function risingSql(basis: ValueBasis, asOf: string): string {
  const d = dateLit(asOf);
  if (basis === 'orders') return 'f.value_prev_90d > 0 AND f.value_last_90d > f.value_prev_90d';
  if (basis === 'mrr') {
    const mrrOn = (day: string) => `(SELECT sum(${mrrSql('s')}) FROM subscriptions s WHERE s.customer_id = st.customer_id
      AND s.start_date <= ${day} AND (s.end_date IS NULL OR s.end_date > ${day}))`;
    return `coalesce(${mrrOn(`${d} - 90`)} > 0 AND ${mrrOn(d)} > ${mrrOn(`${d} - 90`)}, false)`;
  }
  return 'false';
}

/**
 * SQL creating cw_customer_value_tier for every customer of cw_customer_value. First match wins:
 * 1. 高价值: value_12m > 0 and within the top 20% of all customers by value_12m (ties at the cut stay
 *    together and drop out when they would push the tier past 20%);
 * 2. 新客户: first purchase (else first subscription, else first seen) less than 90 days before as-of;
 * 3. 成长期: rising spend: last 90 days' value above the previous 90 days' (> 0) for orders,
 *    MRR now above MRR 90 days ago for subscriptions; snapshots have no trend;
 * 4. 低价值: everyone else.
 * High value comes first so a large first deal is looked after as a key account.
 */
export function buildValueTierSql(basis: ValueBasis, asOf: string): string {
  const d = dateLit(asOf);
  return `
CREATE OR REPLACE TABLE ${VALUE_TIER_TABLE} AS
WITH v AS (
  SELECT st.customer_id, coalesce(st.value_12m, 0) AS value_12m,
    coalesce(f.first_order_date, f.first_subscription_date, f.first_seen_date) AS first_date,
    ${risingSql(basis, asOf)} AS rising,
    cume_dist() OVER (ORDER BY coalesce(st.value_12m, 0) DESC) AS top_share
  FROM ${CUSTOMER_VALUE_TABLE} st JOIN ${FACTS_TABLE} f USING (customer_id)
)
SELECT customer_id, value_12m,
  CASE WHEN value_12m > 0 AND top_share <= ${lit(HIGH_VALUE_SHARE)} THEN '高价值'
    WHEN ${d} - first_date < ${lit(NEW_CUSTOMER_DAYS)} THEN '新客户'
    WHEN rising THEN '成长期'
    ELSE '低价值' END AS value_tier
FROM v`;
}
