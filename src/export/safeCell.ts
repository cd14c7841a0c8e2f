/**
 * Makes a cell value safe to open in a spreadsheet: text starting with = + - @ (or tab/CR,
 * which Excel strips first) would run as a formula ("CSV injection"), so it gets a leading
 * apostrophe and is always treated as text. Numbers stay numbers.
 */
export function safeCellText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
