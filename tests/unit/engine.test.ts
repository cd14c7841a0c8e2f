import { describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { QueryCancelledError } from '../../src/engine/queryManager';
import { ident, lit } from '../../src/engine/sql';
import { StatementLog } from '../../src/engine/statementLog';

describe('engine', () => {
  it('runs DuckDB-WASM with extension auto-install and auto-load switched off', async () => {
    const qm = await createTestEngine();
    const [row] = await rowsOf(qm, "select current_setting('autoinstall_known_extensions') i, current_setting('autoload_known_extensions') l, version() v");
    expect(row).toEqual({ i: false, l: false, v: 'v1.4.3' });
  });

  it('caches a read by its SQL text and drops the cache when data changes', async () => {
    const qm = await createTestEngine();
    await qm.exec('create table t as select 1 x');
    const a = qm.query('select sum(x) s from t');
    expect(qm.query('select sum(x) s from t')).toBe(a);
    await qm.exec('insert into t values (2)');
    const [row] = await rowsOf(qm, 'select sum(x)::int s from t');
    expect(row.s).toBe(3);
  });

  it('logs each statement and exclusive task with its time, keeping only the last ones', async () => {
    const qm = await createTestEngine();
    const before = qm.statements.list().length;
    await qm.exclusive(async () => new Promise((r) => setTimeout(r, 30)));
    await qm.query('select   42\n  as answer', { cache: false });
    const log = qm.statements.list().slice(before);
    expect(log.map((s) => s.sql)).toEqual(['(exclusive task)', 'select 42 as answer']);
    expect(log[0].ms).toBeGreaterThanOrEqual(25);
    const ring = new StatementLog(3);
    for (let i = 0; i < 5; i++) ring.record(`select ${i}`, i);
    expect(ring.list().map((s) => s.sql)).toEqual(['select 2', 'select 3', 'select 4']);
  });

  it('rejects a queued query whose signal aborts before it runs', async () => {
    const qm = await createTestEngine();
    const ctl = new AbortController();
    const slow = qm.exclusive(async () => new Promise((r) => setTimeout(r, 50)));
    const queued = qm.query('select 1', { signal: ctl.signal });
    ctl.abort();
    await expect(queued).rejects.toBeInstanceOf(QueryCancelledError);
    await slow;
  });

  it('escapes identifiers and literals so user text cannot break out of SQL', async () => {
    const qm = await createTestEngine();
    const name = 'we"ird; drop table orders; --';
    const value = "O'Brien'); drop table orders; --";
    const [row] = await rowsOf(qm, `select ${lit(value)} as ${ident(name)}`);
    expect(row[name]).toBe(value);
    const [count] = await rowsOf(qm, 'select count(*)::int n from orders');
    expect(count.n).toBe(0);
  });
});
