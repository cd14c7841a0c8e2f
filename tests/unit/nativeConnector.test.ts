import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC, vectorFromArray, Bool, Table } from 'apache-arrow';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/nodeConnector';
import { createNodeEngine } from '../../src/workspace/nodeHost';
import { createNativeConnector } from '../../src/engine/nativeConnector';
import { createNativeEngine } from '../../src/workspace/nativeHost';
import type { QueryManager } from '../../src/engine/queryManager';
import { toRows } from '../../src/engine/rows';
import { loadDemo } from '../../src/demo/loadDemo';
import { analyzeWorkspace, type WorkspaceReport } from '../../src/analytics/report';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { diffReports } from '../../bench/lib/reportDiff';

/** Every type the analytics SQL returns (measured), plus the nested and temporal ones the UI may. */
const TYPED_SELECT = `SELECT 'a' AS v, 2::BIGINT AS b, sum(x) OVER () AS hugeint_sum, count(*) OVER () AS n, 3::INTEGER AS i, 1.5::DOUBLE AS d,
  -12.345::DECIMAL(10, 3) AS dec, x = 1 AS bo, DATE '2024-02-03' + x::INTEGER AS dt, TIMESTAMP '2024-02-03 04:05:06.789' AS ts,
  TIMESTAMPTZ '2024-02-03 04:05:06' AS tz, [x, NULL] AS li, ['a', 'b'] AS ls, {'k': x, 's': 'q'} AS st, NULL AS nothing,
  CASE WHEN x > 0 THEN x::DOUBLE END AS maybe, 'ünïcode ✓' AS u
  FROM range(3) t(x) ORDER BY x`;

describe('native connector (@duckdb/node-api) against DuckDB-WASM', () => {
  let wasm: Connector;
  let native: Connector;
  beforeAll(async () => {
    wasm = await createNodeConnector();
    native = await createNativeConnector({ threads: 1 });
  });
  afterAll(async () => {
    await wasm.close();
    await native.close();
  });

  it('returns the Arrow column types DuckDB-WASM returns, read alike by toRows and get()', async () => {
    const [a, b] = [await wasm.query(TYPED_SELECT), await native.query(TYPED_SELECT)];
    expect(b.schema.fields.map((f) => `${f.name}: ${String(f.type)}`)).toEqual(a.schema.fields.map((f) => `${f.name}: ${String(f.type)}`));
    // toRows passes a STRUCT through as an Arrow StructRow (not a plain value): compare its text.
    const plain = (t: Table) => toRows(t).map((r) => ({ ...r, st: String(r.st) }));
    expect(plain(b)).toEqual(plain(a));
    for (const f of a.schema.fields) {
      for (let i = 0; i < a.numRows; i++) expect(String(b.getChild(f.name)?.get(i)), f.name).toBe(String(a.getChild(f.name)?.get(i)));
    }
    expect(toRows(b)[1]).toMatchObject({ dt: '2024-02-04', ts: '2024-02-03 04:05:06', hugeint_sum: 3, n: 3, maybe: 1 });
  });

  it('returns batches of 2,048 rows and one empty batch for an empty result, as WASM does', async () => {
    const big = await native.query('SELECT x::DOUBLE AS d FROM range(5000) t(x)');
    expect(big.batches.map((x) => x.numRows)).toEqual([2048, 2048, 904]);
    expect((big.getChild('d')?.toArray() as Float64Array)[4999]).toBe(4999);
    const empty = await native.query('SELECT 1 AS a WHERE false');
    expect([empty.numRows, empty.batches.length, String(empty.schema.fields[0].type)]).toEqual([0, 1, 'Int32']);
  });

  it('creates and appends to tables from Arrow IPC, keeping an all-NULL Bool column BOOLEAN', async () => {
    const table = new Table({
      x: vectorFromArray([1.5, 2.5]),
      s: vectorFromArray(['a', null]),
      flag: vectorFromArray([null, null], new Bool()),
    });
    const ipc = tableToIPC(table, 'stream');
    for (const c of [wasm, native]) {
      await c.insertArrowIPC('ipc_t', ipc, true);
      await c.insertArrowIPC('ipc_t', tableToIPC(tableFromArrays({ x: new Float64Array([3]), s: ['c'], flag: [true] }), 'stream'), false);
    }
    const describe = 'SELECT column_name, column_type FROM (DESCRIBE ipc_t)';
    expect(toRows(await native.query(describe))).toEqual(toRows(await wasm.query(describe)));
    expect(toRows(await native.query('SELECT * FROM ipc_t'))).toEqual([
      { x: 1.5, s: 'a', flag: null }, { x: 2.5, s: null, flag: null }, { x: 3, s: 'c', flag: true },
    ]);
  });

  it('runs every statement of a multi-statement exec and reads registered files by bare name', async () => {
    await native.exec('CREATE TABLE multi (a INT); INSERT INTO multi VALUES (1); INSERT INTO multi VALUES (2)');
    expect(toRows(await native.query('SELECT sum(a)::INT AS s FROM multi'))).toEqual([{ s: 3 }]);
    await native.registerFile('native_chunk.csv', new TextEncoder().encode('a,b\n1,x\n'));
    expect(toRows(await native.query(`SELECT * FROM read_csv('native_chunk.csv')`))).toEqual([{ a: 1, b: 'x' }]);
    await native.dropFile('native_chunk.csv');
    await expect(native.query(`SELECT * FROM read_csv('native_chunk.csv')`)).rejects.toThrow();
  });
});

describe('analyzeWorkspace on native DuckDB', () => {
  const reports: Record<'wasm' | 'native1' | 'nativeN', WorkspaceReport | null> = { wasm: null, native1: null, nativeN: null };
  beforeAll(async () => {
    const engines: [keyof typeof reports, () => Promise<QueryManager>][] = [
      ['wasm', createNodeEngine],
      ['native1', () => createNativeEngine({ threads: 1 })],
      ['nativeN', () => createNativeEngine()],
    ];
    for (const [name, create] of engines) {
      const qm = await create();
      await loadDemo(qm, { customers: 2_000 });
      reports[name] = await analyzeWorkspace(qm, DEFAULT_SETTINGS);
      await qm.connector.close();
    }
  }, 120_000);

  it('computes the DuckDB-WASM report for the 2,000-customer demo company on one thread, every number within 1e-9', () => {
    const d = diffReports(reports.wasm, reports.native1);
    expect(d.numbers).toBeGreaterThan(1000);
    expect(d.mismatches).toEqual([]);
    expect(d.maxRel).toBeLessThanOrEqual(1e-9);
    expect(d.maxRelModels).toBeLessThanOrEqual(1e-9);
  });

  it('computes it on all threads too, fitted models and CLV within 1e-5', () => {
    // With threads, DuckDB sums in a different order and returns unordered rows in a different
    // order, so the Gamma-Gamma inputs differ in their last bits; Nelder-Mead stops at its
    // tolerance, so p, q, v and the CLV built on them move by ~1e-7 (measured: 5e-7).
    // Everything else stays within 1e-9 (measured: ~1e-15).
    const d = diffReports(reports.wasm, reports.nativeN);
    expect(d.mismatches).toEqual([]);
    expect(d.maxRel).toBeLessThanOrEqual(1e-9);
    expect(d.maxRelModels).toBeLessThanOrEqual(1e-5);
  });
});
