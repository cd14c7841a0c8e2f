import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestEngine, rowsOf, FIXTURES } from '../helpers/engine';
import { hundredMegabyteLine, megabyteCells, tenThousandColumns } from '../helpers/hostileBig';
import { ingestFile } from '../../src/ingest/ingestFile';
import { bytesInput, type FileReport } from '../../src/ingest/types';
import { prepareScreen } from '../../src/analytics/screen/prepareScreen';
import { loadKpis } from '../../src/analytics/screen';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { computeDataChecks } from '../../src/analytics/dataChecks/computeDataChecks';
import type { QueryManager } from '../../src/engine/queryManager';

const hostile = (name: string) => bytesInput(name, new Uint8Array(readFileSync(path.join(FIXTURES, 'hostile', name))));

/**
 * Every hostile file is loaded on top of the same good data (5 orders of 3 customers). After each
 * one: the good rows are all still there, and the message (if any) names the file. At the end the
 * whole screen is prepared on the mix without an error.
 */
describe('hostile input', () => {
  let qm: QueryManager;
  const goodOrders = async () => (await rowsOf<{ n: number }>(qm, `SELECT count(*)::INT AS n FROM orders WHERE _source = 'e2e-orders.csv'`))[0].n;
  const load = async (input: ReturnType<typeof hostile>): Promise<FileReport[]> => {
    const reports = await ingestFile(qm, input);
    expect(await goodOrders()).toBe(5);
    for (const r of reports) if (r.error) expect(r.error).toContain(input.name);
    return reports;
  };

  beforeAll(async () => {
    qm = await createTestEngine();
    await ingestFile(qm, bytesInput('e2e-orders.csv', new Uint8Array(readFileSync(path.join(FIXTURES, 'e2e-orders.csv')))));
    expect(await goodOrders()).toBe(5);
  });

  it('gives a zip that is not a workbook and a truncated workbook one clear error each', async () => {
    const [zip] = await load(hostile('not-a-workbook.xlsx'));
    expect(zip.error).toMatch(/^not-a-workbook\.xlsx: .*(damaged|not a workbook|cannot be read)/);
    const [cut] = await load(hostile('truncated-workbook.xlsx'));
    expect(cut.error).toMatch(/^truncated-workbook\.xlsx: .*(damaged|truncated)/);
  });

  it('loads the good rows of files with invalid UTF-8, mixed encodings and NUL bytes', async () => {
    const [bad] = await load(hostile('invalid-utf8.csv'));
    expect(bad).toMatchObject({ table: 'customers', rowsLoaded: 4, error: null });
    const names = await rowsOf<{ customer_id: string; name: string }>(qm, `SELECT customer_id, name FROM customers WHERE customer_id IN ('U1', 'U4') ORDER BY 1`);
    expect(names).toEqual([{ customer_id: 'U1', name: '正常客户' }, { customer_id: 'U4', name: '最后一行' }]);

    const [mixed] = await load(hostile('mixed-encodings.csv'));
    // Ten UTF-8 rows and one GBK row: read as UTF-8, the GBK row's bytes become U+FFFD.
    expect(mixed).toMatchObject({ table: 'customers', rowsLoaded: 11, error: null, encoding: 'utf-8' });
    expect((await rowsOf(qm, `SELECT name FROM customers WHERE customer_id = 'M1'`))[0].name).toBe('第1号客户');
    expect((await rowsOf(qm, `SELECT name FROM customers WHERE customer_id = 'M11'`))[0].name).toMatch(/\uFFFD.*11$/);

    const [nul] = await load(hostile('nul-bytes.csv'));
    expect(nul.error).toBeNull();
    expect(nul.rowsLoaded).toBe(62);
    const stored = await rowsOf<{ name: string }>(qm, `SELECT name FROM customers WHERE customer_id = 'N1'`);
    expect(stored[0].name).not.toContain('\u0000');
  });

  it('keeps formula payloads and HTML as the exact text they were, in cells and headers', async () => {
    await load(hostile('formulas.csv'));
    const f = await rowsOf<{ customer_id: string; name: string; owner: string }>(qm, `SELECT customer_id, name, owner FROM customers WHERE customer_id LIKE 'F%' ORDER BY 1`);
    // Values are trimmed (a leading tab or CR goes), the formula text itself stays as it was.
    expect(f.map((r) => r.name)).toEqual(['=HYPERLINK("http://evil.example","click")', "=cmd|' /C calc'!A0", '-2+3', '=1+2']);
    expect(f.map((r) => r.owner)).toEqual(['=1+1', '+SUM(A1:A9)', '@SUM(1)', '=3']);

    const [html] = await load(hostile('html-in-names.csv'));
    expect(html.headers).toContain('<script>window.__cwXss=1</script>');
    const h = await rowsOf<{ name: string }>(qm, `SELECT name FROM customers WHERE customer_id = 'H1'`);
    expect(h[0].name).toBe('<img src=x onerror="window.__cwXss=3">');
    const attrs = await rowsOf<{ attribute: string }>(qm, `SELECT DISTINCT attribute FROM customer_attributes WHERE customer_id = 'H1' ORDER BY 1`);
    expect(attrs.map((a) => a.attribute)).toEqual(['<img src=x onerror="window.__cwXss=2">', '<script>window.__cwXss=1</script>']);
  });

  it('rejects impossible dates and amounts by line and keeps the rest', async () => {
    const [dates] = await load(hostile('extreme-dates.csv'));
    const loadedDates = await rowsOf<{ order_id: string }>(qm, `SELECT order_id FROM orders WHERE _source = 'extreme-dates.csv' ORDER BY 1`);
    // Years 9999, 1900 and 0001 are real dates and load (the join diagnostics flag 9999 as in the
    // future); Excel serials in a column of ISO dates are not dates there.
    expect(loadedDates.map((r) => r.order_id)).toEqual(['D1', 'D2', 'D3', 'D4', 'D7']);
    expect(dates.rejected).toEqual([{ line: 6, reason: 'order_date "0" is not a date' }, { line: 7, reason: 'order_date "2958465" is not a date' }]);
    const future = (await computeDataChecks(qm, '2026-11-30')).find((c) => c.id === 'future-date:orders');
    expect(future?.rows).toBe(1);

    const [amounts] = await load(hostile('extreme-amounts.csv'));
    const kept = await rowsOf<{ order_id: string; amount: number | null }>(qm, `SELECT order_id, amount FROM orders WHERE _source = 'extreme-amounts.csv' ORDER BY 1`);
    // Amounts beyond 10^15 in magnitude cannot be money; they are rejected so sums stay finite.
    // "NaN" is how pandas writes a missing value: blank-like, so the order loads without an amount.
    expect(kept).toEqual([{ order_id: 'A1', amount: -1e12 }, { order_id: 'A5', amount: -0.01 }, { order_id: 'A6', amount: null }, { order_id: 'A7', amount: 120.5 }]);
    expect(amounts.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(amounts.rejected[0].reason).toBe('amount "1e308" is out of range (more than 10^15)');
    expect(amounts.rejected[2].reason).toMatch(/^amount "9{60}" is out of range/);
  });

  it('names duplicate and empty headers so every column stays addressable', async () => {
    const [dup] = await load(hostile('duplicate-headers.csv'));
    expect(dup.headers).toEqual(['customer_id', 'customer_id (2)', 'name', 'name (2)']);
    expect(dup.mapping).toMatchObject({ customer_id: 'customer_id', name: 'name' });
    const [empty] = await load(hostile('empty-headers.csv'));
    expect(empty.headers).toEqual(['customer_id', 'column 2', 'name', 'column 4']);
    expect(empty.rowsLoaded).toBe(2);
  });

  it('survives a 100 MB row, 10,000 columns and 1 MB cells', async () => {
    const [big] = await load(bytesInput('hundred-mb-line.csv', hundredMegabyteLine()));
    expect(big.rowsLoaded).toBe(1);
    expect(big.rejected[0]).toMatchObject({ line: 2 });
    expect(big.rejected[0].reason).toMatch(/long|size/i);

    const [wide] = await load(bytesInput('ten-thousand-columns.csv', tenThousandColumns()));
    expect(wide.error).toBe('ten-thousand-columns.csv: it has 10,000 columns; at most 1,000 can be loaded. Export only the columns you need.');
    // The preview keeps a readable prefix of each cell, not megabytes of it.
    const [cells] = await load(bytesInput('megabyte-cells.csv', megabyteCells()));
    expect(cells).toMatchObject({ rowsLoaded: 5, error: null });
    expect(Math.max(...cells.preview.flat().map((v) => v?.length ?? 0))).toBeLessThanOrEqual(1000);
    const [n] = await rowsOf<{ len: number }>(qm, `SELECT length(value_text)::INT AS len FROM customer_attributes WHERE customer_id = 'MB1' AND attribute = 'notes'`);
    expect(n.len).toBe(2 ** 20);
  });

  it('prepares the whole screen on everything that loaded, with a finite as-of date and KPIs', async () => {
    const ctx = await prepareScreen(qm, DEFAULT_SETTINGS, { today: '2026-11-30' });
    // Year-9999 orders are not "the latest date in the data": the as-of date stays in the present.
    expect(ctx.asOf <= '2026-11-30').toBe(true);
    const kpis = await loadKpis(qm, ctx, [], 'zh-CN');
    expect(kpis?.customers?.value).toBeGreaterThan(20);
    expect(Number.isFinite(kpis?.customers?.value)).toBe(true);
  }, 180_000);
});
