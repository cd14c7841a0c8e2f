import { beforeAll, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestEngine, FIXTURES } from './engine';
import { clearStoredTables } from '../../src/ingest/storedTables';
import { bytesInput, type IngestInput } from '../../src/ingest/types';
import type { QueryManager } from '../../src/engine/queryManager';

/** Path of a file of the red-team corpus (tests/fixtures/hostile/red-team). */
export function redTeamPath(name: string): string {
  return path.join(FIXTURES, 'hostile', 'red-team', name);
}

/** A red-team corpus file as an IngestInput, named by its base name (or `as`). */
export function redTeam(name: string, as = path.basename(name)): IngestInput {
  return bytesInput(as, new Uint8Array(readFileSync(redTeamPath(name))));
}

/**
 * One real engine for a test file, its stored tables emptied before each test; call at the top
 * of a describe file and read `.qm` inside the tests.
 */
export function useCleanEngine(): { qm: QueryManager } {
  const holder = {} as { qm: QueryManager };
  beforeAll(async () => {
    holder.qm = await createTestEngine();
  });
  beforeEach(async () => {
    await clearStoredTables(holder.qm);
  });
  return holder;
}
