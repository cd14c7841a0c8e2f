/**
 * `npm run bench [-- --sizes=S,M,L --drills=200 --engines=wasm,native1,nativeN|none --formats=csv,parquet --no-browser
 *   --open-runs=3 --before=../base --out=bench/RESULTS.md]`
 * The scale ladder of issue 6, side by side with native DuckDB, in one run (a benchmark, not a
 * test): S/M/L demo companies exported to CSV and Parquet; the built app in headless Chromium
 * (ingest MB/s per format, drop-to-screen, drill p50/p95, memory at peak); the same ingest and
 * screen SQL on the DuckDB-WASM Node build and on native DuckDB with one thread and all threads,
 * with WASM/native ratios; the lean reference (bench/scale/leanReference) on the same files and
 * engines; opening the demo (first visit, reopen, a settings change) `--open-runs` times, beside
 * an earlier build of the app when `--before=DIR` names one (a checkout with its dist/ built).
 * Writes bench/RESULTS.md. Run `npm run build` first.
 */
import { availableParallelism, cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { createNodeConnector } from '../src/engine/nodeConnector';
import { createNativeConnector } from '../src/engine/nativeConnector';
import { launchBrowser, startServer } from '../tests/e2e/harness';
import { sizesFromArgs } from './scale/sizes';
import { ensureScaleFiles } from './scale/writeScaleFiles';
import { runEngineOnFiles, type EngineScaleRun } from './scale/engineRun';
import { runInBrowser, type BrowserScaleRun } from './scale/browserRun';
import { runLeanReference, type LeanRun } from './scale/leanReference';
import { openScreenOnce, type OpenRun } from './lib/openScreen';
import { serveBuild } from './lib/serveBuild';
import { renderResults, type SizeResult } from './scale/renderResults';
import type { EngineSpec } from './lib/runEngine';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const drills = Number(flag('drills') ?? 200);
const out = flag('out') ?? 'bench/RESULTS.md';
const ENGINES: EngineSpec[] = [
  { label: 'wasm', create: () => createNodeConnector() },
  { label: 'native1', create: () => createNativeConnector({ threads: 1 }) },
  { label: 'nativeN', create: () => createNativeConnector() },
];
const formats = (flag('formats') ?? 'csv,parquet').split(',').filter((f): f is 'csv' | 'parquet' => f === 'csv' || f === 'parquet');
const engines = flag('engines') ? ENGINES.filter((e) => flag('engines')!.split(',').includes(e.label)) : ENGINES;

const machine = `${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`;
console.log(`${machine}, ${new Date().toISOString()}`);
const results: SizeResult[] = [];
const openBuilds: { label: string; runs: OpenRun[] }[] = [];
const { server, origin } = argv.includes('--no-browser') ? { server: null, origin: '' } : await startServer();
const browser = server ? await launchBrowser() : null;
const before = browser && flag('before') ? await serveBuild('before', flag('before')!) : null;
const render = () => renderResults(results, openBuilds, { machine, date: new Date().toISOString(), command: `npm run bench -- ${argv.join(' ')}`.trim() });
try {
  if (browser && Number(flag('open-runs') ?? 3) > 0) {
    // Opening the demo, alternating between the builds so both see the same machine noise.
    const builds = [...(before ? [before] : []), { label: 'now', origin }];
    for (const b of builds) openBuilds.push({ label: b.label, runs: [] });
    for (let i = 0; i < Number(flag('open-runs') ?? 3); i++) {
      for (const [k, b] of builds.entries()) {
        const run = await openScreenOnce(browser, b.origin, true);
        openBuilds[k].runs.push(run);
        console.log(`  open ${b.label}: ${JSON.stringify(run)}`);
      }
    }
    writeFileSync(out, render());
  }
  for (const size of sizesFromArgs(argv)) {
    console.log(`\n== ${size.name}: ${size.customers.toLocaleString('en')} customers, ${size.ordersPerCustomer} orders each ==`);
    const t0 = Date.now();
    const files = await ensureScaleFiles(size);
    console.log(`  files ready in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${files.map((f) => `${f.table} ${f.rows.toLocaleString('en')}`).join(', ')}`);
    const browserRuns: BrowserScaleRun[] = [];
    if (browser) {
      for (const format of formats) {
        for (const b of [...(before ? [before] : []), { label: 'now', origin }]) {
          const run = { ...(await runInBrowser(browser, b.origin, files, format, drills)), build: b.label };
          browserRuns.push(run);
          console.log(`  chromium ${format} ${b.label}: ${JSON.stringify(run)}`);
        }
      }
    }
    const engineRuns: EngineScaleRun[] = [];
    for (const spec of engines) {
      const run = await runEngineOnFiles(spec, files);
      engineRuns.push(run);
      console.log(`  ${spec.label}: ${JSON.stringify(run)}`);
    }
    const leanRuns: LeanRun[] = [];
    for (const spec of engines.filter((e) => e.label !== 'nativeN')) {
      const run = await runLeanReference(spec.label, await spec.create(), files);
      leanRuns.push(run);
      console.log(`  lean ${spec.label}: ${JSON.stringify(run)}`);
    }
    results.push({ size, files, browserRuns, engineRuns, leanRuns });
    writeFileSync(out, render());
  }
} finally {
  await before?.close();
  await browser?.close();
  await server?.close();
}
console.log(`\nwritten: ${out}`);
