import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, type Table } from 'apache-arrow';
import { OFFLINE_SETTINGS_SQL, type Connector } from './connector';

/**
 * DuckDB-WASM's Node build (the same WebAssembly engine as the browser, run synchronously).
 * Used by Vitest suites, the CLI and benchmarks, never a mock.
 */
export async function createNodeConnector(): Promise<Connector> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: false } });
  const conn = db.connect();
  for (const sql of OFFLINE_SETTINGS_SQL) conn.query(sql);

  return {
    bundle: 'node',
    async query(sql: string): Promise<Table> {
      return conn.query(sql) as unknown as Table;
    },
    async exec(sql: string): Promise<void> {
      conn.query(sql);
    },
    async insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
      conn.insertArrowFromIPCStream(ipc, { name: table, create });
    },
    async registerFile(name: string, bytes: Uint8Array): Promise<void> {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string): Promise<void> {
      db.dropFile(name);
    },
    async cancel(): Promise<void> {
      // The blocking build runs each statement to completion; nothing is ever in flight.
    },
    async close(): Promise<void> {
      conn.close();
      db.reset();
    },
  };
}

/** Re-exported so callers can decode IPC results without importing arrow twice. */
export { tableFromIPC };
