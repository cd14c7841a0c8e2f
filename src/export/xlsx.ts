import { utils, write, type CellObject, type WorkSheet } from '@e965/xlsx';
import type { CellValue } from './csv';
import { safeCellText } from './safeCell';

/** One cell with an explicit type: text is formula-safe type 's', never a formula; empty -> no cell. */
function cell(v: CellValue): CellObject | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? { t: 'n', v } : null;
  if (typeof v === 'boolean') return { t: 'b', v };
  return { t: 's', v: safeCellText(v) };
}

/**
 * An .xlsx workbook (one sheet) from a header row and data rows. Cells are built by hand with
 * explicit types so text such as "=1+1" is stored as a string (with safeCellText's apostrophe),
 * never as a formula; numbers stay numeric.
 */
export function toXlsx(header: string[], rows: CellValue[][]): Uint8Array<ArrayBuffer> {
  const all: CellValue[][] = [header, ...rows];
  const ws: WorkSheet = {};
  let maxCol = header.length - 1;
  all.forEach((row, r) => {
    maxCol = Math.max(maxCol, row.length - 1);
    row.forEach((v, c) => {
      const obj = cell(v);
      if (obj) ws[utils.encode_cell({ r, c })] = obj;
    });
  });
  ws['!ref'] = utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(all.length - 1, 0), c: Math.max(maxCol, 0) } });
  const wb = utils.book_new();
  utils.book_append_sheet(wb, ws, 'Customers');
  const out = write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}
