import type { QueryManager } from '../../engine/queryManager';
import { lit } from '../../engine/sql';
import { allCanonicalDDL, CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from '../../ingest/schema';
import { buildCustomerFacts, FACTS_TABLE } from '../facts/customerFacts';
import { IN_CURRENT_SCHEMA } from '../common/meta';
import { toRows } from '../../engine/rows';

/** The column names of a table, empty when it does not exist. */
export async function tableColumns(qm: QueryManager, name: string): Promise<string[]> {
  const t = await qm.query(
    `SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = current_schema() AND table_name = ${lit(name)} ORDER BY ordinal_position`,
    { cache: false },
  );
  const col = t.getChild('column_name');
  return Array.from({ length: t.numRows }, (_, i) => String(col?.get(i)));
}

/** Which of `names` do not exist as tables in the current schema (one query for all). */
async function missingTables(qm: QueryManager, names: readonly string[]): Promise<string[]> {
  const present = new Set(toRows<{ t: string }>(await qm.query(
    `SELECT table_name AS t FROM duckdb_tables() WHERE ${IN_CURRENT_SCHEMA} AND table_name IN (${names.map(lit).join(', ')})`,
    { cache: false })).map((r) => r.t));
  return names.filter((n) => !present.has(n));
}

/** Creates any missing canonical table (empty) so the analytics SQL can always reference them. */
export async function ensureCanonicalTables(qm: QueryManager): Promise<void> {
  if ((await missingTables(qm, [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE])).length === 0) return;
  for (const ddl of allCanonicalDDL()) await qm.exec(ddl);
}

/**
 * Builds `cw_customer_facts` when it is missing (and any missing canonical table, empty). The
 * shared prepare step normally builds it for the same as-of date first; rebuilding it here every
 * time would repeat the most expensive scan. One catalog query when everything is there.
 */
export async function ensureFacts(qm: QueryManager, asOf: string): Promise<void> {
  const missing = await missingTables(qm, [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE, FACTS_TABLE]);
  if (missing.length === 0) return;
  if (missing.some((t) => t !== FACTS_TABLE)) for (const ddl of allCanonicalDDL()) await qm.exec(ddl);
  if (missing.includes(FACTS_TABLE)) await buildCustomerFacts(qm, asOf);
}

/**
 * The table holding each customer's value tier (高价值/成长期/新客户/低价值): the RFM family's
 * cw_customer_value_tier, else a cw_customer_rfm with a value_tier column; null when neither exists.
 */
export async function valueTierTable(qm: QueryManager): Promise<string | null> {
  for (const t of ['cw_customer_value_tier', 'cw_customer_rfm']) if ((await tableColumns(qm, t)).includes('value_tier')) return t;
  return null;
}
