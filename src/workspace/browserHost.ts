import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { createBrowserDatabase, type BrowserDatabase } from '../engine/browserConnector';
import { QueryManager } from '../engine/queryManager';
import { provideParquetWasm } from '../ingest/readers/parquetModule';
import type { EngineHost } from './engineHost';

/** The one database file of the app in the Origin Private File System; workspaces are schemas in it. */
export const OPFS_DATABASE = 'opfs://churnwatch.duckdb';
/** The Web Lock the tab holding the database keeps for its whole life. */
const DATABASE_LOCK = 'churnwatch-database';

/** How the browser host starts. */
export interface BrowserHostOptions {
  /** Use an in-memory database even where OPFS works (the IndexedDB fallback; `?storage=indexeddb`). */
  memoryOnly?: boolean;
  /** Told when the database worker dies. */
  onWorkerError?: (message: string) => void;
  /** Told when another tab holds the database: this one waits until that tab closes. */
  onWaiting?: () => void;
}

/**
 * Whether this browser has an Origin Private File System. (The sync access handles the database
 * file needs exist only inside workers, so whether they work shows when the worker opens it.)
 */
export function opfsAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

/**
 * Resolves once this tab holds the database lock. Only one tab may have the OPFS file open (its
 * sync access handle is exclusive, and two writers would corrupt it), so a second tab is told
 * and waits in the queue; the lock passes to it when the first tab closes.
 */
function holdDatabaseLock(onWaiting: (() => void) | undefined): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return Promise.resolve();
  return new Promise((resolve) => {
    const held = (): Promise<void> => {
      resolve();
      return new Promise<void>(() => undefined);
    };
    void locks.request(DATABASE_LOCK, { ifAvailable: true }, (lock) => {
      if (lock) return held();
      onWaiting?.();
      void locks.request(DATABASE_LOCK, held);
      return undefined;
    });
  });
}

/**
 * Starts DuckDB-WASM for the app: the database in OPFS where the browser has it (every table
 * persists, so a reload reopens the workspace instead of recomputing it), else in memory (the
 * workspace then persists as IndexedDB snapshots). The parquet reader's .wasm is served from our
 * own origin.
 */
export async function startBrowserHost(options: BrowserHostOptions = {}): Promise<EngineHost> {
  provideParquetWasm(async () => parquetWasmUrl);
  let database: BrowserDatabase | null = null;
  let location: EngineHost['location'] = 'memory';
  if (!options.memoryOnly && opfsAvailable()) {
    await holdDatabaseLock(options.onWaiting);
    try {
      database = await createBrowserDatabase({ path: OPFS_DATABASE, onWorkerError: options.onWorkerError });
      location = 'opfs';
    } catch (e) {
      console.warn('ChurnWatch: the OPFS database could not be opened; using memory and IndexedDB.', e);
    }
  }
  database ??= await createBrowserDatabase({ path: ':memory:', onWorkerError: options.onWorkerError });
  const { connector, kill } = database;
  return {
    reader: new QueryManager(connector),
    writer: new QueryManager(await connector.connect()),
    location,
    bundle: connector.bundle,
    kill,
  };
}
