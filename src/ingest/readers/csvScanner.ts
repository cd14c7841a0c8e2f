import { say } from '../messages';
import type { RejectedRow } from '../types';
import { GrowableInts } from './growableInts';
import { splitDelimitedLine } from './textChunks';
import { totalRowLabel } from './totalRows';

/**
 * Longest record read (as DuckDB's max_line_size was): a longer line is rejected, and a quote
 * still open after this many characters was never closed.
 */
export const MAX_RECORD_CHARS = 20_000_000;

/**
 * Most lines one quoted cell may span. Real multi-line cells (notes, addresses) span a few; a
 * quote still open after this many lines is a stray one (an inch mark, a typo), not a cell.
 */
export const MAX_QUOTED_LINES = 10_000;

const NL = 10;
const QUOTE = 34;

/** What scanning one piece of text found: the good records for DuckDB and the rejected lines. */
export interface ScannedChunk {
  /** The good records, each ending in '\n': every one has `width` fields and balanced quotes. */
  body: string;
  /** How many records `body` holds. */
  records: number;
  /** The file line each record starts on (1-based). */
  lines: Int32Array;
  /** True when the records start on consecutive lines (lines[k] = lines[0] + k): no mapping needed. */
  consecutive: boolean;
  rejected: RejectedRow[];
  /** What was left out on purpose (a total row under the table). */
  notes: string[];
}

/** How to split: the delimiter, the field count every record must have, and whether quotes group. */
export interface ScanOptions {
  delimiter: string;
  width: number;
  /** False for whitespace-separated files, which never quote (each line is one record). */
  quoted: boolean;
  /** Turns one physical line of a whitespace file into tab-separated text (quoted: false only). */
  toTsv?: (line: string) => string;
}

/**
 * Splits decoded delimited text into records in one forward pass, so reading stays linear in
 * the file size whatever the quoting, and decides which records are good before DuckDB sees them:
 * - a quote groups only at the start of a field ("a,b" is one field; 27" Monitor is text);
 * - a quoted cell may span lines, but a quote still open after MAX_QUOTED_LINES lines or at the
 *   end of the file, or a multi-line record that closes with the wrong field count, costs only
 *   the line that opened it: that line is rejected and reading goes on from the next line;
 * - records with the wrong number of fields are rejected by their line; blank lines are skipped;
 * - CR, LF and CRLF all end lines (mixed files and old Mac files), and every record's line number
 *   is the file line it starts on, multi-line cells included.
 * Text is pushed chunk by chunk; an unfinished record is carried into the next push.
 */
export class CsvScanner {
  private carry = '';
  /** File line of the first character of `carry` (or of the next text when carry is empty). */
  private line: number;
  /** A '\r' that ended the last push: a '\n' starting the next one belongs to it. */
  private pendingCr = false;
  /** Physical lines still to drop: the header and the lines above it, or the rest of an over-long line. */
  private linesToSkip: number;
  private readonly delim: number;

  /** `skipLines` physical lines (title lines, the header) are dropped before the first record. */
  constructor(private readonly options: ScanOptions, skipLines = 0) {
    this.line = 1;
    this.linesToSkip = skipLines;
    this.delim = options.delimiter.charCodeAt(0);
  }

  /** Adds decoded text; `final` marks the end of the file. Returns the records completed so far. */
  push(text: string, final: boolean): ScannedChunk {
    let input = text;
    if (this.pendingCr && input.charCodeAt(0) === NL) input = input.slice(1);
    this.pendingCr = false;
    if (!final && input.endsWith('\r')) {
      this.pendingCr = true;
      input = input.slice(0, -1) + '\n';
    }
    if (input.includes('\r')) input = input.replace(/\r\n?/g, '\n');
    if (this.linesToSkip > 0) input = this.skipLines(input);
    const buffer = this.carry + input;
    const out = new ChunkBuilder(buffer);
    const consumed = this.options.quoted ? this.scanQuoted(buffer, final, out) : this.scanLines(buffer, final, out);
    this.carry = buffer.slice(consumed);
    return out.finish(this.options.toTsv, final ? this.options.delimiter : null);
  }

  /** Drops the lines still to skip from the start of `input`, counting them. */
  private skipLines(input: string): string {
    let pos = 0;
    while (this.linesToSkip > 0) {
      const nl = input.indexOf('\n', pos);
      if (nl < 0) return '';
      this.linesToSkip -= 1;
      this.line += 1;
      pos = nl + 1;
    }
    return input.slice(pos);
  }

  /**
   * Quote-aware scan of `buf` from its start (the start of a record). Returns how many characters
   * were consumed; the rest is an unfinished record.
   */
  private scanQuoted(buf: string, final: boolean, out: ChunkBuilder): number {
    const n = buf.length;
    const { width } = this.options;
    const delim = this.delim;
    let pos = 0;
    // Index of the next quote at or after pos, found once and reused: finding it again from every
    // line would rescan to the end of the text when there is none (the old quadratic trap).
    let nextQuote = -2;
    while (pos < n) {
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf('"', pos);
      const nl = buf.indexOf('\n', pos);
      const lineEnd = nl < 0 ? n : nl;
      if (nl < 0 && !final) {
        if (n - pos > MAX_RECORD_CHARS && (nextQuote < 0 || nextQuote >= n)) {
          out.reject(this.line, say('lineTooLong'), pos, pos);
          this.linesToSkip = 1; // the rest of this line, wherever it ends
          return n;
        }
        if (nextQuote < 0 || nextQuote >= lineEnd) return pos;
      }
      if (nextQuote < 0 || nextQuote >= lineEnd) {
        // The common case: a line without quotes is one record; count its delimiters.
        this.takeLine(buf, pos, lineEnd, countDelimiters(buf, delim, pos, lineEnd) + 1, out);
        pos = lineEnd + 1;
        this.line += 1;
        continue;
      }
      const rec = scanQuotedRecord(buf, pos, delim, final);
      if (rec.kind === 'more') {
        if (n - pos <= MAX_RECORD_CHARS) return pos;
        // Still open after MAX_RECORD_CHARS: the quote is stray.
        pos = this.rejectOpeningLine(buf, pos, say('unclosedQuote'), out);
        continue;
      }
      if (rec.kind === 'unclosed' || ((rec.kind === 'bad' || rec.fields !== width) && rec.newlines > 0)) {
        pos = this.rejectOpeningLine(buf, pos, say('unclosedQuote'), out);
        continue;
      }
      if (rec.kind === 'bad') {
        // Text after a closing quote on a one-line record: DuckDB would refuse it; so do we.
        out.reject(this.line, say('textAfterQuote'), pos, rec.end);
      } else if (rec.end - pos > MAX_RECORD_CHARS) {
        out.reject(this.line, say('lineTooLong'), pos, pos);
      } else if (rec.fields !== width) {
        out.reject(this.line, say('wrongFieldCount', { expected: width, found: rec.fields }), pos, rec.end);
      } else {
        out.keep(pos, rec.end, this.line);
      }
      pos = rec.end + 1;
      this.line += rec.newlines + 1;
    }
    return n;
  }

  /** One quote-free line: kept, rejected (field count, length) or skipped (blank). */
  private takeLine(buf: string, start: number, end: number, fields: number, out: ChunkBuilder): void {
    if (start === end) return;
    if (end - start > MAX_RECORD_CHARS) out.reject(this.line, say('lineTooLong'), start, start);
    else if (fields !== this.options.width) out.reject(this.line, say('wrongFieldCount', { expected: this.options.width, found: fields }), start, end);
    else out.keep(start, end, this.line);
  }

  /** Rejects the line a record starts on and returns where the next line starts. */
  private rejectOpeningLine(buf: string, start: number, reason: string, out: ChunkBuilder): number {
    const nl = buf.indexOf('\n', start);
    const end = nl < 0 ? buf.length : nl;
    out.reject(this.line, reason, start, end);
    this.line += 1;
    return end + 1;
  }

  /** Whitespace-separated files: every physical line is a record. */
  private scanLines(buf: string, final: boolean, out: ChunkBuilder): number {
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0 && !final) {
        if (n - pos > MAX_RECORD_CHARS) {
          out.reject(this.line, say('lineTooLong'), pos, pos);
          this.linesToSkip = 1;
          return n;
        }
        return pos;
      }
      const end = nl < 0 ? n : nl;
      const fields = buf.slice(pos, end).trim() === '' ? 0 : this.options.toTsv!(buf.slice(pos, end)).split('\t').length;
      this.takeLine(buf, pos, fields === 0 ? pos : end, fields, out);
      pos = end + 1;
      this.line += 1;
    }
    return n;
  }
}

/** Delimiters in buf[from, to). */
function countDelimiters(buf: string, delim: number, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (buf.charCodeAt(i) === delim) count++;
  return count;
}

type QuotedRecord =
  | { kind: 'ok' | 'bad'; end: number; fields: number; newlines: number }
  | { kind: 'unclosed'; newlines: number }
  | { kind: 'more' };

/**
 * Reads one record starting at `start` character by character (quotes group only at a field's
 * start; "" inside quotes is one quote). 'bad': text after a closing quote, read to the line end.
 * 'unclosed': a quote still open at the end of the file or after MAX_QUOTED_LINES lines.
 * 'more': the text ends inside the record and more is coming.
 */
function scanQuotedRecord(buf: string, start: number, delim: number, final: boolean): QuotedRecord {
  const n = buf.length;
  let fields = 1;
  let newlines = 0;
  let inQuotes = false;
  let fieldStart = true;
  let bad = false;
  for (let i = start; i < n; i++) {
    const c = buf.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (i + 1 >= n && !final) return { kind: 'more' };
        if (buf.charCodeAt(i + 1) === QUOTE) {
          i++;
          continue;
        }
        inQuotes = false;
        const next = i + 1 < n ? buf.charCodeAt(i + 1) : NL;
        if (next !== delim && next !== NL) bad = true;
      } else if (c === NL) {
        newlines++;
        if (newlines > MAX_QUOTED_LINES) return { kind: 'unclosed', newlines };
      }
      continue;
    }
    if (c === NL) return { kind: bad ? 'bad' : 'ok', end: i, fields, newlines };
    if (c === delim) {
      fields++;
      fieldStart = true;
      continue;
    }
    if (c === QUOTE && fieldStart && !bad) inQuotes = true;
    fieldStart = false;
  }
  if (inQuotes) return final ? { kind: 'unclosed', newlines } : { kind: 'more' };
  if (!final) return { kind: 'more' };
  return { kind: bad ? 'bad' : 'ok', end: n, fields, newlines };
}

/** The last few records of a push, kept or rejected, to find a total row under the table. */
interface RecentRecord {
  kept: boolean;
  start: number;
  end: number;
  line: number;
}

/** Records from the end of the file looked at for a total row (合计 and a footer or two). */
const TAIL_RECORDS = 3;

/** Collects the kept records of one push and builds the ScannedChunk. */
class ChunkBuilder {
  private readonly starts = new GrowableInts();
  private readonly ends = new GrowableInts();
  private readonly lines = new GrowableInts();
  private rejected: RejectedRow[] = [];
  private readonly recent: RecentRecord[] = [];

  constructor(private readonly buf: string) {}

  keep(start: number, end: number, line: number): void {
    this.starts.push(start);
    this.ends.push(end);
    this.lines.push(line);
    this.remember({ kept: true, start, end, line });
  }

  reject(line: number, reason: string, start: number, end: number): void {
    this.rejected.push({ line, reason });
    this.remember({ kept: false, start, end, line });
  }

  private remember(r: RecentRecord): void {
    this.recent.push(r);
    if (this.recent.length > TAIL_RECORDS) this.recent.shift();
  }

  /** Builds the chunk; at the end of the file (`finalDelimiter` set) a total row under the table is left out. */
  finish(toTsv: ((line: string) => string) | undefined, finalDelimiter: string | null): ScannedChunk {
    const notes = finalDelimiter === null ? [] : this.dropTotalRows(finalDelimiter, toTsv);
    const count = this.lines.length;
    const lines = this.lines.toArray();
    // Only start lines matter: a multi-line record shows as a gap before the record after it.
    const consecutive = count === 0 || lines[count - 1] - lines[0] === count - 1;
    return { body: this.body(toTsv), records: count, lines, consecutive, rejected: this.rejected, notes };
  }

  private dropTotalRows(delimiter: string, toTsv: ((line: string) => string) | undefined): string[] {
    const notes: string[] = [];
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const r = this.recent[i];
      const text = this.buf.slice(r.start, r.end);
      const label = totalRowLabel(toTsv ? toTsv(text).split('\t') : splitDelimitedLine(text, delimiter));
      if (!label) continue;
      if (r.kept) {
        if (this.lines.length === 0 || this.lines.at(this.lines.length - 1) !== r.line) continue;
        this.starts.truncate(this.starts.length - 1);
        this.ends.truncate(this.ends.length - 1);
        this.lines.truncate(this.lines.length - 1);
      } else {
        this.rejected = this.rejected.filter((x) => x.line !== r.line);
      }
      notes.unshift(say('totalRowSkipped', { line: r.line, label }));
    }
    return notes;
  }

  private body(toTsv: ((line: string) => string) | undefined): string {
    const count = this.lines.length;
    if (count === 0) return '';
    if (toTsv) {
      const parts: string[] = new Array(count);
      for (let k = 0; k < count; k++) parts[k] = toTsv(this.buf.slice(this.starts.at(k), this.ends.at(k)));
      return parts.join('\n') + '\n';
    }
    // Runs of records that follow each other in the text are copied as one slice.
    const parts: string[] = [];
    let runStart = this.starts.at(0);
    let runEnd = this.ends.at(0);
    for (let k = 1; k < count; k++) {
      if (this.starts.at(k) === runEnd + 1) {
        runEnd = this.ends.at(k);
        continue;
      }
      parts.push(this.buf.slice(runStart, runEnd));
      runStart = this.starts.at(k);
      runEnd = this.ends.at(k);
    }
    parts.push(this.buf.slice(runStart, runEnd));
    return parts.join('\n') + '\n';
  }
}
