import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { emptyTables, headline, loadRealWorld, realWorldPath } from '../helpers/realWorld';
import type { QueryManager } from '../../src/engine/queryManager';
import { ASK_BELOW } from '../../src/ingest/certainty';
import { say } from '../../src/ingest/messages';

// Fixtures: tests/fixtures/realworld/gen/exports.ts (npx tsx tests/fixtures/realworld/make-realworld-fixtures.ts).
// The figures asserted are read here from the fixture's own rows (plain CSV without quoted
// cells), not from the app, so a wrong reading cannot agree with itself.
let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
beforeEach(async () => {
  await emptyTables(qm);
});

/** The fixture's lines as cells: `decoder` for its encoding, `skip` lines above the header, the header first. */
function cells(name: string, decoder = new TextDecoder('utf-8'), skip = 0): string[][] {
  return decoder.decode(readFileSync(realWorldPath(name))).split(/\r?\n/).slice(skip).filter((l) => l !== '').map((l) => l.split(','));
}

/** Sum of two-decimal amounts in cents, exact. */
const cents = (values: string[]) => values.reduce((s, v) => s + Math.round(Number(v) * 100), 0);

describe('a member list with codes (JData_User: age band, sex 0/1/2, level 1-5, registration date)', () => {
  const file = 'JData_User.csv';

  it('loads as customers, never as an NPS survey: the sex code is no score', async () => {
    const [header, ...rows] = cells(file);
    expect(header).toEqual(['user_id', 'age', 'sex', 'user_lv_cd', 'user_reg_tm']);
    // The trap is real: sex and level are small integer codes, one of them 0..2, next to a date.
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['0', '1', '2']));
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['1', '2', '3', '4', '5']));
    const users = new Set(rows.map((r) => r[0])).size;

    const [r] = await loadRealWorld(qm, file);
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: rows.length, rowsRejected: 0, error: null });
    expect(r.certainty).toMatchObject({ headerRow: { line: 1, confidence: 1 } });
    expect(r.mapping.customer_id).toBe('user_id');
    expect(Object.keys(r.mapping)).not.toContain('score');
    expect(r.certainty!.readings.map((x) => x.table)).not.toContain('nps');
    expect(r.certainty!.readings[0].table).toBe('customers');
    const [n] = await rowsOf<{ nps: number }>(qm, 'select count(*)::int nps from nps');
    expect(n.nps).toBe(0);
    expect(await headline(qm)).toMatchObject({ total: users });
    expect(users).toBe(1500);
  }, 60_000);
});

describe('a GBK export of 金蝶 K/3 (销售出库单: title lines, a blank row, the header on line 4, a 合计 row)', () => {
  const file = '金蝶K3-销售出库单.csv';

  it('detects GBK, finds the header under the titles, leaves the 合计 row out and sums the revenue', async () => {
    const bytes = readFileSync(realWorldPath(file));
    // Really GBK: 销售 is 0xCF 0xFA 0xCA 0xDB there, and the bytes are no UTF-8.
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0xcf, 0xfa, 0xca, 0xdb]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const [header, ...body] = cells(file, new TextDecoder('gbk'), 3);
    expect(header[0]).toBe('日期');
    const total = body[body.length - 1];
    expect(total[0]).toBe('合计');
    const lines = body.slice(0, -1);
    const amount = header.indexOf('销售金额');
    const revenueCents = cents(lines.map((l) => l[amount]));
    expect(cents([total[amount]])).toBe(revenueCents); // the 合计 row is the sum it would double

    const [r] = await loadRealWorld(qm, file);
    expect(r).toMatchObject({ table: 'orders', encoding: 'gb18030', rowsLoaded: lines.length, rowsRejected: 0, error: null });
    expect(r.certainty).toMatchObject({ headerRow: { line: 4, confidence: 1 }, ask: false });
    expect(r.certainty!.table.confidence).toBeGreaterThanOrEqual(ASK_BELOW);
    expect(r.notes).toEqual([say('linesAboveTable', { from: 1, to: 2 }), say('totalRowSkipped', { line: 4 + lines.length + 1, label: '合计' })]);
    expect(r.mapping).toMatchObject({ order_id: '单据编号', order_date: '日期', customer_id: '购货单位代码', amount: '销售金额', quantity: '实发数量' });
    const [o] = await rowsOf<{ n: number; cents: number; codes: number }>(qm,
      `select count(*)::int n, round(sum(amount) * 100)::bigint::int cents, count(*) filter (where customer_id like '01.%')::int codes from orders`);
    expect(o).toEqual({ n: lines.length, cents: revenueCents, codes: lines.length });
    expect(lines.length).toBe(160);
  }, 60_000);
});

describe('a contract ledger (合同台账) with its dates under its own names, 开通日期 and 停用日期', () => {
  const file = '合同台账.csv';

  it('loads as subscriptions with the end dates kept: blank while running, later when ended', async () => {
    const [header, ...rows] = cells(file);
    const start = header.indexOf('开通日期');
    const end = header.indexOf('停用日期');
    const ended = rows.filter((r) => r[end] !== '');
    expect(ended.every((r) => r[end] > r[start])).toBe(true);

    const [r] = await loadRealWorld(qm, file);
    expect(r).toMatchObject({ table: 'subscriptions', rowsLoaded: rows.length, rowsRejected: 0, error: null });
    expect(r.mapping).toMatchObject({ subscription_id: '合同编号', customer_id: '客户编号', start_date: '开通日期', end_date: '停用日期' });
    const c = r.certainty!;
    expect(c.headerRow).toMatchObject({ line: 1, confidence: 1 });
    expect(c.readings[0].table).toBe('subscriptions');
    expect(c.table.confidence).toBeGreaterThanOrEqual(ASK_BELOW);
    // The start date is read from its values alone (no header names it), so the app asks about that one key.
    expect(c.keys.filter((k) => k.confidence < ASK_BELOW).map((k) => [k.column, k.source])).toEqual([['start_date', '开通日期']]);
    const [s] = await rowsOf<{ n: number; ends: number; later: number }>(qm,
      'select count(*)::int n, count(end_date)::int ends, count(*) filter (where end_date > start_date)::int later from subscriptions');
    expect(s).toEqual({ n: rows.length, ends: ended.length, later: ended.length });
    expect([rows.length, ended.length]).toEqual([180, 47]);
  }, 60_000);
});

describe('a WooCommerce orders export (Customer/Order CSV Export: Completed, Processing, On hold, Refunded, Cancelled)', () => {
  const file = 'woocommerce-orders-export.csv';

  it('loads every order, marks refunded and cancelled ones as returns, and keeps them out of net revenue', async () => {
    const [header, ...rows] = cells(file);
    const at = (name: string) => header.indexOf(name);
    const returned = rows.filter((r) => ['Refunded', 'Cancelled'].includes(r[at('status')]));
    const grossCents = cents(rows.map((r) => r[at('order_total')]));
    const netCents = grossCents - cents(returned.map((r) => r[at('order_total')]));
    expect(new Set(rows.map((r) => r[at('status')]))).toEqual(new Set(['Completed', 'Processing', 'On hold', 'Refunded', 'Cancelled']));

    const [r] = await loadRealWorld(qm, file);
    expect(r).toMatchObject({ table: 'orders', rowsLoaded: rows.length, rowsRejected: 0, error: null });
    expect(r.certainty).toMatchObject({ headerRow: { line: 1, confidence: 1 }, ask: false });
    expect(r.mapping).toMatchObject({ order_id: 'order_id', order_date: 'order_date', customer_id: 'customer_id', amount: 'order_total', status: 'status' });
    // discount_total is all zeros: no quantity.
    expect(r.mapping.quantity).toBeUndefined();
    const [o] = await rowsOf<{ n: number; customers: number; returns: number; gross: number; net: number; heldOrProcessing: number }>(qm, `select count(*)::int n,
      count(distinct customer_id)::int customers, count(*) filter (where is_return)::int "returns",
      round(sum(amount) * 100)::bigint::int gross, round(sum(amount) filter (where not is_return) * 100)::bigint::int net,
      count(*) filter (where status in ('Processing', 'On hold') and is_return)::int "heldOrProcessing" from orders`);
    expect(o).toEqual({ n: rows.length, customers: new Set(rows.map((x) => x[at('customer_id')])).size, returns: returned.length, gross: grossCents, net: netCents, heldOrProcessing: 0 });
    expect([rows.length, returned.length]).toEqual([220, 49]);
  }, 60_000);
});
