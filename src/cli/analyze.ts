import type { FileReport } from '../ingest/types';
import { isOutOfMemory } from '../ingest/loadErrors';
import { analyzeWorkspace, type WorkspaceReport } from '../analytics/report';
import { DEFAULT_SETTINGS } from '../analytics/settings';
import { loadDemo } from '../demo/loadDemo';
import { parseArgs, UsageError, USAGE, type AnalyzeArgs } from './args';
import { buildReport } from './buildReport';
import { formatText } from './text/formatText';
import { loadFile } from './loadFile';
import { csvMaxBytes, fastLaneMaxBytes } from './engineLimits';
import { unsureWarning } from './unsureWarning';
import { startEngine, type StartedEngine } from './startEngine';
import { describeStepFailure, inStep, StepFailure } from './stepFailure';
import { tableCounts } from './tableCounts';
import { checkFactsOut, writeFactsBundle } from './factsOut';
import { writeCustomersCsv } from './customersOut';
import type { ModelsBlock } from '../analytics/models/computeModels';

/** The analytics settings of a run. */
const settingsOf = (args: AnalyzeArgs) => ({ ...DEFAULT_SETTINGS, asOf: args.asOf, period: args.period });

/** Runs every metric, naming the analytics step an engine error stopped in. */
async function analyze(args: AnalyzeArgs, engine: StartedEngine): Promise<WorkspaceReport> {
  let step = 'analytics';
  try {
    return await analyzeWorkspace(engine.qm, settingsOf(args), {
      withScreenTables: args.customersOut !== null,
      onStep: (name) => {
        step = `analytics: ${name}`;
        process.stderr.write(`${step} ...\n`);
      },
    });
  } catch (e) {
    throw new StepFailure(step, e);
  }
}

/** Loads, analyses and prints; returns the exit status. */
async function run(args: AnalyzeArgs, engine: StartedEngine): Promise<number> {
  const { qm } = engine;
  const files: FileReport[] = [];
  let demoLoaded = false;
  if (args.demoCustomers) {
    process.stderr.write(`generating the demo company (${args.demoCustomers} customers) ...\n`);
    await inStep('generating the demo company', () => loadDemo(qm, { customers: args.demoCustomers }));
    demoLoaded = true;
  }
  const seen = new Map<string, string>();
  // On native DuckDB the user chose the memory limit: running out of it stops the run and names
  // the step. On WASM it stays a per-file error, as in the app (the other files still load).
  const fatal = args.engine === 'native' ? isOutOfMemory : undefined;
  for (const f of args.files) {
    process.stderr.write(`loading ${f} ...\n`);
    for (const r of await loadFile(qm, f, seen, { fatal, override: args.overrides.get(f), fastLaneMaxBytes: fastLaneMaxBytes(args.engine), csvMaxBytes: csvMaxBytes(args.engine) })) {
      if (r.error) process.stderr.write(`warning: ${r.error}\n`);
      const unsure = unsureWarning(r, args.lang);
      if (unsure) process.stderr.write(`${unsure}\n`);
      files.push(r);
    }
  }
  const loaded = demoLoaded || files.some((r) => !r.error && r.rowsLoaded > 0);
  const analytics = loaded ? await analyze(args, engine) : null;
  if (analytics && args.factsOut !== null) {
    const dir = args.factsOut;
    process.stderr.write(`writing the facts bundle to ${dir} ...\n`);
    const m = await inStep('writing the facts bundle', () => writeFactsBundle(qm, dir, { engine: args.engine, settings: settingsOf(args) }));
    const written = m.files.filter((f) => f.file);
    const mib = written.reduce((n, f) => n + f.bytes, 0) / 2 ** 20;
    process.stderr.write(`facts bundle (contract version ${m.version}): ${written.length} Parquet files, ${mib.toFixed(2)} MiB, in ${dir}\n`);
  }
  if (analytics && args.customersOut !== null) {
    const file = args.customersOut;
    const models = analytics.sections.models as ModelsBlock | undefined;
    const n = await inStep('writing the customer list', () => writeCustomersCsv(qm, file, args.lang, { bgnbd: models?.bgnbd ?? null, paretoNbd: models?.paretoNbd ?? null }));
    process.stderr.write(`customer list: ${n} customers in ${file}\n`);
  }
  const report = buildReport(args.asOf, files, await tableCounts(qm), analytics, engine.info);
  process.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatText(report, args.lang));
  return loaded ? 0 : 1;
}

/**
 * `npm run analyze -- [--engine wasm|native] [--as-of YYYY-MM-DD] [--period ...] [--json] FILE...`
 * The same ingestion and analytics modules as the app, on the DuckDB-WASM Node build or on
 * native DuckDB. Exit 0 when at least one file loaded, 1 when none did or the engine failed,
 * 2 for a usage error.
 */
async function main(argv: string[]): Promise<number> {
  let args: AnalyzeArgs;
  let engine: StartedEngine;
  try {
    args = parseArgs(argv);
    if (args.factsOut !== null) await checkFactsOut(args.factsOut);
    engine = await startEngine(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write((e.message ? `analyze: ${e.message}\n` : '') + USAGE + '\n');
      return 2;
    }
    throw e;
  }
  const started = performance.now();
  try {
    const code = await run(args, engine);
    const { name, threads } = engine.info;
    process.stderr.write(`done in ${((performance.now() - started) / 1000).toFixed(2)} s on ${name === 'native' ? `native DuckDB, ${threads} thread${threads > 1 ? 's' : ''}` : 'DuckDB-WASM'}\n`);
    return code;
  } catch (e) {
    if (!(e instanceof StepFailure)) throw e;
    process.stderr.write(`analyze: ${describeStepFailure(e, engine.info)}\n`);
    if (!isOutOfMemory(e.cause)) process.stderr.write(`${(e.cause as Error)?.stack ?? e.cause}\n`);
    return 1;
  } finally {
    // Removes the native engine's temp and spill directories, on success and on failure.
    await engine.close().catch(() => {});
  }
}

// A signal ends the process through process.exit, so the exit hook removing the native engine's
// temp files runs (a default SIGINT death would skip it).
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) process.once(signal, () => process.exit(code));

// Exit only once stdout has drained: process.exit() right after a large write to a pipe
// truncates the JSON.
main(process.argv.slice(2)).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (e) => {
    process.stderr.write(`analyze: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
