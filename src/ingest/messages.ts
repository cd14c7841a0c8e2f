/**
 * Every message the loader gives the user, in English, by key. The CLI and FileReport carry the
 * English text; the app shows the same key in the user's language (src/i18n/messages/ingest.*),
 * finding key and values again with recogniseMessage. Templates use vue-i18n's `{name}` slots and
 * none of its special characters (@ | $), so the same strings serve as the English i18n catalogue.
 */
export const INGEST_MESSAGES = {
  // Whole-file refusals (NotATableError prefixes them with "<file>: ").
  emptyFile: 'the file is empty.',
  fileUnreadable: 'the file cannot be opened (it does not exist, or it cannot be read).',
  binaryFile: 'this is not a text table (it looks like a binary file).',
  noRows: 'the file has no rows.',
  headerOnly: 'it has columns ({headers}) but no data rows.',
  tooManyColumns: 'it has {columns} columns; at most {max} can be loaded. Export only the columns you need.',
  csvTooLarge: 'the file is {size} MB; the browser can hold about {max} MB of delimited text in one file (about {rows} order lines). Split it into smaller files or export only the period you need.',
  jsonTooLarge: 'the file is {size} MB; JSON is read whole, and the browser can hold about {max} MB of it. Export CSV, or split the file.',
  workbookTooLarge: 'the workbook is {size} MB; the browser can read workbooks up to about {max} MB. Save the sheets as CSV, which loads in pieces.',
  sheetDeclaresTooManyRows: 'sheet "{sheet}" declares {declared} rows; the browser can hold about {max} rows of a workbook sheet. Save the sheet as CSV, which loads in pieces, or split it.',
  sheetTooManyRows: 'sheet "{sheet}" has more than {max} rows; the browser can hold about {max} rows of a workbook sheet. Save the sheet as CSV, which loads in pieces, or split it.',
  sheetTooLarge: 'the workbook unpacks to more than {max} MB of sheet XML (reading "{sheet}"); the browser can hold about {max} MB, about {rows} rows of 8 columns. Save the sheets as CSV, which loads in pieces, or split the workbook.',
  workbookPassword: 'the workbook is password-protected; save it without a password and try again.',
  workbookDamaged: 'the workbook is damaged or truncated; open it in Excel and save it again, or export it again.',
  workbookUnreadable: 'the workbook cannot be read; open it in Excel and save it as .xlsx or .csv.',
  notAWorkbook: 'this zip archive is not a workbook (it holds no spreadsheet); export the data as .xlsx or .csv.',
  workbookNoSheets: 'the workbook has no sheets.',
  sheetEmpty: 'the sheet is empty',
  parquetUnreadable: 'this Parquet file cannot be read (it is damaged or uses an encoding the browser reader lacks); write it again or export CSV.',
  parquetNoRows: 'the Parquet file has no rows.',
  parquetNoColumns: 'the Parquet file has no columns.',
  jsonInvalidAt: 'this is not valid JSON (line {line}, column {column}); fix the file there or export it again.',
  jsonInvalid: 'this is not valid JSON; fix the file or export it again.',
  jsonNoList: 'the JSON holds no list of records.',
  jsonNoRecords: 'the JSON holds no records.',
  headerRowPastEnd: 'the header row given (line {line}) is past the last line of the table; give a line that holds the column names.',
  unknownTable: 'could not tell which table this is ({reason}); choose one in the mapping.',
  outOfMemory: 'the engine ran out of memory loading this file (the browser gives it about {max} MB in all); nothing of this file was kept. Remove other files from the workspace, or split this file.',
  unexpectedError: 'an unexpected error stopped the load and nothing of this file was kept; try again, or save the file as CSV.',

  // Reasons for one rejected row (RejectedRow.reason).
  wrongFieldCount: 'wrong number of fields (expected {expected}, found {found})',
  unclosedQuote: 'a quote opened on this line is never closed; this line is left out and the lines after it are read',
  textAfterQuote: 'text follows a closing quote; quote the whole value ("..."), doubling quotes inside it',
  lineTooLong: 'the line is longer than 20 MB',
  badBytes: 'the line has bytes that are not valid text in the detected encoding',
  unreadableLine: 'the line cannot be read as delimited text',
  jsonLineInvalid: 'not valid JSON (this line only)',
  jsonLineNotObject: 'the line is not a JSON object',
  recordNotObject: 'record is not an object',
  valueMissing: '{column} is missing',
  notADate: '{column} "{value}" is not a date',
  notANumber: '{column} "{value}" is not a number',
  notYesNo: '{column} "{value}" is not yes/no',
  notAChurnFlag: '{column} "{value}" is not a churn flag value (yes/no, 1/0): the row is not a customer',
  outOfRange: '{column} "{value}" is out of range (more than 10^15)',

  // Notes: what the loader did on its own that the user should know.
  lineAboveTable: 'line {line} above the table was skipped (a title or notes, not data)',
  linesAboveTable: 'lines {from} to {to} above the table were skipped (a title or notes, not data)',
  totalRowSkipped: 'line {line} is a total row ("{label}") and was left out, so sums are not counted twice',
  hiddenSheetSkipped: 'hidden sheet "{sheet}" was skipped',
  formulasWithoutValues: 'column "{column}" has {count} formula cells without a saved result; they load as empty. Open the file in Excel, save it, and load it again.',
  secondHeaderRow: 'line {line} is a second header row; it is kept as the column descriptions ({cells}), not loaded as data',
  generatedIds: 'the file has no customer id column: each row is one customer, with an id made of the file and its line number (such as {example})',
  sameContentAs: 'the same content as {file}, loaded earlier: rows already loaded are replaced, not counted twice',
  awaitingChoice: 'not loaded yet: the reading of this file is unsure; choose one of the two readings',

  // Evidence of a load's decisions (FileReport.certainty) and the warning when one is unsure.
  tableEvidence: 'read as {reason}',
  headerEvidence: 'line {line} is the header: {names} of {cells} cells are distinct names',
  headerChosen: 'line {line} is the header, as chosen',
  headerNone: 'no header row: the first line holds data, so the columns are numbered',
  headerFromKeys: 'the column names are the field names of the records',
  keyByHeader: '"{source}" is named like {column}',
  keyByContent: 'the values of "{source}" look like {column}',
  keyByPreset: '"{source}" is the {column} column of a known CRM export',
  keyByUser: '"{source}" was chosen as {column}',
  unsureTable: 'not sure which table this is ({confidence}%, below {threshold}%): {first} or {second}; settle it with {flag}',
  unsureHeader: 'not sure line {line} is the header ({confidence}%, below {threshold}%); settle it with {flag}',
  unsureKey: 'not sure "{source}" is {column} ({confidence}%, below {threshold}%); settle it with {flag}',
} as const;

/** A key of INGEST_MESSAGES. */
export type IngestMessageKey = keyof typeof INGEST_MESSAGES;

/** Values filled into a message's `{name}` slots. */
export type MessageParams = Record<string, string | number>;

/** A message recognised in English text: its key and slot values. */
export interface RecognisedMessage {
  key: IngestMessageKey;
  params: Record<string, string>;
}

/** Numbers as the English messages write them (10,000). */
function paramText(v: string | number): string {
  return typeof v === 'number' ? v.toLocaleString('en') : v;
}

/** The English text of a message. */
export function say(key: IngestMessageKey, params: MessageParams = {}): string {
  return INGEST_MESSAGES[key].replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? paramText(params[name]) : `{${name}}`));
}

interface Matcher {
  key: IngestMessageKey;
  names: string[];
  re: RegExp;
}

let matchers: Matcher[] | null = null;

function buildMatchers(): Matcher[] {
  return (Object.keys(INGEST_MESSAGES) as IngestMessageKey[]).map((key) => {
    const names: string[] = [];
    const source = INGEST_MESSAGES[key]
      .split(/(\{\w+\})/)
      .map((part) => {
        const slot = /^\{(\w+)\}$/.exec(part);
        if (!slot) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(slot[1]);
        return '([\\s\\S]*?)';
      })
      .join('');
    return { key, names, re: new RegExp(`^${source}$`) };
  });
}

/** Finds which message an English text is (key and slot values), or null for text not from the catalogue. */
export function recogniseMessage(text: string): RecognisedMessage | null {
  matchers ??= buildMatchers();
  for (const m of matchers) {
    const hit = m.re.exec(text);
    if (hit) return { key: m.key, params: Object.fromEntries(m.names.map((n, i) => [n, hit[i + 1]])) };
  }
  return null;
}
