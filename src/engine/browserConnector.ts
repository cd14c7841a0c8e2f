import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthreadWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import { OFFLINE_SETTINGS_SQL, type Connector } from './connector';

/** Every bundle is served from the app's own origin (Vite copies them into dist/assets). */
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
  coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthreadWorker },
};

/**
 * Starts DuckDB-WASM in a Web Worker with the best bundle this browser supports:
 * coi (threads) when the page is cross-origin isolated, else eh, else mvp.
 */
export async function createBrowserConnector(onWorkerError?: (message: string) => void): Promise<Connector> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!, { type: 'classic' });
  worker.addEventListener('error', (e) => onWorkerError?.(e.message || 'The database worker stopped.'));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: false } });
  const conn = await db.connect();
  for (const sql of OFFLINE_SETTINGS_SQL) await conn.query(sql);
  // Note: `SET threads = N` on the coi bundle never returns in 1.32 (measured); the bundle's
  // default thread count is kept.
  const name = bundle.mainModule === coiWasm ? 'coi' : bundle.mainModule === ehWasm ? 'eh' : 'mvp';

  return {
    bundle: name,
    async query(sql: string): Promise<Table> {
      return (await conn.query(sql)) as unknown as Table;
    },
    async exec(sql: string): Promise<void> {
      await conn.query(sql);
    },
    async insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
      await conn.insertArrowFromIPCStream(ipc, { name: table, create });
    },
    async registerFile(fileName: string, bytes: Uint8Array): Promise<void> {
      await db.registerFileBuffer(fileName, bytes);
    },
    async dropFile(fileName: string): Promise<void> {
      await db.dropFile(fileName);
    },
    async cancel(): Promise<void> {
      await conn.cancelSent();
    },
    async close(): Promise<void> {
      await conn.close();
      await db.terminate();
    },
  };
}
