import { Int32, RecordBatch, Schema, Field, Struct, Table, Utf8, makeData, tableToIPC } from 'apache-arrow';
import { Utf8Writer } from '../engine/arrow/columns';
import type { QueryManager } from '../engine/queryManager';
import { say } from './messages';
import { NotATableError, type RejectedRow } from './types';

/**
 * A file's rows as text, before any typing: columns c0..c{n-1} VARCHAR plus `_line`
 * (the line or record number users see in messages). Headers are kept aside so hostile,
 * empty or duplicated header text never becomes an SQL identifier.
 */
export interface Staging {
  table: string;
  headers: string[];
  rowsRead: number;
  /** Rows the reader itself could not split (ragged, unterminated quotes ...). */
  rejected: RejectedRow[];
  rejectedCount: number;
  encoding: string | null;
  delimiter: string | null;
  /** What the reader left out or noticed on purpose (title lines, a total row, hidden sheets ...). */
  notes: string[];
  /**
   * Where the header came from: its file line or sheet row (null: no header row, columns are
   * numbered), and whether the user chose it. Absent for JSON and Parquet (their keys are the names).
   */
  headerRow?: { line: number | null; chosen: boolean };
  /**
   * Columns already read as their canonical column's SQL type (the typed fast lane,
   * readers/fastLane.ts: numbers as DOUBLE); every other column is text.
   */
  typed?: ReadonlySet<number>;
}

/** One table of a file, staged: a workbook sheet, a list in a JSON document, or the whole file (sheet null). */
export interface StagedSheet {
  sheet: string | null;
  staging: Staging | null;
  /** Why the table was skipped (an empty sheet) when staging is null. */
  note: string | null;
}

/**
 * Most columns a file may have. A 10,000-column file exhausts the engine's 4 GB (every column
 * gets buffers per 2,048-row vector); no CRM export needs more than a few hundred.
 */
export const MAX_COLUMNS = 1000;

/** Refuses a file wider than MAX_COLUMNS with a message that says what to do. */
export function assertColumnLimit(file: string, columns: number): void {
  if (columns > MAX_COLUMNS) {
    throw new NotATableError(file, say('tooManyColumns', { columns, max: MAX_COLUMNS }));
  }
}

let stagingCounter = 0;

/** A fresh staging table name. */
export function newStagingName(): string {
  stagingCounter += 1;
  return `cw_stg_${Date.now().toString(36)}_${stagingCounter}`;
}

/** The staging column name of source column i. */
export function stagingColumn(i: number): string {
  return `c${i}`;
}

/**
 * Text without NUL characters. A broken export can carry NUL bytes; they mean nothing to a
 * reader, and DuckDB ends a string literal at one, so they are dropped as text is read.
 */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/** Makes header labels usable: blank headers become `column N`, duplicates get ` (2)`. */
export function cleanHeaders(raw: (string | null | undefined)[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let name = withoutNul(String(h ?? '')).replace(/^\uFEFF/, '').trim();
    if (!name) name = `column ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n > 1 ? `${name} (${n})` : name;
  });
}

/**
 * Arrow IPC of text rows in staging shape (c0..cN Utf8, _line Int32). Columns are written
 * straight into Arrow buffers: Arrow's own builders compile a null check with `new Function`,
 * which the app's Content-Security-Policy (no 'unsafe-eval') refuses.
 */
export function rowsToStagingIPC(columnCount: number, rows: (string | null)[][], lines: number[]): Uint8Array {
  const fields: Field[] = [];
  const children = [];
  for (let c = 0; c < columnCount; c++) {
    const w = new Utf8Writer(rows.length, 16);
    for (let r = 0; r < rows.length; r++) {
      const v = rows[r][c];
      if (v === null || v === undefined) w.pushNull();
      else w.pushString(withoutNul(v));
    }
    fields.push(new Field(stagingColumn(c), new Utf8(), true));
    children.push(w.finish());
  }
  fields.push(new Field('_line', new Int32(), false));
  children.push(makeData({ type: new Int32(), length: lines.length, data: Int32Array.from(lines) }));
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children }));
  return tableToIPC(new Table(schema, [batch]), 'stream');
}

/** Creates the staging table (all VARCHAR) so chunks can be appended. */
export function stagingDDL(table: string, columnCount: number): string {
  const cols = Array.from({ length: columnCount }, (_, i) => `${stagingColumn(i)} VARCHAR`);
  return `CREATE TABLE ${table} (${[...cols, '_line BIGINT'].join(', ')})`;
}

/** Drops a staging table. */
export async function dropStaging(qm: QueryManager, table: string): Promise<void> {
  await qm.exec(`DROP TABLE IF EXISTS ${table}`);
}
