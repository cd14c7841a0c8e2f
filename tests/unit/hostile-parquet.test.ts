import { describe, expect, it } from 'vitest';
import { rowsOf } from '../helpers/engine';
import { redTeam, useCleanEngine } from '../helpers/redTeam';
import { ingestFile } from '../../src/ingest/ingestFile';
import { parseDate } from '../../src/ingest/values/dates';

const engine = useCleanEngine();

describe('Parquet with timezone-aware timestamps and without rows', () => {
  it('reads TIMESTAMPTZ order dates (UTC) as dates: 30 orders from 2024-01-01 to 2024-01-30', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('tz-utc-orders.parquet'));
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 30, rowsRejected: 0, error: null });
    expect(r.mapping.order_date).toBe('order_date');
    expect(await rowsOf(engine.qm, `SELECT min(order_date)::DATE::VARCHAR AS lo, max(order_date)::DATE::VARCHAR AS hi, sum(amount) AS total FROM orders`))
      .toEqual([{ lo: '2024-01-01', hi: '2024-01-30', total: 300 }]);
  });

  it('reads pandas nanosecond timestamps with tz UTC as signup dates: 12 customers', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('tz-pandas-customers.parquet'));
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 12 });
    expect(await rowsOf(engine.qm, `SELECT min(signup_date)::VARCHAR AS lo, max(signup_date)::VARCHAR AS hi FROM customers`)).toEqual([{ lo: '2023-03-01', hi: '2023-03-12' }]);
  });

  it('says a zero-row Parquet file has no rows, naming its columns', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('zero-rows.parquet'));
    expect(r.error).toBe('zero-rows.parquet: it has columns (order_id, customer_id, order_date, amount) but no data rows.');
  });

  it('reads a two-digit UTC offset as profiling and SQL both do', () => {
    expect(parseDate('2024-01-01 23:30:00+00')).toMatchObject({ y: 2024, m: 1, d: 1, hh: 23, mi: 30 });
  });
});
