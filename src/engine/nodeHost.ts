import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createNodeConnector } from './nodeConnector';
import { QueryManager } from './queryManager';
import { provideParquetWasm } from '../ingest/readers/parquetModule';
import { allCanonicalDDL } from '../ingest/schema';

/**
 * The Node host (tests, CLI, benchmarks): the DuckDB-WASM Node build with the canonical tables
 * created, and parquet-wasm's binary read from node_modules.
 */
export async function createNodeEngine(): Promise<QueryManager> {
  const require = createRequire(import.meta.url);
  provideParquetWasm(() => readFile(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));
  const qm = new QueryManager(await createNodeConnector());
  for (const ddl of allCanonicalDDL()) await qm.exec(ddl);
  return qm;
}
