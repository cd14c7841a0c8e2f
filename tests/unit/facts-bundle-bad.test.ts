import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueryManager } from '../../src/engine/queryManager';
import { ident } from '../../src/engine/sql';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import type { KpiSet } from '../../src/analytics/screen/types';
import { loadDemo } from '../../src/demo/loadDemo';
import type { FactsManifest } from '../../src/cli/factsOut';
import { createNodeEngine, createNodeHost } from '../../src/workspace/nodeHost';
import type { EngineHost } from '../../src/workspace/engineHost';
import { initialState } from '../../src/workspace/state';
import { MemoryStore } from '../../src/workspace/storage/keyValue';
import { SchemaStorage } from '../../src/workspace/storage/schemaStorage';
import { DEFAULT_WORKSPACE, Workspace } from '../../src/workspace/workspace';
import { DataUrlReader, type DataUrlStatus } from '../../src/workspace/dataUrl';
import { importTable } from '../../src/workspace/tableBundle/importTables';
import { exportTable } from '../../src/workspace/tableBundle/exportTables';
import { FactsBundleError } from '../../src/workspace/factsBundle/manifest';
import { dropStaged, stageFactsBundle, STAGE_PREFIX } from '../../src/workspace/factsBundle/stageBundle';
import { droppedBundle } from '../../src/workspace/factsBundle/dropped';
import { FIXTURES, rowsOf, SHARED_DATA } from '../helpers/engine';
import { copyBundle, dirFiles, dirInput, removeTempDirs, writeBundleOf } from '../helpers/factsBundle';

const TODAY = '2026-01-31';
const DEMO = 300;
let good: string;
let qm: QueryManager;

beforeAll(async () => {
  good = await writeBundleOf('wasm', (q) => loadDemo(q, { customers: DEMO }), structuredClone(DEFAULT_SETTINGS), TODAY);
  qm = await createNodeEngine();
}, 300_000);
afterAll(async () => {
  await qm?.connector.close();
  removeTempDirs();
});

const saveManifest = (dir: string, m: FactsManifest) => writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));

/** Rewrites one table's file through `edit` (on the table as the app imports it), and its manifest entry to match. */
async function rewriteTable(dir: string, m: FactsManifest, table: string, edit: (q: QueryManager, t: string) => Promise<void>): Promise<void> {
  const q = await createNodeEngine();
  try {
    const entry = m.files.find((f) => f.table === table)!;
    await importTable(q, { name: table, file: entry.file, rows: entry.rows, columns: entry.columns }, new Uint8Array(readFileSync(path.join(dir, entry.file!))));
    await edit(q, ident(table));
    const out = await exportTable(q, table);
    writeFileSync(path.join(dir, entry.file!), out.bytes!);
    Object.assign(entry, { rows: out.table.rows, bytes: out.bytes!.byteLength, sha256: createHash('sha256').update(out.bytes!).digest('hex') });
    saveManifest(dir, m);
  } finally {
    await q.connector.close();
  }
}

/** Opens a bundle expecting it refused: the error, and that nothing of it was left in the engine. */
async function refused(dir: string): Promise<FactsBundleError> {
  const e = await stageFactsBundle(qm, dirInput(dir)).then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(FactsBundleError);
  const staged = await rowsOf<{ t: string }>(qm, `SELECT table_name AS t FROM duckdb_tables() WHERE starts_with(table_name, '${STAGE_PREFIX}')`);
  expect(staged).toEqual([]);
  return e as FactsBundleError;
}

describe('a bad facts bundle gets one clear message naming the file and the problem', () => {
  it('opens the good one (the cases below each break one thing of it)', async () => {
    const staged = await stageFactsBundle(qm, dirInput(good));
    expect(staged.tables.length).toBe(9);
    await dropStaged(qm);
  });

  it('a newer contract version', async () => {
    const { dir, manifest } = copyBundle(good);
    saveManifest(dir, { ...manifest, version: 2 });
    const e = await refused(dir);
    expect(e.file).toBe('manifest.json');
    expect(e.message).toBe('manifest.json: contract version 2 is newer than this app reads (version 1): update ChurnWatch, or write the bundle with a version 1 writer');
    expect(e.text('zh')).toBe('manifest.json：契约版本 2 比本应用能读取的版本（1）新：请升级 ChurnWatch，或用版本 1 的写出程序重新生成数据包');
  });

  it('an unknown contract version, another contract, a manifest that is not JSON', async () => {
    const { dir, manifest } = copyBundle(good);
    saveManifest(dir, { ...manifest, version: '1.0' as never });
    expect((await refused(dir)).message).toBe('manifest.json: unknown contract version "1.0" (this app reads version 1)');
    saveManifest(dir, { ...manifest, contract: 'acme-facts' as never });
    expect((await refused(dir)).message).toBe('manifest.json: not a ChurnWatch facts bundle (its "contract" is "acme-facts", expected "churnwatch-facts")');
    writeFileSync(path.join(dir, 'manifest.json'), '{"contract": "churnwatch-facts", ');
    expect((await refused(dir)).message).toMatch(/^manifest\.json: not valid JSON \(/);
    saveManifest(dir, { ...manifest, files: manifest.files.filter((f) => f.table !== 'cw_customer_facts'),
      omitted: [...manifest.omitted, { table: 'cw_customer_facts', reason: 'not written' }] });
    expect((await refused(dir)).message).toBe('manifest.json: omits cw_customer_facts: the screen cannot be drawn without it');
  });

  it('a missing file', async () => {
    const { dir } = copyBundle(good);
    rmSync(path.join(dir, 'cw_customer_status.parquet'));
    const e = await refused(dir);
    expect(e.message).toBe('cw_customer_status.parquet: listed in manifest.json but missing from the bundle');
    expect(e.text('zh')).toBe('cw_customer_status.parquet：manifest.json 列出了此文件，但数据包中没有');
  });

  it('mismatched keys: a status of customers the facts do not have, and customers without a status', async () => {
    const { dir, manifest } = copyBundle(good);
    await rewriteTable(dir, manifest, 'cw_customer_status', (q, t) => q.exec(
      `UPDATE ${t} SET customer_id = customer_id || '-x' WHERE customer_id IN (SELECT customer_id FROM ${t} ORDER BY customer_id LIMIT 5)`));
    const e = await refused(dir);
    expect(e.message).toMatch(/^cw_customer_status\.parquet: 5 customer_ids are not in cw_customer_facts\.parquet, e\.g\. \S+-x \(the files' keys do not match; they may come from different runs\)$/);
    expect(e.text('zh')).toMatch(/^cw_customer_status\.parquet：5 个 customer_id 不在 cw_customer_facts\.parquet 中/);

    const other = copyBundle(good);
    await rewriteTable(other.dir, other.manifest, 'cw_customer_status', (q, t) => q.exec(
      `DELETE FROM ${t} WHERE customer_id IN (SELECT customer_id FROM ${t} ORDER BY customer_id LIMIT 3)`));
    expect((await refused(other.dir)).message).toMatch(/^cw_customer_status\.parquet: has no status for 3 customers of cw_customer_facts\.parquet, e\.g\. /);
  });

  it('rows sharing a key', async () => {
    const { dir, manifest } = copyBundle(good);
    await rewriteTable(dir, manifest, 'cw_customer_value', (q, t) => q.exec(`INSERT INTO ${t} SELECT * FROM ${t} ORDER BY customer_id LIMIT 3`));
    expect((await refused(dir)).message).toMatch(/^cw_customer_value\.parquet: 3 keys \(customer_id\) appear more than once, e\.g\. /);
  });

  it('wrong columns: in the file (a renamed column, another type), and in the manifest', async () => {
    const { dir, manifest } = copyBundle(good);
    await rewriteTable(dir, manifest, 'cw_customer_value', (q, t) => q.exec(`ALTER TABLE ${t} RENAME COLUMN value_12m TO value12m`));
    // The manifest still lists the contract's columns: the file itself is checked.
    const e = await refused(dir);
    expect(e.message).toBe("cw_customer_value.parquet: the file's columns differ from contract version 1: missing column value_12m DOUBLE; unexpected column value12m DOUBLE");
    expect(e.text('zh')).toBe('cw_customer_value.parquet：文件的列与契约版本 1 不符：缺少列 value_12m DOUBLE；多出列 value12m DOUBLE');

    const typed = copyBundle(good);
    await rewriteTable(typed.dir, typed.manifest, 'cw_customer_risk', (q, t) => q.exec(`ALTER TABLE ${t} ALTER score TYPE VARCHAR`));
    expect((await refused(typed.dir)).message).toBe("cw_customer_risk.parquet: the file's columns differ from contract version 1: column score is VARCHAR, expected DOUBLE");

    const listed = copyBundle(good);
    const entry = listed.manifest.files.find((f) => f.table === 'cw_customer_rfm')!;
    entry.columns = entry.columns.filter((c) => c.name !== 'segment');
    saveManifest(listed.dir, listed.manifest);
    expect((await refused(listed.dir)).message).toBe('cw_customer_rfm.parquet: the columns manifest.json lists differ from contract version 1: missing column segment VARCHAR');
  });

  it('a damaged file, and a row count other than the manifest says', async () => {
    const { dir, manifest } = copyBundle(good);
    const file = path.join(dir, 'cw_customer_rfm.parquet');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(file, bytes);
    expect((await refused(dir)).message).toBe('cw_customer_rfm.parquet: its sha256 differs from the one in manifest.json (the file is damaged or from another bundle)');

    const counted = copyBundle(good);
    const rfm = counted.manifest.files.find((f) => f.table === 'cw_customer_rfm')!;
    rfm.rows += 1;
    saveManifest(counted.dir, counted.manifest);
    expect((await refused(counted.dir)).message).toBe(`cw_customer_rfm.parquet: holds ${rfm.rows - 1} rows, manifest.json says ${rfm.rows}`);
    void manifest;
  });

  it('as dropped: contract files without their manifest.json, and a bundle dropped with files it does not list; other Parquet is data', async () => {
    const files = dirFiles(good);
    const withoutManifest = files.filter((f) => f.name !== 'manifest.json');
    await expect(droppedBundle(withoutManifest)).rejects.toThrow("manifest.json: missing: the dropped cw_cohort_cells.parquet, cw_customer_facts.parquet and 7 more are a facts bundle's files; drop them with their manifest.json (or drop the whole folder)");
    const orders = new File(['order_id,customer_id\n1,C1\n'], 'orders.csv');
    await expect(droppedBundle([...files, orders])).rejects.toThrow('orders.csv: not part of this bundle (its manifest.json does not list it): drop the bundle on its own');
    // A folder's incidental files are not the user's.
    expect((await droppedBundle([...files, new File([''], '.DS_Store')], 'nightly'))?.label).toBe('nightly');
    expect(await droppedBundle([new File([readFileSync(path.join(FIXTURES, 'online-retail.parquet'))], 'online-retail.parquet')])).toBeNull();
    // A manifest.json that is not a bundle's is data too.
    expect(await droppedBundle([new File(['{"customers": [{"id": 1}]}'], 'manifest.json')])).toBeNull();
  });
});

/** A workspace on a Node host that keeps derived tables (as OPFS does), started empty (no demo). */
function workspaceOn(host: EngineHost): Workspace {
  const kv = new MemoryStore();
  return new Workspace({
    state: initialState(structuredClone(DEFAULT_SETTINGS), DEFAULT_WORKSPACE),
    startEngine: async () => host,
    makeStorage: (h) => new SchemaStorage(h.reader, h.writer, 'memory', true),
    kv,
    sources: kv,
    startEmpty: true,
    langs: () => ['en'],
  });
}

const kpisOf = (ws: Workspace) => ws.state.screen.panels.en?.kpis as KpiSet;

describe('the workspace opens a bundle dropped or from a data URL, and a bad one loses nothing', () => {
  let host: EngineHost;
  let ws: Workspace;

  beforeAll(async () => {
    host = await createNodeHost();
    ws = workspaceOn(host);
    await ws.start();
    await ws.loads.addFiles([new File([readFileSync(path.join(SHARED_DATA, 'telco/Telco-Customer-Churn.csv'))], 'Telco-Customer-Churn.csv')]);
    await ws.screen.idle();
  }, 300_000);
  afterAll(async () => {
    vi.unstubAllGlobals();
    await host?.writer.connector.close();
  });

  it('refuses a bad bundle dropped as a folder: one failed job with its message; the loaded files, rows and screen stay', async () => {
    const before = { name: ws.state.name, files: ws.state.files, source: ws.state.source, kpis: kpisOf(ws), generation: ws.rowsGeneration };
    expect(before.kpis.customers.value).toBe(7043);
    const { dir } = copyBundle(good);
    rmSync(path.join(dir, 'cw_customer_risk.parquet'));
    await ws.loads.addFiles(dirFiles(dir), { folder: 'nightly' });
    await ws.screen.idle();
    const job = ws.state.jobs.at(-1)!;
    expect([job.file, job.state]).toEqual(['nightly', 'error']);
    expect(job.messageText).toEqual({
      en: 'cw_customer_risk.parquet: listed in manifest.json but missing from the bundle',
      zh: 'cw_customer_risk.parquet：manifest.json 列出了此文件，但数据包中没有',
    });
    expect({ name: ws.state.name, files: ws.state.files, source: ws.state.source, kpis: kpisOf(ws), generation: ws.rowsGeneration }).toEqual(before);
    expect((await rowsOf<{ n: number }>(host.reader, 'SELECT count(*)::INTEGER AS n FROM customers'))[0].n).toBe(7043);
    expect(await rowsOf(host.reader, `SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, '${STAGE_PREFIX}')`)).toEqual([]);
  });

  it('opens a good bundle dropped as a folder in a workspace of its own (the files stay in theirs) and draws its screen', async () => {
    await ws.loads.addFiles(dirFiles(good), { folder: 'nightly' });
    await ws.screen.idle();
    const s = ws.state;
    expect(ws.state.jobs.at(-1)?.state).toBe('done');
    expect([s.name, s.source, s.files, s.factsBundle?.label, s.factsBundle?.engine]).toEqual(['nightly', 'bundle', [], 'nightly', 'wasm']);
    expect(s.screen.error).toBeNull();
    const m = JSON.parse(readFileSync(path.join(good, 'manifest.json'), 'utf8')) as FactsManifest;
    expect(kpisOf(ws).customers.value).toBe(m.files.find((f) => f.table === 'cw_customer_facts')!.rows);
    expect(kpisOf(ws).atRiskBasis).toBe('value_12m');
    expect(s.settings.asOf).toBe(m.asOf);
    expect(s.screen.ctx?.bundle?.tables).toHaveLength(9);
    // No raw rows in the bundle's workspace; the Telco workspace still holds its file.
    expect((await rowsOf<{ n: number }>(host.reader, 'SELECT count(*)::INTEGER AS n FROM orders'))[0].n).toBe(0);
    expect((await ws.list()).map((w) => [w.name, w.files])).toEqual([['nightly', 0], [DEFAULT_WORKSPACE, 1]]);
  });

  it('re-reads it from a data URL in place; a newer-version bundle there keeps the last good one and says why', async () => {
    let served = good;
    vi.stubGlobal('fetch', async (url: string | URL) => {
      const name = decodeURIComponent(String(url).split('/').pop()!);
      try {
        return new Response(readFileSync(path.join(served, name)), { status: 200 });
      } catch {
        return new Response('not found', { status: 404 });
      }
    });
    const status: DataUrlStatus = { lastRead: null, lastChanged: null, error: null };
    const reader = new DataUrlReader(ws.loads, status);
    const url = 'http://wall.test/exports/nightly/manifest.json';
    expect(await reader.read(url)).toBe(true);
    await ws.screen.idle();
    expect([ws.state.name, ws.state.source, ws.state.dataUrl, status.error]).toEqual(['nightly', 'bundle', url, null]);
    const before = { kpis: kpisOf(ws), generation: ws.rowsGeneration };

    const newer = copyBundle(good);
    saveManifest(newer.dir, { ...newer.manifest, version: 2 });
    served = newer.dir;
    expect(await reader.read('http://wall.test/exports/nightly/')).toBe(false);
    await ws.screen.idle();
    expect(status.error).toBe('manifest.json: contract version 2 is newer than this app reads (version 1): update ChurnWatch, or write the bundle with a version 1 writer');
    expect(status.errorText?.zh).toMatch(/^manifest\.json：契约版本 2 比本应用能读取的版本（1）新/);
    expect({ kpis: kpisOf(ws), generation: ws.rowsGeneration }).toEqual(before);
    expect(ws.state.source).toBe('bundle');
  });

  it('takes rows again: a file dropped on the bundle\'s workspace replaces the bundle; Parquet that is not a bundle loads as data', async () => {
    await ws.loads.addFiles([new File([readFileSync(path.join(FIXTURES, 'online-retail.parquet'))], 'online-retail.parquet')]);
    await ws.screen.idle();
    const s = ws.state;
    expect([s.name, s.source, s.factsBundle]).toEqual(['nightly', 'files', null]);
    expect(s.files.map((f) => f.file)).toContain('online-retail.parquet');
    expect(s.screen.ctx?.bundle).toBeUndefined();
    expect(kpisOf(ws).atRiskBasis).toBeUndefined();
  });
});
