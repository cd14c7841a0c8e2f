import { Float64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import type { QueryManager } from '../../engine/queryManager';
import { ident } from '../../engine/sql';

/** A column computed in TypeScript: numbers (NaN becomes NULL) or texts (null stays NULL). */
export type WrittenColumn = Float64Array | (string | null)[];

/**
 * (Re)creates `table` from columns computed in TypeScript (model scores), through Arrow IPC:
 * DOUBLE for number columns, VARCHAR for text ones, in the order given.
 */
export async function writeTable(qm: QueryManager, table: string, columns: Record<string, WrittenColumn>): Promise<void> {
  const vectors = Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, values instanceof Float64Array
    ? vectorFromArray(Array.from(values, (v) => (Number.isNaN(v) ? null : v)), new Float64())
    : vectorFromArray(values, new Utf8())]));
  const ipc = tableToIPC(new Table(vectors), 'stream');
  await qm.exclusive(async (c) => {
    await c.exec(`DROP TABLE IF EXISTS ${ident(table)}`);
    await c.insertArrowIPC(table, ipc, true);
  });
}
