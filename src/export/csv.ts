import { safeCellText } from './safeCell';

export type CellValue = string | number | boolean | null | undefined;

/** One CSV field: formula-safe text, quoted when it holds a delimiter, quote or newline. */
function field(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = safeCellText(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV file (UTF-8 with BOM so Excel on Chinese Windows reads 中文 correctly, CRLF line ends)
 * from a header row and data rows.
 */
export function toCsv(header: string[], rows: CellValue[][]): string {
  const lines = [header.map(field).join(','), ...rows.map((r) => r.map(field).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
