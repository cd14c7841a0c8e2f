/** Value-level parsing and SQL conversion of raw VARCHAR cells (no Vue, no I/O). */
export { BLANK_TOKENS, blankSql, isBlankLike, isBlankTokenSql, textSql } from './blanks';
export { letSql } from './sqlBind';
export { booleanSql, FALSE_WORDS, parseBoolean, TRUE_WORDS } from './booleans';
export { halfWidthSql, toHalfWidth, trimSql, trimValue } from './chars';
export {
  dateSql, DEFAULT_YEAR_LAST_ORDER, EXCEL_SERIAL_MAX, EXCEL_SERIAL_MIN, headerSuggestsDate, isCompactDate, isExcelSerialCandidate, parseDate, readDate,
  type DateOrder, type DateParts, type DateReading,
} from './dates';
export { CHURN_FALSE_WORDS, CHURN_TRUE_WORDS, churnFlagSql, digitOrderIdsSql, isReturnStatus, parseChurnFlag, RETURN_STATUS_PATTERN, returnFlagSql } from './flags';
export { isIdShaped, normaliseId, normaliseIdSql } from './ids';
export { numberSql, parseNumber, parseNumberWithStyle, type NumberStyle } from './numbers';
export { headerSuggestsId, profileColumn, type ColumnProfile, type ProfileOptions } from './profile';
export { toSqlValue, unparseableSql, type ConversionProfile } from './toSql';
