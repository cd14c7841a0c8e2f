import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Int8, makeData, makeVector, Table, tableFromIPC, tableToIPC, Type, type Data, type Vector } from 'apache-arrow';
import initParquet, * as parquet from 'parquet-wasm/esm';

/** A Parquet rendering of an Arrow IPC stream, plus the columns SQL must cast back to their Arrow type. */
export interface ParquetChunk {
  bytes: Uint8Array;
  /** Column name -> DuckDB type the column had in the IPC stream (see boolsAsInt8). */
  castBack: Map<string, string>;
}

let ready: Promise<void> | null = null;

/** parquet-wasm, initialised once from the binary in node_modules (there is no network). */
function parquetReady(): Promise<void> {
  const require = createRequire(import.meta.url);
  ready ??= readFile(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm'))
    .then((module_or_path) => initParquet({ module_or_path }))
    .then(() => undefined);
  return ready;
}

/** A Bool column as Int8 1/0/NULL, chunk by chunk (an all-NULL chunk may have no values buffer at all). */
function boolAsInt8(column: Vector): Vector {
  const chunks = column.data.map((d: Data) => {
    const values = d.values as Uint8Array;
    const out = new Int8Array(d.length);
    for (let i = 0; i < d.length; i++) {
      const bit = d.offset + i;
      if (bit >> 3 < values.length && (values[bit >> 3] >> (bit & 7)) & 1) out[i] = 1;
    }
    const nullBitmap = d.nullCount > 0 ? bitmapOf(d) : undefined;
    return makeData({ type: new Int8(), length: d.length, nullCount: d.nullCount, nullBitmap, data: out });
  });
  return makeVector(chunks);
}

/** Validity of `d` re-packed to start at bit 0. */
function bitmapOf(d: Data): Uint8Array {
  const bits = new Uint8Array((d.length + 7) >> 3);
  for (let i = 0; i < d.length; i++) if (d.getValid(i)) bits[i >> 3] |= 1 << (i & 7);
  return bits;
}

/**
 * arrow-js writes an all-NULL Bool chunk with an empty values buffer (a shortcut the IPC format
 * allows), and arrow-rs (parquet-wasm) rejects it. The demo's `churned` column is such a chunk.
 * Such Bool columns travel as Int8 and are cast back to BOOLEAN by the INSERT.
 */
function boolsAsInt8(table: Table): { table: Table; castBack: Map<string, string> } {
  const castBack = new Map<string, string>();
  const columns: Record<string, Vector> = {};
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name) as Vector;
    if (field.type.typeId === Type.Bool && column.data.some((d: Data) => d.length > 0 && d.nullCount >= d.length)) {
      castBack.set(field.name, 'BOOLEAN');
      columns[field.name] = boolAsInt8(column);
    } else {
      columns[field.name] = column;
    }
  }
  return { table: castBack.size > 0 ? new Table(columns) : table, castBack };
}

/**
 * Renders an Arrow IPC stream as Parquet for native DuckDB's built-in reader (native DuckDB has
 * no Arrow IPC reader without the arrow extension, and nothing may be downloaded). The file lives
 * for one INSERT, so it is written for speed: no compression, statistics or dictionaries
 * (dictionary encoding alone took 2-4x the rest of the write, measured on 1M demo orders).
 * Row groups of 122,880 rows (DuckDB's own size) let a multi-threaded engine read in parallel.
 */
export async function ipcToParquet(ipc: Uint8Array): Promise<ParquetChunk> {
  await parquetReady();
  const decoded = tableFromIPC(ipc);
  const { table, castBack } = boolsAsInt8(decoded);
  const stream = castBack.size > 0 ? tableToIPC(table, 'stream') : ipc;
  const props = new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression.UNCOMPRESSED)
    .setStatisticsEnabled(parquet.EnabledStatistics.None)
    .setDictionaryEnabled(false)
    .setMaxRowGroupSize(122_880)
    .build();
  return { bytes: parquet.writeParquet(parquet.Table.fromIPCStream(stream), props), castBack };
}
