import type { QueryManager } from '../engine/queryManager';
import { toRows } from '../engine/rows';
import { CANONICAL_TABLES, SCHEMA } from './schema';
import { cleanHeaders, stagingColumn, type Staging } from './staging';
import { isBlankLike } from './values/blanks';
import { parseNumber } from './values/numbers';
import { readDate } from './values/dates';
import { bestSynonymScore } from './detect/headers';

/** Every header synonym of every canonical table: what a header row's cells read like. */
const ALL_SYNONYMS = [...new Set(CANONICAL_TABLES.flatMap((t) => SCHEMA[t].flatMap((c) => c.synonyms)))];
/** A cell this close to a synonym reads as a column name. */
const NAME_SCORE = 0.8;

/** How many cells of a row read as column names; null when a cell is a number or a date (a data row). */
function namedCells(cells: readonly (string | null)[]): number | null {
  let named = 0;
  for (const c of cells) {
    if (c === null || isBlankLike(c)) continue;
    if (parseNumber(c) !== null || readDate(c) !== null) return null;
    if (bestSynonymScore(c, ALL_SYNONYMS) >= NAME_SCORE) named++;
  }
  return named;
}

/** A second header row found under the first: its file line and the row kept as column descriptions. */
export interface SecondHeader {
  line: number;
  /** The header row not used as the header (in column order): the columns' descriptions. */
  descriptions: string[];
}

/**
 * Exports written for two audiences carry two header rows (客户编号 over Customer ID). When the
 * first staged row reads as a header too (no number or date in it, and at least half of its cells,
 * two or more, name columns), it is no data row: the row whose cells name more canonical columns
 * becomes the header (the first on a tie), the other the column descriptions, and the row leaves
 * the staging table. Changes `staging` in place; null when the first row is data.
 */
export async function settleSecondHeader(qm: QueryManager, staging: Staging): Promise<SecondHeader | null> {
  const cols = staging.headers.map((_, i) => stagingColumn(i));
  const [first] = toRows<Record<string, string | null>>(
    await qm.query(`SELECT ${cols.join(', ')}, _line FROM ${staging.table} ORDER BY _line LIMIT 1`, { cache: false }),
  );
  if (!first) return null;
  const cells = cols.map((c) => first[c] ?? null);
  const filled = cells.filter((c) => c !== null && !isBlankLike(c)).length;
  const named = namedCells(cells);
  if (named === null || named < 2 || named * 2 < filled) return null;
  const line = Number(first._line);
  await qm.exec(`DELETE FROM ${staging.table} WHERE _line = ${line}`);
  staging.rowsRead -= 1;
  const headerNamed = namedCells(staging.headers) ?? 0;
  if (named > headerNamed) {
    const descriptions = staging.headers;
    staging.headers = cleanHeaders(cells);
    return { line, descriptions };
  }
  return { line, descriptions: cells.map((c) => c ?? '') };
}
