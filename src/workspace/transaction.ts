import type { QueryManager } from '../engine/queryManager';

/**
 * Runs `work` as one transaction of the writer connection: everything it writes commits
 * together or not at all (a failure, a cancel or a crash leaves the rows as they were), and the
 * reader connection sees none of it until the commit.
 */
export async function inTransaction<T>(writer: QueryManager, work: () => Promise<T>, beforeCommit?: () => void): Promise<T> {
  await writer.exec('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await work();
    beforeCommit?.();
  } catch (e) {
    await writer.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
  await writer.exec('COMMIT');
  return result;
}
