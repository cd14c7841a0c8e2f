import { isBlankLike } from './blanks';
import { halfWidthSql, toHalfWidth, trimSql, trimValue } from './chars';
import { letSql } from './sqlBind';

/**
 * Date and datetime recognition, JS and SQL twins. Recognised shapes:
 * - year first: 2024-01-02, 2024/1/2, 2024.1.2, with optional time ('2024-01-02 13:45:00',
 *   '2024-01-02T13:45:00Z', fractions, '+0800', '+00' (timezone-aware Parquet timestamps read as
 *   text, Postgres exports); the offset is dropped and the clock time kept,
 *   which is what DuckDB's TIMESTAMP cast does), or '2024/1/2 1:45 PM';
 * - year last: 02/01/2024, 1/2/2024, 2-1-2024, 1.2.2024, 1/2/24 (two-digit years pivot like
 *   DuckDB's %y: 00-68 -> 20xx, 69-99 -> 19xx), with optional time incl. AM/PM. Day-first or
 *   month-first is decided per column (see profile.ts); DEFAULT_YEAR_LAST_ORDER when ambiguous;
 * - compact: 20240102 (years 1900-2100 only) and 20240102134500;
 * - Chinese: 2024年1月2日, 2024年1月2号, 2024年1月 (day 1), with optional time after;
 * - month names: 02-Jan-2024, 2 January 2024, Jan 2, 2024, January 2 2024 (+ optional time);
 * - Excel serial day numbers (45293 = 2024-01-02, fractions are the time of day), only when
 *   the column is known to hold them (header says date, or the caller says so), since any
 *   number in 367..73050 would otherwise read as a date.
 */

/** Day-first vs month-first order of year-last dates; 'ymd' when every date is year-first. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/**
 * Order assumed for year-last dates when no value decides it (every part <= 12): month-first,
 * the order US-locale CRM exports (Salesforce, HubSpot, UCI Online Retail) write. A user or
 * the pipeline can override it per column through ColumnProfile.dateOrder.
 */
export const DEFAULT_YEAR_LAST_ORDER: 'dmy' | 'mdy' = 'mdy';

/** Smallest Excel serial read as a date: 1901-01-01 (skips Excel's 1900 leap-year bug). */
export const EXCEL_SERIAL_MIN = 367;
/** Largest Excel serial read as a date: 2099-12-31. */
export const EXCEL_SERIAL_MAX = 73050;

/** How a value is written; what the year-last order decision looks at. */
export type DateShape = 'ymd' | 'yearLast' | 'compact' | 'chinese' | 'monthName' | 'serial';

/** A recognised date: shape, calendar parts and whether a time of day other than 00:00 is written. */
export interface DateReading {
  shape: DateShape;
  /** For year-last values: the first and second number (day/month in some order). */
  first?: number;
  second?: number;
  hasTime: boolean;
}

/** Parsed calendar value (month 1-12). */
export interface DateParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Time suffixes accepted after a date (JS mirror of the strptime/cast formats below). */
const TIME_24 = String.raw`(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d{1,9})?)?)`;
const TIME_12 = String.raw`(?: (\d{1,2}):(\d{1,2})(?::(\d{1,2}))? ([AaPp][Mm]))`;
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:${TIME_24}(?:Z|[+-]\d{2}(?::?\d{2})?| UTC)?|${TIME_12})?$`);
const YEAR_LAST_RE = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:${TIME_24}|${TIME_12})?$`);
const MONTH_NAME_TIME = String.raw`(?: (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?: ([AaPp][Mm]))?)?`;
const DAY_MONTH_RE = new RegExp(String.raw`^(\d{1,2})[- ]([A-Za-z]+)\.?[- ](\d{4})${MONTH_NAME_TIME}$`);
const MONTH_DAY_RE = new RegExp(String.raw`^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})${MONTH_NAME_TIME}$`);

/** Header words that say a column holds dates (enables Excel serial reading). */
const DATE_HEADER_TOKENS = new Set(['date', 'time', 'datetime', 'timestamp', 'created', 'modified', 'updated', 'dt', 'at', 'day']);

/**
 * True when a header names a date/time column ('Close Date', 'created_at', 'InvoiceDate',
 * '下单时间'). Token based so 'Login Times' or 'days_since_last' do not count.
 */
export function headerSuggestsDate(header: string): boolean {
  if (/日期|时间|时刻/.test(header)) return true;
  const tokens = header.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return tokens.some((t) => DATE_HEADER_TOKENS.has(t) || (t.length > 4 && t.endsWith('date')));
}

/** True when the value is a number Excel would show as a date in 1901..2099 (e.g. '45293'). */
export function isExcelSerialCandidate(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  const t = toHalfWidth(trimValue(value));
  if (!/^\d{1,5}(\.\d+)?$/.test(t)) return false;
  const n = Number(t);
  return n >= EXCEL_SERIAL_MIN && n <= EXCEL_SERIAL_MAX;
}

/** The shared normalisation: full-width -> ASCII, 2024年1月2日 -> 2024-1-2, '1:45PM' -> '1:45 PM'. */
function normaliseDateText(raw: string): string {
  const s = toHalfWidth(trimValue(raw));
  const cn = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号]?)?/.exec(s);
  const base = cn ? `${cn[1]}-${cn[2]}-${cn[3] ?? 1} ${s.slice(cn[0].length)}`.trim() : s;
  return base.replace(/(\d)([AaPp][Mm])$/, '$1 $2');
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function valid(p: DateParts): DateParts | null {
  if (p.m < 1 || p.m > 12 || p.d < 1 || p.d > daysInMonth(p.y, p.m)) return null;
  if (p.hh > 24 || p.mi > 59 || p.ss > 59) return null;
  return p;
}

function timeOf(h?: string, mi?: string, s?: string, ampm?: string): { hh: number; mi: number; ss: number } | null {
  if (h === undefined) return { hh: 0, mi: 0, ss: 0 };
  let hh = Number(h);
  if (ampm) {
    if (hh < 1 || hh > 12) return null;
    hh = (hh % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  return { hh, mi: Number(mi), ss: s === undefined ? 0 : Number(s) };
}

function pivotYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 69 ? 2000 + n : 1900 + n) : n;
}

/** Month number of a word starting with a month abbreviation ('Jan', 'January', 'Sept'), else 0. */
function monthFromName(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/**
 * Parses a date the way dateSql converts it. `order` applies to year-last values only;
 * Excel serials are read only when `excelSerial` is true. Null when not a date.
 */
export function parseDate(raw: string | null | undefined, order: DateOrder = DEFAULT_YEAR_LAST_ORDER, excelSerial = false): DateParts | null {
  if (raw === null || raw === undefined || isBlankLike(raw)) return null;
  const n = normaliseDateText(raw);
  let m: RegExpExecArray | null;
  if ((m = /^((?:19|20)\d{2}|2100)(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(n))) {
    return valid({ y: +m[1], m: +m[2], d: +m[3], hh: +(m[4] ?? 0), mi: +(m[5] ?? 0), ss: +(m[6] ?? 0) });
  }
  if (excelSerial && isExcelSerialCandidate(n)) return fromSerial(Number(n));
  if ((m = ISO_RE.exec(n.replace(/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})/, '$1-$2-$3')))) {
    const t = m[4] !== undefined ? timeOf(m[4], m[5], m[6]) : timeOf(m[7], m[8], m[9], m[10]);
    return t && valid({ y: +m[1], m: +m[2], d: +m[3], ...t });
  }
  if ((m = YEAR_LAST_RE.exec(n.replace(/^(\d{1,2})[-.](\d{1,2})[-.](\d{2,4})/, '$1/$2/$3')))) {
    const t = m[4] !== undefined ? timeOf(m[4], m[5], m[6]) : timeOf(m[7], m[8], m[9], m[10]);
    const [d, mo] = order === 'dmy' ? [+m[1], +m[2]] : [+m[2], +m[1]];
    return t && valid({ y: pivotYear(m[3]), m: mo, d, ...t });
  }
  if ((m = DAY_MONTH_RE.exec(n))) return monthNameParts(m[3], m[2], m[1], m.slice(4));
  if ((m = MONTH_DAY_RE.exec(n))) return monthNameParts(m[3], m[1], m[2], m.slice(4));
  return null;
}

function monthNameParts(y: string, month: string, d: string, time: (string | undefined)[]): DateParts | null {
  const mo = monthFromName(month);
  const t = timeOf(time[0], time[1], time[2], time[3]);
  return mo > 0 && t ? valid({ y: +y, m: mo, d: +d, ...t }) : null;
}

function fromSerial(serial: number): DateParts {
  const ms = Date.UTC(1899, 11, 30) + Math.round(serial * 86400) * 1000;
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate(), hh: dt.getUTCHours(), mi: dt.getUTCMinutes(), ss: dt.getUTCSeconds() };
}

/**
 * Recognises a date without knowing the column's year-last order: a year-last value counts
 * when it is valid in at least one order. Used by profiling to decide the order.
 */
export function readDate(raw: string | null | undefined, excelSerial = false): DateReading | null {
  if (raw === null || raw === undefined || isBlankLike(raw)) return null;
  const n = normaliseDateText(raw);
  const parsed = parseDate(raw, 'mdy', excelSerial) ?? parseDate(raw, 'dmy', excelSerial);
  if (!parsed) return null;
  const hasTime = parsed.hh !== 0 || parsed.mi !== 0 || parsed.ss !== 0;
  if (/^\d{8}(\d{6})?$/.test(n)) return { shape: 'compact', hasTime };
  if (excelSerial && isExcelSerialCandidate(n)) return { shape: 'serial', hasTime };
  if (/^\d{4}年/.test(toHalfWidth(trimValue(raw)))) return { shape: 'chinese', hasTime };
  if (/^\d{4}[-/.]/.test(n)) return { shape: 'ymd', hasTime };
  const yl = /^(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}/.exec(n);
  if (yl) return { shape: 'yearLast', first: +yl[1], second: +yl[2], hasTime };
  return { shape: 'monthName', hasTime };
}

/** True for an 8-digit YYYYMMDD value with a real calendar date in 1900..2100. */
export function isCompactDate(raw: string | null | undefined): boolean {
  if (raw === null || raw === undefined) return false;
  const t = toHalfWidth(trimValue(raw));
  return /^\d{8}$/.test(t) && parseDate(t) !== null;
}

// ---- SQL -------------------------------------------------------------------------------------

/** What dateSql needs from the column profile. */
export interface DateSqlOptions {
  dateOrder: DateOrder | null;
  hasExcelSerial: boolean;
}

const MONTH_ALTERNATION = MONTHS.join('|');

/** SQL: month names in `s` replaced by month numbers ('2 January 2024' -> '2 1 2024'). */
function monthNumbersSql(s: string): string {
  return MONTHS.reduce((acc, m, i) => `regexp_replace(${acc}, '(?i)\\b${m}[a-z]*\\.?', '${i + 1}')`, s);
}

/** SQL: Chinese and full-width date text made ASCII dashes/spaces (mirror of normaliseDateText). */
function normalisedSql(t: string): string {
  return letSql(halfWidthSql(t), 'h', (h) =>
    `CASE WHEN regexp_matches(${h}, '^\\d{4}年\\d{1,2}月\\d') THEN trim(regexp_replace(${h}, '^(\\d{4})年(\\d{1,2})月(\\d{1,2})[日号]?', '\\1-\\2-\\3 ')) ` +
    `WHEN regexp_matches(${h}, '^\\d{4}年\\d{1,2}月') THEN trim(regexp_replace(${h}, '^(\\d{4})年(\\d{1,2})月', '\\1-\\2-1 ')) ELSE ${h} END`);
}

/**
 * SQL: normalised date text `n` rewritten to year-first 'YYYY-M-D[ time]' (NULL when no
 * shape fits); year-last dates are reordered by `order`, two-digit years pivot at 69.
 */
function isoTextSql(n: string, order: 'dmy' | 'mdy'): string {
  const yearLastTo = order === 'dmy' ? "'\\3-\\2-\\1'" : "'\\3-\\1-\\2'";
  const century = `CASE WHEN regexp_extract(${n}, '^\\d{1,2}[-/.]\\d{1,2}[-/.](\\d{2})', 1) < '69' THEN '20' ELSE '19' END`;
  return 'CASE ' +
    `WHEN regexp_matches(${n}, '^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}') THEN regexp_replace(${n}, '^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})', '\\1-\\2-\\3') ` +
    `WHEN regexp_matches(${n}, '^\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}($|[ T])') THEN regexp_replace(${n}, '^(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})', ${yearLastTo}) ` +
    `WHEN regexp_matches(${n}, '^\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2}($|[ T])') THEN ${century} || regexp_replace(${n}, '^(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{2})', ${yearLastTo}) ` +
    `WHEN regexp_matches(${n}, '(?i)^\\d{1,2}[- ](${MONTH_ALTERNATION})[a-z]*\\.?[- ]\\d{4}') ` +
    `THEN regexp_replace(${monthNumbersSql(n)}, '^(\\d{1,2})[- ](\\d{1,2})[- ](\\d{4})', '\\3-\\2-\\1') ` +
    `WHEN regexp_matches(${n}, '(?i)^(${MONTH_ALTERNATION})[a-z]*\\.? \\d{1,2},? \\d{4}') ` +
    `THEN regexp_replace(${monthNumbersSql(n)}, '^(\\d{1,2}) (\\d{1,2}),? (\\d{4})', '\\3-\\1-\\2') END`;
}

/** SQL: 'YYYY-M-D[ time]' text `i` as TIMESTAMP; 12-hour times need strptime, the rest a cast. */
function isoToTimestampSql(i: string): string {
  const spaced = `regexp_replace(${i}, ' ?([AaPp][Mm])$', ' \\1')`;
  return `CASE WHEN regexp_matches(${i}, '\\d:\\d{1,2}:\\d{1,2} ?[AaPp][Mm]$') THEN try_strptime(${spaced}, '%Y-%m-%d %I:%M:%S %p') ` +
    `WHEN regexp_matches(${i}, '\\d:\\d{1,2} ?[AaPp][Mm]$') THEN try_strptime(${spaced}, '%Y-%m-%d %I:%M %p') ` +
    `ELSE try_cast(${i} AS TIMESTAMP) END`;
}

/**
 * SQL: the VARCHAR `expr` as TIMESTAMP (kind 'timestamp') or DATE (kind 'date'), reading every
 * shape above; NULL when blank or not a date (never an error).
 *
 * Speed (measured on DuckDB-WASM): DuckDB's own cast reads the common year-first shapes and
 * runs first; compact and serial numbers are next; only the remaining rows get the regex
 * normalisation, which ends in one cast of a rewritten 'YYYY-M-D time' text. CASE evaluates a
 * branch only for the rows still unresolved, and try_strptime is used with one format at a
 * time because a list of formats costs ~10 µs per failing value.
 */
export function dateSql(expr: string, kind: 'date' | 'timestamp', options: DateSqlOptions): string {
  const order = options.dateOrder === 'dmy' || options.dateOrder === 'mdy' ? options.dateOrder : DEFAULT_YEAR_LAST_ORDER;
  const ts = letSql(trimSql(expr), 't', (t) => {
    const cast = `try_cast(${t} AS TIMESTAMP)`;
    const serial = `try_cast(${t} AS DOUBLE)`;
    const serialBranch = options.hasExcelSerial
      ? `WHEN regexp_full_match(${t}, '\\d{1,5}(\\.\\d+)?') THEN CASE WHEN ${serial} BETWEEN ${EXCEL_SERIAL_MIN} AND ${EXCEL_SERIAL_MAX} ` +
        `THEN TIMESTAMP '1899-12-30 00:00:00' + to_microseconds(CAST(round(${serial} * 86400) AS BIGINT) * 1000000) END `
      : '';
    const slashFormat = order === 'dmy' ? '%d/%m/%Y' : '%m/%d/%Y';
    // The cast alone would also read '24-01-02' as year 24 and 'epoch' as 1970: trust it on YYYY-/YYYY/ only.
    // Then the exact common shapes, each with one cheap test and one parse; the general path last.
    return `CASE WHEN regexp_matches(${t}, '^\\d{4}[-/]\\d') AND isfinite(${cast}) THEN ${cast} ` +
      `WHEN contains(${t}, '年') AND regexp_full_match(${t}, '\\d{4}年\\d{1,2}月\\d{1,2}[日号]') THEN try_strptime(replace(${t}, '号', '日'), '%Y年%m月%d日') ` +
      `WHEN regexp_full_match(${t}, '\\d{1,2}/\\d{1,2}/\\d{4}') THEN try_strptime(${t}, '${slashFormat}') ` +
      `WHEN regexp_full_match(${t}, '((19|20)\\d{2}|2100)\\d{4}') THEN try_strptime(${t}, '%Y%m%d') ` +
      `WHEN regexp_full_match(${t}, '(19|20)\\d{12}') THEN try_strptime(${t}, '%Y%m%d%H%M%S') ` +
      serialBranch +
      `WHEN regexp_matches(${t}, '[0-9０-９]') THEN ${letSql(normalisedSql(t), 'n', (n) => letSql(isoTextSql(n, order), 'i', isoToTimestampSql))} END`;
  });
  // Fast path outside the trim/let, the same test as the first branch: a value starting with the
  // year that DuckDB's cast reads needs nothing else.
  const v = `CAST(${expr} AS VARCHAR)`;
  const fast = `try_cast(${v} AS TIMESTAMP)`;
  const value = `CASE WHEN regexp_matches(${v}, '^\\d{4}[-/]\\d') AND isfinite(${fast}) THEN ${fast} ELSE ${ts} END`;
  return kind === 'date' ? `CAST(${value} AS DATE)` : `CAST(${value} AS TIMESTAMP)`;
}
