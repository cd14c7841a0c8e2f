import { isBlankLike } from './blanks';
import { halfWidthSql, toHalfWidth, trimSql, trimValue } from './chars';
import { letSql } from './sqlBind';

/**
 * Number cleaning, JS and SQL twins. Accepted: thousands separators (1,234.56), currency
 * signs and codes (¥ $ € £ US$ USD CNY RMB 元 ...), percentages (12.5% -> 0.125), 万/亿 units
 * (1.2万 -> 12000), accounting negatives ((1,234) -> -1234), a leading '+', exponents, full-width
 * digits. A single comma followed by 1-2 digits is a decimal comma ('12,5' -> 12.5,
 * '1.234,56' -> 1234.56); a comma followed by 3 digits is a thousands separator ('1,234' -> 1234);
 * two or more dot groups of three digits are thousands ('2.000.000' -> 2000000).
 * Anything else (inf, nan, '12 apples') is not a number.
 *
 * Files written with a decimal comma (European Excel, ';'-separated) read with the 'comma' style:
 * there '1.234' is 1234 and '1,234' is 1.234. Which style a column has is decided per file
 * (profile.ts and ingestFile), since one value alone ('1.234') cannot say.
 */

/** How a column writes decimals: '1,234.5' ('dot', the default) or '1.234,5' ('comma'). */
export type NumberStyle = 'dot' | 'comma';

/**
 * Currency signs/codes and inner spaces (incl. the NBSP French exports use as a thousands
 * separator) removed before parsing; the pattern is valid in both RE2 and JS.
 */
const CURRENCY_OR_SPACE = String.raw`(?:US\$|HK\$|A\$|C\$|USD|CNY|RMB|EUR|GBP|JPY|HKD|人民币|美元|元|[¥$€£￥]|[\s` + '\u00a0\u202f' + ']+)';
const DECIMAL_COMMA = String.raw`\(?[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d{1,2}[%万亿]?\)?`;
/** In the 'comma' style: dot-grouped thousands with any decimals, or a comma followed by any digits. */
const COMMA_STYLE = String.raw`\(?[+-]?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)[%万亿]?\)?`;
/** In either style: two or more dot groups of three digits can only be thousands. */
const DOT_THOUSANDS = String.raw`\(?[+-]?\d{1,3}(?:\.\d{3}){2,}[%万亿]?\)?`;
const NUM = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[%万亿]?`;
const NUMBER_SHAPE = String.raw`\(${NUM}\)|${NUM}`;

const CURRENCY_RE = new RegExp(CURRENCY_OR_SPACE, 'gi');
const DECIMAL_COMMA_RE = new RegExp(`^(?:${DECIMAL_COMMA})$`);
const COMMA_STYLE_RE = new RegExp(`^(?:${COMMA_STYLE})$`);
const DOT_THOUSANDS_RE = new RegExp(`^(?:${DOT_THOUSANDS})$`);
const NUMBER_SHAPE_RE = new RegExp(`^(?:${NUMBER_SHAPE})$`);

/** The value trimmed, made half-width, without currency signs, codes and inner spaces. */
export function withoutCurrency(raw: string): string {
  return toHalfWidth(trimValue(raw)).replace(CURRENCY_RE, '');
}

/** Strips currency and separators: the text the final number pattern is matched against. */
function numberCore(raw: string, style: NumberStyle): string {
  const s = withoutCurrency(raw);
  if (DECIMAL_COMMA_RE.test(s) || (style === 'comma' && COMMA_STYLE_RE.test(s))) return s.replace(/\./g, '').replace(',', '.');
  if (DOT_THOUSANDS_RE.test(s)) return s.replace(/\./g, '');
  return s.replace(/,/g, '');
}

/** Parses a number the way numberSql converts it (the 'dot' style); null when blank-like or not a number. */
export function parseNumber(raw: string | null | undefined): number | null {
  return parseNumberWithStyle(raw, 'dot');
}

/** Parses a number written in `style` the way numberSql(expr, style) converts it. */
export function parseNumberWithStyle(raw: string | null | undefined, style: NumberStyle): number | null {
  if (raw === null || raw === undefined || isBlankLike(raw)) return null;
  const s = numberCore(raw, style);
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
export function numberSql(expr: string, style: NumberStyle = 'dot'): string {
  // Fast path outside the trim/let: DuckDB's cast skips surrounding spaces itself, so a value it
  // reads reads the same trimmed (the let's list lambda alone costs more than the cast). In the
  // comma style a '.' is a thousands separator, which the cast would read as a decimal point.
  const v = `CAST(${expr} AS VARCHAR)`;
  const fast = `try_cast(${v} AS DOUBLE)`;
  const castable = (x: string) => `isfinite(try_cast(${x} AS DOUBLE)) AND NOT contains(${x}, '_')${style === 'comma' ? ` AND NOT contains(${x}, '.')` : ''}`;
  // The usual money shape ('¥1,234.50', '-$80') in one regex and one cast; not in the comma style.
  const money = (t: string) => style === 'comma' ? '' :
    `WHEN regexp_full_match(${t}, '[+-]?[¥$€£￥]?[+-]?\\d{1,3}(,\\d{3})*(\\.\\d+)?') THEN try_cast(regexp_replace(${t}, '[¥$€£￥,]', '', 'g') AS DOUBLE) `;
  return `CASE WHEN ${castable(v)} THEN ${fast} ELSE CAST(${letSql(trimSql(expr), 't', (t) => {
    const stripped = `regexp_replace(${halfWidthSql(t)}, '${CURRENCY_OR_SPACE}', '', 'gi')`;
    return `CASE WHEN ${castable(t)} THEN try_cast(${t} AS DOUBLE) ${money(t)}` +
      `WHEN regexp_matches(${t}, '[0-9０-９]') THEN ${letSql(stripped, 's', (s) => cleanedNumberSql(s, style))} END`;
  })} AS DOUBLE) END`;
}

/** SQL: the number in currency-free text `s` (decimal comma, dot thousands, sign, %, 万/亿 handled). */
function cleanedNumberSql(s: string, style: NumberStyle): string {
  const comma = `regexp_full_match(${s}, '${DECIMAL_COMMA}')${style === 'comma' ? ` OR regexp_full_match(${s}, '${COMMA_STYLE}')` : ''}`;
  const core = `CASE WHEN ${comma} THEN replace(replace(${s}, '.', ''), ',', '.') ` +
    `WHEN regexp_full_match(${s}, '${DOT_THOUSANDS}') THEN replace(${s}, '.', '') ELSE replace(${s}, ',', '') END`;
  return letSql(core, 'c', (c) => {
    const magnitude = `try_cast(regexp_replace(${c}, '[()%万亿]', '', 'g') AS DOUBLE)`;
    const sign = `(CASE WHEN starts_with(${c}, '(') THEN -1.0 ELSE 1.0 END)`;
    const percent = `(CASE WHEN contains(${c}, '%') THEN 100.0 ELSE 1.0 END)`;
    const unit = `(CASE WHEN contains(${c}, '万') THEN 10000.0 WHEN contains(${c}, '亿') THEN 100000000.0 ELSE 1.0 END)`;
    return `CASE WHEN regexp_full_match(${c}, '${NUMBER_SHAPE}') THEN ${sign} * ${magnitude} / ${percent} * ${unit} END`;
  });
}
