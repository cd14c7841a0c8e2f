/**
 * Whether an error (or its message) says the browser's storage is full: the OPFS file or IndexedDB
 * could not grow (QuotaExceededError, or DuckDB's write failing with it). The change that hit it
 * has rolled back, so the workspace is as it was; the analyst is told to free space.
 */
export function isStorageFull(error: unknown): boolean {
  if (error === null || error === undefined) return false;
  const name = typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';
  const message = typeof error === 'string' ? error : (error as { message?: unknown }).message;
  return name === 'QuotaExceededError' || /quota|QuotaExceeded|no space left|disk is full|not enough (disk )?space/i.test(String(message ?? ''));
}
