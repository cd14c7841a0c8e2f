import { tableToIPC } from 'apache-arrow';
import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { ident } from '../../engine/sql';
import { parquetWasm } from '../../ingest/readers/parquetModule';
import { encodeColumnSql, encodingOf, type BundleColumn, type BundleTable, type BundleView } from './codec';

/** Rows per Parquet row group: DuckDB's own row-group size. */
const ROW_GROUP_ROWS = 122_880;

/** A table written as Parquet: its description and bytes (none for an empty table: its columns say it all). */
export interface ExportedTable {
  table: BundleTable;
  bytes: Uint8Array | null;
}

/** The tables of the current schema, by name. */
export async function currentTables(qm: QueryManager): Promise<string[]> {
  return toRows<{ t: string }>(await qm.query(
    `SELECT table_name AS t FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = current_schema() ORDER BY 1`,
    { cache: false })).map((r) => r.t);
}

/** The views of the current schema with their SELECT (unqualified, so it binds in any schema). */
export async function currentViews(qm: QueryManager): Promise<BundleView[]> {
  const rows = toRows<{ name: string; sql: string }>(await qm.query(
    `SELECT view_name AS name, sql FROM duckdb_views() WHERE database_name = current_database() AND schema_name = current_schema() AND NOT internal ORDER BY 1`,
    { cache: false }));
  return rows.map((r) => ({ name: r.name, select: r.sql.replace(/^CREATE\s+VIEW\s+.+?\s+AS\s+/is, '').replace(/;\s*$/, '') }));
}

/** A table's columns: name, DuckDB type and how each travels through Parquet (codec.ts). */
export async function bundleColumns(qm: QueryManager, name: string): Promise<BundleColumn[]> {
  const described = toRows<{ column_name: string; column_type: string }>(
    await qm.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(name)})`, { cache: false }));
  return described.map((d) => ({ name: d.column_name, type: d.column_type, encoding: encodingOf(d.column_type) }));
}

/**
 * Writes one table of the current schema as zstd-compressed Parquet (through parquet-wasm, which
 * works offline in both hosts), with each column in a form that comes back with exactly its
 * DuckDB type (see codec.ts).
 */
export async function exportTable(qm: QueryManager, name: string): Promise<ExportedTable> {
  const columns = await bundleColumns(qm, name);
  const result = await qm.query(`SELECT ${columns.map(encodeColumnSql).join(', ')} FROM ${ident(name)}`, { cache: false });
  const table: BundleTable = { name, file: result.numRows ? `${encodeURIComponent(name)}.parquet` : null, rows: result.numRows, columns };
  if (result.numRows === 0) return { table, bytes: null };
  const pq = await parquetWasm();
  const props = new pq.WriterPropertiesBuilder()
    .setCompression(pq.Compression.ZSTD)
    .setMaxRowGroupSize(ROW_GROUP_ROWS)
    .build();
  return { table, bytes: pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(result, 'stream')), props) };
}

