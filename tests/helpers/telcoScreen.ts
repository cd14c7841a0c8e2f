import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { QueryManager } from '../../src/engine/queryManager';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { createTestEngine, SHARED_DATA } from './engine';
import { loadSharedFile } from './loadShared';

/** The Telco CSV under shared/data. */
export const TELCO = 'telco/Telco-Customer-Churn.csv';
/** The raw Telco CSV as plain SQL reads it (every column text), to check the app's figures against. */
export const RAW_TELCO = `read_csv('raw_telco.csv', header = true, all_varchar = true)`;

/** A real engine with Telco loaded through the app's ingest, the screen prepared, and the raw CSV registered as raw_telco.csv. */
export async function telcoScreen(): Promise<{ qm: QueryManager; ctx: ScreenContext }> {
  const qm = await createTestEngine();
  await loadSharedFile(qm, TELCO);
  const ctx = await prepareScreen(qm, DEFAULT_SETTINGS, { today: '2024-01-01' });
  await qm.connector.registerFile('raw_telco.csv', new Uint8Array(readFileSync(path.join(SHARED_DATA, TELCO))));
  return { qm, ctx };
}
