import { ident } from '../../engine/sql';

/**
 * How a column travels through Parquet so that it comes back with exactly its DuckDB type:
 * - native: the Arrow type round-trips unchanged (integers, DOUBLE, FLOAT, VARCHAR, DATE);
 * - int8: BOOLEAN as 1/0 (arrow-js writes an all-NULL Bool chunk with no values buffer, which
 *   the Parquet writer rejects);
 * - epoch-us: TIMESTAMP as microseconds since the epoch (no time zone can creep in);
 * - text: anything else (lists, maps, decimals ...) as its text, cast back on import.
 */
export type ColumnEncoding = 'native' | 'int8' | 'epoch-us' | 'text';

/** One column of a bundled table: its name, DuckDB type and how it travels. */
export interface BundleColumn {
  name: string;
  type: string;
  encoding: ColumnEncoding;
}

/** One table of a bundle: its Parquet file (null for an empty table) and columns. */
export interface BundleTable {
  name: string;
  file: string | null;
  rows: number;
  columns: BundleColumn[];
}

/** A view of a bundle: its name and SELECT (created after every table exists). */
export interface BundleView {
  name: string;
  select: string;
}

const NATIVE_TYPES = new Set(['VARCHAR', 'BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'DOUBLE', 'FLOAT', 'DATE']);

/** The encoding of a DuckDB type. */
export function encodingOf(type: string): ColumnEncoding {
  if (NATIVE_TYPES.has(type)) return 'native';
  if (type === 'BOOLEAN') return 'int8';
  if (type === 'TIMESTAMP') return 'epoch-us';
  return 'text';
}

/** SQL selecting a column in its travelling form (export). */
export function encodeColumnSql(c: BundleColumn): string {
  const col = ident(c.name);
  switch (c.encoding) {
    case 'native': return col;
    case 'int8': return `CAST(${col} AS TINYINT) AS ${col}`;
    case 'epoch-us': return `epoch_us(${col}) AS ${col}`;
    case 'text': return `CAST(${col} AS VARCHAR) AS ${col}`;
  }
}

/** SQL turning a travelled column back into its DuckDB type (import). */
export function decodeColumnSql(c: BundleColumn): string {
  const col = ident(c.name);
  switch (c.encoding) {
    case 'native': return `CAST(${col} AS ${c.type}) AS ${col}`;
    case 'int8': return `CAST(${col} AS BOOLEAN) AS ${col}`;
    case 'epoch-us': return `make_timestamp(CAST(${col} AS BIGINT)) AS ${col}`;
    case 'text': return `CAST(${col} AS ${c.type}) AS ${col}`;
  }
}
