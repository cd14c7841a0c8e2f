import { MAX_SHEET_ROWS, MAX_WORKBOOK_XML_MB } from '../limits';
import { say } from '../messages';
import { NotATableError } from '../types';
import { entryStream, zipEntries, type ZipEntry } from './zipEntries';

const MB = 2 ** 20;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** What reading one zip entry found, up to the limits. */
interface EntryMeasure {
  bytes: number;
  rows: number;
  /** Rows the sheet's <dimension> claims (it can be wrong; it decides nothing). */
  declaredRows: number | null;
}

/**
 * Refuses a workbook the browser cannot hold before the spreadsheet parser inflates it (its file
 * size was checked before it was read): a sheet with more than MAX_SHEET_ROWS real <row>
 * elements, or more than MAX_WORKBOOK_XML_MB of XML in all. Every entry is inflated as a stream
 * and counted, never held, so a 758 KB zip bomb that unpacks to 312 MB and 12 million rows costs
 * a moment, not the run. Also refuses a zip that holds no workbook. A zip this cannot read is left
 * to the parser (which calls it damaged).
 */
export async function assertWorkbookBounds(file: string, bytes: Uint8Array): Promise<void> {
  const entries = zipEntries(bytes);
  if (!entries) return;
  if (!entries.some((e) => /^xl\/workbook\.(xml|bin)$/.test(e.name))) throw new NotATableError(file, say('notAWorkbook'));
  const names = await sheetNames(bytes, entries);
  let total = 0;
  for (const entry of entries) {
    const sheet = names.get(entry.name) ?? entry.name;
    const budget = MAX_WORKBOOK_XML_MB * MB - total;
    const m = await measureEntry(bytes, entry, budget, WORKSHEET.test(entry.name));
    total += m.bytes;
    if (m.rows > MAX_SHEET_ROWS) {
      throw new NotATableError(file, m.declaredRows !== null && m.declaredRows > MAX_SHEET_ROWS
        ? say('sheetDeclaresTooManyRows', { sheet, declared: m.declaredRows, max: MAX_SHEET_ROWS })
        : say('sheetTooManyRows', { sheet, max: MAX_SHEET_ROWS }));
    }
    if (total > MAX_WORKBOOK_XML_MB * MB) {
      throw new NotATableError(file, say('sheetTooLarge', { sheet, max: MAX_WORKBOOK_XML_MB, rows: MAX_SHEET_ROWS }));
    }
  }
}

const LT = 60;
const COLON = 58;

/**
 * Inflates one entry as a stream, counting its bytes and (for worksheets) its <row> elements;
 * stops as soon as the rows pass MAX_SHEET_ROWS or the bytes pass `budget`.
 */
async function measureEntry(bytes: Uint8Array, entry: ZipEntry, budget: number, countRows: boolean): Promise<EntryMeasure> {
  if (entry.method !== 0 && entry.method !== 8) return { bytes: 0, rows: 0, declaredRows: null };
  const reader = entryStream(bytes, entry).getReader();
  const out: EntryMeasure = { bytes: 0, rows: 0, declaredRows: null };
  let tail = new Uint8Array(0);
  let head = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out.bytes += value.length;
      if (countRows) {
        if (head.length < 4096) head += new TextDecoder().decode(value.subarray(0, 4096 - head.length));
        const joined = new Uint8Array(tail.length + value.length);
        joined.set(tail);
        joined.set(value, tail.length);
        out.rows += countRowTags(joined);
        tail = joined.slice(Math.max(0, joined.length - 4));
      }
      if (out.rows > MAX_SHEET_ROWS || out.bytes > budget) break;
    }
  } catch {
    // A damaged stream: leave the verdict to the spreadsheet parser.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const dim = /<(?:\w+:)?dimension\s+ref="[A-Z]*\d+(?::[A-Z]+(\d+))?"/.exec(head);
  out.declaredRows = dim?.[1] ? Number(dim[1]) : null;
  return out;
}

/**
 * Counts '<row ' / '<row>' (or '<x:row ...'). `b` is the last 4 bytes of the previous chunk and
 * the new one: a match needs 5 bytes, so one that lies inside the carried 4 was counted before.
 */
function countRowTags(b: Uint8Array): number {
  let n = 0;
  for (let i = 1; i + 3 < b.length; i++) {
    if (b[i] !== 114 || b[i + 1] !== 111 || b[i + 2] !== 119) continue; // 'row'
    const after = b[i + 3];
    if (after !== 32 && after !== 62) continue;
    const before = b[i - 1];
    if (before === LT || before === COLON) n++;
  }
  return n;
}

/** Worksheet path -> sheet name, from xl/workbook.xml and its relationships (best effort). */
async function sheetNames(bytes: Uint8Array, entries: ZipEntry[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const book = entries.find((e) => e.name === 'xl/workbook.xml');
  const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels');
  if (!book || !rels || book.declaredSize > 8 * MB || rels.declaredSize > 8 * MB) return names;
  const [bookXml, relsXml] = await Promise.all([smallText(bytes, book), smallText(bytes, rels)]);
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const m of bookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\b\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const path = id ? targets.get(id) : undefined;
    if (name && path) names.set(path, decodeXmlText(name));
  }
  return names;
}

async function smallText(bytes: Uint8Array, entry: ZipEntry): Promise<string> {
  try {
    return await new Response(entryStream(bytes, entry)).text();
  } catch {
    return '';
  }
}

function decodeXmlText(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);
}
