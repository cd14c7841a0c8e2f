import path from 'node:path';
import type { QueryManager } from '../../src/engine/queryManager';
import { loadFile } from '../../src/cli/loadFile';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeCustomers } from '../../src/analytics/status/computeCustomers';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from '../../src/ingest/schema';
import type { FileReport } from '../../src/ingest/types';
import { FIXTURES } from './engine';

/** Path of a file of the real-world corpus (tests/fixtures/realworld, written by its generator). */
export function realWorldPath(name: string): string {
  return path.join(FIXTURES, 'realworld', name);
}

/** Loads one real-world fixture exactly as `npm run analyze` does (src/cli/loadFile.ts). */
export async function loadRealWorld(qm: QueryManager, name: string): Promise<FileReport[]> {
  return loadFile(qm, realWorldPath(name), new Map());
}

/** Empties every canonical table, so one engine serves a whole test file. */
export async function emptyTables(qm: QueryManager): Promise<void> {
  for (const t of [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE]) await qm.exec(`DELETE FROM ${t}`);
}

/** The headline the report prints: the customers block, and the churn rate over labelled customers (null without labels). */
export async function headline(qm: QueryManager) {
  const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS }, { today: '2024-01-01' });
  const { customers, churnLabels } = await computeCustomers(qm, prepared.settings);
  return { ...customers, rate: churnLabels?.rate ?? null };
}
