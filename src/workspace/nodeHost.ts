import { createNodeConnector } from '../engine/nodeConnector';
import { QueryManager } from '../engine/queryManager';
import { allCanonicalDDL } from '../ingest/schema';
import type { EngineHost } from './engineHost';
import { provideParquetFromNodeModules } from './nodeParquet';

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
