import { ident, lit } from '../../engine/sql';
import { FACTS_DIMENSIONS } from '../common/dimensions';
import { FACTS_TABLE } from '../facts/customerFacts';
import { STATUS_TABLE } from '../status/statusSql';
import { VALUE_TIER_TABLE } from '../rfm/valueTierSql';
import { RFM_TABLE } from '../rfm/rfmSql';
import { CUSTOMER_RISK_TABLE } from '../risk/signals';
import { TRIGGERS_TABLE } from '../triggers/kinds';
import type { CustomerFilter, DrillStep } from './types';
import { ATTRIBUTE_PREFIX, DERIVED_DIMENSIONS } from './drillNames';
import { SCREEN_CHURNERS_VIEW, SCREEN_DIMS_TABLE } from './screenTables';

/** Dimensions read from one column of one per-customer table. */
const COLUMN_DIMENSIONS: Record<string, { table: string; column: string }> = {
  status: { table: STATUS_TABLE, column: 'status' },
  value_tier: { table: VALUE_TIER_TABLE, column: 'value_tier' },
  rfm_segment: { table: RFM_TABLE, column: 'segment' },
  ...Object.fromEntries(FACTS_DIMENSIONS.map((c) => [c, { table: FACTS_TABLE, column: c }])),
  trigger: { table: TRIGGERS_TABLE, column: 'kind' },
};

/** Dimensions whose values prepareScreen stores per customer in cw_screen_customer_dims (besides attr:<name>). */
const STORED_DIMENSIONS: readonly string[] = [...DERIVED_DIMENSIONS, 'cohort'];

/** Every drill dimension customerFilterSql accepts, besides 'attr:<name>'. */
export const DRILL_DIMENSIONS: readonly string[] = [...Object.keys(COLUMN_DIMENSIONS), ...STORED_DIMENSIONS, 'risk_tier', 'churned_in'];

/** SQL: the ids of the customers matching one drill step (throws for an unknown dimension). */
export function drillStepSql(step: DrillStep): string {
  const { dimension, value } = step;
  if (typeof dimension !== 'string' || typeof value !== 'string') throw new Error('A drill step needs a dimension and a value (text)');
  const col = Object.hasOwn(COLUMN_DIMENSIONS, dimension) ? COLUMN_DIMENSIONS[dimension] : undefined;
  if (col) {
    return `SELECT DISTINCT customer_id FROM ${col.table} WHERE ${ident(col.column)} = ${lit(value)}`;
  }
  const stored = STORED_DIMENSIONS.includes(dimension) || (dimension.startsWith(ATTRIBUTE_PREFIX) && dimension.length > ATTRIBUTE_PREFIX.length);
  if (stored) return `SELECT DISTINCT customer_id FROM ${SCREEN_DIMS_TABLE} WHERE dimension = ${lit(dimension)} AND value = ${lit(value)}`;
  if (dimension === 'risk_tier') {
    // The warning tier: customers already churned are lost, not warned about (as computeRisk counts).
    return `SELECT customer_id FROM ${CUSTOMER_RISK_TABLE} WHERE tier = ${lit(value)}
    AND customer_id NOT IN (SELECT customer_id FROM ${STATUS_TABLE} WHERE status = 'churned')`;
  }
  if (dimension === 'churned_in') {
    return `SELECT DISTINCT customer_id FROM ${SCREEN_CHURNERS_VIEW} WHERE label = ${lit(value)} AND kind = 'churned'`;
  }
  throw new Error(`Unknown drill dimension: ${dimension}`);
}

/**
 * SQL `SELECT customer_id ...` of the customers matching every step of the drill path (null for
 * an empty path). Reads only per-customer tables that prepareScreen leaves (never orders), so a
 * drill stays fast at a million customers. 'attr:<name>' values are the structural panel's labels
 * (the text, the number, or the quantile band of a many-valued numeric column).
 */
export function customerFilterSql(filter: CustomerFilter): string | null {
  if (filter.length === 0) return null;
  return filter.map((step, i) => `SELECT customer_id FROM (${drillStepSql(step)}) AS s${i}`).join('\nINTERSECT\n');
}
