import type { QueryManager } from '../engine/queryManager';
import { toRows } from '../engine/rows';
import { CANONICAL_TABLES } from '../ingest/schema';

/** Rows per canonical table, only tables that hold rows (cli-contract `tables`). */
export async function tableCounts(qm: QueryManager): Promise<Record<string, number>> {
  const sql = CANONICAL_TABLES.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM ${t}`).join(' UNION ALL ');
  const out: Record<string, number> = {};
  for (const r of toRows<{ t: string; n: number }>(await qm.query(sql, { cache: false }))) if (Number(r.n) > 0) out[r.t] = Number(r.n);
  return out;
}
