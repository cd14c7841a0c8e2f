import { ident, lit } from '../../engine/sql';

/** Low-cardinality customer columns of cw_customer_facts that segment the base. */
export const FACTS_DIMENSIONS = ['tier', 'segment', 'region', 'industry', 'owner', 'channel'] as const;

/**
 * SQL: the value of customer dimension `dimension` for the facts row aliased `factsAlias`:
 * the facts column when it is one of FACTS_DIMENSIONS, otherwise the customer's
 * customer_attributes value of that name (text, or the number as text).
 */
export function dimensionValueSql(dimension: string, factsAlias: string): string {
  if ((FACTS_DIMENSIONS as readonly string[]).includes(dimension)) return `${factsAlias}.${ident(dimension)}`;
  return `(SELECT any_value(coalesce(ca.value_text, CAST(ca.value_num AS VARCHAR))) FROM customer_attributes ca
    WHERE ca.customer_id = ${factsAlias}.customer_id AND ca.attribute = ${lit(dimension)})`;
}
