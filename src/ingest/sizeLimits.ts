import { MAX_CSV_MB, MAX_CSV_ROWS, MAX_JSON_MB, MAX_WORKBOOK_BYTES } from './limits';
import { say } from './messages';
import { NotATableError, type SourceFormat } from './types';

const MB = 2 ** 20;

/**
 * Refuses, before a byte is read, a file larger than the browser can hold in its format (the
 * figures in limits.ts): the message says how large it is, what fits, and what to do. Parquet is
 * left to the loader, which reports running out of memory in words. `csvMaxBytes`: the host's
 * delimited-text limit (IngestOptions.csvMaxBytes), the browser's by default.
 */
export function assertSizeLimits(file: string, size: number, format: SourceFormat, csvMaxBytes = MAX_CSV_MB * MB): void {
  const mb = Math.ceil(size / MB);
  switch (format) {
    case 'parquet':
      return;
    case 'xlsx':
    case 'xls':
      if (size > MAX_WORKBOOK_BYTES) throw new NotATableError(file, say('workbookTooLarge', { size: mb, max: MAX_WORKBOOK_BYTES / MB }));
      return;
    case 'json':
    case 'ndjson':
      if (size > MAX_JSON_MB * MB) throw new NotATableError(file, say('jsonTooLarge', { size: mb, max: MAX_JSON_MB }));
      return;
    default:
      if (size > csvMaxBytes) throw new NotATableError(file, say('csvTooLarge', { size: mb, max: MAX_CSV_MB, rows: MAX_CSV_ROWS }));
  }
}
