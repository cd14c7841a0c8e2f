import { allCanonicalDDL } from '../ingest/schema';
import { createNativeConnector, type NativeConnectorOptions } from '../engine/nativeConnector';
import { QueryManager } from '../engine/queryManager';

/**
 * The native host for benchmarks and tests: native DuckDB with the canonical tables created,
 * the counterpart of nodeHost's createNodeEngine.
 */
export async function createNativeEngine(options: NativeConnectorOptions = {}): Promise<QueryManager> {
  const qm = new QueryManager(await createNativeConnector(options));
  for (const ddl of allCanonicalDDL()) await qm.exec(ddl);
  return qm;
}
