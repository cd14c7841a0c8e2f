import type { CanonicalTable } from './schema';
import type { FileReport } from './types';

/** What one append did to one table: rows that are new, and rows that replaced an older copy. */
export interface TableChange {
  table: CanonicalTable;
  added: number;
  updated: number;
  rejected: number;
}

/**
 * Sums a batch of file reports per table. A row whose id an earlier file already had replaces
 * it (newest wins) and counts as updated, not added: appending today's export that repeats
 * yesterday's 1,000 orders and adds 312 reads "+312 orders, 1,000 updated".
 */
export function summarizeChanges(reports: readonly FileReport[]): TableChange[] {
  const byTable = new Map<CanonicalTable, TableChange>();
  for (const r of reports) {
    if (!r.table || r.error) continue;
    const c = byTable.get(r.table) ?? { table: r.table, added: 0, updated: 0, rejected: 0 };
    const updated = Math.min(r.rowsReplaced, r.rowsLoaded);
    c.added += r.rowsLoaded - updated;
    c.updated += updated;
    c.rejected += r.rowsRejected;
    byTable.set(r.table, c);
  }
  return [...byTable.values()];
}

/**
 * Rows per table that an append repeated from data already loaded (the same file again, or an
 * export that overlaps the last one): they replaced identical rows and count once, not twice.
 * Part of `updated` in summarizeChanges.
 */
export function summarizeDuplicates(reports: readonly FileReport[]): Partial<Record<CanonicalTable, number>> {
  const out: Partial<Record<CanonicalTable, number>> = {};
  for (const r of reports) {
    if (!r.table || r.error || !r.rowsDuplicate) continue;
    out[r.table] = (out[r.table] ?? 0) + r.rowsDuplicate;
  }
  return out;
}
