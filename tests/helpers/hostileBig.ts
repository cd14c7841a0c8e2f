import { closeSync, openSync, writeSync } from 'node:fs';
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

/**
 * Writes an orders CSV of about `bytes` bytes to `path` (8 MB at a time, never whole in memory)
 * and returns its data lines. Lines look like a CRM order export (about 75 bytes each).
 */
export function writeOrdersCsv(path: string, bytes: number): number {
  const fd = openSync(path, 'w');
  try {
    let written = 0;
    let i = 0;
    const header = enc.encode('order_id,customer_id,order_date,amount,quantity,status,product\n');
    writeSync(fd, header);
    written += header.length;
    while (written < bytes) {
      const lines: string[] = [];
      for (let k = 0; k < 100_000; k++) {
        i++;
        lines.push(`SO-${1_000_000 + i},CUST-${100_000 + (i % 250_000)},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 5000) / 10 + 1},${(i % 9) + 1},paid,Product ${i % 997}`);
      }
      const chunk = enc.encode(lines.join('\n') + '\n');
      writeSync(fd, chunk);
      written += chunk.length;
    }
    return i;
  } finally {
    closeSync(fd);
  }
}
