import { read, utils, type WorkBook, type WorkSheet } from '@e965/xlsx';
import type { QueryManager } from '../../engine/queryManager';
import { assertColumnLimit, cleanHeaders, newStagingName, rowsToStagingIPC, type StagedSheet } from '../staging';
import { NotATableError, type IngestInput } from '../types';

/**
 * Reads every sheet of an XLSX/XLS workbook (SheetJS) into its own staging table. Dates
 * formatted as dates arrive as ISO text; other cells as their raw value's text, so Excel
 * serial numbers in date columns are still recognised downstream.
 */
export async function readWorkbook(qm: QueryManager, input: IngestInput): Promise<StagedSheet[]> {
  const bytes = await input.read(0, input.size);
  let book: WorkBook;
  try {
    book = read(bytes, { type: 'array', cellDates: true, cellFormula: false, cellHTML: false, dense: true });
  } catch (e) {
    throw new NotATableError(input.name, describeWorkbookError(e));
  }
  if (!book.SheetNames.length) throw new NotATableError(input.name, 'the workbook has no sheets.');
  const out: StagedSheet[] = [];
  for (const sheet of book.SheetNames) {
    const ws = book.Sheets[sheet];
    out.push(await stageSheet(qm, sheet, ws));
  }
  return out;
}

async function stageSheet(qm: QueryManager, sheet: string, ws: WorkSheet | undefined): Promise<StagedSheet> {
  if (!ws) return { sheet, staging: null, note: 'the sheet is empty' };
  const grid = utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  const headerIndex = grid.findIndex((row) => row.some((v) => v !== null && String(v).trim() !== ''));
  if (headerIndex < 0) return { sheet, staging: null, note: 'the sheet is empty' };
  const headers = cleanHeaders(grid[headerIndex].map((v) => (v === null ? null : cellText(v))));
  assertColumnLimit(sheet, headers.length);
  const rows: (string | null)[][] = [];
  const lines: number[] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const row = grid[r];
    if (!row.some((v) => v !== null && String(v).trim() !== '')) continue;
    rows.push(headers.map((_, c) => (row[c] === null || row[c] === undefined ? null : cellText(row[c]))));
    lines.push(r + 1); // sheet row number, as Excel shows it
  }
  const table = newStagingName();
  await qm.exclusive((c) => c.insertArrowIPC(table, rowsToStagingIPC(headers.length, rows, lines), true));
  return {
    sheet,
    note: null,
    staging: { table, headers, rowsRead: rows.length, rejected: [], rejectedCount: 0, encoding: null, delimiter: null, notes: [] },
  };
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

function describeWorkbookError(e: unknown): string {
  const msg = String((e as Error)?.message ?? e);
  if (/password|encrypt/i.test(msg)) return 'the workbook is password-protected; save it without a password and try again.';
  if (/zip|corrupt|end of central|unsupported|invalid|bad/i.test(msg)) return `the workbook is damaged or truncated (${msg.slice(0, 120)}).`;
  return `the workbook cannot be read (${msg.slice(0, 120)}).`;
}
