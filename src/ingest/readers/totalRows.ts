import { trimValue } from '../values/chars';

/** Labels of a total row under a table (合计 / 总计 / 小计 / Total / Grand total / Sum), with an optional colon. */
const TOTAL_LABEL = /^(?:合\s*计|总\s*计|小\s*计|总合计|累\s*计|total|totals|grand\s+total|sub-?total|sum)\s*[:：]?$/i;

/**
 * The label when a row is a total row rather than a record: its first non-blank cell, among the
 * first three, says 合计/Total. Spreadsheet exports add one under the table; loaded as a record
 * it would count every sum twice.
 */
export function totalRowLabel(cells: readonly (string | null | undefined)[]): string | null {
  for (const cell of cells.slice(0, 3)) {
    const text = trimValue(String(cell ?? ''));
    if (text === '') continue;
    return TOTAL_LABEL.test(text) ? text : null;
  }
  return null;
}
