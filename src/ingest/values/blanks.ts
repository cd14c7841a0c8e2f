import { lit } from '../../engine/sql';
import { TRIM_CHARS, trimSql, trimValue } from './chars';
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

/**
 * SQL for an already trimmed text: TRUE when it is empty or a blank token. list_contains, not
 * `IN (...)`: DuckDB plans a long IN list as a join, which runs on every row even where the test
 * sits in a CASE branch that only a few rows reach.
 */
export function isBlankTokenSql(trimmed: string): string {
  const tokens = ["''", ...BLANK_TOKENS.map((t) => lit(t))].join(', ');
  return `list_contains([${tokens}], coalesce(lower(${trimmed}), ''))`;
}

/** SQL: TRUE when the VARCHAR `expr` is NULL, empty, whitespace-only or a blank token. */
export function blankSql(expr: string): string {
  return isBlankTokenSql(trimSql(expr));
}

/** Every first character a blank token can have, in both cases ('n', 'N', '#', '(', '-' ...). */
const BLANK_FIRST_CHARS = [...new Set(BLANK_TOKENS.flatMap((t) => [t[0], t[0].toUpperCase()]))].join('');

/**
 * SQL: TRUE when the VARCHAR `v` is certainly neither blank-like nor in need of trimming, judged
 * from its first and last character only (~15x cheaper than trimming and comparing with every
 * blank token). FALSE or NULL says nothing: such values take the full conversion. '' and NULL are
 * never plain. The conversions use it as a fast path, since clean exports are almost all plain.
 */
export function plainTextSql(v: string): string {
  return `(strpos(${lit(TRIM_CHARS + BLANK_FIRST_CHARS)}, substring(${v}, 1, 1)) = 0 AND strpos(${lit(TRIM_CHARS)}, substring(${v}, -1, 1)) = 0)`;
}

/** SQL: trimmed `expr`, or NULL when it is blank-like (the `text` conversion). */
export function textSql(expr: string): string {
  const v = `CAST(${expr} AS VARCHAR)`;
  return `CASE WHEN ${plainTextSql(v)} THEN ${v} ELSE ${letSql(trimSql(expr), 't', (t) => `CASE WHEN ${isBlankTokenSql(t)} THEN NULL ELSE ${t} END`)} END`;
}
