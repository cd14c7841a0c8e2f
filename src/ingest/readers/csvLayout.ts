import { sniffDelimiter, sniffHasHeader, splitWhitespaceLine, type Delimiter } from '../delimiter';
import { cleanHeaders } from '../staging';
import { findTableTop } from './tableTop';
import { titleLinesNote } from './titleNote';
import { splitDelimitedLine } from './textChunks';

/** Where the table sits in a delimited text file, read from its first lines. */
export interface CsvLayout {
  delimiter: Delimiter;
  hasHeader: boolean;
  headers: string[];
  /** Fields every record has. */
  width: number;
  /** Physical lines before the first record: a `sep=` line, title lines, blank lines, the header. */
  skipLines: number;
  /** What was skipped on purpose, for the report. */
  notes: string[];
  /** The physical line (1-based) of the header; null without one. */
  headerLine: number | null;
}

/** Lines the delimiter and header are judged on. */
const SNIFF_LINES = 50;

/** Excel's hint line naming the separator ("sep=;"), which Excel writes above the header. */
const SEP_LINE = /^\uFEFF?sep=(.)\s*$/i;

/** Splits decoded text into physical lines: CR, LF and CRLF all end a line. */
export function physicalLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Finds the table in the first lines of a file: the delimiter (or the one a `sep=` line names),
 * title or note lines above the table (findTableTop), the header, and the width. `complete`
 * says the sample is the whole file (its last line is whole). `headerLine` (a physical line,
 * 1-based: the user's `--header-row` or choice) makes that line the header, whatever it holds.
 */
export function sniffCsvLayout(sampleText: string, complete: boolean, headerLine?: number): CsvLayout {
  const lines = physicalLines(sampleText);
  if (!complete && lines.length > 1) lines.pop();
  const sep = SEP_LINE.exec(lines[0] ?? '');
  const first = sep ? 1 : 0;
  const candidates = lines.slice(first).filter((l) => l.trim() !== '').slice(0, SNIFF_LINES);
  const delimiter: Delimiter = sep ? (sep[1] as Delimiter) : sniffDelimiter(candidates).delimiter;
  const split = (line: string): string[] => (delimiter === 'whitespace' ? splitWhitespaceLine(line) : splitDelimitedLine(line, delimiter));

  const chosenTop = headerLine === undefined ? undefined : Math.max(first, headerLine - 1) - first;
  const { top: topInSample, titleRows } = findTableTop(lines.slice(first, first + 200).map((l) => (l.trim() === '' ? [] : split(l))), chosenTop);
  const top = first + topInSample;
  const titleLines = titleRows.map((i) => first + i + 1);
  const rows = lines.slice(top).filter((l) => l.trim() !== '').slice(0, SNIFF_LINES).map(split);
  const hasHeader = headerLine !== undefined ? rows.length > 0 : sniffHasHeader(rows);
  const width = rows.length === 0 ? 0 : hasHeader ? rows[0].length : Math.max(...rows.map((r) => r.length));
  const headers = hasHeader ? cleanHeaders(rows[0]) : cleanHeaders(Array.from({ length: width }, (_, i) => `column${i}`));
  return { delimiter, hasHeader, headers, width, skipLines: top + (hasHeader ? 1 : 0), notes: titleLinesNote(titleLines), headerLine: hasHeader ? top + 1 : null };
}
