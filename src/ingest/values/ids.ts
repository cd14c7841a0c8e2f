import { isBlankLike, isBlankTokenSql, plainTextSql } from './blanks';
import { letSql } from './sqlBind';
import { trimSql, trimValue } from './chars';

/**
 * Identifier normalisation, JS and SQL twins. Ids are opaque text: trimmed, never re-cased,
 * leading zeros kept ('00123'). Two spreadsheet artefacts are undone so the same customer
 * matches across files: a float rendering of an integer id ('17850.0' -> '17850') and Excel's
 * scientific display of a long number ('1.785E+04' -> '17850', only with the explicit 'E+'
 * Excel writes, so product codes like '12E4' stay as they are).
 */

const FLOAT_INT_RE = /^[0-9]+\.0+$/;
const EXCEL_SCI_RE = /^[0-9](\.[0-9]+)?[eE]\+[0-9]{1,2}$/;

/** Normalises one id the way normaliseIdSql does; null when blank-like. */
export function normaliseId(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || isBlankLike(raw)) return null;
  const t = trimValue(raw);
  if (FLOAT_INT_RE.test(t)) return t.replace(/\.0+$/, '');
  if (EXCEL_SCI_RE.test(t)) {
    const n = Number(t);
    if (Number.isInteger(n) && n < 1e18) return BigInt(n).toString();
  }
  return t;
}

/** SQL: the VARCHAR `expr` as a normalised id (VARCHAR); NULL when blank-like. */
export function normaliseIdSql(expr: string): string {
  // Fast path: a plain value without '.' or '+' cannot be either artefact and is the id as written.
  const v = `CAST(${expr} AS VARCHAR)`;
  const plain = `${plainTextSql(v)} AND NOT contains(${v}, '.') AND NOT contains(${v}, '+')`;
  return `CASE WHEN ${plain} THEN ${v} ELSE CAST(${letSql(trimSql(expr), 't', (t) => {
    const n = `try_cast(${t} AS DOUBLE)`;
    return `CASE WHEN ${isBlankTokenSql(t)} THEN NULL ` +
      `WHEN regexp_full_match(${t}, '[0-9]+\\.0+') THEN regexp_replace(${t}, '\\.0+$', '') ` +
      `WHEN regexp_full_match(${t}, '[0-9](\\.[0-9]+)?[eE]\\+[0-9]{1,2}') AND ${n} = floor(${n}) AND ${n} < 1e18 ` +
      `THEN CAST(CAST(${n} AS HUGEINT) AS VARCHAR) ELSE ${t} END`;
  })} AS VARCHAR) END`;
}

/** True when a value is shaped like an identifier: one token of letters/digits and -_./# (no spaces). */
export function isIdShaped(raw: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9\-_./#:]*$/.test(trimValue(raw));
}
