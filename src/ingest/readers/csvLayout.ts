import { sniffDelimiter, sniffHasHeader, splitWhitespaceLine, type Delimiter } from '../delimiter';
import { say } from '../messages';
import { cleanHeaders } from '../staging';
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
 * title or note lines above the table (lines with fewer than half the table's cells filled), the
 * header, and the width. `complete` says the sample is the whole file (its last line is whole).
 */
export function sniffCsvLayout(sampleText: string, complete: boolean): CsvLayout {
  const lines = physicalLines(sampleText);
  if (!complete && lines.length > 1) lines.pop();
  const sep = SEP_LINE.exec(lines[0] ?? '');
  const first = sep ? 1 : 0;
  const candidates = lines.slice(first).filter((l) => l.trim() !== '').slice(0, SNIFF_LINES);
  const delimiter: Delimiter = sep ? (sep[1] as Delimiter) : sniffDelimiter(candidates).delimiter;
  const split = (line: string): string[] => (delimiter === 'whitespace' ? splitWhitespaceLine(line) : splitDelimitedLine(line, delimiter));

  const tableWidth = modeOf(candidates.map((l) => split(l).length));
  let top = first;
  const titleLines: number[] = [];
  for (; top < lines.length; top++) {
    if (lines[top].trim() === '') continue;
    if (!isTitleLine(split(lines[top]), tableWidth)) break;
    titleLines.push(top + 1);
  }
  const rows = lines.slice(top).filter((l) => l.trim() !== '').slice(0, SNIFF_LINES).map(split);
  const hasHeader = sniffHasHeader(rows);
  const width = rows.length === 0 ? 0 : hasHeader ? rows[0].length : Math.max(...rows.map((r) => r.length));
  const headers = hasHeader ? cleanHeaders(rows[0]) : cleanHeaders(Array.from({ length: width }, (_, i) => `column${i}`));
  const notes = titleLines.length ? [say('linesAboveTable', { from: titleLines[0], to: titleLines[titleLines.length - 1] })] : [];
  return { delimiter, hasHeader, headers, width, skipLines: top + (hasHeader ? 1 : 0), notes };
}

/**
 * A title or note line above a table: fewer than half of the table's cells are filled ("客户订单
 * 报表", "导出时间: 2024-06-01", or Excel's "报表,,,,"). Tables of one or two columns have none.
 */
function isTitleLine(cells: string[], tableWidth: number): boolean {
  if (tableWidth < 3) return false;
  const filled = cells.filter((c) => c.trim() !== '').length;
  return filled * 2 < tableWidth;
}

function modeOf(values: number[]): number {
  const freq = new Map<number, number>();
  let best = 0;
  let mode = 0;
  for (const v of values) {
    const f = (freq.get(v) ?? 0) + 1;
    freq.set(v, f);
    if (f > best || (f === best && v > mode)) {
      best = f;
      mode = v;
    }
  }
  return mode;
}
