import { STATUS_TABLE } from '../status/statusSql';
import { CUSTOMER_DIMS_TABLE, MAX_DIMENSION_VALUES } from './dimensionsSql';

/**
 * SQL: churn by every dimension with 2..30 distinct values. Per (dimension, value): customers,
 * churned (status 'churned'), value_total and value_churned (cw_customer_status.value).
 * Customers without a churn label (label_unknown) are in no rate. Rows ordered as the screen lists them.
 * Reads cw_customer_dims (the dims step) and status.
 */
export function structuralSql(): string {
  return `WITH dims AS (SELECT customer_id, dimension, value, sort_key, dim_order FROM ${CUSTOMER_DIMS_TABLE}),
agg AS (
  SELECT dims.dimension, dims.value, min(dims.sort_key) AS sort_key, min(dims.dim_order) AS dim_order,
    count(*)::INTEGER AS customers,
    count(*) FILTER (WHERE st.status = 'churned')::INTEGER AS churned,
    CAST(sum(st.value) AS DOUBLE) AS value_total,
    CAST(coalesce(sum(st.value) FILTER (WHERE st.status = 'churned'), 0) AS DOUBLE) AS value_churned
  FROM dims JOIN ${STATUS_TABLE} st USING (customer_id)
  WHERE NOT st.label_unknown
  GROUP BY dims.dimension, dims.value
),
counted AS (SELECT *, count(*) OVER (PARTITION BY dimension) AS n_values FROM agg)
SELECT dimension, value, customers, churned, value_total, value_churned FROM counted
WHERE n_values BETWEEN 2 AND ${MAX_DIMENSION_VALUES}
ORDER BY dim_order, dimension, sort_key NULLS LAST, customers DESC, value`;
}

/** SQL: the whole base's customers, churned and value (the lift denominator). */
export function structuralOverallSql(): string {
  return `SELECT count(*)::INTEGER AS customers, count(*) FILTER (WHERE status = 'churned')::INTEGER AS churned,
    CAST(sum(value) AS DOUBLE) AS value_total,
    CAST(coalesce(sum(value) FILTER (WHERE status = 'churned'), 0) AS DOUBLE) AS value_churned
  FROM ${STATUS_TABLE} WHERE NOT label_unknown`;
}
