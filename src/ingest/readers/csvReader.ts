import type { QueryManager } from '../../engine/queryManager';
import { QueryCancelledError } from '../../engine/queryManager';
import { createTextDecoder, detectEncoding, looksBinary } from '../encoding';
import { whitespaceLineToTsv } from '../delimiter';
import { say } from '../messages';
import { assertColumnLimit, withoutNul, newStagingName, stagingDDL, type Staging } from '../staging';
import { NotATableError, type IngestInput, type IngestProgress, type RejectedRow } from '../types';
import { sniffCsvLayout } from './csvLayout';
import { CsvScanner } from './csvScanner';
import { loadCsvChunk } from './csvChunkLoad';

/** Bytes per chunk handed to DuckDB: big enough to be fast, small enough to cancel and report progress. */
export const CSV_CHUNK_BYTES = 16 * 1024 * 1024;
export const SNIFF_BYTES = 256 * 1024;

/**
 * Reads a delimited text file (CSV/TSV/TXT, any delimiter incl. whitespace runs, any of the
 * supported encodings) into a staging table, chunk by chunk. A linear scan in JavaScript
 * (CsvScanner) decides the records, rejecting bad lines with their file line numbers; DuckDB's
 * CSV reader then loads the good records of each chunk as text.
 */
export async function readDelimited(
  qm: QueryManager,
  input: IngestInput,
  options: { signal?: AbortSignal; onProgress?: (p: IngestProgress) => void; headerRow?: number } = {},
): Promise<Staging> {
  if (input.size === 0) throw new NotATableError(input.name, say('emptyFile'));
  const head = await input.read(0, Math.min(input.size, SNIFF_BYTES));
  const { encoding } = detectEncoding(head);
  if (looksBinary(head, encoding)) throw new NotATableError(input.name, say('binaryFile'));

  const sampleText = withoutNul(createTextDecoder(encoding).decode(head));
  if (sampleText.trim() === '') throw new NotATableError(input.name, say('noRows'));
  const layout = sniffCsvLayout(sampleText, input.size <= SNIFF_BYTES, options.headerRow);
  if (layout.width === 0) {
    throw new NotATableError(input.name, options.headerRow !== undefined ? say('headerRowPastEnd', { line: options.headerRow }) : say('noRows'));
  }
  assertColumnLimit(input.name, layout.width);

  const table = newStagingName();
  const rejected: RejectedRow[] = [];
  const notes = [...layout.notes];
  let rejectedCount = 0;
  let rowsRead = 0;
  await qm.exec(stagingDDL(table, layout.width));
  const decoder = createTextDecoder(encoding);
  const encoder = new TextEncoder();
  const whitespace = layout.delimiter === 'whitespace';
  const scanner = new CsvScanner(
    { delimiter: whitespace ? '\t' : layout.delimiter, width: layout.width, quoted: !whitespace, toTsv: whitespace ? whitespaceLineToTsv : undefined },
    layout.skipLines,
  );
  try {
    for (let start = 0; start < input.size; start += CSV_CHUNK_BYTES) {
      if (options.signal?.aborted) throw new QueryCancelledError();
      const end = Math.min(input.size, start + CSV_CHUNK_BYTES);
      const final = end >= input.size;
      const chunk = scanner.push(withoutNul(decoder.decode(await input.read(start, end), { stream: !final })), final);
      const result = await loadCsvChunk(qm, table, encoder.encode(chunk.body), chunk, whitespace ? '\t' : layout.delimiter, layout.width);
      rowsRead += result.rows;
      for (const r of [...chunk.rejected, ...result.rejected]) {
        rejectedCount++;
        if (rejected.length < 100) rejected.push(r);
      }
      notes.push(...chunk.notes);
      options.onProgress?.({ file: input.name, phase: 'staging', fraction: end / input.size, rows: rowsRead });
    }
  } catch (e) {
    await qm.exec(`DROP TABLE IF EXISTS ${table}`);
    throw e;
  }
  rejected.sort((a, b) => a.line - b.line);
  const headerRow = { line: layout.headerLine, chosen: options.headerRow !== undefined };
  return { table, headers: layout.headers, rowsRead, rejected, rejectedCount, encoding, delimiter: layout.delimiter, notes, headerRow };
}
