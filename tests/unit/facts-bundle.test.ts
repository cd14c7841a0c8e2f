import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { QueryManager } from '../../src/engine/queryManager';
import { ident, lit } from '../../src/engine/sql';
import { analyzeWorkspace } from '../../src/analytics/report';
import { readPrepared } from '../../src/analytics/prepare';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../../src/analytics/settings';
import { loadDemo } from '../../src/demo/loadDemo';
import { parquetWasm } from '../../src/ingest/readers/parquetModule';
import { createNodeEngine } from '../../src/workspace/nodeHost';
import { createNativeEngine } from '../../src/workspace/nativeHost';
import { importTable } from '../../src/workspace/tableBundle/importTables';
import { FACTS_CONTRACT, FACTS_CONTRACT_VERSION, FACTS_TABLES, type ContractTable } from '../../src/workspace/factsBundle/contract';
import { writeFactsBundle, type FactsManifest } from '../../src/cli/factsOut';
import { analyze } from '../helpers/cli';
import { rowsOf } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';

const made: string[] = [];
const freshDir = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

type EngineKind = 'wasm' | 'native';
const startEngine = (kind: EngineKind) => (kind === 'native' ? createNativeEngine({ threads: 1 }) : createNodeEngine());

/** How a column reads back from the file: BOOLEAN travels as INT8 0/1 (codec.ts), every other contract type as itself. */
const fileType = (type: string) => (type === 'BOOLEAN' ? 'TINYINT' : type);
const expectedFileColumns = (t: ContractTable) => t.columns.map((c) => `${c.name} ${fileType(c.type)}`);

/** The engine's own count of a contract table's rows, from the table or SELECT the contract names. */
async function engineCount(qm: QueryManager, t: ContractTable, settings: AnalyticsSettings): Promise<number | null> {
  const p = await readPrepared(qm);
  const source = t.source({ asOf: p.asOf, period: settings.period, periodBasis: p.periodBasis });
  if (!source) return null;
  const from = 'table' in source ? ident(source.table) : `(${source.select})`;
  return Number((await rowsOf<{ n: number }>(qm, `SELECT count(*)::DOUBLE AS n FROM ${from}`))[0].n);
}

/** Columns as `name TYPE` and rows of a Parquet file read back on the engine kind that wrote it. */
async function readBack(kind: EngineKind, qm: QueryManager, file: string, name: string): Promise<{ columns: string[]; rows: number }> {
  let from: string;
  if (kind === 'native') {
    from = `read_parquet(${lit(file)})`;
  } else {
    // DuckDB-WASM reads Parquet through parquet-wasm offline (its own reader is an extension it
    // would download): the file's Arrow batches go into the engine as they are, undecoded.
    const pq = await parquetWasm();
    const batches = pq.readParquet(new Uint8Array(readFileSync(file))).recordBatches();
    from = ident(`readback_${name}`);
    await qm.exec(`DROP TABLE IF EXISTS ${from}`);
    for (let i = 0; i < batches.length; i++) await qm.connector.insertArrowIPC(`readback_${name}`, batches[i].intoIPCStream(), i === 0);
  }
  const columns = (await rowsOf<{ column_name: string; column_type: string }>(qm, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${from})`))
    .map((c) => `${c.column_name} ${c.column_type}`);
  const rows = Number((await rowsOf<{ n: number }>(qm, `SELECT count(*)::DOUBLE AS n FROM ${from}`))[0].n);
  return { columns, rows };
}

/** Loads a data set, runs every metric, writes the bundle and checks it against the engine and the contract. */
async function writeAndCheck(kind: EngineKind, load: (qm: QueryManager) => Promise<unknown>, settings: AnalyticsSettings): Promise<{ dir: string; manifest: FactsManifest }> {
  const qm = await startEngine(kind);
  try {
    await load(qm);
    await analyzeWorkspace(qm, settings);
    const dir = path.join(freshDir(`cw-facts-${kind}-`), 'bundle');
    const manifest = await writeFactsBundle(qm, dir, { engine: kind, settings });
    expect(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
    expect([manifest.contract, manifest.version, manifest.engine]).toEqual([FACTS_CONTRACT, FACTS_CONTRACT_VERSION, kind]);
    expect(manifest.settings.period).toBe(settings.period);
    // Every contract table is listed once: written, or omitted with the reason.
    expect([...manifest.files.map((f) => f.table), ...manifest.omitted.map((o) => o.table)].sort()).toEqual(FACTS_TABLES.map((t) => t.name).sort());
    // The directory holds exactly the manifest and the files it lists.
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', ...manifest.files.flatMap((f) => (f.file ? [f.file] : []))].sort());
    for (const f of manifest.files) {
      const t = FACTS_TABLES.find((c) => c.name === f.table)!;
      expect(f.rows, f.table).toBe(await engineCount(qm, t, settings));
      expect(f.columns.map((c) => `${c.name} ${c.type}`), f.table).toEqual(t.columns.map((c) => `${c.name} ${c.type}`));
      if (!f.file) {
        expect(f.rows, f.table).toBe(0);
        continue;
      }
      const file = path.join(dir, f.file);
      const bytes = readFileSync(file);
      expect(f.bytes, f.table).toBe(statSync(file).size);
      expect(f.sha256, f.table).toBe(createHash('sha256').update(bytes).digest('hex'));
      const back = await readBack(kind, qm, file, f.table);
      expect(back.columns, f.table).toEqual(expectedFileColumns(t));
      expect(back.rows, f.table).toBe(f.rows);
      if (kind === 'wasm') {
        // The app's own bundle import turns the file back into the contract's DuckDB types.
        await importTable(qm, { name: `imported_${f.table}`, file: f.file, rows: f.rows, columns: f.columns }, new Uint8Array(bytes));
        const imported = await rowsOf<{ column_name: string; column_type: string }>(qm, `SELECT column_name, column_type FROM (DESCRIBE ${ident(`imported_${f.table}`)})`);
        expect(imported.map((c) => `${c.column_name} ${c.column_type}`), f.table).toEqual(t.columns.map((c) => `${c.name} ${c.type}`));
      }
    }
    return { dir, manifest };
  } finally {
    await qm.connector.close();
  }
}

/** Per file of a bundle: rows, rows with a distinct key, and an md5 of the sorted keys (read with native DuckDB). */
async function keyDigests(dir: string, manifest: FactsManifest): Promise<Record<string, { rows: number; distinctKeys: number; digest: string }>> {
  const qm = await createNativeEngine({ threads: 1 });
  try {
    const out: Record<string, { rows: number; distinctKeys: number; digest: string }> = {};
    for (const f of manifest.files) {
      if (!f.file) continue;
      const key = `concat_ws('|', ${f.key.map((k) => `CAST(${ident(k)} AS VARCHAR)`).join(', ')})`;
      const [r] = await rowsOf<{ rows: number; keys: number; digest: string }>(qm,
        `SELECT count(*)::DOUBLE AS rows, count(DISTINCT ${key})::DOUBLE AS keys, md5(string_agg(${key}, ',' ORDER BY ${key})) AS digest
         FROM read_parquet(${lit(path.join(dir, f.file))})`);
      out[f.table] = { rows: Number(r.rows), distinctKeys: Number(r.keys), digest: r.digest };
    }
    return out;
  } finally {
    await qm.connector.close();
  }
}

const settingsWith = (over: Partial<AnalyticsSettings>): AnalyticsSettings => ({ ...DEFAULT_SETTINGS, ...over });

describe('the facts bundle (analyze --facts-out)', () => {
  // Telco has no dates: as-of would be today, so it is fixed to keep the two engines comparable.
  const cases: { name: string; load: (qm: QueryManager) => Promise<unknown>; settings: AnalyticsSettings; omitted: string[]; customers: number }[] = [
    { name: 'the Telco snapshot', load: (qm) => loadSharedFile(qm, 'telco/Telco-Customer-Churn.csv'), settings: settingsWith({ asOf: '2026-01-31' }),
      omitted: ['cw_cohort_cells', 'cw_period_churn', 'cw_period_churners'], customers: 7043 },
    { name: 'CDNOW_master', load: (qm) => loadSharedFile(qm, 'cdnow/CDNOW_master.txt'), settings: settingsWith({}), omitted: [], customers: 23570 },
    { name: 'the demo company (2,000 customers)', load: (qm) => loadDemo(qm, { customers: 2000 }), settings: settingsWith({}), omitted: [], customers: 2000 },
  ];
  for (const c of cases) {
    it(`writes the same bundle for ${c.name} on DuckDB-WASM and on native DuckDB, each file as the contract and the engine say`, async () => {
      const wasm = await writeAndCheck('wasm', c.load, c.settings);
      const native = await writeAndCheck('native', c.load, c.settings);
      for (const { manifest } of [wasm, native]) {
        expect(manifest.omitted.map((o) => o.table).sort()).toEqual(c.omitted);
        expect(manifest.files.find((f) => f.table === 'cw_customer_facts')?.rows).toBe(c.customers);
      }
      const rowsOfBundle = (m: FactsManifest) => Object.fromEntries(m.files.map((f) => [f.table, f.rows]));
      expect(rowsOfBundle(native.manifest)).toEqual(rowsOfBundle(wasm.manifest));
      expect(native.manifest.asOf).toBe(wasm.manifest.asOf);
      expect(native.manifest.decisions).toEqual(wasm.manifest.decisions);
      const [a, b] = [await keyDigests(wasm.dir, wasm.manifest), await keyDigests(native.dir, native.manifest)];
      expect(b).toEqual(a);
      // The contract's keys are keys: no two rows share one.
      for (const [table, d] of Object.entries(a)) expect(d.distinctKeys, table).toBe(d.rows);
      const mib = (m: FactsManifest) => (m.files.reduce((n, f) => n + f.bytes, 0) / 2 ** 20).toFixed(2);
      console.info(`${c.name}: ${JSON.stringify(rowsOfBundle(wasm.manifest))}; ${mib(wasm.manifest)} MiB (wasm), ${mib(native.manifest)} MiB (native)`);
    }, 600_000);
  }

  it('on the command line: writes into a new directory, replaces an earlier bundle, refuses any other non-empty directory (exit 2)', () => {
    const parent = freshDir('cw-facts-cli-');
    const dir = path.join(parent, 'out');
    const first = analyze(['--engine', 'native', '--threads', '1', '--demo=500', '--facts-out', dir]);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toMatch(/facts bundle \(contract version 1\): 9 Parquet files/);
    const m1 = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as FactsManifest;
    expect(m1.files.filter((f) => f.file).length).toBe(9);

    // An earlier bundle is replaced; a file it did not list makes the directory someone else's.
    const again = analyze(['--engine', 'native', '--threads', '1', '--demo=500', '--facts-out', dir]);
    expect(again.code, again.err).toBe(0);
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const foreign = analyze(['--demo=500', '--facts-out', dir]);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/--facts-out .*out: holds a facts bundle and other files \(notes\.txt\)/);

    const other = path.join(parent, 'other');
    mkdirSync(other);
    writeFileSync(path.join(other, 'orders.csv'), 'a,b\n');
    const refused = analyze(['--demo=500', '--facts-out', other]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--facts-out .*other: the directory is not empty and is not a facts bundle/);
    expect(readdirSync(other)).toEqual(['orders.csv']);
  }, 300_000);
});
