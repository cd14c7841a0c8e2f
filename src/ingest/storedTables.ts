import type { QueryManager } from '../engine/queryManager';
import { ident, lit } from '../engine/sql';
import { scalar } from '../engine/rows';
import { CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from './schema';

/** Every table a workspace stores, undoes and clears: the canonical tables and the customer attributes. */
export const STORED_TABLES: readonly string[] = [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE];

/** Empties every stored table (the tables themselves stay, so analytics SQL keeps working). */
export async function clearStoredTables(qm: QueryManager): Promise<void> {
  for (const t of STORED_TABLES) await qm.exec(`DELETE FROM ${ident(t)}`);
}

/**
 * Deletes the rows that loads `sourceIds` put into any stored table (every row carries its load's
 * `_source`), so one file can be reloaded or removed without touching the others.
 */
export async function removeSourceRows(qm: QueryManager, sourceIds: readonly string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  const list = sourceIds.map(lit).join(', ');
  for (const t of STORED_TABLES) await qm.exec(`DELETE FROM ${ident(t)} WHERE _source IN (${list})`);
}

/**
 * Deletes the rows of loads that are not in `keepSourceIds` (what a load cut short by a crash
 * left behind before its line in the files list was committed); returns how many went.
 */
export async function removeOrphanRows(qm: QueryManager, keepSourceIds: readonly string[]): Promise<number> {
  const keep = keepSourceIds.length ? keepSourceIds.map(lit).join(', ') : 'NULL';
  let removed = 0;
  for (const t of STORED_TABLES) {
    const n = Number(scalar(await qm.query(`SELECT count(*) FROM ${ident(t)} WHERE _source NOT IN (${keep})`, { cache: false })) ?? 0);
    if (n > 0) await qm.exec(`DELETE FROM ${ident(t)} WHERE _source NOT IN (${keep})`);
    removed += n;
  }
  return removed;
}
