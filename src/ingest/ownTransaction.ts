import type { QueryManager } from '../engine/queryManager';

/**
 * Runs `work` in a transaction of `qm` when the caller brings none (the CLI, tests, benchmarks):
 * a load's writes (the rows it replaces, its inserts) commit together or not at all. The app
 * brings its own (IngestOptions.commit), which also records the files list.
 */
export async function inOwnTransaction<T>(qm: QueryManager, work: () => Promise<T>): Promise<T> {
  await qm.exec('BEGIN TRANSACTION');
  try {
    const result = await work();
    await qm.exec('COMMIT');
    return result;
  } catch (e) {
    await qm.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
