import { describe, expect, it } from 'vitest';
import { rowsOf } from '../helpers/engine';
import { redTeam, useCleanEngine } from '../helpers/redTeam';
import { ingestFile } from '../../src/ingest/ingestFile';
import { quoteJsonNumbers, jsonErrorPosition } from '../../src/ingest/readers/jsonText';

const engine = useCleanEngine();

describe('JSON that used to lose ids, columns or whole tables', () => {
  it('keeps 18-digit ids written as JSON numbers exactly: 20 distinct orders of 4 customers', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('big-number-ids.json'));
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 20, rowsRejected: 0 });
    const [o] = await rowsOf(engine.qm, `SELECT count(DISTINCT order_id)::INT AS orders, count(DISTINCT customer_id)::INT AS customers, sum(amount) AS total,
      min(order_id) AS lo, max(order_id) AS hi, min(customer_id) AS c FROM orders`);
    expect(o).toEqual({ orders: 20, customers: 4, total: 210, lo: '123456789012345601', hi: '123456789012345620', c: '900000000000000678' });
  });

  it('stores keys named __proto__, constructor and toString as data and never Object.prototype members', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('prototype-keys.json'));
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 6 });
    expect(r.headers).toEqual(['customer_id', 'name', '__proto__', 'constructor', 'toString']);
    const attrs = await rowsOf(engine.qm, `SELECT attribute, count(value_text)::INT AS n, min(value_text) AS lo, max(value_text) AS hi FROM customer_attributes GROUP BY 1 ORDER BY 1`);
    expect(attrs).toEqual([
      { attribute: '__proto__', n: 6, lo: 'p1', hi: 'p6' },
      { attribute: 'constructor', n: 3, lo: 'c1', hi: 'c3' },
      { attribute: 'toString', n: 3, lo: 't1', hi: 't3' },
    ]);
    expect(await rowsOf(engine.qm, `SELECT count(*)::INT AS n FROM customer_attributes WHERE value_text LIKE '%native code%'`)).toEqual([{ n: 0 }]);
  });

  it('loads both lists of { "customers": [...], "orders": [...] }: 5 customers and 12 orders', async () => {
    const reports = await ingestFile(engine.qm, redTeam('two-tables.json'));
    expect(reports.map((r) => [r.sheet, r.table, r.rowsLoaded, r.rowsRejected])).toEqual([['customers', 'customers', 5, 0], ['orders', 'orders', 12, 0]]);
    expect(await rowsOf(engine.qm, `SELECT (SELECT count(*) FROM customers)::INT AS c, (SELECT sum(amount) FROM orders) AS total`)).toEqual([{ c: 5, total: 78 }]);
  });

  it('reads NDJSON named .json with a broken first line: 50 rows load, line 1 is rejected', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('ndjson-broken-first-line.json'));
    expect(r).toMatchObject({ format: 'ndjson', table: 'activity', rowsLoaded: 50, rowsRejected: 1, error: null });
    expect(r.rejected).toEqual([{ line: 1, reason: 'not valid JSON (this line only)' }]);
  });

  it('names the line of a JSON syntax error instead of the parser message', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('broken.json'));
    expect(r.error).toBe('broken.json: this is not valid JSON (line 4, column 12); fix the file there or export it again.');
  });
});

describe('lossless JSON text', () => {
  it('quotes numbers outside strings only, whatever the escapes', () => {
    expect(quoteJsonNumbers('{"a\\"1": 12345678901234567890, "b": "x2", "c": [-1.5e3, 0]}')).toBe('{"a\\"1": "12345678901234567890", "b": "x2", "c": ["-1.5e3", "0"]}');
  });

  it('finds the line and column of the first syntax error', () => {
    expect(jsonErrorPosition('[\n{"a": 1},\n{"a": }\n]')).toEqual({ line: 3, column: 7 });
    expect(jsonErrorPosition('[1, 2]')).toBeNull();
  });
});
