import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { QueryManager } from '../engine/queryManager';
import { scalar } from '../engine/rows';
import { ident, lit } from '../engine/sql';
import type { AnalyticsSettings } from '../analytics/settings';
import { readPrepared } from '../analytics/prepare';
import type { BundleColumn } from '../workspace/tableBundle/codec';
import type { FactsFile, FactsManifest } from '../workspace/factsBundle/manifest';
import { encodeColumnSql } from '../workspace/tableBundle/codec';
import { bundleColumns, exportTable } from '../workspace/tableBundle/exportTables';
import { FACTS_CONTRACT, FACTS_CONTRACT_VERSION, FACTS_MANIFEST, FACTS_TABLES } from '../workspace/factsBundle/contract';
import { UsageError } from './args';

export type { FactsFile, FactsManifest } from '../workspace/factsBundle/manifest';

/** Reads DIR/manifest.json when it is a facts bundle's, else null. */
async function readBundleManifest(dir: string): Promise<FactsManifest | null> {
  try {
    const m = JSON.parse(await readFile(path.join(dir, FACTS_MANIFEST), 'utf8')) as FactsManifest;
    return m && m.contract === FACTS_CONTRACT && Array.isArray(m.files) ? m : null;
  } catch {
    return null;
  }
}

/**
 * Refuses a --facts-out that would overwrite anything but an earlier facts bundle (usage error,
 * exit 2), before any engine starts: a new or empty directory, or one holding a bundle's
 * manifest.json and only the files it lists.
 */
export async function checkFactsOut(dir: string): Promise<void> {
  const s = await stat(dir).catch(() => null);
  if (!s) return;
  if (!s.isDirectory()) throw new UsageError(`--facts-out ${dir}: not a directory`);
  const entries = await readdir(dir);
  if (entries.length === 0) return;
  const manifest = await readBundleManifest(dir);
  if (!manifest) throw new UsageError(`--facts-out ${dir}: the directory is not empty and is not a facts bundle (no ${FACTS_MANIFEST} of ${FACTS_CONTRACT}); give a new or empty directory, or an earlier bundle to replace`);
  const ours = new Set([FACTS_MANIFEST, ...manifest.files.map((f) => f.file).filter((f): f is string => f !== null)]);
  const foreign = entries.filter((e) => !ours.has(e));
  if (foreign.length) throw new UsageError(`--facts-out ${dir}: holds a facts bundle and other files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}); it is replaced only when it holds nothing else`);
}

const sameColumns = (a: readonly { name: string; type: string }[], b: readonly { name: string; type: string }[]) =>
  a.length === b.length && a.every((c, i) => c.name === b[i].name && c.type === b[i].type);
const describe = (cs: readonly { name: string; type: string }[]) => cs.map((c) => `${c.name} ${c.type}`).join(', ');

/** Writes one table's Parquet file: native DuckDB's COPY, or on DuckDB-WASM the app's Parquet export. */
async function writeParquet(qm: QueryManager, engine: 'wasm' | 'native', table: string, columns: BundleColumn[], file: string): Promise<void> {
  if (engine === 'native') {
    await qm.exec(`COPY (SELECT ${columns.map(encodeColumnSql).join(', ')} FROM ${ident(table)}) TO ${lit(file)} (FORMAT parquet, COMPRESSION zstd)`);
    return;
  }
  // DuckDB-WASM has no Parquet writer offline (an extension it would download): parquet-wasm,
  // with the same column encodings.
  const { bytes } = await exportTable(qm, table);
  if (!bytes) throw new Error(`facts bundle: ${table} has rows but exported none`);
  await writeFile(file, bytes);
}

/**
 * Writes the facts bundle of the analysis that just ran on `qm` into `dir`: one Parquet file per
 * contract table (docs/facts-contract.md) and manifest.json last. An earlier bundle in `dir` is
 * replaced (checkFactsOut has refused anything else). A table whose columns differ from the
 * contract stops the write with both column lists: the bundle never silently changes shape.
 */
export async function writeFactsBundle(
  qm: QueryManager,
  dir: string,
  options: { engine: 'wasm' | 'native'; settings: AnalyticsSettings },
): Promise<FactsManifest> {
  await checkFactsOut(dir);
  const earlier = await readBundleManifest(dir);
  if (earlier) {
    for (const f of earlier.files) if (f.file) await rm(path.join(dir, f.file), { force: true });
    await rm(path.join(dir, FACTS_MANIFEST), { force: true });
  }
  await mkdir(dir, { recursive: true });
  const prepared = await readPrepared(qm);
  const ctx = { asOf: prepared.asOf, period: options.settings.period, periodBasis: prepared.periodBasis };
  const files: FactsFile[] = [];
  const omitted: FactsManifest['omitted'] = [];
  for (const t of FACTS_TABLES) {
    const source = t.source(ctx);
    if (!source) {
      omitted.push({ table: t.name, reason: 'no dated orders or subscriptions: churn by period and cohorts are not computable' });
      continue;
    }
    const from = 'select' in source ? `(${source.select})` : source.table === t.name ? null : ident(source.table);
    if (from) await qm.exec(`CREATE OR REPLACE TABLE ${ident(t.name)} AS SELECT * FROM ${from}`);
    const columns = await bundleColumns(qm, t.name);
    if (!sameColumns(columns, t.columns)) {
      throw new Error(`facts bundle: ${t.name} does not match contract version ${FACTS_CONTRACT_VERSION}: expected (${describe(t.columns)}), the engine has (${describe(columns)})`);
    }
    const rows = Number(scalar(await qm.query(`SELECT count(*)::DOUBLE AS n FROM ${ident(t.name)}`, { cache: false })));
    const entry: FactsFile = { table: t.name, file: null, rows, bytes: 0, sha256: null, key: t.key, columns };
    if (rows > 0) {
      entry.file = `${t.name}.parquet`;
      const file = path.join(dir, entry.file);
      await writeParquet(qm, options.engine, t.name, columns, file);
      const bytes = await readFile(file);
      entry.bytes = bytes.byteLength;
      entry.sha256 = createHash('sha256').update(bytes).digest('hex');
    }
    files.push(entry);
  }
  const manifest: FactsManifest = {
    contract: FACTS_CONTRACT,
    version: FACTS_CONTRACT_VERSION,
    asOf: prepared.asOf,
    writtenAt: new Date().toISOString(),
    engine: options.engine,
    settings: { ...options.settings, asOf: prepared.asOf },
    decisions: { churnRule: prepared.churnRule, periodBasis: prepared.periodBasis, valueBasis: prepared.valueBasis, aliveModel: prepared.meta.aliveModel === 'paretoNbd' ? 'paretoNbd' : 'bgnbd' },
    files,
    omitted,
  };
  await writeFile(path.join(dir, FACTS_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
