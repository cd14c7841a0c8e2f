/**
 * Issue 15's scale rows: `npm run analyze -- --engine native` on the demo company's CSV exports at
 * L (1M customers, 10M orders) and XL (5M customers, 50M orders, the same seeded generator), on
 * this machine's cores. Each run is a child process under GNU time, so the figures are the CLI's
 * own wall time and peak resident memory (the whole process: DuckDB's buffers and Node).
 *
 *   npx tsx bench/nativeScale.ts [--sizes=L,XL] [--threads=2] [--memory-limit=12GB] [--steps]
 *
 * `--steps` also prints where the time went: the seconds between the CLI's progress lines on
 * stderr (`loading FILE ...`, `analytics: STEP ...`), each line's time taken as it arrives.
 *
 * The files are written once under bench/out/data/<size> (bench/scale/writeScaleFiles.ts). Prints
 * one markdown row per size; the rows in bench/RESULTS.md come from it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureScaleFiles } from './scale/writeScaleFiles';
import type { ScaleSize } from './scale/sizes';

const LADDER: Record<string, ScaleSize> = {
  L: { name: 'L', customers: 1_000_000, ordersPerCustomer: 10 },
  XL: { name: 'XL' as ScaleSize['name'], customers: 5_000_000, ordersPerCustomer: 10 },
};

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = arg('sizes', 'L,XL').split(',').filter(Boolean).map((n) => {
  const s = LADDER[n];
  if (!s) throw new Error(`Unknown size ${n}; use L or XL`);
  return s;
});
const threads = arg('threads', '2');
const memoryLimit = arg('memory-limit', '12GB');
const showSteps = process.argv.includes('--steps');

interface Row { size: string; customers: number; orders: number; csvMb: number; seconds: number; peakMib: number; exit: number; spillLeft: number; note: string }

/** One progress line of the CLI and the seconds until the next one (or the end). */
interface StepTime { line: string; seconds: number }

async function timedCli(files: string[], spillDir: string, jsonOut: string): Promise<{ seconds: number; peakMib: number; exit: number; stderrTail: string; steps: StepTime[] }> {
  const args = ['-v', 'node_modules/.bin/tsx', 'src/cli/analyze.ts', '--engine', 'native', '--threads', threads,
    '--memory-limit', memoryLimit, '--spill-dir', spillDir, '--json', ...files];
  const started = Date.now();
  const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  let stderr = '';
  let partial = '';
  const marks: { line: string; at: number }[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (/ \.\.\.$/.test(line)) marks.push({ line: line.replace(/ \.\.\.$/, ''), at: Date.now() });
  });
  const exit = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const ended = Date.now();
  const seconds = (ended - started) / 1000;
  writeFileSync(jsonOut, Buffer.concat(out));
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
  const lines = stderr.split('\n').filter((l) => l && !/^\s/.test(l));
  // The process start (Node, tsx, the engine) until the first progress line, then each line until the next.
  const steps = [{ line: '(start)', at: started }, ...marks].map((m, i, all) => ({ line: m.line, seconds: ((all[i + 1]?.at ?? ended) - m.at) / 1000 }));
  return { seconds, peakMib: peakKb / 1024, exit, stderrTail: lines.slice(-3).join(' | '), steps };
}

const rows: Row[] = [];
const steps = new Map<string, StepTime[]>();
for (const size of sizes) {
  const t0 = Date.now();
  process.stderr.write(`${size.name}: writing or finding the CSV files ...\n`);
  const files = await ensureScaleFiles(size);
  process.stderr.write(`${size.name}: files ready (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  const spill = mkdtempSync(path.join(os.tmpdir(), `cw-spill-${size.name}-`));
  const jsonOut = path.resolve('bench/out', `native-${size.name}.json`);
  const run = await timedCli(files.map((f) => f.csv), spill, jsonOut);
  steps.set(size.name, run.steps);
  let spillLeft = 0;
  try { spillLeft = readdirSync(spill).length; } catch { spillLeft = 0; }
  rmSync(spill, { recursive: true, force: true });
  let note = run.exit === 0 ? '' : run.stderrTail;
  if (run.exit === 0) {
    const report = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(jsonOut, 'utf8'))) as { customers?: { total?: number } };
    note = `customers in the report: ${report.customers?.total ?? '?'}`;
  }
  const orders = files.find((f) => f.table === 'orders')!.rows;
  rows.push({
    size: size.name, customers: size.customers, orders, csvMb: files.reduce((s, f) => s + f.csvBytes, 0) / 1e6,
    seconds: run.seconds, peakMib: run.peakMib, exit: run.exit, spillLeft, note,
  });
}

console.log(`Machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB. ` +
  `${new Date().toISOString()}. \`--engine native --threads ${threads} --memory-limit ${memoryLimit}\`, CSV input.`);
console.log('');
console.log('| size | customers | orders | CSV | wall time | peak RSS (CLI process) | exit | spill files left | check |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.size} | ${r.customers.toLocaleString('en')} | ${r.orders.toLocaleString('en')} | ${r.csvMb.toFixed(0)} MB | ${r.seconds.toFixed(1)} s | ${r.peakMib.toFixed(0)} MiB | ${r.exit} | ${r.spillLeft} | ${r.note} |`);
}
if (showSteps) {
  for (const [size, list] of steps) {
    console.log('');
    console.log(`| ${size}: step (CLI progress line) | seconds | share |`);
    console.log('|---|---|---|');
    const total = list.reduce((a, st) => a + st.seconds, 0);
    for (const st of list) console.log(`| ${st.line} | ${st.seconds.toFixed(1)} | ${((100 * st.seconds) / total).toFixed(0)}% |`);
  }
}
