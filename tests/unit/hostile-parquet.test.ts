import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestEngine, rowsOf, FIXTURES } from '../helpers/engine';
import { ingestFile } from '../../src/ingest/ingestFile';
import { clearStoredTables } from '../../src/ingest/storedTables';
import { bytesInput } from '../../src/ingest/types';
import { parseDate } from '../../src/ingest/values/dates';
import type { QueryManager } from '../../src/engine/queryManager';

const redTeam = (name: string) => bytesInput(name, new Uint8Array(readFileSync(path.join(FIXTURES, 'hostile', 'red-team', name))));

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
beforeEach(async () => {
  await clearStoredTables(qm);
});

describe('Parquet with timezone-aware timestamps and without rows', () => {
  it('reads TIMESTAMPTZ order dates (UTC) as dates: 30 orders from 2024-01-01 to 2024-01-30', async () => {
    const [r] = await ingestFile(qm, redTeam('tz-utc-orders.parquet'));
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 30, rowsRejected: 0, error: null });
    expect(r.mapping.order_date).toBe('order_date');
    expect(await rowsOf(qm, `SELECT min(order_date)::DATE::VARCHAR AS lo, max(order_date)::DATE::VARCHAR AS hi, sum(amount) AS total FROM orders`))
      .toEqual([{ lo: '2024-01-01', hi: '2024-01-30', total: 300 }]);
  });

  it('reads pandas nanosecond timestamps with tz UTC as signup dates: 12 customers', async () => {
    const [r] = await ingestFile(qm, redTeam('tz-pandas-customers.parquet'));
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 12 });
    expect(await rowsOf(qm, `SELECT min(signup_date)::VARCHAR AS lo, max(signup_date)::VARCHAR AS hi FROM customers`)).toEqual([{ lo: '2023-03-01', hi: '2023-03-12' }]);
  });

  it('says a zero-row Parquet file has no rows, naming its columns', async () => {
    const [r] = await ingestFile(qm, redTeam('zero-rows.parquet'));
    expect(r.error).toBe('zero-rows.parquet: it has columns (order_id, customer_id, order_date, amount) but no data rows.');
  });

  it('reads a two-digit UTC offset as profiling and SQL both do', () => {
    expect(parseDate('2024-01-01 23:30:00+00')).toMatchObject({ y: 2024, m: 1, d: 1, hh: 23, mi: 30 });
  });
});
