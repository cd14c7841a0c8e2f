import { isBlankLike } from './values/blanks';
import { parseDate, readDate } from './values/dates';
import { parseNumber } from './values/numbers';
import { parseBoolean } from './values/booleans';
import { SCHEMA } from './schema';
import { headerKey } from './detect/headers';

/** Field separators of delimited text files; 'whitespace' = runs of spaces/tabs (CDNOW style). */
export type Delimiter = ',' | '\t' | ';' | '|' | 'whitespace';

const CHAR_DELIMITERS: Delimiter[] = [',', '\t', ';', '|'];
const SNIFF_LINES = 50;

/**
 * Splits lines into records with `delimiter`, quote-aware ("a,b" is one field, "" escapes a
 * quote) and joining lines while a quoted field is open (multi-line cells).
 * Returns the field count of each record.
 */
function fieldCounts(lines: string[], delimiter: string): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let fields = 1;
  let atFieldStart = true;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (inQuotes) {
        if (ch === '"') {
          if (line[i + 1] === '"') i++;
          else inQuotes = false;
        }
      } else if (ch === '"' && atFieldStart) {
        inQuotes = true;
        atFieldStart = false;
      } else if (ch === delimiter) {
        fields++;
        atFieldStart = true;
        continue;
      } else if (ch !== ' ') {
        atFieldStart = false;
      }
    }
    if (inQuotes) continue; // the quoted field goes on in the next line
    counts.push(fields);
    fields = 1;
    atFieldStart = true;
  }
  if (inQuotes) counts.push(fields);
  return counts;
}

/** The most common value and the share of entries equal to it. */
function modeOf(counts: number[]): { mode: number; share: number } {
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let mode = 0;
  let best = 0;
  for (const [c, f] of freq) {
    if (f > best || (f === best && c > mode)) {
      mode = c;
      best = f;
    }
  }
  return { mode, share: counts.length === 0 ? 0 : best / counts.length };
}

/** Splits a whitespace-separated line (leading/trailing blanks and CR ignored; runs are one separator). */
export function splitWhitespaceLine(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/[ \t]+/);
}

/** The same line as tab-separated text, so DuckDB's CSV reader can load it with delim '\t'. */
export function whitespaceLineToTsv(line: string): string {
  return splitWhitespaceLine(line).join('\t');
}

/**
 * Picks the delimiter whose field count is most consistent over the first ~50 lines (quote
 * aware). 'whitespace' is chosen only when no character delimiter splits the lines and the
 * lines are column-aligned (leading blanks, runs of 2+ spaces, tabs) or mostly numbers, so a
 * one-column file of names ("John Smith") is not split at its spaces. Confidence is the share
 * of records with the winning field count (0 when nothing splits: a one-column file, ',').
 */
export function sniffDelimiter(lines: string[]): { delimiter: Delimiter; confidence: number } {
  const sample = lines.map((l) => l.replace(/^\uFEFF/, '')).filter((l) => l.trim() !== '').slice(0, SNIFF_LINES);
  let best: { delimiter: Delimiter; confidence: number; fields: number } = { delimiter: ',', confidence: 0, fields: 1 };
  for (const d of CHAR_DELIMITERS) {
    const { mode, share } = modeOf(fieldCounts(sample, d));
    if (mode < 2) continue;
    // Higher consistency wins; on a tie more fields, then the earlier delimiter in the list.
    if (share > best.confidence + 1e-9 || (Math.abs(share - best.confidence) < 1e-9 && mode > best.fields)) {
      best = { delimiter: d, confidence: share, fields: mode };
    }
  }
  if (best.confidence >= 0.8) return { delimiter: best.delimiter, confidence: round2(best.confidence) };

  const ws = modeOf(sample.map((l) => splitWhitespaceLine(l).length));
  if (ws.mode >= 2 && ws.share > best.confidence && looksColumnAligned(sample)) {
    return { delimiter: 'whitespace', confidence: round2(ws.share) };
  }
  return { delimiter: best.delimiter, confidence: round2(best.confidence) };
}

function looksColumnAligned(lines: string[]): boolean {
  const aligned = lines.filter((l) => /^[ \t]|\S( {2,}|\t)\S/.test(l.replace(/\r$/, ''))).length;
  if (aligned / lines.length >= 0.5) return true;
  const tokens = lines.flatMap((l) => splitWhitespaceLine(l));
  const numeric = tokens.filter((t) => parseNumber(t) !== null || readDate(t) !== null).length;
  return tokens.length > 0 && numeric / tokens.length >= 0.5;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

type CellType = 'blank' | 'number' | 'date' | 'boolean' | 'text';

function cellType(v: string | undefined): CellType {
  if (v === undefined || isBlankLike(v)) return 'blank';
  if (parseNumber(v) !== null) return 'number';
  if (parseDate(v) !== null || parseDate(v, 'dmy') !== null) return 'date';
  if (parseBoolean(v) !== null) return 'boolean';
  return 'text';
}

/**
 * True when the first row looks like a header. Evidence per column: a text label above
 * numbers/dates/yes-no values says header; a typed value above values of the same type says
 * data. Without typed columns (all text), the first row is a header when its cells are
 * non-blank, distinct and none of them occurs again below it (DuckDB's sniffer also
 * assumes a header for all-text files).
 */
export function sniffHasHeader(rows: string[][]): boolean {
  if (rows.length === 0) return false;
  const first = rows[0].map((c) => c.replace(/^\uFEFF/, '').trim());
  if (rows.length === 1) return first.every((c) => cellType(c) === 'text');
  const body = rows.slice(1, SNIFF_LINES);
  let score = 0;
  for (let j = 0; j < first.length; j++) {
    const below = body.map((r) => cellType(r[j])).filter((t) => t !== 'blank');
    if (below.length === 0) continue;
    const typed = below.filter((t) => t !== 'text');
    if (typed.length / below.length < 0.8) continue; // a text column says nothing
    const majority = modeOfTypes(typed);
    const top = cellType(first[j]);
    if (top === 'text') score++;
    else if (top === majority || (top === 'number' && majority === 'boolean')) score--;
  }
  if (score !== 0) return score > 0;
  // All text: a first row that names canonical columns (customer_id, 客户名称 ...) and does not
  // repeat below is a header, even with blank or duplicated cells next to those names.
  if (first.some((c, j) => isKnownHeader(c) && !body.some((r) => (r[j] ?? '').trim() === c))) return true;
  if (first.some((c) => c === '')) return false;
  if (new Set(first).size !== first.length) return false;
  if (first.some((c) => cellType(c) !== 'text')) return false;
  return first.every((c, j) => !body.some((r) => (r[j] ?? '').trim() === c));
}

const KNOWN_HEADER_KEYS = new Set(Object.values(SCHEMA).flatMap((cols) => cols.flatMap((c) => c.synonyms.map(headerKey))));

/** True when a cell is, exactly, a header some export uses for a canonical column. */
function isKnownHeader(cell: string): boolean {
  return cell !== '' && KNOWN_HEADER_KEYS.has(headerKey(cell));
}

function modeOfTypes(types: CellType[]): CellType {
  const freq = new Map<CellType, number>();
  for (const t of types) freq.set(t, (freq.get(t) ?? 0) + 1);
  return [...freq.entries()].sort((a, b) => b[1] - a[1])[0][0];
}
