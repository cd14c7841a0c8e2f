import { createNodeEngine } from '../../src/workspace/nodeHost';
import type { QueryManager } from '../../src/engine/queryManager';
import { toRows, type Plain } from '../../src/engine/rows';

/** A fresh real DuckDB-WASM engine (Node build) with the empty canonical tables created. */
export async function createTestEngine(): Promise<QueryManager> {
  return createNodeEngine();
}

/** Runs SQL and returns plain row objects. */
export async function rowsOf<T = Record<string, Plain>>(qm: QueryManager, sql: string): Promise<T[]> {
  return toRows<T>(await qm.query(sql, { cache: false }));
}

/** Path of the shared public data (tests read it through the relative path the brief allows). */
export const SHARED_DATA = new URL('../../../shared/data/', import.meta.url).pathname;
export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
