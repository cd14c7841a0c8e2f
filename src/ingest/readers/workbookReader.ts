import { read, type WorkBook } from '@e965/xlsx';
import type { QueryManager } from '../../engine/queryManager';
import { say } from '../messages';
import { type StagedSheet } from '../staging';
import { NotATableError, type IngestInput } from '../types';
import { stageSheet } from './sheetStaging';
import { assertWorkbookBounds } from './workbookBounds';

/**
 * Reads the sheets of an XLSX/XLS workbook (SheetJS), each into its own staging table, after
 * assertWorkbookBounds has made sure the browser can hold it. Hidden sheets (often stale copies)
 * are skipped unless `includeHiddenSheets`, and named in a note; every sheet is skipped only
 * when no sheet is visible.
 */
export async function readWorkbook(
  qm: QueryManager,
  input: IngestInput,
  options: { includeHiddenSheets?: boolean; headerRowOf?: (sheet: string) => number | undefined } = {},
): Promise<StagedSheet[]> {
  const bytes = await input.read(0, input.size);
  await assertWorkbookBounds(input.name, bytes);
  let book: WorkBook;
  try {
    // sheetStubs keeps formula cells that have no saved value (as empty stubs), so they can be counted.
    book = read(bytes, { type: 'array', cellDates: true, cellFormula: true, cellHTML: false, dense: true, sheetStubs: true });
  } catch (e) {
    throw new NotATableError(input.name, describeWorkbookError(e));
  }
  if (!book.SheetNames.length) throw new NotATableError(input.name, say('workbookNoSheets'));
  const hidden = new Set(book.SheetNames.filter((_, i) => (book.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0));
  const skipped = options.includeHiddenSheets || hidden.size === book.SheetNames.length ? new Set<string>() : hidden;
  const out: StagedSheet[] = [];
  for (const sheet of book.SheetNames) {
    if (!skipped.has(sheet)) out.push(await stageSheet(qm, sheet, book.Sheets[sheet], options.headerRowOf?.(sheet)));
  }
  const notes = [...skipped].map((sheet) => say('hiddenSheetSkipped', { sheet }));
  out.find((s) => s.staging)?.staging?.notes.unshift(...notes);
  return out;
}

/** The library's error as one of the loader's messages (its own text never reaches the user). */
function describeWorkbookError(e: unknown): string {
  const msg = String((e as Error)?.message ?? e);
  if (/password|encrypt/i.test(msg)) return say('workbookPassword');
  if (/zip|corrupt|end of central|unsupported|invalid|bad|unexpected|header/i.test(msg)) return say('workbookDamaged');
  return say('workbookUnreadable');
}
