import type { QueryManager } from '../../engine/queryManager';
import { ident } from '../../engine/sql';
import { parquetWasm } from '../../ingest/readers/parquetModule';
import { decodeColumnSql, type BundleTable, type BundleView } from './codec';

/** Rows per record batch read back (one insert each; see parquetReader for why batches go one by one). */
const BATCH_ROWS = 65_536;

/**
 * Creates `table` in the current schema from its Parquet bytes (exportTable's output; null for an
 * empty table), with every column back in its DuckDB type. Replaces a table of that name.
 */
export async function importTable(writer: QueryManager, table: BundleTable, bytes: Uint8Array | null): Promise<void> {
  const columns = table.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
  await writer.exec(`CREATE OR REPLACE TABLE ${ident(table.name)} (${columns})`);
  if (!bytes) return;
  const pq = await parquetWasm();
  // Each record batch goes to the engine as its own IPC stream, straight from parquet-wasm (no
  // decoding into arrow-js objects and encoding again); one stream per batch because the worker
  // bridge loses a multi-batch stream (see parquetReader).
  const batches = pq.readParquet(bytes, { batchSize: BATCH_ROWS }).recordBatches();
  if (batches.length === 0) return;
  const staged = `cw_import_${table.name}`;
  await writer.exclusive(async (c) => {
    await c.exec(`DROP TABLE IF EXISTS ${ident(staged)}`);
    for (let i = 0; i < batches.length; i++) await c.insertArrowIPC(staged, batches[i].intoIPCStream(), i === 0);
    await c.exec(`INSERT INTO ${ident(table.name)} SELECT ${table.columns.map(decodeColumnSql).join(', ')} FROM ${ident(staged)}`);
    await c.exec(`DROP TABLE ${ident(staged)}`);
  });
}

/** Creates (or replaces) a bundled view in the current schema. */
export async function importView(writer: QueryManager, view: BundleView): Promise<void> {
  await writer.exec(`CREATE OR REPLACE VIEW ${ident(view.name)} AS ${view.select}`);
}
