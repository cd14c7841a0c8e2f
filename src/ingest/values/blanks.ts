import { lit } from '../../engine/sql';
import { trimSql, trimValue } from './chars';
import { letSql } from './sqlBind';

/**
 * Tokens that mean "no value" in CRM/Excel/pandas exports, compared lower-cased after trimming.
 * Decisions:
 * - 'NA' and 'N/A' are blank although 'NA' can be a region code: exports use it for missing far
 *   more often than for North America.
 * - Excel error values (#N/A, #VALUE!, #REF!, #DIV/0!, #NUM!, #NAME?, #NULL!) are blank: they
 *   are formula failures, not data.
 * - '无' (none) is NOT blank: in flag columns (是否投诉: 无) it is a real "no" answer, and
 *   dropping it would turn an answer into unknown. Text columns keep it as written.
 * - Dashes ('-', '--', '—', '–', '－') are blank: spreadsheets use them for "nothing here".
 */
export const BLANK_TOKENS: readonly string[] = [
  'null', 'nil', 'none', 'nan', 'nat', 'n/a', 'na', '#n/a', '#na', '(blank)', '(null)', '(空白)',
  '-', '--', '---', '—', '——', '–', '－', '#value!', '#ref!', '#div/0!', '#num!', '#name?', '#null!',
];

const BLANK_SET = new Set(BLANK_TOKENS);

/** True for null/undefined, empty or whitespace-only text, and the BLANK_TOKENS (case-insensitive). */
export function isBlankLike(v: string | null | undefined): boolean {
  if (v === null || v === undefined) return true;
  const t = trimValue(v);
  return t === '' || BLANK_SET.has(t.toLowerCase());
}

/** SQL: `key IN (...)` for an already trimmed text: TRUE when it is empty or a blank token. */
export function isBlankTokenSql(trimmed: string): string {
  const tokens = ["''", ...BLANK_TOKENS.map((t) => lit(t))].join(', ');
  return `(coalesce(lower(${trimmed}), '') IN (${tokens}))`;
}

/** SQL: TRUE when the VARCHAR `expr` is NULL, empty, whitespace-only or a blank token. */
export function blankSql(expr: string): string {
  return isBlankTokenSql(trimSql(expr));
}

/** SQL: trimmed `expr`, or NULL when it is blank-like (the `text` conversion). */
export function textSql(expr: string): string {
  return letSql(trimSql(expr), 't', (t) => `CASE WHEN ${isBlankTokenSql(t)} THEN NULL ELSE ${t} END`);
}
