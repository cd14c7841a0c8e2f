import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { rowsOf } from '../helpers/engine';
import { redTeam, redTeamPath, useCleanEngine } from '../helpers/redTeam';
import { ingestFile } from '../../src/ingest/ingestFile';
import { summarizeChanges, summarizeDuplicates } from '../../src/ingest/changeSummary';
import { contentHash } from '../../src/ingest/contentHash';
import { bytesInput } from '../../src/ingest/types';

const engine = useCleanEngine();

const orderFigures = async () =>
  (await rowsOf<{ n: number; orders: number; customers: number; total: number }>(engine.qm,
    `SELECT count(*)::INT AS n, count(DISTINCT order_id)::INT AS orders, count(DISTINCT customer_id)::INT AS customers, round(sum(amount), 2) AS total FROM orders`))[0];

describe('a row loaded twice counts once', () => {
  it('loads the same line-level export twice as 300 lines of 120 orders, and says 300 were already loaded', async () => {
    await ingestFile(engine.qm, redTeam('orders-300-lines.csv'));
    expect(await orderFigures()).toEqual({ n: 300, orders: 120, customers: 40, total: 2_247 });
    const again = await ingestFile(engine.qm, redTeam('orders-300-lines.csv'));
    expect(again[0]).toMatchObject({ rowsLoaded: 300, rowsReplaced: 300, rowsDuplicate: 300 });
    expect(await orderFigures()).toEqual({ n: 300, orders: 120, customers: 40, total: 2_247 });
    expect(summarizeChanges(again)).toEqual([{ table: 'orders', added: 0, updated: 300, rejected: 0 }]);
    expect(summarizeDuplicates(again)).toEqual({ orders: 300 });
  });

  it('does not double the same bytes under another name or from a data URL', async () => {
    await ingestFile(engine.qm, redTeam('orders-300-lines.csv', 'export (1).csv'), { sourceKey: 'export (1).csv@1' });
    await ingestFile(engine.qm, redTeam('orders-300-lines.csv', 'orders.csv'), { sourceKey: 'url:http://crm.local/orders.csv' });
    expect(await orderFigures()).toEqual({ n: 300, orders: 120, customers: 40, total: 2_247 });
  });

  it('keeps two different files called customers.csv apart: 100 customers, the newer names win', async () => {
    const [a] = await ingestFile(engine.qm, redTeam('a/customers.csv'));
    const [b] = await ingestFile(engine.qm, redTeam('b/customers.csv'));
    expect([a.rowsLoaded, b.rowsLoaded, b.rowsReplaced, b.rowsDuplicate]).toEqual([60, 60, 20, 0]);
    expect(a.contentHash).not.toBe(b.contentHash);
    expect(await rowsOf(engine.qm, `SELECT count(*)::INT AS n, count(*) FILTER (WHERE name LIKE 'New %')::INT AS new FROM customers`)).toEqual([{ n: 100, new: 60 }]);
  });

  it('replaces rows without an id by the whole row: activity loaded twice stays 90 rows summing to 4,095', async () => {
    await ingestFile(engine.qm, redTeam('activity-90.csv'));
    const [again] = await ingestFile(engine.qm, redTeam('activity-90.csv'));
    expect(again).toMatchObject({ table: 'activity', rowsLoaded: 90, rowsDuplicate: 90 });
    expect(await rowsOf(engine.qm, `SELECT count(*)::INT AS n, sum(count)::INT AS total FROM activity`)).toEqual([{ n: 90, total: 4_095 }]);
  });

  it('keeps the last row of a ticket id within one file: 5 tickets, K3 closed', async () => {
    const [r] = await ingestFile(engine.qm, redTeam('tickets-repeated.csv'));
    expect(r).toMatchObject({ table: 'tickets', rowsLoaded: 5, duplicateIds: 1 });
    expect(await rowsOf(engine.qm, `SELECT count(*)::INT AS n, max(status) FILTER (WHERE ticket_id = 'K3') AS k3 FROM tickets`)).toEqual([{ n: 5, k3: 'closed' }]);
  });

  it('identifies a file by its bytes: same bytes same hash, one byte changed a different one', async () => {
    const bytes = new Uint8Array(readFileSync(redTeamPath('orders-300-lines.csv')));
    const copy = bytes.slice();
    copy[100] ^= 1;
    expect(await contentHash(bytesInput('x.csv', bytes))).toBe(await contentHash(bytesInput('y.csv', bytes.slice())));
    expect(await contentHash(bytesInput('x.csv', copy))).not.toBe(await contentHash(bytesInput('x.csv', bytes)));
  });
});

describe('npm run analyze with duplicate files', () => {
  it('counts the same file given twice once and keeps a/customers.csv and b/customers.csv apart', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', '--json',
      redTeamPath('orders-300-lines.csv'), redTeamPath('orders-300-lines.csv'), redTeamPath('a/customers.csv'), redTeamPath('b/customers.csv')], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.tables).toEqual({ customers: 100, orders: 300 });
    expect(report.files.map((f: { rowsLoaded: number; rowsDuplicate: number }) => [f.rowsLoaded, f.rowsDuplicate])).toEqual([[300, 0], [300, 300], [60, 0], [60, 0]]);
    expect(report.files[1].notes).toEqual([`the same content as ${redTeamPath('orders-300-lines.csv')}, loaded earlier: rows already loaded are replaced, not counted twice`]);
  }, 120_000);
});
