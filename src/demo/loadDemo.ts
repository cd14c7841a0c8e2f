import { tableToIPC } from 'apache-arrow';
import type { QueryManager } from '../engine/queryManager';
import { allCanonicalDDL } from '../ingest/schema';
import { DEMO_AS_OF } from './config';
import { generateDemoChunks, resolveDemoOptions, type DemoOptions } from './generate';
import { DEMO_TABLES, type DemoTableName } from './tables';

/** Progress of a demo load, after each chunk. */
export interface DemoLoadProgress {
  customersDone: number;
  customersTotal: number;
}

/** Options of loadDemo: the dataset's size and seed, plus progress and cancellation. */
export interface DemoLoadOptions extends DemoOptions {
  onProgress?: (p: DemoLoadProgress) => void;
  /** Aborting stops between chunks; rows of chunks already loaded stay. */
  signal?: AbortSignal;
}

/** What loadDemo did: rows per table and where the time went. */
export interface DemoLoadReport {
  rows: Record<DemoTableName, number>;
  customers: number;
  seed: number;
  asOf: string;
  /** Milliseconds spent generating rows and building Arrow tables. */
  generateMs: number;
  /** Milliseconds spent serialising to IPC and inserting into DuckDB. */
  loadMs: number;
}

/**
 * Generates the demo company chunk by chunk and appends each chunk to the canonical tables
 * (created if missing), so memory stays bounded at any size. The Arrow column types are the ones
 * DuckDB maps the canonical SQL types to, so the IPC stream appends to the existing tables
 * directly, without a staging table.
 */
export async function loadDemo(qm: QueryManager, options: DemoLoadOptions = {}): Promise<DemoLoadReport> {
  const o = resolveDemoOptions(options);
  for (const ddl of allCanonicalDDL()) await qm.exec(ddl);
  const rows = Object.fromEntries(DEMO_TABLES.map((t) => [t, 0])) as Record<DemoTableName, number>;
  let generateMs = 0;
  let loadMs = 0;
  const chunks = generateDemoChunks(o);
  for (;;) {
    options.signal?.throwIfAborted();
    let t0 = performance.now();
    const next = chunks.next();
    generateMs += performance.now() - t0;
    if (next.done) break;
    const { tables, firstCustomer, customerCount } = next.value;
    t0 = performance.now();
    await qm.exclusive(async (c) => {
      for (const t of DEMO_TABLES) {
        const table = tables[t];
        if (table.numRows === 0) continue;
        await c.insertArrowIPC(t, tableToIPC(table, 'stream'), false);
        rows[t] += table.numRows;
      }
    });
    loadMs += performance.now() - t0;
    options.onProgress?.({ customersDone: firstCustomer + customerCount, customersTotal: o.customers });
  }
  return { rows, customers: o.customers, seed: o.seed, asOf: DEMO_AS_OF, generateMs, loadMs };
}
