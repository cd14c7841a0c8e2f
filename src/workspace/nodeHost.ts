import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createNodeConnector } from '../engine/nodeConnector';
import { QueryManager } from '../engine/queryManager';
import { provideParquetWasm } from '../ingest/readers/parquetModule';
import { allCanonicalDDL } from '../ingest/schema';
import type { EngineHost } from './engineHost';

function provideParquetFromNodeModules(): void {
  const require = createRequire(import.meta.url);
  provideParquetWasm(() => readFile(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));
}

/**
 * The Node engine of tests, the CLI and benchmarks: the DuckDB-WASM Node build (in memory) with
 * the canonical tables created in its main schema, and parquet-wasm's binary read from
 * node_modules.
 */
export async function createNodeEngine(): Promise<QueryManager> {
  provideParquetFromNodeModules();
  const qm = new QueryManager(await createNodeConnector());
  for (const ddl of allCanonicalDDL()) await qm.exec(ddl);
  return qm;
}

/** The same engine as a workspace host (reader and writer connections, in memory). */
export async function createNodeHost(): Promise<EngineHost> {
  provideParquetFromNodeModules();
  const connector = await createNodeConnector();
  return {
    reader: new QueryManager(connector),
    writer: new QueryManager(await connector.connect()),
    location: 'memory',
    bundle: connector.bundle,
    kill: () => void connector.close(),
  };
}
