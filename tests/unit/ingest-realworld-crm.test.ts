import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { emptyTables, headline, loadRealWorld, realWorldPath } from '../helpers/realWorld';
import { loadFile } from '../../src/cli/loadFile';
import type { QueryManager } from '../../src/engine/queryManager';
import { ASK_BELOW } from '../../src/ingest/certainty';
import { say } from '../../src/ingest/messages';

// Fixtures: tests/fixtures/realworld/gen/crm.ts (npx tsx tests/fixtures/realworld/make-realworld-fixtures.ts
// prints the revenue sums below, which hold by construction).
const U8_REVENUE = 295690.18;
const YOUZAN_REVENUE = 29121.3;

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
beforeEach(async () => {
  await emptyTables(qm);
});

const orders = async () => (await rowsOf<{ n: number; ids: number; revenue: number }>(qm,
  'select count(*)::int n, count(distinct order_id)::int ids, round(sum(amount), 2)::double revenue from orders'))[0];

describe('CRM exports as users really drop them', () => {
  it('纷享销客 customers (BOM, own column order, 客户状态 正常/已流失): 150 customers, 37 churned', async () => {
    const [r] = await loadRealWorld(qm, '纷享销客-客户-20240630.csv');
    expect(r).toMatchObject({ table: 'customers', preset: 'fxiaoke-customers', rowsLoaded: 150, rowsRejected: 0, error: null });
    expect(r.certainty).toMatchObject({ headerRow: { line: 1, confidence: 1 }, ask: false });
    expect(r.mapping).toMatchObject({ customer_id: '客户编号', status: '客户状态' });
    expect(await headline(qm)).toMatchObject({ total: 150, churned: 37, churnRule: 'labeled' });
  }, 60_000);

  it('Zoho CRM accounts with a picked subset of columns: 180 accounts by Record Id, no churn label', async () => {
    const [r] = await loadRealWorld(qm, 'zoho-accounts-export.csv');
    expect(r).toMatchObject({ table: 'customers', preset: 'zoho-accounts', rowsLoaded: 180, rowsRejected: 0, error: null });
    expect(r.certainty).toMatchObject({ headerRow: { line: 1, confidence: 1 }, ask: false });
    expect(r.mapping.customer_id).toBe('Record Id');
    expect(await headline(qm)).toMatchObject({ total: 180, churnRule: 'rule', rate: null });
  }, 60_000);

  it('用友 U8 销售订单列表 (.xlsx, merged title, header on row 4, 合计 row): 120 order lines and their revenue', async () => {
    const [r] = await loadRealWorld(qm, '用友U8-销售订单列表.xlsx');
    expect(r).toMatchObject({ table: 'orders', sheet: '销售订单列表', preset: 'yonyou-sales-orders', rowsLoaded: 120, rowsRejected: 0, error: null });
    expect(r.certainty).toMatchObject({ headerRow: { line: 4, confidence: 1 }, ask: false });
    expect(r.notes).toEqual([say('linesAboveTable', { from: 1, to: 2 }), say('totalRowSkipped', { line: 125, label: '合计' })]);
    expect(r.mapping).toMatchObject({ order_id: '订单号', customer_id: '客户编码', order_date: '订单日期', amount: '价税合计' });
    expect(await orders()).toEqual({ n: 120, ids: 120, revenue: U8_REVENUE });
  }, 60_000);

  it('用友 U8 with the header row given (--header-row on a sheet row): the same 120 lines, the row settled', async () => {
    const [r] = await loadFile(qm, realWorldPath('用友U8-销售订单列表.xlsx'), new Map(), { override: { headerRow: 4 } });
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 120, rowsRejected: 0, error: null });
    expect(r.certainty!.headerRow).toEqual({ line: 4, confidence: 1, evidence: say('headerChosen', { line: 4 }) });
    expect(r.notes[0]).toBe(say('linesAboveTable', { from: 1, to: 2 }));
    expect(await orders()).toEqual({ n: 120, ids: 120, revenue: U8_REVENUE });
  }, 60_000);

  it('HubSpot deals in a saved view\'s column order, the company as the customer: 160 deals', async () => {
    const [r] = await loadRealWorld(qm, 'hubspot-crm-exports-all-deals-2024-06-30.csv');
    expect(r).toMatchObject({ table: 'orders', preset: 'hubspot-deals', rowsLoaded: 160, rowsRejected: 0, error: null });
    expect(r.certainty).toMatchObject({ headerRow: { line: 1, confidence: 1 }, ask: false });
    expect(r.mapping).toMatchObject({ order_id: 'Record ID', customer_id: 'Associated Company', amount: 'Amount', order_date: 'Close Date' });
    // Closed-lost and open deals load as orders too (their stage in orders.status); their revenue is not asserted here.
    expect(await orders()).toMatchObject({ n: 160, ids: 160 });
  }, 60_000);

  it('有赞 订单导出 (shop title and export time above the header, buyers by phone): 140 orders, and the phone-as-id is asked about', async () => {
    const [r] = await loadRealWorld(qm, '有赞-订单导出.csv');
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: 140, rowsRejected: 0, error: null });
    expect(r.notes).toEqual([say('linesAboveTable', { from: 1, to: 2 })]);
    expect(r.mapping).toMatchObject({ order_id: '订单号', customer_id: '买家手机号', order_date: '下单时间', amount: '订单实付金额' });
    const c = r.certainty!;
    expect(c.headerRow).toMatchObject({ line: 3, confidence: 1 });
    expect(c.table.confidence).toBeGreaterThanOrEqual(ASK_BELOW);
    expect(c.keys.filter((k) => k.confidence < ASK_BELOW).map((k) => [k.column, k.source])).toEqual([['customer_id', '买家手机号']]);
    expect(c.ask).toBe(true);
    expect(await orders()).toEqual({ n: 140, ids: 140, revenue: YOUZAN_REVENUE });
  }, 60_000);
});

// Two exports detection does not read right yet (issue 13, item 1): the confirmation step is what
// stands between them and the screen. Asserted here: the app would ask, with the right table among
// the two readings it offers. Not asserted: the rows the CLI loads from its best guess.
describe('exports the loader is unsure of, so the app asks', () => {
  it('Shopify orders (one line per line item, totals on the first): the reading is unsure and orders is offered', async () => {
    const [r] = await loadRealWorld(qm, 'shopify-orders_export_1.csv');
    const c = r.certainty!;
    expect(c.ask).toBe(true);
    expect(c.readings.map((x) => x.table)).toContain('orders');
    expect(r.rowsRead).toBe(177);
  }, 60_000);

  it('a GA4 event export (event_date as YYYYMMDD, user_pseudo_id): read as activity, but unsure', async () => {
    const [r] = await loadRealWorld(qm, 'ga4-events-export.csv');
    const c = r.certainty!;
    expect(c.readings[0].table).toBe('activity');
    expect(c.table.confidence).toBeLessThan(ASK_BELOW);
    expect(c.ask).toBe(true);
    expect(r.rowsRead).toBe(600);
  }, 60_000);
});
