/**
 * Benchmark: generate the demo company and load it into DuckDB-WASM (Node build).
 *   npx tsx bench/demo-load.ts            -> 20,000 customers (20 orders each), then 1,000,000 (10 each)
 *   npx tsx bench/demo-load.ts 200000     -> that many customers (10 orders each above 100k)
 * Prints generation and load time and rows per table. Not a test.
 */
import { createNodeConnector } from '../src/engine/nodeConnector';
import { QueryManager } from '../src/engine/queryManager';
import { loadDemo } from '../src/demo/loadDemo';

async function run(customers: number): Promise<void> {
  // The product promise: ~20 orders per customer at demo size, 10 per customer at 1M (10M orders).
  const ordersPerCustomer = customers > 100_000 ? 10 : 20;
  const connector = await createNodeConnector();
  const qm = new QueryManager(connector);
  const t0 = performance.now();
  const report = await loadDemo(qm, { customers, ordersPerCustomer });
  const totalMs = performance.now() - t0;
  const rows = Object.values(report.rows).reduce((a, b) => a + b, 0);
  const mem = process.memoryUsage();
  console.log(`\n${customers.toLocaleString('en')} customers, ${ordersPerCustomer} orders/customer (seed ${report.seed})`);
  console.log(`  generate ${report.generateMs.toFixed(0)} ms, load ${report.loadMs.toFixed(0)} ms, total ${totalMs.toFixed(0)} ms`);
  console.log(`  ${rows.toLocaleString('en')} rows (${((rows / totalMs) * 1000).toFixed(0)} rows/s); rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, JS heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  for (const [table, n] of Object.entries(report.rows)) console.log(`  ${table.padEnd(20)} ${n.toLocaleString('en').padStart(12)}`);
  await connector.close();
}

const arg = process.argv[2];
const sizes = arg ? [Number(arg.replace(/[_,]/g, ''))] : [20_000, 1_000_000];
for (const n of sizes) await run(n);
