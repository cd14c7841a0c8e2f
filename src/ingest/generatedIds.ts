import { lit } from '../engine/sql';

/**
 * Customer snapshots without an id column (a BI export of a churn study: level, usage, fee, a
 * churn flag). Each row is one customer; its id is made of the file's identity (its content
 * hash, and the sheet) and its line, so it is the same every time the same file is loaded and a
 * reload replaces the rows instead of adding them again.
 */

/** Hex digits of the content hash an id keeps: enough to keep two files apart, short enough to read. */
const HASH_DIGITS = 8;

/** The prefix of a file's generated ids: '3f9a12bc#' or, for a sheet, '3f9a12bc!客户#'. */
export function generatedIdPrefix(contentHash: string, sheet: string | null): string {
  const file = contentHash.slice(0, HASH_DIGITS) || 'file';
  return sheet ? `${file}!${sheet}#` : `${file}#`;
}

/** SQL: the generated customer id of a staging row (prefix + its `_line`). */
export function generatedIdSql(prefix: string): string {
  return `(${lit(prefix)} || CAST(_line AS VARCHAR))`;
}
