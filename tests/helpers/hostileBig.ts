import { closeSync, openSync, writeSync } from 'node:fs';
import type { IngestInput } from '../../src/ingest/types';
/**
 * The big files of the hostile corpus, made at test time (tests/fixtures/hostile has the small
 * ones): a 100 MB row, 10,000 columns, and a column of 1 MB cells.
 */
const enc = new TextEncoder();

/** A header, one 100 MB row (a single cell), then a normal row. */
export function hundredMegabyteLine(): Uint8Array {
  const head = enc.encode('customer_id,name\nBIG1,');
  const tail = enc.encode('\nOK1,normal\n');
  const out = new Uint8Array(head.length + 100 * 2 ** 20 + tail.length);
  out.set(head, 0);
  out.fill(0x78, head.length, head.length + 100 * 2 ** 20); // 'x'
  out.set(tail, out.length - tail.length);
  return out;
}

/** customer_id and 9,999 more columns, three rows. */
export function tenThousandColumns(): Uint8Array {
  const cols = Array.from({ length: 9_999 }, (_, i) => `c${i + 1}`);
  const rows = ['customer_id,' + cols.join(',')];
  for (let r = 1; r <= 3; r++) rows.push(`W${r},` + cols.map((_, i) => String((r * 31 + i) % 97)).join(','));
  return enc.encode(rows.join('\n') + '\n');
}

/** Five customers whose notes are 1 MB each. */
export function megabyteCells(): Uint8Array {
  const cell = 'n'.repeat(2 ** 20);
  const rows = ['customer_id,name,notes'];
  for (let r = 1; r <= 5; r++) rows.push(`MB${r},Customer ${r},${cell}`);
  return enc.encode(rows.join('\n') + '\n');
}

/** Where one stray quote goes in strayQuoteOrders: none, an inch mark inside a value, or a quote opening a value and never closed. */
export type StrayQuote = 'none' | 'inch-mark' | 'unclosed';

/** An orders CSV of about `bytes` bytes and what it truly holds. */
export interface OrdersCsv {
  bytes: Uint8Array;
  /** Data lines (rows of the file, header excluded). */
  rows: number;
  /** The file line of the stray quote (null without one). */
  strayLine: number | null;
}

/**
 * Orders of about `bytes` bytes (order_id, customer_id, order_date, amount, product). With a stray
 * quote on line 5 (near the top, the worst place for a reader that carries text while a quote is
 * open): `27" Monitor` (an inch mark, which is text) or `"27 Monitor` (a quote that never closes).
 */
export function strayQuoteOrders(bytes: number, stray: StrayQuote): OrdersCsv {
  const lines = ['order_id,customer_id,order_date,amount,product'];
  let size = lines[0].length + 1;
  let i = 0;
  while (size < bytes) {
    i++;
    const product = i === 4 && stray === 'inch-mark' ? '27" Monitor' : i === 4 && stray === 'unclosed' ? '"27 Monitor' : `Item ${i % 977}`;
    const line = `O${i},C${i % 20000},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 500) + 0.5},${product}`;
    lines.push(line);
    size += line.length + 1;
  }
  return { bytes: enc.encode(lines.join('\n') + '\n'), rows: i, strayLine: stray === 'none' ? null : 5 };
}

/** Bytes of every line of generatedInput (header included). */
const FIXED_LINE = 64;
/** Lines of the template block generatedInput repeats (a multiple of every line period below). */
const BLOCK_LINES = 4 * 9 * 5 * 7 * 12 * 28; // 423,360 lines, 27 MB

/** Line i (1-based) of a generated orders CSV: the order id is 12 digits at characters 3-14. */
export function orderCsvLine(i: number): string {
  const id = `SO-${String(i).padStart(12, '0')}`;
  const customer = `C-${String(i % 9973).padStart(8, '0')}`;
  const date = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  return `${id},${customer},${date},${(i % 5) * 10 + 1},paid`;
}

/** Line i (1-based) of a generated NDJSON activity file: the customer id is 12 digits at characters 17-28. */
export function activityJsonLine(i: number): string {
  return `{"customer_id":"C${String(i).padStart(12, '0')}","event_date":"2024-01-${String((i % 28) + 1).padStart(2, '0')}","count":${i % 9}}`;
}

/**
 * A text file of exactly `bytes` bytes (whole 64-byte lines, each padded with spaces) that exists
 * only as it is read: `line(i)` makes lines 1..BLOCK_LINES once, and every later line is the
 * template line of its place in the block with its 12-digit number (at `digitsAt`) rewritten,
 * so slices are made fast and a 1.5 GB file costs no memory until someone reads it (which a
 * loader that refuses it by size never does). `header` is line 0 (null for none).
 */
export function generatedInput(name: string, bytes: number, header: string | null, line: (i: number) => string, digitsAt: number): IngestInput {
  const fixed = (text: string) => text.padEnd(FIXED_LINE - 1, ' ') + '\n';
  const first = header === null ? 0 : 1;
  const size = Math.floor(bytes / FIXED_LINE) * FIXED_LINE;
  let block: Uint8Array | null = null;
  const template = (): Uint8Array => {
    block ??= enc.encode(Array.from({ length: BLOCK_LINES }, (_, k) => fixed(line(k + 1))).join(''));
    return block;
  };
  const headerBytes = header === null ? null : enc.encode(fixed(header));
  return {
    name,
    size,
    async read(start: number, end: number): Promise<Uint8Array> {
      const from = Math.max(0, start);
      const to = Math.min(size, end);
      if (to <= from) return new Uint8Array(0);
      const firstLine = Math.floor(from / FIXED_LINE);
      const lastLine = Math.ceil(to / FIXED_LINE);
      const out = new Uint8Array((lastLine - firstLine) * FIXED_LINE);
      let l = firstLine;
      if (l < first) out.set(headerBytes!, 0);
      l = Math.max(l, first);
      while (l < lastLine) {
        // Copy a run of template lines in one go, then rewrite each line's number.
        const k = (l - first) % BLOCK_LINES;
        const run = Math.min(lastLine - l, BLOCK_LINES - k);
        out.set(template().subarray(k * FIXED_LINE, (k + run) * FIXED_LINE), (l - firstLine) * FIXED_LINE);
        for (let j = 0; j < run; j++) {
          const at = (l + j - firstLine) * FIXED_LINE + digitsAt;
          for (let d = 11, v = l + j - first + 1; d >= 0 && v > 0; d--, v = (v / 10) | 0) out[at + d] = 48 + (v % 10);
        }
        l += run;
      }
      return out.subarray(from - firstLine * FIXED_LINE, to - firstLine * FIXED_LINE);
    },
  };
}

/** Writes an input to disk in 64 MB slices (for a browser that must be handed a real file). */
export async function writeInputToFile(input: IngestInput, path: string): Promise<void> {
  const fd = openSync(path, 'w');
  try {
    for (let start = 0; start < input.size; start += 64 * 2 ** 20) writeSync(fd, await input.read(start, start + 64 * 2 ** 20));
  } finally {
    closeSync(fd);
  }
}
