import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { ingestFile } from '../../src/ingest/ingestFile';
import { bytesInput, type MappingOverride } from '../../src/ingest/types';
import { UndoPoint } from '../../src/ingest/undoPoint';
import { summarizeChanges } from '../../src/ingest/changeSummary';
import { clearStoredTables, removeSourceRows } from '../../src/ingest/storedTables';
import { headerSignature } from '../../src/ingest/detect/headers';
import type { QueryManager } from '../../src/engine/queryManager';

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
beforeEach(async () => {
  await clearStoredTables(qm);
});

const csv = (name: string, text: string) => bytesInput(name, new TextEncoder().encode(text));
const YESTERDAY = `order_id,customer_id,order_date,amount\nO1,A,2024-06-01,10\nO2,A,2024-06-02,20\nO3,B,2024-06-03,30\nO4,C,2024-06-04,40\n`;
// Today's export repeats O3 and O4 (O4 with a corrected amount) and adds O5..O7.
const TODAY = `order_id,customer_id,order_date,amount\nO3,B,2024-06-03,30\nO4,C,2024-06-04,44\nO5,A,2024-06-05,50\nO6,D,2024-06-06,60\nO7,B,2024-06-07,70\n`;

async function orders(): Promise<{ order_id: string; amount: number }[]> {
  return rowsOf(qm, `SELECT order_id, amount FROM orders ORDER BY order_id`);
}

describe('appending exports', () => {
  it('summarises an append as new and updated rows (newest wins) and undoes it in one step', async () => {
    await ingestFile(qm, csv('orders-0601.csv', YESTERDAY));
    const before = await orders();
    const undo = new UndoPoint(qm);
    const reports = await ingestFile(qm, csv('orders-0602.csv', TODAY), { beforeWrite: (t) => undo.capture(t) });
    expect(summarizeChanges(reports)).toEqual([{ table: 'orders', added: 3, updated: 2, rejected: 0 }]);
    expect(await orders()).toEqual([
      { order_id: 'O1', amount: 10 }, { order_id: 'O2', amount: 20 }, { order_id: 'O3', amount: 30 },
      { order_id: 'O4', amount: 44 }, { order_id: 'O5', amount: 50 }, { order_id: 'O6', amount: 60 }, { order_id: 'O7', amount: 70 },
    ]);
    // Only the table the append wrote into was copied.
    expect(undo.tables).toEqual(['orders']);
    await undo.restore();
    expect(await orders()).toEqual(before);
    expect(await rowsOf(qm, `SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name LIKE 'cw_undo_%'`)).toEqual([{ n: 0 }]);
  });

  it('counts rejected rows per table and leaves failed files out of the summary', async () => {
    const reports = [
      ...(await ingestFile(qm, csv('bad.csv', `order_id,customer_id,order_date,amount\nO1,A,2024-06-01,10\nO2,,2024-06-02,20\n`))),
      ...(await ingestFile(qm, csv('empty.csv', ''))),
    ];
    expect(reports[1].error).toMatch(/empty\.csv/);
    expect(summarizeChanges(reports)).toEqual([{ table: 'orders', added: 1, updated: 0, rejected: 1 }]);
  });

  it('removes the rows of one load and keeps every other file', async () => {
    const [a] = await ingestFile(qm, csv('a.csv', YESTERDAY), { sourceKey: 'a@1' });
    await ingestFile(qm, csv('b.csv', `order_id,customer_id,order_date,amount\nP1,Z,2024-06-09,5\n`), { sourceKey: 'b@1' });
    await removeSourceRows(qm, [a.sourceId]);
    expect(await orders()).toEqual([{ order_id: 'P1', amount: 5 }]);
  });
});

describe('remembered mapping fixes', () => {
  // "Ref" holds the customer and "Total" the amount; detection cannot know "Ref" is a customer id.
  const EXPORT = `Ref,When,Total\nK1,2024-06-01,10\nK2,2024-06-02,20\n`;

  it('applies a fix remembered for the same headers and says so', async () => {
    const fix: MappingOverride = { table: 'orders', columns: { Ref: 'customer_id', When: 'order_date', Total: 'amount' } };
    const memory = new Map([[headerSignature(['ref', 'WHEN ', 'Total']), fix]]);
    const [r] = await ingestFile(qm, csv('export.csv', EXPORT), { rememberedOverride: (h) => memory.get(headerSignature(h)) });
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 2, mappingOrigin: 'remembered', override: fix });
    expect(r.mapping).toMatchObject({ customer_id: 'Ref', order_date: 'When', amount: 'Total' });
    expect(await rowsOf(qm, `SELECT customer_id, amount FROM orders ORDER BY 1`)).toEqual([{ customer_id: 'K1', amount: 10 }, { customer_id: 'K2', amount: 20 }]);
  });

  it('lets an explicit override win over a remembered one', async () => {
    const remembered: MappingOverride = { table: 'activity', columns: { Ref: 'customer_id', When: 'event_date' } };
    const chosen: MappingOverride = { table: 'orders', columns: { Ref: 'customer_id', When: 'order_date', Total: 'amount' } };
    const [r] = await ingestFile(qm, csv('export.csv', EXPORT), { overrides: { '': chosen }, rememberedOverride: () => remembered });
    expect(r).toMatchObject({ table: 'orders', mappingOrigin: 'user', override: chosen });
  });
});
