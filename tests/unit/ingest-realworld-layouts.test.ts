import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { emptyTables, headline, loadRealWorld, realWorldPath } from '../helpers/realWorld';
import type { QueryManager } from '../../src/engine/queryManager';
import { contentHash } from '../../src/ingest/contentHash';
import { bytesInput } from '../../src/ingest/types';
import { say } from '../../src/ingest/messages';

// Fixtures: tests/fixtures/realworld (npx tsx tests/fixtures/realworld/make-realworld-fixtures.ts).
let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
beforeEach(async () => {
  await emptyTables(qm);
});

describe('a customer snapshot without an id column', () => {
  const file = '会员流失-无编号.csv';

  it('loads all 1,000 rows as customers with ids made of the file identity and the line, and says so', async () => {
    const [r] = await loadRealWorld(qm, file);
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 1000, rowsRejected: 0, error: null });
    expect(r.mapping).toEqual({ tier: '会员等级', monthly_value: '月费(元)', status: '流失' });
    const hash = await contentHash(bytesInput(file, new Uint8Array(readFileSync(realWorldPath(file)))));
    expect(r.notes).toContain(say('generatedIds', { example: `${hash.slice(0, 8)}#2` }));
    const [ids] = await rowsOf(qm, `select count(distinct customer_id)::int n, min(_line)::int lo, max(_line)::int hi,
      count(*) filter (where customer_id = ${`'${hash.slice(0, 8)}#' || _line`})::int matching from customers`);
    expect(ids).toEqual({ n: 1000, lo: 2, hi: 1001, matching: 1000 });
    expect(await headline(qm)).toMatchObject({ total: 1000, churned: 263, churnRule: 'labeled', rate: 0.263 });
  }, 60_000);

  it('keeps the generated ids stable: loading the same file again replaces its rows', async () => {
    await loadRealWorld(qm, file);
    const [again] = await loadRealWorld(qm, file);
    expect(again).toMatchObject({ rowsLoaded: 1000, rowsReplaced: 1000, rowsDuplicate: 1000 });
    const [n] = await rowsOf(qm, 'select count(*)::int n from customers');
    expect(n.n).toBe(1000);
  }, 60_000);
});

describe('two header rows', () => {
  it('takes the Chinese row as the header and the English one as column descriptions, never as a customer', async () => {
    const [r] = await loadRealWorld(qm, '客户名单-双表头.csv');
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 200, rowsRejected: 0, error: null });
    expect(r.headers).toEqual(['客户编号', '客户名称', '所在地区', '是否流失', '月消费']);
    expect(r.mapping).toEqual({ customer_id: '客户编号', name: '客户名称', region: '所在地区', status: '是否流失', monthly_value: '月消费' });
    expect(r.columnDescriptions).toEqual({ 客户编号: 'Customer ID', 客户名称: 'Customer Name', 所在地区: 'Region', 是否流失: 'Churn', 月消费: 'Monthly Spend' });
    expect(r.notes).toContain(say('secondHeaderRow', { line: 2, cells: 'Customer ID, Customer Name, Region, Churn, Monthly Spend' }));
    const [c] = await rowsOf(qm, `select count(*)::int n, min(_line)::int first_line, count(*) filter (where customer_id = 'Customer ID')::int header_rows from customers`);
    expect(c).toEqual({ n: 200, first_line: 3, header_rows: 0 });
    expect(await headline(qm)).toMatchObject({ total: 200, churned: 66, churnRule: 'labeled', rate: 0.33 });
  }, 60_000);
});
