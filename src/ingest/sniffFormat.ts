import { detectEncoding, looksBinary } from './encoding';
import { looksLineDelimited } from './readers/jsonText';
import type { SourceFormat } from './types';

/**
 * Decides the container format from the first bytes (magic numbers beat file extensions,
 * which users rename), falling back to the extension for text.
 */
export function sniffFormat(head: Uint8Array, fileName: string): SourceFormat {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'xlsx';
  if (head.length >= 8 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xls';
  // A workbook extension on plain text is a renamed CSV: the spreadsheet parser would read
  // '00123' as the number 123. Only HTML/XML "Excel" files (which the parser reads) stay workbooks.
  if ((ext === 'xlsx' || ext === 'xlsm' || ext === 'xls') && !isPlainText(head)) return ext === 'xls' ? 'xls' : 'xlsx';
  if (ext === 'parquet') return 'parquet';
  const firstChar = firstNonSpaceChar(head);
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'json' || firstChar === '[' || firstChar === '{') {
    return firstChar === '[' || (firstChar === '{' && !looksLikeNdjson(head)) ? 'json' : 'ndjson';
  }
  return 'csv';
}

/** Text that is neither binary nor markup (HTML tables and SpreadsheetML saved as .xls start with '<'). */
function isPlainText(head: Uint8Array): boolean {
  const { encoding } = detectEncoding(head);
  return head.length > 0 && !looksBinary(head, encoding) && firstNonSpaceChar(head) !== '<';
}

function firstNonSpaceChar(head: Uint8Array): string {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  for (; i < head.length; i++) {
    const b = head[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return String.fromCharCode(b);
  }
  return '';
}

/** NDJSON: most of the first lines are one object each (a broken first line does not change that). */
function looksLikeNdjson(head: Uint8Array): boolean {
  return looksLineDelimited(new TextDecoder().decode(head.subarray(0, 65536)));
}
