import { utils, type CellObject, type WorkSheet } from '@e965/xlsx';
import type { QueryManager } from '../../engine/queryManager';
import { say } from '../messages';
import { assertColumnLimit, cleanHeaders, newStagingName, rowsToStagingIPC, type StagedSheet } from '../staging';
import { findTableTop } from './tableTop';
import { titleLinesNote } from './titleNote';
import { totalRowLabel } from './totalRows';

/** Data rows at the bottom of a sheet looked at for a total row. */
const TAIL_ROWS = 3;

/**
 * Stages one sheet: its real extent (not what its <dimension> claims), title rows above the
 * table skipped, the header, the rows with their sheet row numbers, a 合计/Total row under the
 * table left out. Dates formatted as dates arrive as ISO text; other cells as their raw value's
 * text, so Excel serial numbers in date columns are still recognised downstream. Formula cells
 * without a saved value load as empty and are counted in a note per column.
 */
export async function stageSheet(qm: QueryManager, sheet: string, ws: WorkSheet | undefined, headerRow?: number): Promise<StagedSheet> {
  if (!ws) return { sheet, staging: null, note: say('sheetEmpty') };
  shrinkToData(ws);
  const grid = utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  const text = (row: unknown[]) => row.map((v) => (v === null || v === undefined ? null : cellText(v)));
  // The user's header row is a sheet row number, as Excel shows it.
  const chosenTop = headerRow === undefined ? undefined : headerRow - firstRowNumber(ws);
  const { top, titleRows } = findTableTop(grid.slice(0, 200).map(text), chosenTop);
  if (top >= grid.length) return { sheet, staging: null, note: headerRow !== undefined ? say('headerRowPastEnd', { line: headerRow }) : say('sheetEmpty') };
  const headers = cleanHeaders(text(grid[top]));
  assertColumnLimit(sheet, headers.length);
  const rows: (string | null)[][] = [];
  const lines: number[] = [];
  for (let r = top + 1; r < grid.length; r++) {
    const row = grid[r];
    if (!row.some((v) => v !== null && String(v).trim() !== '')) continue;
    rows.push(headers.map((_, c) => (row[c] === null || row[c] === undefined ? null : cellText(row[c]))));
    lines.push(r + firstRowNumber(ws)); // sheet row number, as Excel shows it
  }
  const notes = titleLinesNote(titleRows.map((r) => r + firstRowNumber(ws)));
  notes.push(...dropTotalRows(rows, lines));
  notes.push(...formulaNotes(ws, headers, top));
  const table = newStagingName();
  await qm.exclusive((c) => c.insertArrowIPC(table, rowsToStagingIPC(headers.length, rows, lines), true));
  return {
    sheet,
    note: null,
    staging: {
      table, headers, rowsRead: rows.length, rejected: [], rejectedCount: 0, encoding: null, delimiter: null, notes,
      headerRow: { line: top + firstRowNumber(ws), chosen: headerRow !== undefined },
    },
  };
}

/** Sheet row number of grid row 0 (the sheet's range may start below row 1). */
function firstRowNumber(ws: WorkSheet): number {
  return ws['!ref'] ? utils.decode_range(ws['!ref']).s.r + 1 : 1;
}

/**
 * Sets the sheet's range to the cells it really has. A <dimension> of A1:XFD1048576 on a 20-row
 * sheet would otherwise make every row 16,384 cells wide (and the sheet refused as too wide).
 */
function shrinkToData(ws: WorkSheet): void {
  const data = (ws['!data'] ?? []) as (CellObject | undefined)[][];
  let lastRow = -1;
  let lastCol = -1;
  data.forEach((row, r) => {
    if (!row) return;
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] && (row[c]!.v !== undefined || row[c]!.f !== undefined)) {
        lastRow = r;
        lastCol = Math.max(lastCol, c);
        break;
      }
    }
  });
  if (lastRow < 0) {
    delete ws['!ref'];
    return;
  }
  const start = ws['!ref'] ? utils.decode_range(ws['!ref']).s : { r: 0, c: 0 };
  ws['!ref'] = utils.encode_range({ s: start, e: { r: Math.max(start.r, lastRow), c: Math.max(start.c, lastCol) } });
}

/** Drops a 合计/Total row among the last rows (it would count every sum twice); returns its note. */
function dropTotalRows(rows: (string | null)[][], lines: number[]): string[] {
  const notes: string[] = [];
  for (let i = rows.length - 1; i >= Math.max(0, rows.length - TAIL_ROWS); i--) {
    const label = totalRowLabel(rows[i]);
    if (!label) continue;
    notes.unshift(say('totalRowSkipped', { line: lines[i], label }));
    rows.splice(i, 1);
    lines.splice(i, 1);
  }
  return notes;
}

/** One note per column holding formula cells without a saved value (they load as empty). */
function formulaNotes(ws: WorkSheet, headers: string[], headerRow: number): string[] {
  const data = (ws['!data'] ?? []) as (CellObject | undefined)[][];
  const start = ws['!ref'] ? utils.decode_range(ws['!ref']).s : { r: 0, c: 0 };
  const counts = new Map<number, number>();
  for (let r = start.r + headerRow + 1; r < data.length; r++) {
    data[r]?.forEach((cell, c) => {
      if (cell && cell.f !== undefined && cell.t === 'z') counts.set(c - start.c, (counts.get(c - start.c) ?? 0) + 1);
    });
  }
  return [...counts].filter(([c]) => c >= 0 && c < headers.length).map(([c, count]) => say('formulasWithoutValues', { column: headers[c], count }));
}

/** Cell value as text: dates as ISO (no time when midnight), numbers without float noise. */
function cellText(v: unknown): string {
  if (v instanceof Date) {
    const iso = new Date(v.getTime() - v.getTimezoneOffset() * 60000).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  return String(v);
}
