import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { lit } from '../../engine/sql';
import { dbl } from './dbl';

/** Key/value table where prepareAnalytics leaves what later panels must agree on (rule, basis, fits). */
export const META_TABLE = 'cw_analytics_meta';

/** A stored value: text or number (NULL allowed). */
export type MetaValue = string | number | null;

/** SQL: (re)creates the meta table holding exactly `entries`. */
export function writeMetaSql(entries: Record<string, MetaValue>): string {
  const rows = Object.entries(entries).map(([k, v]) =>
    `(${lit(k)}, ${typeof v === 'string' ? lit(v) : 'CAST(NULL AS VARCHAR)'}, ${typeof v === 'number' ? dbl(v) : 'CAST(NULL AS DOUBLE)'})`);
  const values = rows.length ? rows.join(', ') : `('', NULL, NULL)`;
  return `CREATE OR REPLACE TABLE ${META_TABLE} AS SELECT * FROM (VALUES ${values}) AS t(key, value_text, value_num) WHERE key <> ''`;
}

/** Reads the meta table (empty object before prepareAnalytics ran). */
export async function readMeta(qm: QueryManager): Promise<Record<string, MetaValue>> {
  if (!(await tableExists(qm, META_TABLE))) return {};
  const rows = toRows<{ key: string; value_text: string | null; value_num: number | null }>(
    await qm.query(`SELECT key, value_text, value_num FROM ${META_TABLE}`, { cache: false }));
  const out: Record<string, MetaValue> = {};
  for (const r of rows) out[r.key] = r.value_text ?? r.value_num;
  return out;
}

/** SQL condition: the catalog row belongs to the connection's current schema (a workspace is a schema). */
export const IN_CURRENT_SCHEMA = 'database_name = current_database() AND schema_name = current_schema()';

/** Whether a table or view exists in the current schema. */
export async function tableExists(qm: QueryManager, name: string): Promise<boolean> {
  const rows = toRows<{ n: number }>(await qm.query(
    `SELECT (SELECT count(*) FROM duckdb_tables() WHERE ${IN_CURRENT_SCHEMA} AND table_name = ${lit(name)})
      + (SELECT count(*) FROM duckdb_views() WHERE ${IN_CURRENT_SCHEMA} AND view_name = ${lit(name)}) AS n`, { cache: false }));
  return Number(rows[0]?.n ?? 0) > 0;
}
