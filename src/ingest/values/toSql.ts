import { KIND_SQL_TYPE, type ColumnKind } from '../schema';
import { blankSql, textSql } from './blanks';
import { booleanSql } from './booleans';
import { dateSql } from './dates';
import { normaliseIdSql } from './ids';
import { numberSql } from './numbers';
import type { ColumnProfile } from './profile';

/** The profile fields the conversions read (a full ColumnProfile satisfies it). */
export type ConversionProfile = Pick<ColumnProfile, 'dateOrder' | 'hasExcelSerial'> & Partial<Pick<ColumnProfile, 'decimalComma'>>;

/**
 * SQL converting the VARCHAR expression `sourceExpr` to `kind`'s DuckDB type (KIND_SQL_TYPE).
 * Blank-like and unparseable values give NULL, never an error, so one bad value cannot fail a load.
 */
export function toSqlValue(sourceExpr: string, kind: ColumnKind, profile: ConversionProfile): string {
  switch (kind) {
    case 'id':
      return normaliseIdSql(sourceExpr);
    case 'text':
      return `CAST(${textSql(sourceExpr)} AS ${KIND_SQL_TYPE.text})`;
    case 'number':
      return numberSql(sourceExpr, profile.decimalComma ? 'comma' : 'dot');
    case 'boolean':
      return booleanSql(sourceExpr);
    case 'date':
    case 'timestamp':
      return dateSql(sourceExpr, kind, { dateOrder: profile.dateOrder, hasExcelSerial: profile.hasExcelSerial });
  }
}

/**
 * SQL boolean, TRUE when the value is not blank-like but toSqlValue gives NULL: the row is to be
 * rejected with a reason. Always FALSE for 'id' and 'text' (any text is a valid id or text).
 */
export function unparseableSql(sourceExpr: string, kind: ColumnKind, profile: ConversionProfile): string {
  if (kind === 'id' || kind === 'text') return 'FALSE';
  return `(NOT ${blankSql(sourceExpr)} AND (${toSqlValue(sourceExpr, kind, profile)}) IS NULL)`;
}
