import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { ident, lit } from '../../engine/sql';
import type { ProvidedFacts } from '../../analytics/graph/provided';
import { clearStoredTables } from '../../ingest/storedTables';
import { contractTable } from './manifest';
import { STAGE_PREFIX, type StagedBundle } from './stageBundle';

/** What a workspace keeps of the facts bundle it shows (its meta): enough to build the screen from its tables. */
export interface FactsBundleInfo extends ProvidedFacts {
  version: number;
  /** The settings of the run that wrote it: the screen is built with them. */
  settings: StagedBundle['settings'];
  /** Where it came from: the data URL of its manifest, or null for a drop. */
  url: string | null;
}

/** The workspace meta of a staged bundle. */
export function bundleInfoOf(staged: StagedBundle, url: string | null): FactsBundleInfo {
  const m = staged.manifest;
  return {
    label: staged.label,
    asOf: m.asOf,
    decisions: staged.decisions,
    tables: staged.tables,
    omitted: m.omitted.map((o) => ({ table: o.table, reason: o.reason })),
    engine: String(m.engine ?? ''),
    writtenAt: String(m.writtenAt ?? ''),
    version: m.version,
    settings: staged.settings,
    url,
  };
}

/** What the build graph takes of a workspace's bundle. */
export function providedOf(info: FactsBundleInfo): ProvidedFacts {
  const { label, asOf, decisions, tables, omitted, engine, writtenAt } = info;
  return { label, asOf, decisions, tables, omitted, engine, writtenAt };
}

/**
 * Drops every derived table and view of the writer's current schema (cw_*, the staged bundle
 * tables excepted): a workspace that takes a bundle must not keep tables an earlier build left
 * (a CLV table, the memo of the build steps) beside the bundle's.
 */
export async function dropDerived(writer: QueryManager): Promise<void> {
  const views = toRows<{ x: string }>(await writer.query(
    `SELECT view_name AS x FROM duckdb_views() WHERE database_name = current_database() AND schema_name = ${lit(writer.schema)} AND NOT internal`, { cache: false }))
    .filter((r) => r.x.startsWith('cw_'));
  for (const { x } of views) await writer.exec(`DROP VIEW IF EXISTS ${ident(x)}`);
  const tables = toRows<{ x: string }>(await writer.query(
    `SELECT table_name AS x FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ${lit(writer.schema)}`, { cache: false }));
  for (const { x } of tables.filter((r) => r.x.startsWith('cw_') && !r.x.startsWith(STAGE_PREFIX))) await writer.exec(`DROP TABLE IF EXISTS ${ident(x)}`);
}

/**
 * Makes a staged bundle the content of the writer's current schema (run it inside the change's
 * transaction): the raw rows and every derived table go, the staged tables take their contract
 * names (renamed in place, or copied from the schema they were staged in and dropped there).
 */
export async function adoptStaged(writer: QueryManager, staged: StagedBundle): Promise<void> {
  await dropDerived(writer);
  await clearStoredTables(writer);
  const here = writer.schema === staged.schema;
  for (const table of staged.tables) {
    const from = `${ident(staged.schema)}.${ident(STAGE_PREFIX + table)}`;
    if (here) await writer.exec(`ALTER TABLE ${from} RENAME TO ${ident(table)}`);
    else {
      await writer.exec(`CREATE TABLE ${ident(table)} AS SELECT * FROM ${from}`);
      await writer.exec(`DROP TABLE ${from}`);
    }
  }
}

/**
 * Creates, empty with the contract's columns, any bundle table the workspace lacks (a table without
 * rows is not kept by the IndexedDB fallback's snapshots), so the build finds every table it lists.
 */
export async function ensureBundleTables(writer: QueryManager, tables: readonly string[]): Promise<void> {
  for (const name of tables) {
    const t = contractTable(name);
    if (t) await writer.exec(`CREATE TABLE IF NOT EXISTS ${ident(name)} (${t.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
  }
}
