import type { QueryManager } from '../../engine/queryManager';
import { QueryCancelledError } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { lit } from '../../engine/sql';
import { createTextDecoder, detectEncoding, looksBinary } from '../encoding';
import { sniffDelimiter, sniffHasHeader, splitWhitespaceLine, whitespaceLineToTsv, type Delimiter } from '../delimiter';
import { assertColumnLimit, cleanHeaders, withoutNul, newStagingName, stagingColumn, stagingDDL, type Staging } from '../staging';
import { NotATableError, type IngestInput, type IngestProgress, type RejectedRow } from '../types';
import { RecordChunker, countChar, splitDelimitedLine } from './textChunks';

/** Bytes per chunk handed to DuckDB: big enough to be fast, small enough to cancel and report progress. */
export const CSV_CHUNK_BYTES = 16 * 1024 * 1024;
const SNIFF_BYTES = 256 * 1024;
const REJECTS_TABLE = 'cw_csv_rejects';
const REJECTS_SCAN = 'cw_csv_reject_scans';

/**
 * Reads a delimited text file (CSV/TSV/TXT, any delimiter incl. whitespace runs, any of the
 * supported encodings) into a staging table, chunk by chunk through DuckDB's own CSV reader.
 * Rows DuckDB cannot split (wrong field count, bad quoting, oversized lines) are collected
 * with their file line numbers instead of failing the file.
 */
export async function readDelimited(
  qm: QueryManager,
  input: IngestInput,
  options: { signal?: AbortSignal; onProgress?: (p: IngestProgress) => void } = {},
): Promise<Staging> {
  if (input.size === 0) throw new NotATableError(input.name, 'the file is empty.');
  const head = await input.read(0, Math.min(input.size, SNIFF_BYTES));
  const { encoding } = detectEncoding(head);
  if (looksBinary(head, encoding)) throw new NotATableError(input.name, 'this is not a text table (it looks like a binary file).');

  const sampleText = withoutNul(createTextDecoder(encoding).decode(head));
  const sampleLines = sampleText.split(/\r?\n/).slice(0, input.size > SNIFF_BYTES ? -1 : undefined).filter((l) => l.trim() !== '');
  if (sampleLines.length === 0) throw new NotATableError(input.name, 'the file has no rows.');
  const { delimiter } = sniffDelimiter(sampleLines.slice(0, 50));
  const split = (line: string): string[] => (delimiter === 'whitespace' ? splitWhitespaceLine(line) : splitDelimitedLine(line, delimiter));
  const sampleRows = sampleLines.slice(0, 50).map(split);
  const hasHeader = sniffHasHeader(sampleRows);
  const width = hasHeader ? sampleRows[0].length : Math.max(...sampleRows.map((r) => r.length));
  assertColumnLimit(input.name, width);
  const headers = hasHeader ? cleanHeaders(sampleRows[0]) : cleanHeaders(Array.from({ length: width }, (_, i) => `column${i}`));

  const table = newStagingName();
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  let rowsRead = 0;
  await qm.exec(stagingDDL(table, width));
  const decoder = createTextDecoder(encoding);
  const encoder = new TextEncoder();
  const chunker = new RecordChunker();
  let linesBefore = 0;
  let headerPending = hasHeader;
  try {
    for (let start = 0; start < input.size; start += CSV_CHUNK_BYTES) {
      if (options.signal?.aborted) throw new QueryCancelledError();
      const end = Math.min(input.size, start + CSV_CHUNK_BYTES);
      const final = end >= input.size;
      let text = chunker.push(withoutNul(decoder.decode(await input.read(start, end), { stream: !final })), final);
      if (headerPending) {
        const nl = text.indexOf('\n');
        if (nl < 0 && !final) continue;
        text = nl < 0 ? '' : text.slice(nl + 1);
        linesBefore += 1;
        headerPending = false;
      }
      if (text.length > 0) {
        const body = delimiter === 'whitespace' ? text.split('\n').map(whitespaceLineToTsv).join('\n') : text;
        const result = await loadChunk(qm, table, encoder.encode(body), width, delimiter, linesBefore);
        rowsRead += result.rows;
        rejectedCount += result.rejected.length;
        for (const r of result.rejected) if (rejected.length < 100) rejected.push(r);
        linesBefore += countChar(text, '\n', 0, text.length) + (text.endsWith('\n') ? 0 : 1);
      }
      options.onProgress?.({ file: input.name, phase: 'staging', fraction: end / input.size, rows: rowsRead });
    }
  } catch (e) {
    await qm.exec(`DROP TABLE IF EXISTS ${table}`);
    throw e;
  }
  return { table, headers, rowsRead, rejected, rejectedCount, encoding, delimiter: delimiter === 'whitespace' ? 'whitespace' : delimiter };
}

/** One chunk through read_csv with all columns as text and rejects stored, not raised. */
async function loadChunk(
  qm: QueryManager,
  table: string,
  bytes: Uint8Array,
  width: number,
  delimiter: Delimiter,
  lineOffset: number,
): Promise<{ rows: number; rejected: RejectedRow[] }> {
  const fileName = `${table}_chunk.csv`;
  const columns = Array.from({ length: width }, (_, i) => `${lit(stagingColumn(i))}: 'VARCHAR'`).join(', ');
  const delim = delimiter === 'whitespace' ? '\t' : delimiter;
  return qm.exclusive(async (c) => {
    await c.registerFile(fileName, bytes);
    try {
      await c.exec(`DROP TABLE IF EXISTS ${REJECTS_TABLE}; DROP TABLE IF EXISTS ${REJECTS_SCAN}`);
      // Line numbers of good rows: DuckDB keeps file order with one reader thread, so the k-th
      // row read is line k of the chunk, unless rejected lines came before it (fixed below).
      await c.exec(`INSERT INTO ${table} SELECT *, ${lineOffset} + row_number() OVER () FROM read_csv(${lit(fileName)}, delim = ${lit(delim)}, quote = '"', escape = '"',
        header = false, auto_detect = false, columns = {${columns}}, null_padding = false, strict_mode = true,
        store_rejects = true, rejects_table = '${REJECTS_TABLE}', rejects_scan = '${REJECTS_SCAN}', rejects_limit = 0,
        max_line_size = 20000000, parallel = false)`);
      const rejects = toRows<{ line: number; reason: string; kind: string }>(
        await c.query(`SELECT DISTINCT line::BIGINT AS line, error_type AS kind, error_message AS reason FROM ${REJECTS_TABLE} ORDER BY line`),
      );
      const rows = Number(toRows<{ n: number }>(await c.query(`SELECT count(*) AS n FROM ${table} WHERE _line > ${lineOffset}`))[0].n);
      if (rejects.length > 0) await shiftLinesPastRejects(c, table, rejects.map((r) => r.line), lineOffset);
      return {
        rows,
        rejected: rejects.map((r) => ({ line: r.line + lineOffset, reason: describeCsvReject(r.kind, r.reason) })),
      };
    } finally {
      await c.dropFile(fileName);
    }
  });
}

/**
 * Corrects the line numbers of the rows just appended (numbered k + lineOffset in read order)
 * when the chunk had rejected lines: good row k sits on line k + (rejected lines before it), and
 * the j-th rejected line r_j has r_j - j good rows before it. Exact unless a quoted field spans
 * several lines. Most chunks have no rejects and skip this UPDATE (it costs ~2 µs a row).
 */
async function shiftLinesPastRejects(
  c: { exec(sql: string): Promise<void> },
  table: string,
  rejectedLines: number[],
  lineOffset: number,
): Promise<void> {
  const sorted = [...new Set(rejectedLines)].sort((a, b) => a - b);
  const goodBefore = sorted.map((r, j) => `(${r - (j + 1)})`).join(',');
  await c.exec(`UPDATE ${table} SET _line = _line + (SELECT count(*) FROM (VALUES ${goodBefore}) AS rej(g) WHERE rej.g < ${table}._line - ${lineOffset})
    WHERE _line > ${lineOffset}`);
}

/** Turns DuckDB's reject codes into words an analyst understands. */
function describeCsvReject(kind: string, message: string): string {
  switch (kind) {
    case 'MISSING COLUMNS':
    case 'TOO MANY COLUMNS':
      return `wrong number of fields (${message.replace('Expected Number of Columns: ', 'expected ').replace(' Found: ', ', found ')})`;
    case 'UNQUOTED VALUE':
      return 'a quote is not closed or a value has stray quotes';
    case 'LINE SIZE OVER MAXIMUM':
      return 'the line is longer than 20 MB';
    case 'INVALID UNICODE':
    case 'INVALID ENCODING':
      return 'the line has bytes that are not valid text in the detected encoding';
    default:
      return message.split('\n')[0];
  }
}
