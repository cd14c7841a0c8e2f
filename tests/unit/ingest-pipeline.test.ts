import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestEngine, rowsOf, FIXTURES, SHARED_DATA } from '../helpers/engine';
import { ingestFile } from '../../src/ingest/ingestFile';
import { bytesInput } from '../../src/ingest/types';
import type { QueryManager } from '../../src/engine/queryManager';

function fixture(name: string) {
  return bytesInput(name, new Uint8Array(readFileSync(path.join(FIXTURES, name))));
}
function shared(rel: string) {
  return bytesInput(path.basename(rel), new Uint8Array(readFileSync(path.join(SHARED_DATA, rel))));
}
async function one(qm: QueryManager, input: ReturnType<typeof fixture>) {
  const reports = await ingestFile(qm, input);
  expect(reports).toHaveLength(1);
  return reports[0];
}

describe('ingesting real data', () => {
  it('loads the Telco snapshot as 7,043 customers with 1,869 churned and blank TotalCharges kept as NULL', async () => {
    const qm = await createTestEngine();
    const r = await one(qm, shared('telco/Telco-Customer-Churn.csv'));
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 7043, rowsRejected: 0, error: null });
    expect(r.mapping).toMatchObject({ customer_id: 'customerID', status: 'Churn' });
    const [c] = await rowsOf(qm, `select count(*)::int n, count(*) filter (where churned)::int churned, round(sum(monthly_value), 2) mrr from customers`);
    expect(c).toEqual({ n: 7043, churned: 1869, mrr: 456116.6 });
    const [tc] = await rowsOf(qm, `select count(*)::int n, count(*) filter (where value_num is null)::int nulls_,
      count(*) filter (where value_num is null and value_text is null)::int blank from customer_attributes where attribute = 'TotalCharges'`);
    expect(tc).toEqual({ n: 7043, nulls_: 11, blank: 11 });
    const contracts = await rowsOf(qm, `select value_text v, count(*)::int n from customer_attributes where attribute = 'Contract' group by 1 order by 1`);
    expect(contracts).toEqual([{ v: 'Month-to-month', n: 3875 }, { v: 'One year', n: 1473 }, { v: 'Two year', n: 1695 }]);
  });

  it('loads CDNOW_master.txt as 69,659 orders of 23,570 customers from 1997-01-01 to 1998-06-30', async () => {
    const qm = await createTestEngine();
    const r = await one(qm, shared('cdnow/CDNOW_master.txt'));
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 69659, rowsRejected: 0, delimiter: 'whitespace', error: null });
    expect(r.mapping).toMatchObject({ customer_id: 'customer_id', order_date: 'date', amount: 'dollar_value' });
    const [o] = await rowsOf(qm, `select count(*)::int n, count(distinct customer_id)::int c, min(order_date)::date::varchar lo,
      max(order_date)::date::varchar hi, round(sum(amount), 2) total, count(*) filter (where amount = 0)::int zero from orders`);
    expect(o).toEqual({ n: 69659, c: 23570, lo: '1997-01-01', hi: '1998-06-30', total: 2500315.63, zero: 80 });
  });
});

describe('ingesting messy fixtures', () => {
  it('keeps good rows of a ragged file and names the line and reason of each bad one', async () => {
    const qm = await createTestEngine();
    const r = await one(qm, fixture('ragged-orders.csv'));
    expect(r.table).toBe('orders');
    expect(r.rowsLoaded).toBe(2);
    expect(r.rowsRejected).toBe(5);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.rejected[0].reason).toMatch(/number of fields/);
    expect(r.rejected[2].reason).toMatch(/order_date "not a date" is not a date/);
    expect(r.rejected[3].reason).toMatch(/customer_id is missing/);
    expect(r.rejected[4].reason).toMatch(/amount "abc" is not a number/);
    const rows = await rowsOf(qm, `select order_id, _line::int line from orders order by 1`);
    expect(rows).toEqual([{ order_id: 'R1', line: 2 }, { order_id: 'R7', line: 8 }]);
  });

  it('reads mixed date formats, money with signs and units, Chinese booleans, and merges 17850.0 with 17850', async () => {
    const qm = await createTestEngine();
    const r = await one(qm, fixture('mixed-dates-customers.csv'));
    expect(r.table).toBe('customers');
    expect(r.rowsLoaded).toBe(5);
    expect(r.duplicateIds).toBe(1);
    const rows = await rowsOf(qm, `select customer_id, name, signup_date::varchar d, churned, tier from customers order by 1`);
    expect(rows).toEqual([
      // The later row for 17850 wins (newest in file order).
      { customer_id: '17850', name: '华辰科技（更新）', d: '2024-01-02', churned: false, tier: '钻石' },
      { customer_id: '17851', name: '北方物流', d: '2024-01-03', churned: false, tier: '银' },
      { customer_id: '17852', name: '南海零售', d: '2024-01-04', churned: false, tier: '普通' },
      { customer_id: '17853', name: '西部制造', d: '2024-01-05', churned: true, tier: '金' },
      // 45300 is an Excel serial date: 1899-12-30 + 45300 days = 2024-01-09.
      { customer_id: '17854', name: '中原医疗', d: '2024-01-09', churned: null, tier: '银' },
    ]);
    const money = await rowsOf(qm, `select customer_id, value_num v from customer_attributes where attribute = '年消费' order by 1`);
    expect(money.map((m) => m.v)).toEqual([12500, 12000, 980, -300, null]);
  });

  it('loads every sheet of a workbook as its own table and rejects the bad row of the second', async () => {
    const qm = await createTestEngine();
    const reports = await ingestFile(qm, fixture('two-sheets.xlsx'));
    expect(reports.map((r) => [r.sheet, r.table, r.rowsLoaded, r.rowsRejected])).toEqual([
      ['客户', 'customers', 3, 0],
      ['订单', 'orders', 3, 1],
    ]);
    expect(reports[1].rejected[0]).toEqual({ line: 5, reason: 'order_date "bad date" is not a date' });
    const dates = await rowsOf(qm, `select customer_id, signup_date::varchar d, churned from customers order by 1`);
    expect(dates).toEqual([
      { customer_id: 'X1', d: '2023-05-06', churned: false },
      { customer_id: 'X2', d: '2023-03-15', churned: true },
      { customer_id: 'X3', d: '2023-07-01', churned: false },
    ]);
  });

  it('reads Parquet through the bundled reader, with float ids normalised and negative quantities as returns', async () => {
    const qm = await createTestEngine();
    const r = await one(qm, fixture('online-retail.parquet'));
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 3, error: null, format: 'parquet' });
    const rows = await rowsOf(qm, `select order_id, customer_id, round(amount, 2) amount, is_return from orders order by 1`);
    expect(rows).toEqual([
      { order_id: '536365', customer_id: '17850', amount: 15.3, is_return: false },
      { order_id: '536366', customer_id: '17850', amount: 11.1, is_return: false },
      { order_id: 'C536379', customer_id: '14527', amount: -27.5, is_return: true },
    ]);
  });

  it('reads JSON records and NDJSON, rejecting the malformed NDJSON line by number', async () => {
    const qm = await createTestEngine();
    const nps = await one(qm, fixture('nps.json'));
    expect(nps).toMatchObject({ table: 'nps', rowsLoaded: 3 });
    const events = await one(qm, fixture('events.ndjson'));
    expect(events).toMatchObject({ table: 'activity', rowsLoaded: 3, rowsRejected: 1 });
    expect(events.rejected[0].line).toBe(3);
  });

  it('gives an empty, a binary and a truncated file one clear error each and keeps what was loaded', async () => {
    const qm = await createTestEngine();
    await one(qm, fixture('ragged-orders.csv'));
    for (const [name, message] of [
      ['empty.csv', /empty\.csv: the file is empty/],
      ['image.png', /image\.png: .*binary/],
      ['truncated.xlsx', /truncated\.xlsx: the workbook is damaged or truncated/],
    ] as const) {
      const r = await one(qm, fixture(name));
      expect(r.error).toMatch(message);
      expect(r.rowsLoaded).toBe(0);
    }
    const [n] = await rowsOf(qm, 'select count(*)::int n from orders');
    expect(n.n).toBe(2);
  });

  it('decodes GBK, UTF-8 with BOM and UTF-16 files into the right tables', async () => {
    const qm = await createTestEngine();
    const gbk = await one(qm, fixture('gbk-customers.csv'));
    expect(gbk).toMatchObject({ table: 'customers', encoding: 'gb18030', rowsLoaded: 5, rowsRejected: 0 });
    const names = await rowsOf(qm, `select name, industry, churned from customers where customer_id = 'C002'`);
    expect(names).toEqual([{ name: '上海云帆贸易有限公司', industry: '零售', churned: true }]);
    const bom = await one(qm, fixture('bom-orders.csv'));
    expect(bom).toMatchObject({ table: 'orders', encoding: 'utf-8-bom', rowsRejected: 0 });
    expect(bom.headers[0]).toBe('订单号');
    const nps = await one(qm, fixture('utf16le-nps.tsv'));
    expect(nps).toMatchObject({ table: 'nps', encoding: 'utf-16le', delimiter: '\t', rowsRejected: 0 });
    const [score] = await rowsOf(qm, `select score from nps where customer_id = 'C002'`);
    expect(score.score).toBe(4);
  });

  it('lets the user override the detected table and column mapping', async () => {
    const qm = await createTestEngine();
    // CDNOW_sample has no header: column0 is the original id, column1 the new id (1..2357).
    const sample = shared('cdnow/CDNOW_sample.txt');
    const [auto] = await ingestFile(qm, sample, { sourceKey: 'auto' });
    expect(auto.mapping).toMatchObject({ customer_id: 'column1', order_date: 'column2', amount: 'column4' });
    const [forced] = await ingestFile(qm, sample, {
      sourceKey: 'forced',
      overrides: { '': { table: 'orders', columns: { column0: 'customer_id', column1: null } } },
    });
    expect(forced.mapping.customer_id).toBe('column0');
    expect(forced.columns.find((c) => c.source === 'column0')).toMatchObject({ target: 'customer_id', reason: 'user' });
    const ids = await rowsOf(qm, `select _source s, count(distinct customer_id)::int n, max(length(customer_id))::int len from orders group by 1 order by 1`);
    expect(ids).toEqual([{ s: 'auto', n: 2357, len: 4 }, { s: 'forced', n: 2357, len: 5 }]);
  });

  it('keeps hostile cell text as inert text', async () => {
    const qm = await createTestEngine();
    const r = await one(qm, fixture('hostile-customers.csv'));
    expect(r.rowsLoaded).toBe(4);
    const names = await rowsOf(qm, 'select name from customers order by customer_id');
    expect(names.map((n) => n.name)).toEqual(['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example","click")', '+SUM(A1:A2)', '@cmd']);
  });

  it('replaces rows whose id a newer file repeats (newest wins) and reports how many', async () => {
    const qm = await createTestEngine();
    await ingestFile(qm, fixture('ragged-orders.csv'), { sourceKey: 'day1' });
    const text = 'order_id,customer_id,order_date,amount\nR1,C1,2024-01-05,111\nR9,C9,2024-01-12,900\n';
    const [r] = await ingestFile(qm, bytesInput('day2.csv', new TextEncoder().encode(text)), { sourceKey: 'day2' });
    expect(r.rowsReplaced).toBe(1);
    const rows = await rowsOf(qm, 'select order_id, amount from orders order by 1');
    expect(rows).toEqual([{ order_id: 'R1', amount: 111 }, { order_id: 'R7', amount: 700 }, { order_id: 'R9', amount: 900 }]);
  });

  it('loads a large file in chunks with progress and loads nothing when cancelled', async () => {
    const qm = await createTestEngine();
    const lines = ['order_id,customer_id,order_date,amount'];
    for (let i = 0; i < 600_000; i++) lines.push(`O${i},C${i % 5000},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 100}.5`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    expect(bytes.length).toBeGreaterThan(16 * 1024 * 1024);
    const fractions: number[] = [];
    const [r] = await ingestFile(qm, bytesInput('big.csv', bytes), { onProgress: (p) => p.phase === 'staging' && fractions.push(p.fraction) });
    expect(r.rowsLoaded).toBe(600_000);
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions.at(-1)).toBe(1);
    const [last] = await rowsOf(qm, `select _line::int line from orders where order_id = 'O599999'`);
    expect(last.line).toBe(600_001);

    const ctl = new AbortController();
    const cancelled = ingestFile(qm, bytesInput('big2.csv', bytes), {
      signal: ctl.signal,
      sourceKey: 'second',
      onProgress: (p) => p.fraction > 0 && p.fraction < 1 && ctl.abort(),
    });
    await expect(cancelled).rejects.toThrow(/cancel/i);
    const [n] = await rowsOf(qm, `select count(*)::int n from orders where _source = 'second'`);
    expect(n.n).toBe(0);
  });
});
