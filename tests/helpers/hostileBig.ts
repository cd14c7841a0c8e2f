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
