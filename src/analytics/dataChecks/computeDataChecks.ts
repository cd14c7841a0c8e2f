import type { QueryManager } from '../../engine/queryManager';
import { toRows, type Plain } from '../../engine/rows';
import { ident } from '../../engine/sql';
import { DATA_CHECKS, type DataCheckSpec } from './checkSpecs';
import { checkCountSql, checkRowsSql } from './checkSql';

/** One check's result: rows flagged and the customers they belong to. */
export interface DataCheckResult extends DataCheckSpec {
  rows: number;
  customers: number;
}

/** Today as YYYY-MM-DD in the local calendar (what "in the future" means to the user). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Runs every check that applies to the loaded tables: a table with no rows is skipped, and
 * unknown-customer checks need a customers table to compare with (without one every customer
 * would be "unknown"). Results with nothing flagged are kept, so the panel can show a clean bill.
 */
export async function computeDataChecks(qm: QueryManager, today = localToday()): Promise<DataCheckResult[]> {
  const counts = new Map<string, number>();
  for (const table of new Set(DATA_CHECKS.map((c) => c.table))) {
    const [r] = toRows<{ n: number }>(await qm.query(`SELECT count(*)::BIGINT AS n FROM ${ident(table)}`, { cache: false }));
    counts.set(table, Number(r.n));
  }
  const out: DataCheckResult[] = [];
  for (const check of DATA_CHECKS) {
    if (!counts.get(check.table)) continue;
    if (check.kind === 'unknown-customer' && !counts.get('customers')) continue;
    const [r] = toRows<{ rows_flagged: number; customers: number }>(await qm.query(checkCountSql(check, today), { cache: false }));
    out.push({ ...check, rows: Number(r.rows_flagged), customers: Number(r.customers) });
  }
  return out;
}

/** The first `limit` rows a check flags (every column of the table, with `_source` and `_line`). */
export async function dataCheckRows(qm: QueryManager, check: DataCheckSpec, limit = 200, today = localToday()): Promise<Record<string, Plain>[]> {
  return toRows(await qm.query(checkRowsSql(check, today, limit), { cache: false }));
}
