import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine } from '../helpers/engine';
import { computeDataChecks, dataCheckRows, localToday } from '../../src/analytics/dataChecks/computeDataChecks';
import { findCheck } from '../../src/analytics/dataChecks/checkSpecs';
import { clearStoredTables } from '../../src/ingest/storedTables';
import type { QueryManager } from '../../src/engine/queryManager';

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
beforeEach(async () => {
  await clearStoredTables(qm);
});

const TODAY = '2024-06-30';

/**
 * customers: A, B (B twice: a duplicate id), C.
 * orders: 1 A 06-01 $10; 2 A 06-02 $10 on two identical lines (a duplicated line); 3 X 06-03 $5 and
 *         4 Y 06-04 $-8 (unknown customers X, Y; 4 is negative); 5 B 07-15 $20 (after today).
 * tickets: T1 for A, T1 again for C (duplicate ticket id), T2 for Z (unknown) opened 2025-01-01 (future).
 * Expected: unknown-customer orders 2 rows / 2 customers, tickets 1 / 1; duplicate customers 2 rows
 * (B, B) / 1 customer; duplicate order lines 2 / 1; duplicate tickets 2 / 2; future orders 1,
 * tickets 1; negative orders 1 (Y).
 */
async function fixture(): Promise<void> {
  await qm.exec(`INSERT INTO customers (customer_id, name, _source, _line) VALUES ('A', 'a', 'c.csv', 2), ('B', 'b', 'c.csv', 3), ('B', 'b2', 'c2.csv', 2), ('C', 'c', 'c.csv', 4)`);
  await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, _source, _line) VALUES
    ('1', 'A', '2024-06-01', 10, 'o.csv', 2), ('2', 'A', '2024-06-02', 10, 'o.csv', 3), ('2', 'A', '2024-06-02', 10, 'o.csv', 4),
    ('3', 'X', '2024-06-03', 5, 'o.csv', 5), ('4', 'Y', '2024-06-04', -8, 'o.csv', 6), ('5', 'B', '2024-07-15', 20, 'o.csv', 7)`);
  await qm.exec(`INSERT INTO tickets (ticket_id, customer_id, opened_at, _source, _line) VALUES
    ('T1', 'A', '2024-05-01', 't.csv', 2), ('T1', 'C', '2024-05-02', 't.csv', 3), ('T2', 'Z', '2025-01-01', 't.csv', 4)`);
}

describe('join diagnostics', () => {
  it('counts unknown customers, duplicate ids, future dates and negative amounts per table', async () => {
    await fixture();
    const results = await computeDataChecks(qm, TODAY);
    const byId = Object.fromEntries(results.map((r) => [r.id, [r.rows, r.customers]]));
    expect(byId).toEqual({
      'unknown-customer:orders': [2, 2],
      'unknown-customer:tickets': [1, 1],
      'duplicate-id:customers': [2, 1],
      'duplicate-id:orders': [2, 1],
      'duplicate-id:tickets': [2, 2],
      'future-date:customers': [0, 0],
      'future-date:orders': [1, 1],
      'future-date:tickets': [1, 1],
      'negative-amount:orders': [1, 1],
    });
  });

  it('drills from a count to the flagged rows with the file and line they came from', async () => {
    await fixture();
    const rows = await dataCheckRows(qm, findCheck('unknown-customer:orders')!, 200, TODAY);
    expect(rows.map((r) => [r.customer_id, r._source, r._line])).toEqual([['X', 'o.csv', 5], ['Y', 'o.csv', 6]]);
    const future = await dataCheckRows(qm, findCheck('future-date:tickets')!, 200, TODAY);
    expect(future.map((r) => r.ticket_id)).toEqual(['T2']);
  });

  it('skips unknown-customer checks when no customers file is loaded, and empty tables entirely', async () => {
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, _source, _line) VALUES ('1', 'A', '2024-06-01', 10, 'o.csv', 2)`);
    const ids = (await computeDataChecks(qm, TODAY)).map((r) => r.id);
    expect(ids).toEqual(['duplicate-id:orders', 'future-date:orders', 'negative-amount:orders']);
  });

  it('reads today in the local calendar', () => {
    expect(localToday(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
  });
});
