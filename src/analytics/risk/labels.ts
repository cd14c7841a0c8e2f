import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { FACTS_TABLE } from '../facts/customerFacts';
import { tableColumns } from './tables';

/** Where a churn label comes from: the customers' churn flag, or the labeled status rule. */
export type LabelSource = 'customers.churned' | 'cw_customer_status';

/** The status table the status family builds (customer_id, status, rule, p_alive ...). */
export const STATUS_TABLE = 'cw_customer_status';

/** SQL: customer_id, label (1 = churned, 0 = not) for every labeled customer. */
export function labelsSql(source: LabelSource): string {
  return source === 'customers.churned'
    ? `SELECT customer_id, CASE WHEN churned_label THEN 1.0 ELSE 0.0 END::DOUBLE AS label FROM ${FACTS_TABLE} WHERE churned_label IS NOT NULL`
    : `SELECT customer_id, CASE WHEN status = 'churned' THEN 1.0 ELSE 0.0 END::DOUBLE AS label FROM ${STATUS_TABLE} WHERE rule = 'labeled'`;
}

/** The label source with both classes present, preferring the customers' own flag; null when none. */
export async function detectLabelSource(qm: QueryManager): Promise<LabelSource | null> {
  const candidates: LabelSource[] = ['customers.churned'];
  const statusColumns = await tableColumns(qm, STATUS_TABLE);
  if (statusColumns.includes('rule') && statusColumns.includes('status')) candidates.push('cw_customer_status');
  for (const source of candidates) {
    const [row] = toRows<{ pos: number; neg: number }>(
      await qm.query(`SELECT count(*) FILTER (WHERE label = 1) AS pos, count(*) FILTER (WHERE label = 0) AS neg FROM (${labelsSql(source)})`, { cache: false }),
    );
    if (Number(row.pos) > 0 && Number(row.neg) > 0) return source;
  }
  return null;
}
