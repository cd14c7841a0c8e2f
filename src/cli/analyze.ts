import { createNodeEngine } from '../workspace/nodeHost';
import type { FileReport } from '../ingest/types';
import { parseArgs, UsageError, USAGE } from './args';
import { loadFile } from './loadFile';
import { tableCounts } from './tableCounts';
import { analyzeWorkspace } from '../analytics/report';
import { DEFAULT_SETTINGS } from '../analytics/settings';
import { formatText } from './formatText';
import { loadDemo } from '../demo/loadDemo';
import { unlabeledNote } from './labelNote';
import type { LabelSummary } from '../analytics/status/labelSummary';

const withNote = (note: string | null): string[] => (note ? [note] : []);

/**
 * `npm run analyze -- [--as-of YYYY-MM-DD] [--period ...] [--json] FILE...`
 * The same ingestion and analytics modules as the app, on the DuckDB-WASM Node build.
 * Exit 0 when at least one file loaded, 1 when none did, 2 for a usage error.
 */
async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write((e.message ? `analyze: ${e.message}\n` : '') + USAGE + '\n');
      return 2;
    }
    throw e;
  }
  const qm = await createNodeEngine();
  const files: FileReport[] = [];
  let demoLoaded = false;
  if (args.demoCustomers) {
    process.stderr.write(`generating the demo company (${args.demoCustomers} customers) ...\n`);
    await loadDemo(qm, { customers: args.demoCustomers });
    demoLoaded = true;
  }
  const seen = new Map<string, string>();
  for (const f of args.files) {
    process.stderr.write(`loading ${f} ...\n`);
    const reports = await loadFile(qm, f, seen);
    for (const r of reports) {
      if (r.error) process.stderr.write(`warning: ${r.error}\n`);
      files.push(r);
    }
  }
  const loaded = demoLoaded || files.some((r) => !r.error && r.rowsLoaded > 0);
  const analytics = loaded ? await analyzeWorkspace(qm, { ...DEFAULT_SETTINGS, asOf: args.asOf, period: args.period }) : null;
  const report = {
    asOf: analytics?.asOf ?? args.asOf,
    files: files.map((r) => ({
      file: r.file,
      table: r.table ?? null,
      sheet: r.sheet ?? null,
      encoding: r.encoding ?? null,
      rowsLoaded: r.rowsLoaded ?? 0,
      rowsRejected: r.rowsRejected ?? 0,
      rejected: r.rejected ?? [],
      rowsReplaced: r.rowsReplaced ?? 0,
      rowsDuplicate: r.rowsDuplicate ?? 0,
      mapping: r.mapping ?? {},
      notes: r.notes ?? [],
      error: r.error ?? null,
    })),
    tables: await tableCounts(qm),
    ...(analytics ? analytics.sections : {}),
    notes: analytics ? [...withNote(unlabeledNote(analytics.sections.churnLabels as LabelSummary | undefined)), ...analytics.notes] : ['no file loaded'],
  };
  process.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatText(report));
  return loaded ? 0 : 1;
}

// Exit only once stdout has drained: process.exit() right after a large write to a pipe
// truncates the JSON.
main(process.argv.slice(2)).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (e) => {
    process.stderr.write(`analyze: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
