import { allCanonicalDDL } from '../ingest/schema';
import { createNativeConnector, type NativeConnectorOptions } from '../engine/nativeConnector';
import { QueryManager } from '../engine/queryManager';
import { provideParquetFromNodeModules } from './nodeParquet';

/**
 * The native host for the CLI (`--engine native`), benchmarks and tests: native DuckDB with the
 * canonical tables created, the counterpart of nodeHost's createNodeEngine.
 */
export async function createNativeEngine(options: NativeConnectorOptions = {}): Promise<QueryManager> {
  provideParquetFromNodeModules();
  const qm = new QueryManager(await createNativeConnector(options));
  for (const ddl of allCanonicalDDL()) await qm.exec(ddl);
  return qm;
}
