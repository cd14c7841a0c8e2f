import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { provideParquetWasm } from '../ingest/readers/parquetModule';

/** Node hosts (WASM or native engine) read parquet-wasm's binary from node_modules, not a URL. */
export function provideParquetFromNodeModules(): void {
  const require = createRequire(import.meta.url);
  provideParquetWasm(() => readFile(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));
}
