import { STEPS } from './analyticsSteps';
import type { EngineRun } from './runEngine';

const ms = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(0));
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || !(a > 0 && b > 0) ? '-' : `${(a / b).toFixed(1)}x`;
const fmt = (v: number): string => v.toLocaleString('en');

/** One fixed-width line: a left-aligned label, then right-aligned cells. */
function line(label: string, cells: string[], width = 10): string {
  return label.padEnd(22) + cells.map((c) => c.padStart(width)).join('');
}

/**
 * The table for one demo size: load, analyzeWorkspace and each step, per engine (ms), then the
 * WASM/native ratios, then the part of each step spent inside the engine (SQL) per engine.
 * Ratios are the first engine (WASM unless --engines says otherwise) over each of the others.
 */
export function printSize(runs: EngineRun[]): string {
  const [ref, ...others] = runs;
  const heads = runs.map((r) => r.label);
  const out: string[] = [];
  const header = [...heads, ...others.map((n) => `${ref.label}/${n.label}`), ...heads.map((h) => `sql ${h}`)];
  out.push(line('ms', header, 12));
  const row = (label: string, pick: (r: EngineRun) => number | undefined, sql?: (r: EngineRun) => number | undefined): void => {
    const vals = runs.map(pick);
    out.push(line(label, [
      ...vals.map(ms),
      ...others.map((n) => ratio(pick(ref), pick(n))),
      ...runs.map((r) => (sql ? ms(sql(r)) : '')),
    ], 12));
  };
  row('demo load (IPC+insert)', (r) => r.loadMs);
  row('analyzeWorkspace', (r) => r.analyzeMs, (r) => r.analyzeEngineMs);
  out.push('  per step (second run):');
  for (const step of STEPS) {
    const of = (r: EngineRun) => r.steps.find((s) => s.step === step);
    row(`  ${step}`, (r) => of(r)?.ms, (r) => of(r)?.engineMs);
  }
  const sum = (r: EngineRun, pick: (s: EngineRun['steps'][number]) => number) => (r.error ? NaN : r.steps.reduce((a, s) => a + pick(s), 0));
  row('  sum of steps', (r) => sum(r, (s) => s.ms), (r) => sum(r, (s) => s.engineMs));
  out.push('');
  for (const r of runs) {
    if (r.error) {
      out.push(`  ${r.label.padEnd(10)} FAILED: ${r.error}`);
      continue;
    }
    out.push(`  ${r.label.padEnd(10)} threads ${r.threads}, ${fmt(r.rows)} rows, generate ${ms(r.generateMs)} ms (JS), ` +
      `${r.statements} statements in analyzeWorkspace, rss after ${r.rssMiB.toFixed(0)} MiB`);
  }
  return out.join('\n');
}

/** The headline: analyzeWorkspace per size and engine, with first-engine/other ratios (WASM/native by default). */
export function printSummary(rows: { customers: number; ordersPerCustomer: number; runs: EngineRun[] }[]): string {
  if (rows.length === 0) return '';
  const labels = rows[0].runs.map((r) => r.label);
  const out = [line('customers (orders/c)', [...labels.map((l) => `${l} ms`), ...labels.slice(1).map((n) => `${labels[0]}/${n}`)], 14)];
  for (const { customers, ordersPerCustomer, runs } of rows) {
    const a = runs.map((r) => r.analyzeMs);
    out.push(line(`${fmt(customers)} (${ordersPerCustomer})`, [...a.map(ms), ...a.slice(1).map((n) => ratio(a[0], n))], 14));
  }
  return out.join('\n');
}
