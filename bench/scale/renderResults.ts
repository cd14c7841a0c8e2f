import type { ScaleSize } from './sizes';
import type { ScaleFile } from './writeScaleFiles';
import type { EngineScaleRun } from './engineRun';
import type { BrowserScaleRun } from './browserRun';

/** Everything measured for one size. */
export interface SizeResult {
  size: ScaleSize;
  files: ScaleFile[];
  browserRuns: BrowserScaleRun[];
  engineRuns: EngineScaleRun[];
}

const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '—');
const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '—');
const mib = (v: number | null) => (v !== null && Number.isFinite(v) ? `${Math.round(v).toLocaleString('en')} MiB` : '—');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '—');

/** bench/RESULTS.md from the runs so far. */
export function renderResults(results: SizeResult[], meta: { machine: string; date: string; command: string }): string {
  const lines: string[] = [
    '# Benchmark results', '',
    `Machine: ${meta.machine}. Date: ${meta.date}. Command: \`${meta.command}\` (after \`npm run build\`).`, '',
    'Chromium: Debian chromium headless on the built app (DuckDB-WASM coi bundle: the page is cross-origin isolated).',
    'Node rows: the app\'s own ingestFile and prepareScreen on the DuckDB-WASM Node build (wasm), and on native DuckDB',
    '(@duckdb/node-api) with 1 thread (native1) and all threads (nativeN), one after another in the same run.', '',
    '## Chromium (the product)', '',
    '| size | format | data | ingest | MB/s | drop to drawn screen | drill p50 / p95 | JS heap peak | DuckDB memory | Chromium RSS peak (all / largest process) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    for (const b of r.browserRuns) {
      const mb = b.bytes / 1e6;
      lines.push(`| ${r.size.name} | ${b.format} | ${mb.toFixed(0)} MB | ${s(b.ingestMs)} | ${Number.isFinite(b.ingestMs) ? (mb / (b.ingestMs / 1000)).toFixed(1) : '—'} | ${s(b.dropToScreenMs)} | ${ms(b.drillP50)} / ${ms(b.drillP95)} (${b.drills}) | ${mib(b.jsHeapPeakMiB)} | ${mib(b.engineMiB)} | ${mib(b.rssPeakMiB)} / ${mib(b.rendererPeakMiB)} |${b.error ? ` failed: ${b.error} |` : ''}`);
    }
  }
  lines.push('', '## Same ingest and screen SQL: DuckDB-WASM (Node build) vs native DuckDB', '');
  lines.push('| size | step | wasm | native1 | nativeN | wasm/native1 | wasm/nativeN |', '|---|---|---|---|---|---|---|');
  for (const r of results) {
    const by = (label: string) => r.engineRuns.find((e) => e.label === label);
    const w = by('wasm');
    const n1 = by('native1');
    const nN = by('nativeN');
    const row = (step: string, pick: (e: EngineScaleRun) => number) => {
      const [a, b, c] = [w, n1, nN].map((e) => (e ? pick(e) : NaN));
      lines.push(`| ${r.size.name} | ${step} | ${ms(a)} | ${ms(b)} | ${ms(c)} | ${ratio(a, b)} | ${ratio(a, c)} |`);
    };
    for (const f of r.files) row(`ingest ${f.table} (${f.rows.toLocaleString('en')} rows)`, (e) => e.ingestMs[f.table] ?? NaN);
    row('ingest, all files', (e) => e.ingestTotalMs);
    row('screen analytics (prepareScreen)', (e) => e.analyticsMs);
    row('  of it inside the engine (SQL)', (e) => e.analyticsEngineMs);
    for (const e of r.engineRuns) if (e.error) lines.push(`| ${r.size.name} | ${e.label} failed | ${e.error.replace(/\|/g, '/')} | | | | |`);
  }
  return lines.join('\n') + '\n';
}
