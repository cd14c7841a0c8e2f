import { lit } from '../../engine/sql';

/**
 * Character-level clean-up shared by the value parsers (JS) and their SQL twins. Exports from
 * Chinese Windows/Excel often carry full-width digits and punctuation, NBSP or ideographic
 * spaces; both sides must treat them exactly alike so profiling predicts what SQL converts.
 */

/** Full-width ASCII variants U+FF01..U+FF5E, the ideographic space and U+2212 minus... */
const FULL_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0xff01 + i)).join('') + '\u3000\u2212';
/** ...and what they become. */
const HALF_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('') + ' -';

/** Whitespace trimmed around every value: ASCII blanks, NBSP, ideographic space, BOM. */
export const TRIM_CHARS = ' \t\r\n\f\v\u00a0\u3000\ufeff';

/** Converts full-width ASCII variants (U+FF01..U+FF5E, U+3000) to half-width; U+2212 minus to '-'. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000\u2212]/g, (ch) => HALF_WIDTH[FULL_WIDTH.indexOf(ch)]);
}

/** Trims TRIM_CHARS from both ends: exactly the set trimSql trims, so JS and SQL agree. */
export function trimValue(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && TRIM_CHARS.includes(s[start])) start++;
  while (end > start && TRIM_CHARS.includes(s[end - 1])) end--;
  return s.slice(start, end);
}

/** RE2 class of the characters halfWidthSql converts. */
const FULL_WIDTH_CLASS = '[\\x{ff01}-\\x{ff5e}\\x{3000}\\x{2212}]';

/**
 * SQL: `expr` as VARCHAR with TRIM_CHARS trimmed (NULL stays NULL). trim() with a character
 * list costs ~1 µs per value, so it only runs when the first or last character is one of them;
 * looking at those two characters is 5x cheaper than the regex guard it replaced (an unanchored
 * `^[..]|[..]$` scans the whole value). substring() counts code points; `v[1]` would split
 * grapheme clusters and costs 4x more on CJK text.
 */
export function trimSql(expr: string): string {
  const v = `CAST(${expr} AS VARCHAR)`;
  const set = lit(TRIM_CHARS);
  return `CASE WHEN strpos(${set}, substring(${v}, 1, 1)) > 0 OR strpos(${set}, substring(${v}, -1, 1)) > 0 THEN trim(${v}, ${set}) ELSE ${v} END`;
}

/**
 * SQL: `text` (already trimmed) with full-width characters made ASCII, as toHalfWidth does.
 * translate() with this 96-character map is slow (~9 µs per value), hence the guard.
 */
export function halfWidthSql(text: string): string {
  return `CASE WHEN regexp_matches(${text}, '${FULL_WIDTH_CLASS}') THEN translate(${text}, ${lit(FULL_WIDTH)}, ${lit(HALF_WIDTH)}) ELSE ${text} END`;
}
