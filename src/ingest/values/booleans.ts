import { lit } from '../../engine/sql';
import { isBlankLike } from './blanks';
import { trimValue, trimSql } from './chars';
import { letSql } from './sqlBind';

/**
 * Yes/no vocabulary of generic flag columns, compared lower-cased after trimming. Chinese flags
 * written as 已X / 未X ("already X" / "not yet X": 已流失/未流失, 已付款/未付款) read as
 * TRUE / FALSE. '无' (none) is FALSE and '有' (has) TRUE. Anything else is not a boolean.
 */
/** Words read as TRUE. */
export const TRUE_WORDS: readonly string[] = ['yes', 'y', 'true', 't', '1', '1.0', 'on', '是', '对', '有', '√', '✓', '✔'];
/** Words read as FALSE. */
export const FALSE_WORDS: readonly string[] = ['no', 'n', 'false', 'f', '0', '0.0', 'off', '否', '不是', '错', '无', '×', '✗', '✘'];

const TRUE_SET = new Set(TRUE_WORDS);
const FALSE_SET = new Set(FALSE_WORDS);
/** 已X / 未X with a short Chinese X (2-4 characters in all). */
const DONE_RE = /^已[\u4e00-\u9fff]{1,3}$/;
const NOT_DONE_RE = /^未[\u4e00-\u9fff]{1,3}$/;

/** Parses a flag the way booleanSql converts it; null when blank or not in the vocabulary. */
export function parseBoolean(raw: string | null | undefined): boolean | null {
  if (raw === null || raw === undefined || isBlankLike(raw)) return null;
  const t = trimValue(raw).toLowerCase();
  if (TRUE_SET.has(t) || DONE_RE.test(t)) return true;
  if (FALSE_SET.has(t) || NOT_DONE_RE.test(t)) return false;
  return null;
}

/** True when the value is a yes/no word rather than a digit (Yes, 是, 已流失 but not 1/0). */
export function isBooleanWord(raw: string): boolean {
  return parseBoolean(raw) !== null && !/^[01](\.0)?$/.test(trimValue(raw));
}

/** SQL: a `lower(trim(...))` key list membership test. */
export function inListSql(key: string, words: readonly string[]): string {
  return `${key} IN (${words.map((w) => lit(w)).join(', ')})`;
}

/** SQL: the VARCHAR `expr` as BOOLEAN with the vocabulary above; NULL otherwise. */
export function booleanSql(expr: string): string {
  return `CAST(${letSql(`lower(${trimSql(expr)})`, 'k', (k) =>
    `CASE WHEN ${inListSql(k, TRUE_WORDS)} OR regexp_full_match(${k}, '已[\\x{4e00}-\\x{9fff}]{1,3}') THEN TRUE ` +
    `WHEN ${inListSql(k, FALSE_WORDS)} OR regexp_full_match(${k}, '未[\\x{4e00}-\\x{9fff}]{1,3}') THEN FALSE END`)} AS BOOLEAN)`;
}
