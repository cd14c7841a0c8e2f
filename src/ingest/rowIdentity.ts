import { ident } from '../engine/sql';
import { SCHEMA, type CanonicalTable } from './schema';

/**
 * What makes two rows "the same row", so loading a file twice, two copies of one export under
 * different names, or today's export that repeats yesterday's never counts a row twice:
 * - customers, subscriptions and tickets: their id (the newest row of an id wins, in a file and
 *   across files);
 * - orders: the order id; every line of an order comes from the newest file that has the order
 *   (a line-level export repeats the id per line, and a repeated file repeats all its lines);
 * - rows without an id (activity, NPS answers, interventions, id-less orders): the whole row.
 */
export const ROW_KEY: Partial<Record<CanonicalTable, string>> = {
  customers: 'customer_id',
  orders: 'order_id',
  subscriptions: 'subscription_id',
  tickets: 'ticket_id',
};

/** Tables where one file holds one row per id: a later row of the same id replaces an earlier one. */
const ONE_ROW_PER_ID: ReadonlySet<CanonicalTable> = new Set(['customers', 'subscriptions', 'tickets']);

/** SQL: a hash of every canonical column of `table` (the same expression on the table and on converted rows). */
export function rowHashSql(table: CanonicalTable, alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return `hash(${SCHEMA[table].map((c) => prefix + ident(c.name)).join(', ')})`;
}

/** SQL clause keeping, within one file, the last row of every id where a file holds one row per id ('' elsewhere). */
export function lastRowPerIdSql(table: CanonicalTable): string {
  const key = ROW_KEY[table];
  if (!key || !ONE_ROW_PER_ID.has(table)) return '';
  return `QUALIFY ${ident(key)} IS NULL OR row_number() OVER (PARTITION BY ${ident(key)} ORDER BY _line DESC) = 1`;
}

/**
 * SQL condition on rows of `table` that the new rows (`newRows`: a SELECT of converted rows with
 * the canonical columns) replace: the same id, or for rows without an id, the same whole row.
 * `anyWithoutId` says whether some new row lacks an id (else the row comparison is left out).
 */
export function replacedRowsSql(table: CanonicalTable, newRows: string, anyWithoutId: boolean): string {
  const key = ROW_KEY[table];
  const sameRow = `${rowHashSql(table)} IN (SELECT ${rowHashSql(table)} FROM (${newRows}) WHERE ${key ? `${ident(key)} IS NULL` : 'TRUE'})`;
  if (!key) return sameRow;
  const sameId = `${ident(key)} IN (SELECT ${ident(key)} FROM (${newRows}) WHERE ${ident(key)} IS NOT NULL)`;
  return anyWithoutId ? `(${sameId} OR (${ident(key)} IS NULL AND ${sameRow}))` : sameId;
}
