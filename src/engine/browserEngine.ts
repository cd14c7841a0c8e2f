import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { createBrowserConnector } from './browserConnector';
import { QueryManager } from './queryManager';
import { provideParquetWasm } from '../ingest/readers/parquetModule';
import { allCanonicalDDL } from '../ingest/schema';

let engine: Promise<QueryManager> | null = null;
const crashListeners = new Set<(message: string) => void>();

/**
 * The app's one shared engine start-up: every caller awaits the same promise, so DuckDB-WASM
 * is instantiated once per page. The parquet reader's .wasm is served from our own origin.
 */
export function getEngine(): Promise<QueryManager> {
  engine ??= (async () => {
    provideParquetWasm(async () => parquetWasmUrl);
    const connector = await createBrowserConnector((message) => crashListeners.forEach((l) => l(message)));
    const qm = new QueryManager(connector);
    for (const ddl of allCanonicalDDL()) await qm.exec(ddl);
    return qm;
  })();
  return engine;
}

/** Subscribes to database-worker crashes (out of memory ...); returns the unsubscribe. */
export function onEngineCrash(listener: (message: string) => void): () => void {
  crashListeners.add(listener);
  return () => crashListeners.delete(listener);
}

/**
 * Stops the database worker as a crash would, and tells the listeners (the e2e test of the
 * recovery path: a real out-of-memory abort cannot be provoked on demand).
 */
export async function simulateEngineCrash(): Promise<void> {
  const qm = await engine;
  await qm?.connector.close().catch(() => undefined);
  crashListeners.forEach((l) => l('The database worker stopped (simulated).'));
}
