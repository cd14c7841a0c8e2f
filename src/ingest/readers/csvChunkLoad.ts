import { Field, Int32, RecordBatch, Schema, Struct, Table, makeData, tableToIPC } from 'apache-arrow';
import type { Connector } from '../../engine/connector';
import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { lit } from '../../engine/sql';
import { say } from '../messages';
import { stagingColumn } from '../staging';
import type { RejectedRow } from '../types';
import type { ScannedChunk } from './csvScanner';

const REJECTS_TABLE = 'cw_csv_rejects';
const REJECTS_SCAN = 'cw_csv_reject_scans';
const LINE_MAP = 'cw_csv_line_map';

/**
 * Loads the good records of one scanned chunk through DuckDB's CSV reader, all columns as text,
 * each row numbered with the file line it starts on. The scanner already refused every record
 * DuckDB would; DuckDB's rejects are still collected (never raised), one per line, in case.
 */
export async function loadCsvChunk(
  qm: QueryManager,
  table: string,
  bytes: Uint8Array,
  chunk: ScannedChunk,
  delimiter: string,
  width: number,
): Promise<{ rows: number; rejected: RejectedRow[] }> {
  if (chunk.records === 0) return { rows: 0, rejected: [] };
  const fileName = `${table}_chunk.csv`;
  const columns = Array.from({ length: width }, (_, i) => `${lit(stagingColumn(i))}: 'VARCHAR'`).join(', ');
  // Rows are numbered lineOffset + k (k = record number in the chunk), then moved onto their
  // file lines when the records do not sit on consecutive lines. DuckDB keeps file order with
  // one reader thread.
  const lineOffset = chunk.lines[0] - 1;
  return qm.exclusive(async (c) => {
    await c.registerFile(fileName, bytes);
    try {
      await c.exec(`DROP TABLE IF EXISTS ${REJECTS_TABLE}; DROP TABLE IF EXISTS ${REJECTS_SCAN}`);
      const inserted = await c.query(`INSERT INTO ${table} SELECT *, ${lineOffset} + row_number() OVER () FROM read_csv(${lit(fileName)}, delim = ${lit(delimiter)}, quote = '"', escape = '"',
        header = false, auto_detect = false, columns = {${columns}}, null_padding = false, strict_mode = true, new_line = '\\n',
        store_rejects = true, rejects_table = '${REJECTS_TABLE}', rejects_scan = '${REJECTS_SCAN}', rejects_limit = 0,
        max_line_size = 20000000, parallel = false)`);
      const rows = Number(inserted.getChildAt(0)?.get(0) ?? 0);
      const rejects = toRows<{ line: number; kind: string; reason: string }>(
        await c.query(`SELECT line::BIGINT AS line, first(error_type ORDER BY byte_position) AS kind, first(error_message ORDER BY byte_position) AS reason
          FROM ${REJECTS_TABLE} GROUP BY line ORDER BY line`),
      ).map((r) => ({ record: Number(r.line), kind: r.kind, reason: r.reason }));
      if (rejects.length > 0) await shiftLinesPastRejects(c, table, rejects.map((r) => r.record), lineOffset);
      if (!chunk.consecutive) await moveOntoFileLines(c, table, chunk.lines, lineOffset);
      return {
        rows,
        rejected: rejects.map((r) => ({ line: chunk.lines[r.record - 1] ?? lineOffset + r.record, reason: describeCsvReject(r.kind, r.reason) })),
      };
    } finally {
      await c.dropFile(fileName);
    }
  });
}

/**
 * Corrects the record numbers of the rows just appended (numbered k + lineOffset in read order)
 * when DuckDB rejected records: good row k is record k + (rejected records before it), and the
 * j-th rejected record r_j has r_j - j good rows before it.
 */
async function shiftLinesPastRejects(c: Connector, table: string, rejectedRecords: number[], lineOffset: number): Promise<void> {
  const goodBefore = rejectedRecords.map((r, j) => `(${r - (j + 1)})`).join(',');
  await c.exec(`UPDATE ${table} SET _line = _line + (SELECT count(*) FROM (VALUES ${goodBefore}) AS rej(g) WHERE rej.g < ${table}._line - ${lineOffset})
    WHERE _line > ${lineOffset}`);
}

/**
 * Moves rows numbered lineOffset + k (record k of the chunk) onto the file line record k starts
 * on. Only chunks with multi-line cells, blank or rejected lines need it; a record's file line is
 * never below lineOffset + k, so rows of earlier chunks are untouched.
 */
async function moveOntoFileLines(c: Connector, table: string, lines: Int32Array, lineOffset: number): Promise<void> {
  const k = new Int32Array(lines.length);
  for (let i = 0; i < k.length; i++) k[i] = lineOffset + i + 1;
  await c.insertArrowIPC(LINE_MAP, intColumnsIPC({ k, line: lines }), true);
  try {
    await c.exec(`UPDATE ${table} SET _line = m.line FROM ${LINE_MAP} m WHERE ${table}._line = m.k AND ${table}._line > ${lineOffset}`);
  } finally {
    await c.exec(`DROP TABLE IF EXISTS ${LINE_MAP}`);
  }
}

/** Arrow IPC of Int32 columns, built from the arrays directly (Arrow's builders need eval, which the CSP forbids). */
function intColumnsIPC(columns: Record<string, Int32Array>): Uint8Array {
  const fields = Object.keys(columns).map((name) => new Field(name, new Int32(), false));
  const children = Object.values(columns).map((data) => makeData({ type: new Int32(), length: data.length, data }));
  const length = children[0]?.length ?? 0;
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children }));
  return tableToIPC(new Table(schema, [batch]), 'stream');
}

/** Turns DuckDB's reject codes into the loader's reasons (never DuckDB's own text). */
function describeCsvReject(kind: string, message: string): string {
  switch (kind) {
    case 'MISSING COLUMNS':
    case 'TOO MANY COLUMNS': {
      const m = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
      return m ? say('wrongFieldCount', { expected: Number(m[1]), found: Number(m[2]) }) : say('unreadableLine');
    }
    case 'UNQUOTED VALUE':
      return say('textAfterQuote');
    case 'LINE SIZE OVER MAXIMUM':
      return say('lineTooLong');
    case 'INVALID UNICODE':
    case 'INVALID ENCODING':
      return say('badBytes');
    default:
      return say('unreadableLine');
  }
}
