import { isBlankLike } from './blanks';
import { halfWidthSql, toHalfWidth, trimSql, trimValue } from './chars';
import { letSql } from './sqlBind';

/**
 * Number cleaning, JS and SQL twins. Accepted: thousands separators (1,234.56), currency
 * signs and codes (¥ $ € £ US$ USD CNY RMB 元 ...), percentages (12.5% -> 0.125), 万/亿 units
 * (1.2万 -> 12000), accounting negatives ((1,234) -> -1234), a leading '+', exponents, full-width
 * digits. A single comma followed by 1-2 digits is a decimal comma ('12,5' -> 12.5,
 * '1.234,56' -> 1234.56); a comma followed by 3 digits is a thousands separator ('1,234' -> 1234).
 * Anything else (inf, nan, '12 apples') is not a number.
 */

/**
 * Currency signs/codes and inner spaces (incl. the NBSP French exports use as a thousands
 * separator) removed before parsing; the pattern is valid in both RE2 and JS.
 */
const CURRENCY_OR_SPACE = String.raw`(?:US\$|HK\$|A\$|C\$|USD|CNY|RMB|EUR|GBP|JPY|HKD|人民币|美元|元|[¥$€£￥]|[\s` + '\u00a0\u202f' + ']+)';
const DECIMAL_COMMA = String.raw`\(?[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d{1,2}[%万亿]?\)?`;
const NUM = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[%万亿]?`;
const NUMBER_SHAPE = String.raw`\(${NUM}\)|${NUM}`;

const CURRENCY_RE = new RegExp(CURRENCY_OR_SPACE, 'gi');
const DECIMAL_COMMA_RE = new RegExp(`^(?:${DECIMAL_COMMA})$`);
const NUMBER_SHAPE_RE = new RegExp(`^(?:${NUMBER_SHAPE})$`);

/** Strips currency and separators: the text the final number pattern is matched against. */
function numberCore(raw: string): string {
  const s = toHalfWidth(trimValue(raw)).replace(CURRENCY_RE, '');
  return DECIMAL_COMMA_RE.test(s) ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
}

/** Parses a number the way numberSql converts it; null when blank-like or not a number. */
export function parseNumber(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || isBlankLike(raw)) return null;
  const s = numberCore(raw);
  if (!NUMBER_SHAPE_RE.test(s)) return null;
  const value = Number(s.replace(/[()%万亿]/g, ''));
  if (!Number.isFinite(value)) return null;
  return (s.startsWith('(') ? -value : value) / (s.includes('%') ? 100 : 1) * unitOf(s);
}

function unitOf(s: string): number {
  if (s.includes('万')) return 1e4;
  if (s.includes('亿')) return 1e8;
  return 1;
}

/** True when the value is written as a percentage ('12.5%'). */
export function isPercentText(raw: string): boolean {
  return /%\)?$/.test(toHalfWidth(trimValue(raw)));
}

/**
 * SQL: the VARCHAR `expr` as DOUBLE with the cleaning above; NULL when blank or not a number.
 * Plain numbers take DuckDB's cast (fast); only the rest go through the regex cleaning. The
 * cast alone would also accept 'inf', 'nan' and '1_000', hence the guards.
 */
export function numberSql(expr: string): string {
  // Fast path outside the trim/let: DuckDB's cast skips surrounding spaces itself, so a value it
  // reads reads the same trimmed (the let's list lambda alone costs more than the cast).
  const v = `CAST(${expr} AS VARCHAR)`;
  const fast = `try_cast(${v} AS DOUBLE)`;
  return `CASE WHEN isfinite(${fast}) AND NOT contains(${v}, '_') THEN ${fast} ELSE CAST(${letSql(trimSql(expr), 't', (t) => {
    const cast = `try_cast(${t} AS DOUBLE)`;
    const stripped = `regexp_replace(${halfWidthSql(t)}, '${CURRENCY_OR_SPACE}', '', 'gi')`;
    return `CASE WHEN isfinite(${cast}) AND NOT contains(${t}, '_') THEN ${cast} ` +
      // The usual money shape ('¥1,234.50', '-$80') in one regex and one cast.
      `WHEN regexp_full_match(${t}, '[+-]?[¥$€£￥]?[+-]?\\d{1,3}(,\\d{3})*(\\.\\d+)?') THEN try_cast(regexp_replace(${t}, '[¥$€£￥,]', '', 'g') AS DOUBLE) ` +
      `WHEN regexp_matches(${t}, '[0-9０-９]') THEN ${letSql(stripped, 's', cleanedNumberSql)} END`;
  })} AS DOUBLE) END`;
}

/** SQL: the number in currency-free text `s` (decimal comma, sign, %, 万/亿 handled). */
function cleanedNumberSql(s: string): string {
  const core = `CASE WHEN regexp_full_match(${s}, '${DECIMAL_COMMA}') ` +
    `THEN replace(replace(${s}, '.', ''), ',', '.') ELSE replace(${s}, ',', '') END`;
  return letSql(core, 'c', (c) => {
    const magnitude = `try_cast(regexp_replace(${c}, '[()%万亿]', '', 'g') AS DOUBLE)`;
    const sign = `(CASE WHEN starts_with(${c}, '(') THEN -1.0 ELSE 1.0 END)`;
    const percent = `(CASE WHEN contains(${c}, '%') THEN 100.0 ELSE 1.0 END)`;
    const unit = `(CASE WHEN contains(${c}, '万') THEN 10000.0 WHEN contains(${c}, '亿') THEN 100000000.0 ELSE 1.0 END)`;
    return `CASE WHEN regexp_full_match(${c}, '${NUMBER_SHAPE}') THEN ${sign} * ${magnitude} / ${percent} * ${unit} END`;
  });
}
