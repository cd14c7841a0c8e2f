import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { QueryManager } from '../../src/engine/queryManager';
import { ingestFile } from '../../src/ingest/ingestFile';
import { bytesInput } from '../../src/ingest/types';
import { SHARED_DATA } from './engine';

/** Loads a file of ../shared/data into the canonical tables through the real ingestion pipeline. */
export async function loadSharedFile(qm: QueryManager, relPath: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(path.join(SHARED_DATA, relPath)));
  const reports = await ingestFile(qm, bytesInput(path.basename(relPath), bytes));
  const failed = reports.find((r) => r.error);
  if (failed) throw new Error(failed.error ?? 'load failed');
}
