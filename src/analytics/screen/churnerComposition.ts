import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { CUSTOMER_DIMS_TABLE, MAX_DIMENSION_VALUES } from '../structural/dimensionsSql';
import { STATUS_TABLE } from '../status/statusSql';
import type { CustomerFilter, DrillStep, StructuralBar } from './types';
import { customerFilterSql } from './filterSql';
import { drillDimensionOf } from './drillNames';

/** A drill step that selects churners: the churn KPI's (churned in a period) or the labelled snapshot's (status churned). */
export function isChurnerStep(step: DrillStep): boolean {
  return step.dimension === 'churned_in' || (step.dimension === 'status' && step.value === 'churned');
}

/** The drill path split into its churner steps and the rest (the base the churners are compared with). */
export function splitChurnerSteps(filter: CustomerFilter): { base: CustomerFilter; churners: boolean } {
  const base = filter.filter((s) => !isChurnerStep(s));
  return { base, churners: base.length < filter.length };
}

interface CompositionRow { dimension: string; value: string; sort_key: number | null; dim_order: number; base_n: number; churn_n: number; base_total: number; churn_total: number }

/**
 * The churners of a drill against their base (issue 14: the churn KPI's drill read 100% in every
 * chart): per dimension value, the churners' share of all churners (rate), the base's share of the
 * base, and lift = their ratio. The base is the drill path without its churner steps (everyone,
 * or the region the user drilled into first). Dimensions with 2..30 values in the base, as the
 * structural panel lists them; unlabelled customers are in neither.
 */
export async function churnerComposition(qm: QueryManager, filter: CustomerFilter): Promise<{ bars: StructuralBar[]; churners: number }> {
  const { base } = splitChurnerSteps(filter);
  const baseSql = customerFilterSql(base) ?? `SELECT customer_id FROM ${STATUS_TABLE}`;
  const churnSql = customerFilterSql(filter)!;
  const rows = toRows<CompositionRow>(await qm.query(`WITH b AS (${baseSql}), c AS (${churnSql}),
known AS (SELECT customer_id FROM ${STATUS_TABLE} WHERE NOT label_unknown),
bb AS (SELECT customer_id FROM b INTERSECT SELECT customer_id FROM known),
cc AS (SELECT customer_id FROM c INTERSECT SELECT customer_id FROM bb),
agg AS (
  SELECT d.dimension, d.value, min(d.sort_key) AS sort_key, min(d.dim_order) AS dim_order, count(*)::INTEGER AS base_n,
    count(cc.customer_id)::INTEGER AS churn_n
  FROM ${CUSTOMER_DIMS_TABLE} d JOIN bb USING (customer_id) LEFT JOIN cc USING (customer_id)
  GROUP BY d.dimension, d.value
),
counted AS (SELECT *, count(*) OVER (PARTITION BY dimension) AS n_values FROM agg)
SELECT dimension, value, sort_key, dim_order, base_n, churn_n,
  (SELECT count(*) FROM bb)::INTEGER AS base_total, (SELECT count(*) FROM cc)::INTEGER AS churn_total
FROM counted WHERE n_values BETWEEN 2 AND ${MAX_DIMENSION_VALUES}
ORDER BY dim_order, dimension, sort_key NULLS LAST, base_n DESC, value`, { cache: false }));
  const churners = rows[0]?.churn_total ?? 0;
  const bars = rows.map((r): StructuralBar => {
    const share = r.churn_total > 0 ? r.churn_n / r.churn_total : null;
    const baseShare = r.base_total > 0 ? r.base_n / r.base_total : null;
    return {
      dimension: drillDimensionOf(r.dimension), value: r.value, customers: r.base_n, churned: r.churn_n,
      rate: share, lift: share !== null && baseShare ? share / baseShare : null, valueShare: null,
      highlight: false, baseShare, churnersTotal: r.churn_total,
    };
  });
  return { bars, churners };
}
