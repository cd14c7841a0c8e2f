import type { ScaleSize } from './sizes';
import type { ScaleFile } from './writeScaleFiles';
import type { EngineScaleRun } from './engineRun';
import type { BrowserScaleRun } from './browserRun';
import type { LeanRun } from './leanReference';
import type { OpenMarks, OpenRun } from '../lib/openScreen';

/** Everything measured for one size. */
export interface SizeResult {
  size: ScaleSize;
  files: ScaleFile[];
  browserRuns: BrowserScaleRun[];
  engineRuns: EngineScaleRun[];
  /** The lean reference on the same files, per engine (bench/scale/leanReference). */
  leanRuns: LeanRun[];
}

/** Opening the demo with one build of the app, several times. */
export interface OpenBuild { label: string; runs: OpenRun[] }

const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '—');
const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '—');
const mib = (v: number | null) => (v !== null && Number.isFinite(v) ? `${Math.round(v).toLocaleString('en')} MiB` : '—');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '—');

/** bench/RESULTS.md from the runs so far. */
export function renderResults(results: SizeResult[], open: OpenBuild[], meta: { machine: string; date: string; command: string }): string {
  const lines: string[] = [
    '# Benchmark results', '',
    `Machine: ${meta.machine}. Date: ${meta.date}. Command: \`${meta.command}\` (after \`npm run build\`).`, '',
    'Chromium: Debian chromium headless on the built app (DuckDB-WASM eh bundle, the workspace database in OPFS).',
    'Node rows: the app\'s own ingestFile and prepareScreen on the DuckDB-WASM Node build (wasm), and on native DuckDB',
    '(@duckdb/node-api) with 1 thread (native1) and all threads (nativeN), one after another in the same run.', '',
    'Chromium "ingest" runs from the drop until the files tab is idle: every row loaded and committed to the',
    'workspace database. "first KPI" is the drop until the KPI strip shows its final customer count (measured',
    'for the current build only: the earlier one re-renders the strip in ways this probe does not follow).',
    'What limits the missed targets, profiled: bench/LIMITS.md. The 24-hour wall: bench/WALL.md.', '',
    ...openLines(open),
    '## Chromium (the product)', '',
    '| size | format | build | data | ingest | MB/s | first KPI | drop to drawn screen | drill p50 / p95 | JS heap peak | DuckDB memory | Chromium RSS peak (all / largest process) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    for (const b of r.browserRuns) {
      const mb = b.bytes / 1e6;
      lines.push(`| ${r.size.name} | ${b.format} | ${b.build ?? 'now'} | ${mb.toFixed(0)} MB | ${s(b.ingestMs)} | ${Number.isFinite(b.ingestMs) ? (mb / (b.ingestMs / 1000)).toFixed(1) : '—'} | ${(b.build ?? 'now') === 'now' ? s(b.firstKpiMs) : '—'} | ${s(b.dropToScreenMs)} | ${ms(b.drillP50)} / ${ms(b.drillP95)} (${b.drills}) | ${mib(b.jsHeapPeakMiB)} | ${mib(b.engineMiB)} | ${mib(b.rssPeakMiB)} / ${mib(b.rendererPeakMiB)} |${b.error ? ` failed: ${b.error} |` : ''}`);
    }
  }
  lines.push('', '## Same ingest and screen SQL: DuckDB-WASM (Node build) vs native DuckDB', '');
  lines.push('| size | step | wasm | native1 | nativeN | wasm/native1 | wasm/nativeN |', '|---|---|---|---|---|---|---|');
  for (const r of results) {
    const by = (label: string) => r.engineRuns.find((e) => e.label === label);
    const w = by('wasm');
    const n1 = by('native1');
    const nN = by('nativeN');
    // A run that failed while loading a file timed that file up to the failure: shown as failed, no ratio.
    const failedTable = (e: EngineScaleRun) => (e.error && !e.ingestTotalMs ? Object.keys(e.ingestMs).at(-1) : undefined);
    const cell = (e: EngineScaleRun | undefined, v: number, failed: boolean) => (failed ? (Number.isFinite(v) ? `failed after ${ms(v)}` : 'failed') : e ? ms(v) : '—');
    const row = (step: string, pick: (e: EngineScaleRun) => number, table?: string) => {
      const runs = [w, n1, nN];
      const failed = runs.map((e) => !!e && (table ? failedTable(e) === table : !!e.error && !e.ingestTotalMs && step.startsWith('ingest, all')));
      const [a, b, c] = runs.map((e, i) => (e && !failed[i] ? pick(e) : NaN));
      const shown = runs.map((e, i) => cell(e, e ? pick(e) : NaN, failed[i]));
      lines.push(`| ${r.size.name} | ${step} | ${shown[0]} | ${shown[1]} | ${shown[2]} | ${ratio(a, b)} | ${ratio(a, c)} |`);
    };
    for (const f of r.files) row(`ingest ${f.table} (${f.rows.toLocaleString('en')} rows)`, (e) => e.ingestMs[f.table] ?? NaN, f.table);
    row('ingest, all files', (e) => (e.error && !e.ingestTotalMs ? NaN : e.ingestTotalMs));
    row('screen analytics (prepareScreen)', (e) => e.analyticsMs);
    row('  of it inside the engine (SQL)', (e) => e.analyticsEngineMs);
    for (const e of r.engineRuns) if (e.error) lines.push(`| ${r.size.name} | ${e.label} failed | ${e.error.replace(/\|/g, '/')} | | | | |`);
  }
  lines.push('', ...leanLines(results), '', ...targetLines(results, open));
  return lines.join('\n') + '\n';
}

/** The issue's targets, each read off the measurements above: met, missed, or not measured. */
function targetLines(results: SizeResult[], open: OpenBuild[]): string[] {
  const size = (n: string) => results.find((r) => r.size.name === n);
  const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : 'missed');
  const worst = (runs: BrowserScaleRun[] | undefined, pick: (b: BrowserScaleRun) => number): number | null => {
    const values = (runs ?? []).filter((b) => (b.build ?? 'now') === 'now').map(pick);
    if (values.length === 0) return null;
    return values.some((v) => !Number.isFinite(v)) ? Infinity : Math.max(...values);
  };
  const m = worst(size('M')?.browserRuns, (b) => b.dropToScreenMs);
  const mKpi = worst(size('M')?.browserRuns, (b) => b.firstKpiMs);
  const lScreen = worst(size('L')?.browserRuns, (b) => b.dropToScreenMs);
  const lMem = worst(size('L')?.browserRuns, (b) => b.rssPeakMiB);
  const lDrill = worst(size('L')?.browserRuns, (b) => b.drillP95);
  // Steps both engines finished, and the sizes where WASM could not finish a step at all.
  const ratios: number[] = [];
  const wasmFailed: string[] = [];
  for (const r of results) {
    const w = r.engineRuns.find((e) => e.label === 'wasm');
    const n = r.engineRuns.find((e) => e.label === 'native1');
    if (!w || !n) continue;
    if (w.error) wasmFailed.push(r.size.name);
    const done = w.error && !w.ingestTotalMs ? Object.keys(w.ingestMs).slice(0, -1) : Object.keys(w.ingestMs);
    for (const t of done) ratios.push(w.ingestMs[t] / n.ingestMs[t]);
    if (Number.isFinite(w.analyticsEngineMs)) ratios.push(w.analyticsEngineMs / n.analyticsEngineMs);
  }
  const finite = ratios.filter((x) => Number.isFinite(x));
  const ratioMax = finite.length ? Math.max(...finite) : null;
  const ratioText = `${ratioMax === null ? '—' : `largest ${ratioMax.toFixed(2)}x where both finished`}${wasmFailed.length ? `; WASM failed at ${wasmFailed.join(', ')}` : ''}`;
  const ratioOk = ratioMax === null ? null : ratioMax < 2.5 && wasmFailed.length === 0;
  const fmt = (v: number | null, f: (x: number) => string) => (v === null ? '—' : Number.isFinite(v) ? f(v) : 'failed');
  return [
    '## Against the targets', '',
    '| target | measured (worst of CSV and Parquet) | verdict |', '|---|---|---|',
    ...openTargets(open),
    `| M: first KPIs within 5 s of the drop | ${fmt(mKpi, s)} | ${verdict(mKpi === null ? null : mKpi <= 5000)} |`,
    `| M: drop to drawn screen 10 s or less | ${fmt(m, s)} | ${verdict(m === null ? null : m <= 10_000)} |`,
    `| L: on screen in 90 s or less | ${fmt(lScreen, s)} | ${verdict(lScreen === null ? null : lScreen <= 90_000)} |`,
    `| L: under 4 GB (all Chromium processes at peak) | ${fmt(lMem, (v) => mib(v))} | ${verdict(lMem === null ? null : lMem < 4096)} |`,
    `| M: drill p95 100 ms or less | ${fmt(worst(size('M')?.browserRuns, (b) => b.drillP95), ms)} | ${verdict(((v) => (v === null ? null : v <= 100))(worst(size('M')?.browserRuns, (b) => b.drillP95)))} |`,
    `| L: drill p95 under 100 ms | ${fmt(lDrill, ms)} | ${verdict(lDrill === null ? null : lDrill < 100)} |`,
    `| WASM/native single-thread under 2.5x for every step | ${ratioText} | ${verdict(ratioOk)} |`,
  ];
}

const median = (values: number[]): number => {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN;
};

/** "median (min-max)" of one mark over a build's runs. */
function spread(runs: OpenRun[], pick: (r: OpenRun) => number): string {
  const v = runs.map(pick).filter(Number.isFinite);
  if (!v.length) return '—';
  const f = (x: number) => (x / 1000).toFixed(1);
  return v.length === 1 ? `${f(v[0])} s` : `${f(median(v))} s (${f(Math.min(...v))}-${f(Math.max(...v))})`;
}

const OPEN_MARKS: { name: string; pick: (r: OpenRun) => number }[] = [
  ...(['first', 'reopen'] as const).flatMap((when) => ([
    ['first KPI', 'kpiMs'], ['overview drawn', 'overviewMs'], ['ready (engine idle)', 'readyMs'],
  ] as [string, keyof OpenMarks][]).map(([label, key]) => ({ name: `${when === 'first' ? 'first visit' : 'reopen'}: ${label}`, pick: (r: OpenRun) => r[when][key] }))),
  { name: 'settings change (W2 180 to 60 days) to new KPI figures', pick: (r) => r.settingsKpiMs ?? NaN },
  { name: 'settings change (W2 180 to 60 days) to the rebuilt screen drawn', pick: (r) => r.settingsMs },
  { name: 'settings change to idle (the rebuild persisted)', pick: (r) => r.settingsIdleMs ?? NaN },
];

/** The demo opened in a fresh profile, reloaded, and a settings change: median (min-max) per build. */
function openLines(open: OpenBuild[]): string[] {
  if (!open.length) return [];
  const before = open.find((b) => b.label === 'before');
  const now = open.find((b) => b.label === 'now');
  const lines = [
    '## Opening the demo (Chromium, 1920x1080, a fresh profile per run, from navigation start)', '',
    `| mark | ${open.map((b) => `${b.label} (${b.runs.length} runs)`).join(' | ')}${before && now ? ' | before/now (medians) |' : ' |'}`,
    `|---|${open.map(() => '---|').join('')}${before && now ? '---|' : ''}`,
  ];
  for (const m of OPEN_MARKS) {
    const cells = open.map((b) => spread(b.runs, m.pick));
    const r = before && now ? ` ${ratio(median(before.runs.map(m.pick)), median(now.runs.map(m.pick)))} |` : '';
    lines.push(`| ${m.name} | ${cells.join(' | ')} |${r}`);
  }
  return [...lines, ''];
}

function openTargets(open: OpenBuild[]): string[] {
  const now = open.find((b) => b.label === 'now');
  if (!now) return [];
  const verdict = (v: number, goal: number) => (Number.isFinite(v) ? (v <= goal ? 'met' : 'missed') : 'not measured');
  const row = (target: string, pick: (r: OpenRun) => number, goal: number) => {
    const v = Math.max(...now.runs.map(pick));
    return `| ${target} | ${Number.isFinite(v) ? s(v) : '—'} (worst of ${now.runs.length}) | ${verdict(v, goal)} |`;
  };
  return [
    row('demo first visit: drawn overview in 3 s or less', (r) => r.first.overviewMs, 3000),
    row('reopen: drawn screen in 2 s or less', (r) => r.reopen.overviewMs, 2000),
    row('settings change (W2) reaching the KPI in 1 s or less', (r) => r.settingsKpiMs ?? NaN, 1000),
  ];
}

/** The app's own pipeline (ingestFile + prepareScreen) against the lean reference, per engine. */
function leanLines(results: SizeResult[]): string[] {
  const lines = [
    '## The app\'s pipeline vs the lean reference (same files, same engine, same run)', '',
    'Lean reference: a typed read_csv of every file, one customer-day aggregation, per-customer facts, the monthly',
    'churn series, monthly cohorts and RFM scores (bench/scale/leanReference.ts). App: ingestFile of every file',
    '(sniffing, tolerant staging, detection, conversion, provenance) then prepareScreen (every panel).', '',
    '| size | engine | app: ingest + screen | lean reference | of it: typed read | app / lean |', '|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    for (const lean of r.leanRuns) {
      const app = r.engineRuns.find((e) => e.label === lean.label);
      const appMs = app && !app.error ? app.ingestTotalMs + app.analyticsMs : NaN;
      const leanMs = lean.error ? NaN : lean.totalMs;
      lines.push(`| ${r.size.name} | ${lean.label} | ${s(appMs)} | ${lean.error ? `failed: ${lean.error}` : s(leanMs)} | ${s(lean.stepMs['typed read_csv, all files'] ?? NaN)} | ${ratio(appMs, leanMs)} |`);
    }
  }
  return lines;
}
