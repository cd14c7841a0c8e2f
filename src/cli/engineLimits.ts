import { FAST_LANE_MAX_BYTES } from '../ingest/ingestFile';
import { MAX_CSV_MB } from '../ingest/limits';

/**
 * The typed fast lane's size limit for the CLI's engine. On DuckDB-WASM the file's bytes sit in
 * the engine's memory as well: the app's limit. Native DuckDB reads the file where it is on disk
 * (fileInput's path, Connector.registerLocalFile) and the lane's checks scan it in slices
 * (fastLanePlan.ts), so no size is too large: XL's 3.5 GB orders file takes the lane too.
 */
export function fastLaneMaxBytes(engine: 'wasm' | 'native'): number {
  return engine === 'native' ? Number.POSITIVE_INFINITY : FAST_LANE_MAX_BYTES;
}

/**
 * The largest delimited file the CLI accepts on its engine. DuckDB-WASM: the browser's measured
 * limit (limits.ts MAX_CSV_MB, the engine's memory). Native DuckDB has no such ceiling (the text
 * path reads in chunks; DuckDB spills past --memory-limit), so no size is refused: L's 0.7 GB
 * orders file was refused at 640 MB before.
 */
export function csvMaxBytes(engine: 'wasm' | 'native'): number {
  return engine === 'native' ? Number.POSITIVE_INFINITY : MAX_CSV_MB * 2 ** 20;
}
