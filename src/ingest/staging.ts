import { Int32, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { QueryManager } from '../engine/queryManager';
import type { RejectedRow } from './types';

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

/** Makes header labels usable: blank headers become `column N`, duplicates get ` (2)`. */
export function cleanHeaders(raw: (string | null | undefined)[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let name = String(h ?? '').replace(/^\uFEFF/, '').trim();
    if (!name) name = `column ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n > 1 ? `${name} (${n})` : name;
  });
}

/** Arrow IPC of text rows in staging shape (c0..cN Utf8, _line Int32). */
export function rowsToStagingIPC(columnCount: number, rows: (string | null)[][], lines: number[]): Uint8Array {
  const columns: Record<string, Vector> = {};
  for (let c = 0; c < columnCount; c++) {
    const values = new Array<string | null>(rows.length);
    for (let r = 0; r < rows.length; r++) values[r] = rows[r][c] ?? null;
    columns[stagingColumn(c)] = vectorFromArray(values, new Utf8());
  }
  columns._line = vectorFromArray(Int32Array.from(lines));
  return tableToIPC(new Table(columns as Record<string, Vector<Utf8 | Int32>>), 'stream');
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
