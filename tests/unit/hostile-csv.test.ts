import { describe, expect, it } from 'vitest';
import { rowsOf } from '../helpers/engine';
import { redTeam, useCleanEngine } from '../helpers/redTeam';
import { strayQuoteOrders } from '../helpers/hostileBig';
import { ingestFile } from '../../src/ingest/ingestFile';
import { bytesInput, type FileReport } from '../../src/ingest/types';
import { CsvScanner } from '../../src/ingest/readers/csvScanner';

const engine = useCleanEngine();

async function one(name: string): Promise<FileReport> {
  const reports = await ingestFile(engine.qm, redTeam(name));
  expect(reports).toHaveLength(1);
  return reports[0];
}

async function figures(table: string, amount = 'amount'): Promise<{ n: number; sum: number | null }> {
  return (await rowsOf<{ n: number; sum: number | null }>(engine.qm, `SELECT count(*)::INT AS n, sum(${amount}) AS sum FROM ${table}`))[0];
}

describe('delimited text that used to hang, truncate or miscount', () => {
  it('loses only the line of an unmatched quote: 9,999 of 10,000 orders load and line 5,000 is rejected', async () => {
    const r = await one('unmatched-quote.csv');
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 9_999, rowsRejected: 1, error: null });
    expect(r.rejected).toEqual([{ line: 5_000, reason: 'a quote opened on this line is never closed; this line is left out and the lines after it are read' }]);
    expect(await figures('orders')).toEqual({ n: 9_999, sum: 99_990 });
    // Every row keeps its file line: O5000 sits on line 5,001, the last order on line 10,001.
    expect(await rowsOf(engine.qm, `SELECT order_id, _line::INT AS line FROM orders WHERE order_id IN ('O4998', 'O5000', 'O10000') ORDER BY line`)).toEqual([
      { order_id: 'O4998', line: 4_999 }, { order_id: 'O5000', line: 5_001 }, { order_id: 'O10000', line: 10_001 },
    ]);
  });

  it('reads inch marks inside values as text: all 200 orders load with 27" Monitor kept', async () => {
    const r = await one('inch-marks.csv');
    expect(r).toMatchObject({ rowsLoaded: 200, rowsRejected: 0 });
    expect(await figures('orders')).toEqual({ n: 200, sum: 1_000 });
  });

  it('numbers rejected lines by the file line after quoted cells that span lines (1,202, not record 402)', async () => {
    const r = await one('multiline-cells.csv');
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 410, rowsRejected: 1 });
    expect(r.rejected).toEqual([{ line: 1_202, reason: 'wrong number of fields (expected 3, found 6)' }]);
    expect(await rowsOf(engine.qm, `SELECT customer_id, _line::INT AS line FROM customers WHERE customer_id IN ('N2', 'N400', 'N402', 'N411') ORDER BY line`)).toEqual([
      { customer_id: 'N2', line: 5 }, { customer_id: 'N400', line: 1_199 }, { customer_id: 'N402', line: 1_203 }, { customer_id: 'N411', line: 1_212 },
    ]);
    const [note] = await rowsOf<{ value_text: string }>(engine.qm, `SELECT value_text FROM customer_attributes WHERE customer_id = 'N7' AND attribute = 'notes'`);
    expect(note.value_text).toBe('first line\nsecond, with a comma\nthird "quoted"');
  });

  it('reads mixed CRLF/LF/CR line endings: 300 orders summing to 600', async () => {
    const r = await one('mixed-line-endings.csv');
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 300, rowsRejected: 0, error: null });
    expect(await figures('orders')).toEqual({ n: 300, sum: 600 });
    expect(await rowsOf(engine.qm, `SELECT _line::INT AS line FROM orders WHERE order_id = 'M300'`)).toEqual([{ line: 301 }]);
  });

  it('reads a CR-only file as 500 customers of 3 columns, not one line of 1,501', async () => {
    const r = await one('cr-only.csv');
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 500, rowsRejected: 0, headers: ['customer_id', 'name', 'region'] });
  });

  it('takes the separator from a sep=; line and maps customer_id: 50 customers', async () => {
    const r = await one('sep-line.csv');
    expect(r).toMatchObject({ table: 'customers', delimiter: ';', rowsLoaded: 50, rowsRejected: 0 });
    expect(r.mapping.customer_id).toBe('customer_id');
    expect(await rowsOf(engine.qm, `SELECT _line::INT AS line FROM customers WHERE customer_id = 'S1'`)).toEqual([{ line: 3 }]);
  });

  it('skips title lines above and the 合计 row below the table: 300 orders summing to 3,000, no rejects', async () => {
    const r = await one('title-and-total.csv');
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 300, rowsRejected: 0, rejected: [] });
    expect(await figures('orders')).toEqual({ n: 300, sum: 3_000 });
    expect(r.notes).toEqual([
      'lines 1 to 2 above the table were skipped (a title or notes, not data)',
      'line 305 is a total row ("合计") and was left out, so sums are not counted twice',
    ]);
    expect(await rowsOf(engine.qm, `SELECT min(_line)::INT AS lo, max(_line)::INT AS hi FROM orders`)).toEqual([{ lo: 5, hi: 304 }]);
  });

  it('reads a decimal-comma ; file with . thousands: 1.234 is 1234 and 2.000.000 is 2000000', async () => {
    const r = await one('decimal-comma.csv');
    expect(r).toMatchObject({ table: 'orders', delimiter: ';', rowsLoaded: 100, rowsRejected: 0 });
    expect(await figures('orders')).toEqual({ n: 100, sum: 2_122_190.5 });
    expect(await rowsOf(engine.qm, `SELECT order_id, amount FROM orders WHERE order_id IN ('O1', 'O51', 'O52') ORDER BY 1`)).toEqual([
      { order_id: 'O1', amount: 1234 }, { order_id: 'O51', amount: 2_000_000 }, { order_id: 'O52', amount: 1234.5 },
    ]);
  });

  it('drops zero-width characters, NBSP and BOM inside ids and composes accents: 4 customers, no orphan order', async () => {
    await one('invisible-id-customers.csv');
    const r = await one('invisible-id-orders.csv');
    expect(r.rowsLoaded).toBe(8);
    expect(await rowsOf(engine.qm, `SELECT count(DISTINCT customer_id)::INT AS n FROM (SELECT customer_id FROM customers UNION ALL SELECT customer_id FROM orders)`)).toEqual([{ n: 4 }]);
    expect(await rowsOf(engine.qm, `SELECT count(*)::INT AS n FROM orders WHERE customer_id NOT IN (SELECT customer_id FROM customers)`)).toEqual([{ n: 0 }]);
  });

  it('says a header-only CSV has no data rows', async () => {
    const r = await one('header-only.csv');
    expect(r.error).toBe('header-only.csv: it has columns (order_id, customer_id, order_date, amount) but no data rows.');
    expect(r.rowsLoaded).toBe(0);
  });

  it('keeps the leading zeros of a CSV renamed .xlsx', async () => {
    const r = await one('csv-renamed.xlsx');
    expect(r).toMatchObject({ format: 'csv', table: 'customers', rowsLoaded: 3 });
    expect(await rowsOf(engine.qm, `SELECT customer_id FROM customers ORDER BY 1`)).toEqual([{ customer_id: '00123' }, { customer_id: '00456' }, { customer_id: '00789' }]);
  });
});

describe('CsvScanner', () => {
  const scan = (text: string, width: number, chunkSize = text.length) => {
    const s = new CsvScanner({ delimiter: ',', width, quoted: true }, 1);
    const out = { records: 0, lines: [] as number[], rejected: [] as { line: number; reason: string }[], body: '' };
    for (let i = 0; i < text.length || i === 0; i += chunkSize) {
      const c = s.push(text.slice(i, i + chunkSize), i + chunkSize >= text.length);
      out.records += c.records;
      out.lines.push(...c.lines);
      out.rejected.push(...c.rejected);
      out.body += c.body;
    }
    return out;
  };

  it('gives the same records whatever the chunk boundaries, multi-line cells and CRLF included', () => {
    const text = 'h1,h2\r\na,"x\r\ny"\r\nb,2\r\n\r\nc,"q ""z"""\rd,e\n';
    const whole = scan(text, 2);
    expect(whole.lines).toEqual([2, 4, 6, 7]);
    expect(whole.body).toBe('a,"x\ny"\nb,2\nc,"q ""z"""\nd,e\n');
    for (const size of [1, 2, 3, 5, 8]) expect(scan(text, 2, size), `chunks of ${size}`).toEqual(whole);
  });

  it('rejects a quote still open after 10,000 lines by its opening line and reads on', () => {
    const lines = ['id,v', 'a,"open'];
    for (let i = 0; i < 10_050; i++) lines.push(`r${i},${i}`);
    const out = scan(lines.join('\n') + '\n', 2, 4096);
    expect(out.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/never closed/) }]);
    expect(out.records).toBe(10_050);
    expect(out.lines.at(-1)).toBe(10_052);
  });

  it('rejects text after a closing quote on its own line only', () => {
    const out = scan('id,v\na,"x"y\nb,2\n', 2);
    expect(out.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/closing quote/) }]);
    expect(out.lines).toEqual([3]);
  });
});

describe('a 20 MB CSV with one stray quote near the top', () => {
  it('loads every line but the one with the unclosed quote, with the true count and line numbers', async () => {
    const file = strayQuoteOrders(20 * 2 ** 20, 'unclosed');
    const [r] = await ingestFile(engine.qm, bytesInput('stray-20mb.csv', file.bytes));
    expect(r).toMatchObject({ rowsLoaded: file.rows - 1, rowsRejected: 1 });
    expect(r.rejected[0].line).toBe(5);
    expect(await rowsOf(engine.qm, `SELECT max(_line)::INT AS hi, count(*)::INT AS n FROM orders`)).toEqual([{ hi: file.rows + 1, n: file.rows - 1 }]);
  }, 120_000);
});
