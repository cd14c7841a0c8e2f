import type { ColumnKind } from '../schema';
import { isBlankLike } from './blanks';
import { isBooleanWord, parseBoolean } from './booleans';
import { trimValue } from './chars';
import { DEFAULT_YEAR_LAST_ORDER, headerSuggestsDate, isCompactDate, isExcelSerialCandidate, readDate, type DateOrder } from './dates';
import { isChurnWord } from './flags';
import { isIdShaped } from './ids';
import { isPercentText, parseNumber } from './numbers';
import { decimalEvidence } from './numberStyle';

/**
 * What a sample of one column looks like. Shares other than blankShare are fractions of the
 * non-blank values; blankShare is a fraction of sampleSize.
 */
export interface ColumnProfile {
  name: string;
  sampleSize: number;
  blankShare: number;
  distinctCount: number;
  numberShare: number;
  dateShare: number;
  booleanShare: number;
  integerShare: number;
  maxLength: number;
  /** Order of year-last dates ('ymd' when every date is year-first); null without dates. */
  dateOrder: DateOrder | null;
  hasExcelSerial: boolean;
  /** YYYYMMDD values, counted as dates only when every digits-only value is one. */
  hasCompactDate: boolean;
  /** Some value carries a time of day other than 00:00:00. */
  hasTime: boolean;
  looksLikeId: boolean;
  inferred: ColumnKind | 'unknown';
  /** Non-blank values in the sample. */
  nonBlankCount: number;
  /**
   * The column writes decimals with a comma ('1.234,5'): true or false when its values prove it,
   * null when they prove neither; ingestFile settles null per file (resolveDecimalComma).
   */
  decimalComma: boolean | null;
  /** Smallest and largest number among the values that parse as numbers. */
  min: number | null;
  max: number | null;
  /** Share of values that are churn/lifecycle words but not plain yes/no (Churned, Active, 已流失). */
  churnLabelShare: number;
  /** Up to five distinct non-blank values, in order of appearance (for the mapping screen). */
  examples: string[];
}

/** Options of profileColumn. */
export interface ProfileOptions {
  /** Read numbers as Excel serial dates even though the header does not say date. */
  excelSerial?: boolean;
}

const ID_TOKENS = new Set(['id', 'ids', 'no', 'nr', 'num', 'number', 'code', 'key', 'uuid', 'guid', 'sku', 'ref']);
const ID_COMPOUND_RE = /^(customer|cust|client|account|user|member|order|invoice|contact|company|record|deal|ticket|case|product|item|buyer|subscription|contract)(id|no|nr|number|code|key)$/;
/**
 * True when a header names an identifier ('Account ID', 'customerID', 'InvoiceNo', 'StockCode',
 * '客户编号'); 'Number of Employees' and 'number_of_cds' are counts, not ids.
 */
export function headerSuggestsId(header: string): boolean {
  if (/编号|编码|代码|单号|号码|账号|(^|[^a-z])id$/i.test(header.trim())) return true;
  const words = header.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (/\b(number|no|num) of\b/.test(words.replace(/[_\-.]+/g, ' '))) return false;
  return words.split(/[^a-z0-9]+/).some((t) => ID_TOKENS.has(t) || ID_COMPOUND_RE.test(t));
}

/** Profiles a sample of a column (up to a few thousand values) to guess its kind and formats. */
export function profileColumn(name: string, values: (string | null)[], options: ProfileOptions = {}): ColumnProfile {
  const serialAllowed = options.excelSerial ?? headerSuggestsDate(name);
  const distinct = new Set<string>();
  const examples: string[] = [];
  let blanks = 0, numbers = 0, integers = 0, fractions = 0, booleans = 0, booleanWords = 0, churnLabels = 0;
  let maxLength = 0, idShaped = 0, withLetters = 0, leadingZeros = 0, digitsOnly = 0, compact = 0;
  let textDates = 0, serials = 0, serialFractions = 0, timeDates = 0, anyYearLast = 0, dmyOnly = 0, mdyOnly = 0;
  let commaDecimals = 0, dotDecimals = 0;
  let min: number | null = null, max: number | null = null;
  const lengths = new Set<number>();

  for (const v of values) {
    if (isBlankLike(v)) { blanks++; continue; }
    const t = trimValue(v as string);
    if (!distinct.has(t) && examples.length < 5) examples.push(t);
    distinct.add(t);
    maxLength = Math.max(maxLength, t.length);
    lengths.add(t.length);
    // '01.036' is a hierarchical code (金蝶's 购货单位代码), not 1.036: no one writes a number with a leading zero before the point.
    const n = /^0\d+\./.test(t) ? null : parseNumber(t);
    if (n !== null) {
      const mark = decimalEvidence(t);
      if (mark === 'comma') commaDecimals++;
      else if (mark === 'dot') dotDecimals++;
      numbers++;
      if (Number.isInteger(n) && !isPercentText(t)) integers++; else fractions++;
      min = min === null ? n : Math.min(min, n);
      max = max === null ? n : Math.max(max, n);
    }
    if (parseBoolean(t) !== null) booleans++;
    if (isBooleanWord(t)) booleanWords++;
    if (isChurnWord(t)) churnLabels++;
    if (isIdShaped(t)) idShaped++;
    if (/[A-Za-z]/.test(t)) withLetters++;
    if (/^0\d/.test(t)) leadingZeros++;
    if (/^\d+$/.test(t)) {
      digitsOnly++;
      if (isCompactDate(t) || /^(19|20)\d{12}$/.test(t)) compact++;
      else if (serialAllowed && isExcelSerialCandidate(t)) serials++;
      continue;
    }
    if (serialAllowed && isExcelSerialCandidate(t)) { serials++; serialFractions++; continue; }
    const reading = readDate(t);
    if (!reading) continue;
    textDates++;
    if (reading.hasTime) timeDates++;
    if (reading.shape === 'yearLast') {
      anyYearLast++;
      if ((reading.first ?? 0) > 12 && (reading.second ?? 0) <= 12) dmyOnly++;
      if ((reading.second ?? 0) > 12 && (reading.first ?? 0) <= 12) mdyOnly++;
    }
  }

  const nonBlank = values.length - blanks;
  const share = (k: number) => (nonBlank === 0 ? 0 : k / nonBlank);
  // Digits-only values are dates only when all of them are (a column of 8-digit order numbers
  // must not become dates because a few happen to read as YYYYMMDD).
  const hasCompactDate = compact > 0 && compact === digitsOnly;
  // Serial numbers are dates only when they, with any written dates, make up the column.
  const hasExcelSerial = serials > 0 && share(serials + textDates + compact) >= 0.9;
  const dateCount = textDates + (hasCompactDate ? compact : 0) + (hasExcelSerial ? serials : 0);
  const dateShare = share(dateCount);
  const hasTime = timeDates > 0 || (hasExcelSerial && serialFractions > 0);

  let dateOrder: DateOrder | null = null;
  if (anyYearLast > 0) dateOrder = dmyOnly > mdyOnly ? 'dmy' : mdyOnly > 0 ? 'mdy' : DEFAULT_YEAR_LAST_ORDER;
  else if (dateCount > 0) dateOrder = 'ymd';

  const distinctShare = share(distinct.size);
  const fixedWidth = lengths.size === 1 && maxLength >= 4;
  const looksLikeId = nonBlank > 0 && share(idShaped) >= 0.95 && dateShare < 0.5 && share(fractions) < 0.05 &&
    share(booleans) < 0.9 && (
      headerSuggestsId(name) ||
      (share(withLetters) >= 0.5 && share(digitsOnly) < 0.5 && distinctShare >= 0.5 && /\d/.test(examples.join(''))) ||
      (share(leadingZeros) >= 0.3 && share(digitsOnly) >= 0.9) ||
      (fixedWidth && share(digitsOnly) >= 0.9 && distinctShare >= 0.2) ||
      (share(integers) >= 0.95 && distinct.size >= 20 && distinctShare >= 0.5 && (min ?? 0) >= 0)
    );

  let inferred: ColumnKind | 'unknown' = 'text';
  if (nonBlank === 0) inferred = 'unknown';
  else if (dateShare >= 0.9) inferred = hasTime ? 'timestamp' : 'date';
  else if (looksLikeId) inferred = 'id';
  else if (share(booleans) >= 0.95 && share(booleanWords) >= 0.5) inferred = 'boolean';
  else if (share(numbers) >= 0.95) inferred = 'number';

  return {
    name,
    sampleSize: values.length,
    blankShare: values.length === 0 ? 0 : blanks / values.length,
    distinctCount: distinct.size,
    numberShare: share(numbers),
    dateShare,
    booleanShare: share(booleans),
    integerShare: share(integers),
    maxLength,
    dateOrder,
    hasExcelSerial,
    hasCompactDate,
    hasTime,
    looksLikeId,
    inferred,
    nonBlankCount: nonBlank,
    decimalComma: commaDecimals > 0 && dotDecimals === 0 ? true : dotDecimals > 0 && commaDecimals === 0 ? false : null,
    min,
    max,
    churnLabelShare: share(churnLabels),
    examples,
  };
}
