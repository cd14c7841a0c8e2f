import { isBlankLike, isBlankTokenSql, plainTextSql } from './blanks';
import { letSql } from './sqlBind';
import { trimSql, trimValue } from './chars';

/**
 * Identifier normalisation, JS and SQL twins. Ids are opaque text: never re-cased, never read as
 * numbers, leading zeros kept ('00123'). What is undone so the same customer matches across
 * files: invisible characters anywhere in the id (zero-width space/joiners, word joiner, BOM,
 * NBSP and narrow NBSP, which copy-paste and some CRMs leave inside ids), surrounding blanks,
 * Unicode composition (NFC: 'é' typed as e + U+0301 equals 'é'), a float rendering of an integer
 * id ('17850.0' -> '17850') and Excel's scientific display of a long number ('1.785E+04' ->
 * '17850', only with the explicit 'E+' Excel writes, so product codes like '12E4' stay as they are).
 */

const FLOAT_INT_RE = /^[0-9]+\.0+$/;
const EXCEL_SCI_RE = /^[0-9](\.[0-9]+)?[eE]\+[0-9]{1,2}$/;

/** Characters dropped from anywhere in an id: zero-width space/non-joiner/joiner, word joiner, BOM, NBSP, narrow NBSP. */
const INVISIBLE_IN_ID = '\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f';
const INVISIBLE_RE = new RegExp(`[${INVISIBLE_IN_ID}]`, 'g');
/** The same set as an RE2 class for DuckDB. */
const INVISIBLE_SQL_CLASS = `[${[...INVISIBLE_IN_ID].map((ch) => `\\x{${ch.charCodeAt(0).toString(16)}}`).join('')}]`;

/** Normalises one id the way normaliseIdSql does; null when blank-like. */
export function normaliseId(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const visible = raw.replace(INVISIBLE_RE, '').normalize('NFC');
  if (isBlankLike(visible)) return null;
  const t = trimValue(visible);
  if (FLOAT_INT_RE.test(t)) return t.replace(/\.0+$/, '');
  if (EXCEL_SCI_RE.test(t)) return expandExcelScientific(t) ?? t;
  return t;
}

/**
 * '1.785E+04' -> '17850' by moving the decimal point in the text (never through a float, which
 * would round long ids); null when the value is not a whole number ('1.2345E+02').
 */
function expandExcelScientific(t: string): string | null {
  const [mantissa, exponent] = t.split(/[eE]\+/);
  const [whole, fraction = ''] = mantissa.split('.');
  const e = Number(exponent);
  if (!/^0*$/.test(fraction.slice(e))) return null;
  return (whole + fraction.slice(0, e).padEnd(e, '0')).replace(/^0+(?=\d)/, '');
}

/** SQL: the VARCHAR `expr` as a normalised id (VARCHAR); NULL when blank-like. */
export function normaliseIdSql(expr: string): string {
  // Fast path: a plain ASCII value (bytes = characters, so nothing invisible and nothing to
  // compose) without '.' or '+' cannot be either artefact and is the id as written.
  const v = `CAST(${expr} AS VARCHAR)`;
  const plain = `${plainTextSql(v)} AND strlen(${v}) = length(${v}) AND NOT contains(${v}, '.') AND NOT contains(${v}, '+')`;
  const visible = `nfc_normalize(regexp_replace(${v}, '${INVISIBLE_SQL_CLASS}', '', 'g'))`;
  return `CASE WHEN ${plain} THEN ${v} ELSE CAST(${letSql(visible, 'u', (u) => letSql(trimSql(u), 't', (t) => {
    const fraction = `coalesce(regexp_extract(${t}, '\\.([0-9]+)', 1), '')`;
    const e = `CAST(regexp_extract(${t}, '\\+([0-9]+)', 1) AS INTEGER)`;
    return `CASE WHEN ${isBlankTokenSql(t)} THEN NULL ` +
      `WHEN regexp_full_match(${t}, '[0-9]+\\.0+') THEN regexp_replace(${t}, '\\.0+$', '') ` +
      `WHEN regexp_full_match(${t}, '[0-9](\\.[0-9]+)?[eE]\\+[0-9]{1,2}') AND regexp_full_match(substring(${fraction}, ${e} + 1), '0*') ` +
      `THEN regexp_replace(left(${t}, 1) || rpad(left(${fraction}, ${e}), ${e}, '0'), '^0+([0-9])', '\\1') ELSE ${t} END`;
  }))} AS VARCHAR) END`;
}

/** True when a value is shaped like an identifier: one token of letters/digits and -_./# (no spaces). */
export function isIdShaped(raw: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9\-_./#:]*$/.test(trimValue(raw));
}
