import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QueryManager } from '../../src/engine/queryManager';
import { ingestFile } from '../../src/ingest/ingestFile';
import { allCanonicalDDL } from '../../src/ingest/schema';
import { bytesInput } from '../../src/ingest/types';
import { prepareScreen } from '../../src/analytics/screen/prepareScreen';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { timedConnector } from '../lib/timedConnector';
import type { EngineSpec } from '../lib/runEngine';
import type { ScaleFile } from './writeScaleFiles';

/** One engine's run of the app's own ingest and screen analytics on the exported files. */
export interface EngineScaleRun {
  label: string;
  /** ms per table through ingestFile (the app's loader: sniff, stage, detect, convert). */
  ingestMs: Record<string, number>;
  ingestTotalMs: number;
  /** prepareScreen: every metric the screen shows, and of it the time inside the engine. */
  analyticsMs: number;
  analyticsEngineMs: number;
  rssMiB: number;
  error?: string;
}

/**
 * Loads every CSV of a scale size with ingestFile and then runs prepareScreen, on one engine:
 * the same code and SQL as the browser, so WASM and native can be compared step by step.
 */
export async function runEngineOnFiles(spec: EngineSpec, files: ScaleFile[]): Promise<EngineScaleRun> {
  const connector = timedConnector(await spec.create());
  const qm = new QueryManager(connector);
  for (const ddl of allCanonicalDDL()) await qm.exec(ddl);
  const run: EngineScaleRun = { label: spec.label, ingestMs: {}, ingestTotalMs: 0, analyticsMs: NaN, analyticsEngineMs: NaN, rssMiB: 0 };
  try {
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(f.csv));
      const t0 = performance.now();
      const [report] = await ingestFile(qm, bytesInput(path.basename(f.csv), bytes));
      run.ingestMs[f.table] = performance.now() - t0;
      if (report.error) throw new Error(report.error);
    }
    run.ingestTotalMs = Object.values(run.ingestMs).reduce((a, b) => a + b, 0);
    const e0 = connector.engineMs();
    const t0 = performance.now();
    await prepareScreen(qm, DEFAULT_SETTINGS);
    run.analyticsMs = performance.now() - t0;
    run.analyticsEngineMs = connector.engineMs() - e0;
  } catch (e) {
    run.error = String((e as Error)?.message ?? e).split('\n')[0].slice(0, 200) + ` (at: ${connector.lastStatement()})`;
  } finally {
    run.rssMiB = process.memoryUsage().rss / 2 ** 20;
    await connector.close();
  }
  return run;
}
