/**
 * Benchmark: every metric (analyzeWorkspace with DEFAULT_SETTINGS) on the demo company, in the
 * DuckDB-WASM Node build and in native DuckDB (@duckdb/node-api, one thread and all threads),
 * the same SQL through the same Connector interface. Not a test.
 *   npm run bench:analytics                  -> 20,000, 100,000 and 1,000,000 customers
 *   npx tsx bench/analytics.ts 20000 100000  -> those sizes
 *   npx tsx bench/analytics.ts 1000000 --engines=native1,nativeN  -> only those engines
 * 20 orders per customer up to 100,000 customers, 10 above (the demo's benchmark sizes).
 * Sizes and engines run one after another, never in parallel; each engine is closed before
 * the next starts. Results: bench/RESULTS-analytics.md.
 */
import { availableParallelism, totalmem } from 'node:os';
import { createNodeConnector } from '../src/engine/nodeConnector';
import { createNativeConnector } from '../src/engine/nativeConnector';
import { diffReports } from './lib/reportDiff';
import { printSize, printSummary } from './lib/printRuns';
import { failedRun, runEngine, type EngineRun, type EngineSpec } from './lib/runEngine';

const ENGINES: EngineSpec[] = [
  { label: 'wasm', create: () => createNodeConnector() },
  { label: 'native1', create: () => createNativeConnector({ threads: 1 }) },
  { label: 'nativeN', create: () => createNativeConnector() },
];

function enginesFromArgs(): EngineSpec[] {
  const flag = process.argv.slice(2).find((a) => a.startsWith('--engines='));
  if (!flag) return ENGINES;
  const wanted = flag.slice('--engines='.length).split(',');
  const picked = ENGINES.filter((e) => wanted.includes(e.label));
  if (picked.length !== wanted.length) throw new Error(`Engines are ${ENGINES.map((e) => e.label).join(', ')}; got ${wanted.join(', ')}`);
  return picked;
}

function sizesFromArgs(): number[] {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const sizes = args.length ? args.map((a) => Number(a.replace(/[_,]/g, ''))) : [20_000, 100_000, 1_000_000];
  for (const n of sizes) if (!Number.isInteger(n) || n < 1) throw new Error(`Not a customer count: ${n}`);
  return sizes;
}

console.log(`node ${process.version}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${new Date().toISOString()}`);
console.log('wasm = DuckDB-WASM 1.32 Node build (blocking, 1 thread); native1/nativeN = @duckdb/node-api, threads=1 / default (all cores)');
const summary: { customers: number; ordersPerCustomer: number; runs: EngineRun[] }[] = [];
for (const customers of sizesFromArgs()) {
  const ordersPerCustomer = customers > 100_000 ? 10 : 20;
  console.log(`\n== ${customers.toLocaleString('en')} customers, ${ordersPerCustomer} orders/customer ==`);
  const runs: EngineRun[] = [];
  // WASM first: its report is the reference the natives are checked against.
  for (const spec of enginesFromArgs()) {
    try {
      const run = await runEngine(spec, customers, ordersPerCustomer);
      runs.push(run);
      console.log(`  ${spec.label}: load ${run.loadMs.toFixed(0)} ms, analyzeWorkspace ${run.analyzeMs.toFixed(0)} ms`);
    } catch (e) {
      // WASM may run out of its 4 GB address space at large sizes; the native columns still print.
      runs.push(failedRun(spec.label, e));
      console.log(`  ${spec.label}: FAILED ${runs[runs.length - 1].error}`);
    }
  }
  console.log('');
  console.log(printSize(runs));
  for (const native of runs.slice(1)) {
    if (!runs[0].report || !native.report) continue;
    const d = diffReports(runs[0].report, native.report);
    console.log(`  report ${runs[0].label} vs ${native.label}: ${d.numbers} numbers, ${d.inexact} not bit-identical, max rel diff ${d.maxRel.toExponential(1)}` +
      ` (models/clv ${d.maxRelModels.toExponential(1)}), ${d.mismatches.length} beyond tolerance${d.mismatches.length ? ': ' + d.mismatches.slice(0, 5).join('; ') : ''}`);
  }
  for (const r of runs) r.report = null; // keep memory flat across sizes
  summary.push({ customers, ordersPerCustomer, runs });
}
console.log('\n== analyzeWorkspace, all sizes ==');
console.log(printSummary(summary));
