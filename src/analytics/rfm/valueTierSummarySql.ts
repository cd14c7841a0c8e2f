import { STATUS_TABLE } from '../status/statusSql';
import { VALUE_TIER_TABLE } from './valueTierSql';

/** SQL: customers, churned customers and trailing-12-month value per value tier. */
export function valueTierSummarySql(): string {
  return `SELECT t.value_tier AS tier, count(*)::INTEGER AS customers,
    count(*) FILTER (WHERE st.status = 'churned')::INTEGER AS churned, CAST(coalesce(sum(t.value_12m), 0) AS DOUBLE) AS value12m
  FROM ${VALUE_TIER_TABLE} t JOIN ${STATUS_TABLE} st USING (customer_id) GROUP BY t.value_tier`;
}
