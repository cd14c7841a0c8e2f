import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { OFFLINE_SETTINGS_SQL, type Connector } from './connector';

/**
 * Every bundle is served from the app's own origin (Vite copies them into dist/assets). The
 * threaded `coi` bundle is left out on purpose (measured on 1.32 in Chromium): it cannot reopen
 * an `opfs://` database (its pthreads cannot receive the file's sync access handle:
 * DataCloneError), it took 3-4x as long as `eh` to instantiate, and on 2 cores its threads made
 * the screen slower, not faster (stop 8: 15.8 s vs 11.9 s to the drawn demo).
 */
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** Where the database lives: an Origin Private File System file (durable) or memory. */
export interface BrowserDatabaseOptions {
  /** `opfs://<file>` for a durable database, or ':memory:'. */
  path: string;
  /** Told when the worker dies (out of memory, killed). */
  onWorkerError?: (message: string) => void;
}

/** A browser engine: the first connection plus the handles a host needs around it. */
export interface BrowserDatabase {
  connector: Connector;
  /** Stops the worker at once, as a crash would: nothing is flushed (the kill-during-save test). */
  kill(): void;
}

/**
 * Starts DuckDB-WASM in a Web Worker (eh, else mvp) and opens the database at `options.path`.
 * An `opfs://` path needs the file's exclusive sync access handle: when another tab holds it,
 * open rejects (callers fall back or wait).
 */
export async function createBrowserDatabase(options: BrowserDatabaseOptions): Promise<BrowserDatabase> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!, { type: 'classic' });
  worker.addEventListener('error', (e) => options.onWorkerError?.(e.message || 'The database worker stopped.'));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({
      path: options.path,
      accessMode: options.path.startsWith('opfs://') ? duckdb.DuckDBAccessMode.READ_WRITE : undefined,
      query: { castBigIntToDouble: false },
    });
  } catch (e) {
    await db.terminate().catch(() => undefined);
    throw e;
  }
  const name = bundle.mainModule === ehWasm ? 'eh' : 'mvp';
  const connector = await connectionOf(db, name);
  return { connector, kill: () => worker.terminate() };
}

async function connectionOf(db: duckdb.AsyncDuckDB, bundle: string): Promise<Connector> {
  const conn = await db.connect();
  for (const sql of OFFLINE_SETTINGS_SQL) await conn.query(sql);
  return {
    bundle,
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
    connect: () => connectionOf(db, bundle),
    async flush(): Promise<void> {
      await db.flushFiles();
    },
    async close(): Promise<void> {
      await conn.close();
      await db.terminate();
    },
  };
}
