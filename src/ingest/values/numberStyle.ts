import { withoutCurrency } from './numbers';

/** Only a decimal comma writes these: '12,5', '(3,25)', '1.234,56'. */
const COMMA_DECIMAL = /^\(?[+-]?(?:\d+,\d{1,2}|\d{1,3}(?:\.\d{3})+,\d+)[%万亿]?\)?$/;
/** Only a decimal point writes these: '12.5', '0.25', '1,234.56', '3.14159'. */
const DOT_DECIMAL = /^\(?[+-]?(?:\d+\.\d{1,2}|\d{1,3}(?:,\d{3})+\.\d+|\d+\.\d{4,})[%万亿]?\)?$/;

/**
 * Which decimal mark one value proves: 'comma' for '12,5', 'dot' for '12.5', null when it proves
 * neither ('1.234', '1,234', '15').
 */
export function decimalEvidence(raw: string): 'comma' | 'dot' | null {
  const s = withoutCurrency(raw);
  if (COMMA_DECIMAL.test(s)) return 'comma';
  if (DOT_DECIMAL.test(s)) return 'dot';
  return null;
}

/**
 * The decimal mark of a whole file, for columns whose own values prove nothing (a column of
 * '1.234' and '2.000.000'): a decimal comma when some column proves one and none proves a point,
 * or when the file is ';'-separated (European Excel) and no column proves a point. Returns the
 * decimalComma value each column should use.
 */
export function resolveDecimalComma(columns: readonly (boolean | null)[], delimiter: string | null): boolean[] {
  const anyComma = columns.some((c) => c === true);
  const anyDot = columns.some((c) => c === false);
  const fileComma = !anyDot && (anyComma || delimiter === ';');
  return columns.map((c) => c ?? fileComma);
}
