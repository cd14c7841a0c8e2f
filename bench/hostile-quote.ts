/**
 * Benchmark: one stray quote must not make CSV reading slower (the old chunker rescanned the rest
 * of the text for every line while a quote was open: 50 MB went from ~10 s to 543 s).
 *   npx tsx bench/hostile-quote.ts [MB]      (default 50)
 * Loads the same ~50 MB orders CSV three times into a fresh DuckDB-WASM (Node build) engine:
 * clean, with an inch mark (27" Monitor) on line 5, and with a quote opened on line 5 and never
 * closed. Prints rows loaded, rejected lines, seconds and the ratio to the clean file (target:
 * under 1.5). Figures, not a test.
 */
import { createNodeEngine } from '../src/workspace/nodeHost';
import { ingestFile } from '../src/ingest/ingestFile';
import { bytesInput } from '../src/ingest/types';
import { strayQuoteOrders, type StrayQuote } from '../tests/helpers/hostileBig';

const megabytes = Number(process.argv[2] ?? 50);

async function timeLoad(stray: StrayQuote): Promise<{ seconds: number; loaded: number; rejected: string; rows: number; mb: number }> {
  const file = strayQuoteOrders(megabytes * 2 ** 20, stray);
  const qm = await createNodeEngine();
  const t0 = performance.now();
  const [report] = await ingestFile(qm, bytesInput(`orders-${stray}.csv`, file.bytes));
  const seconds = (performance.now() - t0) / 1000;
  await qm.connector.close();
  const rejected = report.rejected.map((r) => `line ${r.line}`).join(', ') || 'none';
  return { seconds, loaded: report.rowsLoaded, rejected, rows: file.rows, mb: file.bytes.length / 2 ** 20 };
}

const clean = await timeLoad('none');
console.log(`| file | MB | data lines | rows loaded | rejected | seconds | ratio to clean |`);
console.log(`|---|---|---|---|---|---|---|`);
const row = (name: string, r: typeof clean) =>
  console.log(`| ${name} | ${r.mb.toFixed(1)} | ${r.rows.toLocaleString('en')} | ${r.loaded.toLocaleString('en')} | ${r.rejected} | ${r.seconds.toFixed(2)} | ${(r.seconds / clean.seconds).toFixed(2)} |`);
row('clean', clean);
row('inch mark on line 5', await timeLoad('inch-mark'));
row('unclosed quote on line 5', await timeLoad('unclosed'));
process.exit(0);
