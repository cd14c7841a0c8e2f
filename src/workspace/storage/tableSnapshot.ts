import { tableToIPC } from 'apache-arrow';
import type { QueryManager } from '../../engine/queryManager';
import { ident } from '../../engine/sql';

/** Every loaded table of a workspace as Arrow IPC bytes, by table name. */
export type TableSnapshot = Record<string, Uint8Array>;

/**
 * Copies tables out of DuckDB as Arrow IPC (DuckDB-WASM cannot write Parquet offline, and
 * IPC round-trips every type exactly). Empty tables are skipped.
 */
export async function exportTables(qm: QueryManager, tables: string[]): Promise<TableSnapshot> {
  const out: TableSnapshot = {};
  for (const t of tables) {
    const result = await qm.query(`SELECT * FROM ${ident(t)}`, { cache: false });
    if (result.numRows > 0) out[t] = tableToIPC(result, 'stream');
  }
  return out;
}

/**
 * Replaces the content of each table with its snapshot (a table that does not exist, such as a
 * facts bundle's, is created with the snapshot's columns; IPC round-trips every type exactly).
 */
export async function importTables(qm: QueryManager, snapshot: TableSnapshot): Promise<void> {
  for (const [t, ipc] of Object.entries(snapshot)) {
    const tmp = `cw_restore_${t}`;
    await qm.exclusive(async (c) => {
      await c.exec(`DROP TABLE IF EXISTS ${ident(tmp)}`);
      await c.insertArrowIPC(tmp, ipc, true);
      await c.exec(`CREATE TABLE IF NOT EXISTS ${ident(t)} AS SELECT * FROM ${ident(tmp)} LIMIT 0`);
      await c.exec(`DELETE FROM ${ident(t)}`);
      await c.exec(`INSERT INTO ${ident(t)} BY NAME SELECT * FROM ${ident(tmp)}`);
      await c.exec(`DROP TABLE ${ident(tmp)}`);
    });
  }
}
