import initParquet, * as parquet from 'parquet-wasm/esm';

/**
 * parquet-wasm needs its .wasm bytes; where they come from depends on the host: the browser
 * gets a same-origin URL from Vite, Node reads the file from node_modules. The host registers
 * a source once; readers call `parquetWasm()`. (DuckDB-WASM's own Parquet reader is an
 * extension it would download, which hangs offline.)
 */
type WasmSource = () => Promise<BufferSource | URL | string>;

let source: WasmSource | null = null;
let ready: Promise<typeof parquet> | null = null;

/** Tells the ingest layer where the parquet-wasm binary lives on this host. */
export function provideParquetWasm(load: WasmSource): void {
  source = load;
}

/** The initialised parquet-wasm module. */
export function parquetWasm(): Promise<typeof parquet> {
  if (!source) return Promise.reject(new Error('parquet-wasm was not provided by the host'));
  const load = source;
  ready ??= load().then(async (module_or_path) => {
    await initParquet({ module_or_path });
    return parquet;
  });
  return ready;
}
