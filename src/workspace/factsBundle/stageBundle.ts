import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { ident, lit } from '../../engine/sql';
import { parquetWasm } from '../../ingest/readers/parquetModule';
import { decodeColumnSql } from '../tableBundle/codec';
import { FACTS_MANIFEST, FACTS_TABLES } from './contract';
import { checkManifest, columnDifference, contractTable, fileColumns, FactsBundleError, type CheckedManifest } from './manifest';

/** Staged tables are named this prefix + the contract table's name until the bundle is adopted. */
export const STAGE_PREFIX = 'cw_stage_';

/** Rows per record batch read from a file (one insert each, as the app's table import). */
const BATCH_ROWS = 65_536;

/**
 * A bundle as it arrives: its label (the folder, the URL's directory), manifest.json's text and
 * its files by name (null for a name the bundle does not hold).
 */
export interface BundleInput {
  label: string;
  manifest: string;
  file(name: string): Promise<Uint8Array | null>;
}

/** A bundle checked and staged in the writer's current schema, ready to be adopted (Workspace.adoptFactsBundle). */
export interface StagedBundle extends CheckedManifest {
  label: string;
  /** The schema the staged tables are in. */
  schema: string;
  /** Every contract table the bundle lists in `files` (each staged, rows or not). */
  tables: string[];
}

const fail = (file: string, zh: string, en: string): never => {
  throw new FactsBundleError(file, zh, en);
};

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** sha256 of bytes as hex (Web Crypto: the browser's and Node's). */
async function sha256(bytes: Uint8Array): Promise<string> {
  return hex(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** The per-customer contract tables (keyed by customer_id alone) and the ones that name customers. */
const CUSTOMER_TABLES = FACTS_TABLES.filter((t) => t.columns.some((c) => c.name === 'customer_id')).map((t) => t.name);

/** Drops every staged table of the writer's current schema. */
export async function dropStaged(writer: QueryManager, schema: string = writer.schema): Promise<void> {
  const rows = toRows<{ t: string }>(await writer.query(
    `SELECT table_name AS t FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ${lit(schema)}
     AND starts_with(table_name, ${lit(STAGE_PREFIX)})`, { cache: false }));
  for (const { t } of rows) await writer.exec(`DROP TABLE IF EXISTS ${ident(schema)}.${ident(t)}`);
}

/** Reads one Parquet file into `<stage><table>` with the contract's types, checking its columns and rows on the way. */
async function stageFile(writer: QueryManager, checked: CheckedManifest, table: string, name: string, bytes: Uint8Array): Promise<void> {
  const t = contractTable(table)!;
  const entry = checked.manifest.files.find((f) => f.table === table)!;
  if (entry.sha256) {
    const digest = await sha256(bytes);
    if (digest !== entry.sha256.toLowerCase()) {
      fail(name, `文件的 sha256 与 ${FACTS_MANIFEST} 不符（文件已损坏，或来自另一个数据包）`, `its sha256 differs from the one in ${FACTS_MANIFEST} (the file is damaged or from another bundle)`);
    }
  }
  const pq = await parquetWasm();
  let batches: ReturnType<ReturnType<typeof pq.readParquet>['recordBatches']>;
  try {
    batches = pq.readParquet(bytes, { batchSize: BATCH_ROWS }).recordBatches();
  } catch (e) {
    return fail(name, `不是可读取的 Parquet 文件（${(e as Error).message ?? String(e)}）`, `not a readable Parquet file (${(e as Error).message ?? String(e)})`);
  }
  const raw = `${STAGE_PREFIX}raw_${table}`;
  const staged = `${STAGE_PREFIX}${table}`;
  await writer.exec(`CREATE OR REPLACE TABLE ${ident(staged)} (${t.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
  if (batches.length === 0) {
    if (entry.rows > 0) fail(name, `文件没有数据行，${FACTS_MANIFEST} 记为 ${entry.rows} 行`, `holds no rows, ${FACTS_MANIFEST} says ${entry.rows}`);
    return;
  }
  await writer.exclusive(async (c) => {
    await c.exec(`DROP TABLE IF EXISTS ${ident(raw)}`);
    for (let i = 0; i < batches.length; i++) await c.insertArrowIPC(raw, batches[i].intoIPCStream(), i === 0);
  });
  const found = toRows<{ column_name: string; column_type: string }>(await writer.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(raw)})`, { cache: false }))
    .map((c) => ({ name: c.column_name, type: c.column_type }));
  const diff = columnDifference(fileColumns(t), found);
  if (diff) fail(name, `文件的列与契约版本 1 不符：${diff.zh}`, `the file's columns differ from contract version 1: ${diff.en}`);
  await writer.exec(`INSERT INTO ${ident(staged)} SELECT ${fileColumns(t).map((c) => decodeColumnSql({ ...c, type: t.columns.find((x) => x.name === c.name)!.type })).join(', ')} FROM ${ident(raw)}`);
  await writer.exec(`DROP TABLE ${ident(raw)}`);
  const [{ n }] = toRows<{ n: number }>(await writer.query(`SELECT count(*)::DOUBLE AS n FROM ${ident(staged)}`, { cache: false }));
  if (Number(n) !== entry.rows) fail(name, `文件有 ${Number(n)} 行，${FACTS_MANIFEST} 记为 ${entry.rows} 行`, `holds ${Number(n)} rows, ${FACTS_MANIFEST} says ${entry.rows}`);
}

/** Checks that a staged table's key identifies its rows: no NULL key and no two rows sharing one. */
async function checkKey(writer: QueryManager, table: string, name: string): Promise<void> {
  const t = contractTable(table)!;
  const cols = t.key.map(ident).join(', ');
  const staged = ident(`${STAGE_PREFIX}${table}`);
  const [nulls] = toRows<{ n: number }>(await writer.query(
    `SELECT count(*)::DOUBLE AS n FROM ${staged} WHERE ${t.key.map((k) => `${ident(k)} IS NULL`).join(' OR ')}`, { cache: false }));
  if (Number(nulls.n) > 0) fail(name, `${Number(nulls.n)} 行的键（${t.key.join(', ')}）为空`, `${Number(nulls.n)} rows have an empty key (${t.key.join(', ')})`);
  const [dup] = toRows<{ n: number; example: string | null }>(await writer.query(
    `SELECT count(*)::DOUBLE AS n, any_value(k) AS example FROM (
       SELECT concat_ws(' / ', ${t.key.map((k) => `CAST(${ident(k)} AS VARCHAR)`).join(', ')}) AS k FROM ${staged} GROUP BY ${cols} HAVING count(*) > 1)`, { cache: false }));
  if (Number(dup.n) > 0) {
    fail(name, `${Number(dup.n)} 个键（${t.key.join(', ')}）重复出现，例如 ${dup.example}`, `${Number(dup.n)} keys (${t.key.join(', ')}) appear more than once, e.g. ${dup.example}`);
  }
}

/**
 * Checks that the tables agree on the customers: every customer_id of any table is a customer of
 * cw_customer_facts, and every customer of the facts has a status (the contract's per-customer
 * tables hold the same customers; RFM only the buyers).
 */
async function checkCustomers(writer: QueryManager, tables: readonly string[], fileOf: (table: string) => string): Promise<void> {
  const facts = ident(`${STAGE_PREFIX}cw_customer_facts`);
  const stray = async (from: string, notIn: string) => toRows<{ n: number; example: string | null }>(await writer.query(
    `SELECT count(DISTINCT customer_id)::DOUBLE AS n, min(customer_id) AS example FROM ${from}
     WHERE customer_id NOT IN (SELECT customer_id FROM ${notIn})`, { cache: false }))[0];
  for (const table of tables) {
    if (table === 'cw_customer_facts' || !CUSTOMER_TABLES.includes(table)) continue;
    const r = await stray(ident(`${STAGE_PREFIX}${table}`), facts);
    if (Number(r.n) > 0) {
      fail(fileOf(table), `${Number(r.n)} 个 customer_id 不在 ${fileOf('cw_customer_facts')} 中，例如 ${r.example}（两个文件的键不匹配，可能来自不同的运行）`,
        `${Number(r.n)} customer_ids are not in ${fileOf('cw_customer_facts')}, e.g. ${r.example} (the files' keys do not match; they may come from different runs)`);
    }
  }
  const missing = await stray(facts, ident(`${STAGE_PREFIX}cw_customer_status`));
  if (Number(missing.n) > 0) {
    fail(fileOf('cw_customer_status'), `缺少 ${Number(missing.n)} 位 ${fileOf('cw_customer_facts')} 中客户的状态，例如 ${missing.example}（两个文件的键不匹配）`,
      `has no status for ${Number(missing.n)} customers of ${fileOf('cw_customer_facts')}, e.g. ${missing.example} (the files' keys do not match)`);
  }
}

/**
 * Checks a bundle and stages its tables in the writer's current schema (named STAGE_PREFIX +
 * table), without touching anything loaded: manifest.json against the contract, then each listed
 * file: present, its sha256 as the manifest says, readable Parquet with the contract's columns and
 * types and the manifest's row count, its key a key; then the tables' customers against each
 * other. The first problem throws a FactsBundleError naming the file, and every staged table is
 * dropped again.
 */
export async function stageFactsBundle(writer: QueryManager, input: BundleInput): Promise<StagedBundle> {
  const checked = checkManifest(input.manifest);
  const fileOf = (table: string) => checked.manifest.files.find((f) => f.table === table)?.file ?? `${table}.parquet`;
  // Every listed file before any is read: a bundle missing one is refused at once.
  const bytes = new Map<string, Uint8Array>();
  for (const f of checked.files) {
    const b = await input.file(f.file!);
    if (!b) fail(f.file!, `${FACTS_MANIFEST} 列出了此文件，但数据包中没有`, `listed in ${FACTS_MANIFEST} but missing from the bundle`);
    bytes.set(f.table, b!);
  }
  const schema = writer.schema;
  await dropStaged(writer, schema);
  const tables = checked.manifest.files.map((f) => f.table);
  try {
    for (const f of checked.manifest.files) {
      const t = contractTable(f.table)!;
      const b = bytes.get(f.table);
      if (b) await stageFile(writer, checked, f.table, f.file!, b);
      else await writer.exec(`CREATE OR REPLACE TABLE ${ident(STAGE_PREFIX + t.name)} (${t.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
      bytes.delete(f.table);
      await checkKey(writer, f.table, fileOf(f.table));
    }
    await checkCustomers(writer, tables, fileOf);
  } catch (e) {
    await dropStaged(writer, schema).catch(() => undefined);
    throw e;
  }
  return { ...checked, label: input.label, schema, tables };
}

/** Files that look like a facts bundle's tables (cw_customer_facts.parquet ...), by name. */
export function looksLikeBundleFile(name: string): boolean {
  return FACTS_TABLES.some((t) => name === `${t.name}.parquet`);
}
