import { FAST_LANE_MAX_BYTES } from '../ingest/ingestFile';

/** The most bytes one Node file read returns (libuv's INT32_MAX): fileInput reads the lane's file in one. */
const ONE_READ_MAX_BYTES = 2 ** 31 - 1;

/**
 * The typed fast lane's size limit for the CLI's engine. On DuckDB-WASM the file's bytes sit in
 * the engine's memory as well: the app's limit. Native DuckDB reads the file where it is on disk
 * (fileInput's path, Connector.registerLocalFile), so only Node holds its bytes, for the lane's
 * checks: up to one read (L's 0.7 GB orders file takes the lane; XL's 3.5 GB one the text path).
 */
export function fastLaneMaxBytes(engine: 'wasm' | 'native'): number {
  return engine === 'native' ? ONE_READ_MAX_BYTES : FAST_LANE_MAX_BYTES;
}
