/**
 * Measures what one file of a format can hold, in the DuckDB-WASM Node build (the engine and the
 * 3.1 GiB the browser has; Node's 4 GB heap is about a browser tab's). Prints figures, not a test:
 *   npx tsx bench/ingest-limits.ts csv 640       orders CSV of 640 MB (7 columns, ~75 bytes a line)
 *   npx tsx bench/ingest-limits.ts json 400      JSON array of order records, 400 MB
 *   npx tsx bench/ingest-limits.ts xlsx 1000000  one sheet of 1,000,000 rows x 8 columns
 * The figures behind src/ingest/limits.ts (and the README's limits) come from these runs; the
 * loader refuses larger files up front, so the script loads with the size check lifted
 * (workbooks keep their row and XML bounds).
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileInput } from '../src/cli/fileInput';
import { createNodeEngine } from '../src/workspace/nodeHost';
import { ingestFile } from '../src/ingest/ingestFile';
import { xlsx } from '../tests/fixtures/hostile/xlsxWriter';

const enc = new TextEncoder();
const [kind, amountText] = process.argv.slice(2);
const amount = Number(amountText);

/** The order line of the measurements: 7 columns, about 75 bytes. */
function orderLine(i: number): string {
  return `SO-${1_000_000 + i},CUST-${100_000 + (i % 250_000)},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 5000) / 10 + 1},${(i % 9) + 1},paid,Product ${i % 997}`;
}

/** Writes lines until the file has `bytes` bytes; returns the data lines written. */
function writeLines(file: string, bytes: number, first: string, line: (i: number) => string, sep: string, last: string): number {
  const fd = openSync(file, 'w');
  let written = writeSync(fd, enc.encode(first));
  let i = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 100_000; k++) lines.push(line(++i));
    written += writeSync(fd, enc.encode((i > 100_000 ? sep : '') + lines.join(sep)));
  }
  writeSync(fd, enc.encode(last));
  closeSync(fd);
  return i;
}

function workbookRow(r: number): string {
  const c = (col: string, v: string) => `<c r="${col}${r}" t="inlineStr"><is><t>${v}</t></is></c>`;
  return `<row r="${r}">${c('A', `O${r}`)}${c('B', `C${r % 50_000}`)}<c r="C${r}"><v>${45_000 + (r % 700)}</v></c><c r="D${r}"><v>${(r % 997) + 0.5}</v></c><c r="E${r}"><v>${r % 9}</v></c>${c('F', 'paid')}${c('G', '华东')}${c('H', `Item ${r % 977}`)}</row>`;
}

async function main(): Promise<void> {
  const file = path.join(tmpdir(), `churnwatch-limit-${kind}-${amount}.${kind}`);
  let lines = 0;
  if (kind === 'csv') lines = writeLines(file, amount * 2 ** 20, 'order_id,customer_id,order_date,amount,quantity,status,product\n', orderLine, '\n', '\n');
  else if (kind === 'json') lines = writeLines(file, amount * 2 ** 20, '[', (i) => `{"order_id":"SO-${i}","customer_id":"C${i % 250_000}","order_date":"2024-01-${String((i % 28) + 1).padStart(2, '0')}","amount":${(i % 5000) / 10 + 1},"quantity":${(i % 9) + 1},"status":"paid","product":"P${i % 997}"}`, ',\n', ']');
  else if (kind === 'xlsx') {
    lines = amount;
    const header = '<row r="1">' + ['order_id', 'customer_id', 'order_date', 'amount', 'quantity', 'status', 'region', 'product'].map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('') + '</row>';
    const rows = function* () {
      yield header;
      for (let r = 2; r <= amount + 1; r += 10_000) yield Array.from({ length: Math.min(10_000, amount + 2 - r) }, (_, k) => workbookRow(r + k)).join('');
    };
    const fd = openSync(file, 'w');
    writeSync(fd, xlsx([{ name: 'Orders', rows }]));
    closeSync(fd);
  } else throw new Error('usage: npx tsx bench/ingest-limits.ts csv|json|xlsx AMOUNT');

  const qm = await createNodeEngine();
  const input = await fileInput(file);
  const t0 = performance.now();
  let raw = '';
  const reports = await ingestFile(qm, input, { ignoreSizeLimits: true, onInternalError: (e) => (raw = String((e as Error).message).split('\n')[0].slice(0, 120)) });
  const failed = reports.find((r) => r.error);
  const outcome = failed ? `failed: ${failed.error}${raw ? ` (${raw})` : ''}` : `loaded ${reports.reduce((n, r) => n + r.rowsLoaded, 0).toLocaleString('en')} rows`;
  const mem = process.memoryUsage();
  console.log(`| ${kind} | ${(input.size / 2 ** 20).toFixed(0)} MB | ${lines.toLocaleString('en')} rows written | ${outcome} | ${((performance.now() - t0) / 1000).toFixed(0)} s | heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB, RSS ${(mem.rss / 2 ** 20).toFixed(0)} MB |`);
  unlinkSync(file);
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
