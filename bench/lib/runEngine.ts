import type { Connector } from '../../src/engine/connector';
import { QueryManager } from '../../src/engine/queryManager';
import { scalar } from '../../src/engine/rows';
import { loadDemo } from '../../src/demo/loadDemo';
import { analyzeWorkspace, type WorkspaceReport } from '../../src/analytics/report';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { timeSteps, type StepTime } from './analyticsSteps';
import { timedConnector } from './timedConnector';

/** An engine to benchmark: a label and how to start it. */
export interface EngineSpec {
  label: string;
  create(): Promise<Connector>;
}

/** What one engine did with one demo size. */
export interface EngineRun {
  label: string;
  threads: number;
  rows: number;
  /** Generating the demo rows in JS (identical work for every engine). */
  generateMs: number;
  /** Serialising to Arrow IPC and inserting into the engine (loadDemo's loadMs). */
  loadMs: number;
  /** analyzeWorkspace(DEFAULT_SETTINGS), first run on the loaded data. */
  analyzeMs: number;
  /** Of analyzeMs, the time inside the engine (SQL). */
  analyzeEngineMs: number;
  statements: number;
  /** The step-by-step rerun (bench/lib/analyticsSteps). */
  steps: StepTime[];
  rssMiB: number;
  report: WorkspaceReport | null;
  /** Set when the engine failed (e.g. out of memory); the numbers are then NaN. */
  error?: string;
}

/** The row of an engine that failed, so the table still prints. */
export function failedRun(label: string, error: unknown): EngineRun {
  return {
    label, threads: NaN, rows: NaN, generateMs: NaN, loadMs: NaN, analyzeMs: NaN, analyzeEngineMs: NaN,
    statements: NaN, steps: [], rssMiB: process.memoryUsage().rss / 2 ** 20, report: null,
    error: String((error as Error)?.message ?? error).slice(0, 300),
  };
}

/**
 * Starts the engine, loads the seeded demo company, times analyzeWorkspace and then each step,
 * and closes the engine again so the next engine starts from a quiet process.
 */
export async function runEngine(spec: EngineSpec, customers: number, ordersPerCustomer: number): Promise<EngineRun> {
  const connector = timedConnector(await spec.create());
  const qm = new QueryManager(connector);
  let phase = 'start';
  try {
    const threads = Number(scalar(await qm.query(`SELECT current_setting('threads')::INTEGER`, { cache: false })));
    phase = 'demo load';
    const load = await loadDemo(qm, { customers, ordersPerCustomer });
    const rows = Object.values(load.rows).reduce((a, b) => a + b, 0);
    const e0 = connector.engineMs();
    const s0 = connector.statements();
    const t0 = performance.now();
    phase = 'analyzeWorkspace';
    const report = await analyzeWorkspace(qm, DEFAULT_SETTINGS);
    const analyzeMs = performance.now() - t0;
    const analyzeEngineMs = connector.engineMs() - e0;
    const statements = connector.statements() - s0;
    phase = 'step-by-step rerun';
    const steps = await timeSteps(qm, DEFAULT_SETTINGS, () => connector.engineMs());
    const rssMiB = process.memoryUsage().rss / 2 ** 20;
    return {
      label: spec.label, threads, rows, generateMs: load.generateMs, loadMs: load.loadMs,
      analyzeMs, analyzeEngineMs, statements, steps, rssMiB, report,
    };
  } catch (e) {
    const message = String((e as Error)?.message ?? e).split('\n')[0];
    throw new Error(`${message} (during ${phase}, at: ${connector.lastStatement()})`, { cause: e });
  } finally {
    await connector.close();
  }
}
