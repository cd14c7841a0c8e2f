import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { Table, tableFromIPC } from 'apache-arrow';
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
  return connectionOf(db);
}

const cjsArrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');

/**
 * The Node build is CommonJS and returns tables of apache-arrow's CommonJS module, a different
 * module instance from the ES module the rest of the code imports: `instanceof` fails and
 * tableToIPC writes an empty stream for them. Results cross over once, as IPC.
 */
function asEsmTable(result: unknown): Table {
  return result instanceof Table ? result : tableFromIPC(cjsArrow.tableToIPC(result as Table, 'stream'));
}

type BlockingDb = Awaited<ReturnType<typeof duckdb.createDuckDB>>;

function connectionOf(db: BlockingDb): Connector {
  const conn = db.connect();
  for (const sql of OFFLINE_SETTINGS_SQL) conn.query(sql);
  return {
    bundle: 'node',
    async query(sql: string): Promise<Table> {
      return asEsmTable(conn.query(sql));
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
    connect: async () => connectionOf(db),
    async flush(): Promise<void> {
      // In memory: nothing to write through.
    },
    async close(): Promise<void> {
      conn.close();
      db.reset();
    },
  };
}

/** Re-exported so callers can decode IPC results without importing arrow twice. */
export { tableFromIPC };
