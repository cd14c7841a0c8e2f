import { describe, expect, it } from 'vitest';
import { rowsOf } from '../helpers/engine';
import { redTeam, useCleanEngine } from '../helpers/redTeam';
import { ingestFile } from '../../src/ingest/ingestFile';

const engine = useCleanEngine();

describe('workbook layouts that used to load wrong or not at all', () => {
  it('warns about a formula column without saved values: 20 orders load, amounts empty, one note', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('formulas-without-values.xlsx'));
    expect(r).toMatchObject({ sheet: '订单', table: 'orders', rowsLoaded: 20, rowsRejected: 0 });
    expect(r.notes).toEqual(['column "订单金额" has 20 formula cells without a saved result; they load as empty. Open the file in Excel, save it, and load it again.']);
    expect(await rowsOf(engine.qm, `SELECT count(*)::INT AS n, count(amount)::INT AS amounts FROM orders`)).toEqual([{ n: 20, amounts: 0 }]);
  });

  it('skips a hidden stale sheet and names it: 50 customers, 30 churned', async () => {
    const reports = await ingestFile(engine.qm, redTeam('hidden-stale-sheet.xlsx'));
    expect(reports.map((r) => [r.sheet, r.table, r.rowsLoaded])).toEqual([['客户', 'customers', 50]]);
    expect(reports[0].notes).toEqual(['hidden sheet "旧客户" was skipped']);
    expect(await rowsOf(engine.qm, `SELECT count(*)::INT AS n, count(*) FILTER (WHERE churned)::INT AS churned FROM customers`)).toEqual([{ n: 50, churned: 30 }]);
  });

  it('loads hidden sheets when asked to', async () => {
    const reports = await ingestFile(engine.qm, redTeam('hidden-stale-sheet.xlsx'), { includeHiddenSheets: true });
    expect(reports.map((r) => r.sheet)).toEqual(['客户', '旧客户']);
  });

  it('sizes a sheet by its cells, not by a <dimension> claiming 16,384 columns: 20 customers', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('wrong-dimension.xlsx'));
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 20, error: null, headers: ['customer_id', 'name', 'region'] });
  });

  it('skips the title row above and the 合计 row below a report sheet: 40 orders summing to 1,000', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('report-sheet.xlsx'));
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 40, rowsRejected: 0 });
    expect(r.notes).toEqual([
      'line 1 above the table was skipped (a title or notes, not data)',
      'line 44 is a total row ("合计") and was left out, so sums are not counted twice',
    ]);
    expect(await rowsOf(engine.qm, `SELECT count(*)::INT AS n, sum(amount) AS total, min(_line)::INT AS lo FROM orders`)).toEqual([{ n: 40, total: 1_000, lo: 4 }]);
  });
});

describe('workbooks too big for the browser', () => {
  it('refuses the 758 KB zip bomb (12,000,000 rows) before inflating it, and keeps what was loaded', async () => {
    await ingestFile(engine.qm, redTeam('report-sheet.xlsx'));
    const [bomb] = await ingestFile(engine.qm, redTeam('zip-bomb.xlsx'));
    expect(bomb.error).toBe('zip-bomb.xlsx: sheet "Sheet1" declares 12,000,000 rows; the browser can hold about 1,000,000 rows of a workbook sheet. Save the sheet as CSV, which loads in pieces, or split it.');
    const [bigger] = await ingestFile(engine.qm, redTeam('zip-bomb-650mb.xlsx'));
    expect(bigger.error).toMatch(/^zip-bomb-650mb\.xlsx: sheet "Sheet1" declares 25,000,000 rows; the browser can hold about 1,000,000 rows/);
    expect(await rowsOf(engine.qm, `SELECT count(*)::INT AS n FROM orders`)).toEqual([{ n: 40 }]);
  });
});
