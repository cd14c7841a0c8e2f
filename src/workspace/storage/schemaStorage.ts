import type { QueryManager } from '../../engine/queryManager';
import { scalar, toRows } from '../../engine/rows';
import { ident, lit } from '../../engine/sql';
import { allCanonicalDDL } from '../../ingest/schema';
import type { StorageKind, WorkspaceInfo, WorkspaceMeta, WorkspaceStorage } from './types';

/** The catalog of workspaces, in the database's main schema. */
const CATALOG = 'main.cw_catalog';

/** Names of workspaces the app keeps for itself (the demo companies) start with this; list() hides them. */
export const INTERNAL_PREFIX = '#';

/**
 * Workspaces as schemas of the one open database: each workspace's canonical and derived tables
 * live in schema `ws_<n>`, and switching is `USE` on both connections (no copy, no reload). On
 * an OPFS database every committed change is checkpointed, so the tables, the derived tables
 * and the files list survive a reload, and a crash keeps the last checkpointed state. On an
 * in-memory database (Node) the same code runs without durability.
 */
export class SchemaStorage implements WorkspaceStorage {
  readonly keepsDerivedTables: boolean;
  private ready: Promise<void> | null = null;
  private current: string | null = null;

  /**
   * `durable` (default: an OPFS database) checkpoints after every commit and keeps the derived
   * tables for the next open; a test can ask for it on an in-memory database to exercise a reopen
   * within one engine.
   */
  constructor(
    private readonly reader: QueryManager,
    private readonly writer: QueryManager,
    readonly kind: StorageKind,
    private readonly durable: boolean = kind === 'opfs',
  ) {
    this.keepsDerivedTables = durable;
  }

  async list(): Promise<WorkspaceInfo[]> {
    await this.catalog();
    const rows = toRows<{ name: string; saved_at: string; bytes: number; files: number }>(await this.writer.query(
      `SELECT name, saved_at, bytes, files FROM ${CATALOG} WHERE NOT starts_with(name, ${lit(INTERNAL_PREFIX)}) ORDER BY name`, { cache: false }));
    return rows.map((r) => ({ name: r.name, savedAt: r.saved_at, bytes: Number(r.bytes), files: Number(r.files) }));
  }

  async open(name: string): Promise<WorkspaceMeta | null> {
    await this.catalog();
    const row = await this.row(name);
    const schema = row?.schema ?? (await this.create(name));
    await this.use(schema);
    return row?.meta ? (JSON.parse(row.meta) as WorkspaceMeta) : null;
  }

  async stageMeta(name: string, meta: WorkspaceMeta): Promise<void> {
    await this.writer.exec(`UPDATE ${CATALOG} SET meta = ${lit(JSON.stringify(meta))}, saved_at = ${lit(new Date().toISOString())},
      files = ${lit(meta.files.length)} WHERE name = ${lit(name)}`);
  }

  async persist(name: string): Promise<void> {
    const schema = (await this.row(name))?.schema;
    if (schema) await this.writer.exec(`UPDATE ${CATALOG} SET bytes = ${lit(await this.bytesOf(schema))} WHERE name = ${lit(name)}`);
    await this.checkpoint();
  }

  async copyCurrentTo(name: string, meta: WorkspaceMeta): Promise<void> {
    const from = this.current;
    if (!from) throw new Error('no workspace is open');
    const schema = await this.create(name);
    const tables = toRows<{ t: string }>(await this.writer.query(
      `SELECT table_name AS t FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ${lit(from)} ORDER BY 1`, { cache: false }));
    await this.writer.exec('BEGIN TRANSACTION');
    try {
      for (const { t } of tables) {
        await this.writer.exec(`CREATE OR REPLACE TABLE ${ident(schema)}.${ident(t)} AS SELECT * FROM ${ident(from)}.${ident(t)}`);
      }
      await this.stageMeta(name, meta);
      await this.writer.exec('COMMIT');
    } catch (e) {
      await this.writer.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
    await this.use(schema);
    await this.persist(name);
  }

  async remove(name: string): Promise<void> {
    const row = await this.row(name);
    if (!row) return;
    if (row.schema === this.current) throw new Error('the open workspace cannot be deleted; open another one first');
    await this.writer.exec(`DROP SCHEMA IF EXISTS ${ident(row.schema)} CASCADE`);
    await this.writer.exec(`DELETE FROM ${CATALOG} WHERE name = ${lit(name)}`);
    await this.checkpoint();
  }

  async clearAll(keep: string): Promise<void> {
    await this.catalog();
    const rows = toRows<{ name: string; schema_name: string }>(await this.writer.query(`SELECT name, schema_name FROM ${CATALOG}`, { cache: false }));
    for (const r of rows) {
      if (r.schema_name === this.current) continue;
      await this.writer.exec(`DROP SCHEMA IF EXISTS ${ident(r.schema_name)} CASCADE`);
      await this.writer.exec(`DELETE FROM ${CATALOG} WHERE name = ${lit(r.name)}`);
    }
    if (this.current) {
      await this.writer.exec(`DROP SCHEMA IF EXISTS ${ident(this.current)} CASCADE`);
      await this.writer.exec(`DELETE FROM ${CATALOG} WHERE schema_name = ${lit(this.current)}`);
      this.current = null;
    }
    await this.open(keep);
    await this.checkpoint();
  }

  /**
   * Bytes a schema's tables take: distinct storage blocks of their column segments times the block
   * size (in memory, segments not yet in blocks count 0).
   */
  private async bytesOf(schema: string): Promise<number> {
    const tables = toRows<{ t: string }>(await this.writer.query(
      `SELECT table_name AS t FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ${lit(schema)}`, { cache: false }));
    const blockSize = Number(scalar(await this.writer.query('SELECT any_value(block_size) FROM pragma_database_size()', { cache: false })) ?? 0);
    let blocks = 0;
    for (const { t } of tables) {
      blocks += Number(scalar(await this.writer.query(
        `SELECT count(DISTINCT block_id) FROM pragma_storage_info(${lit(`${schema}.${t}`)}) WHERE block_id >= 0`, { cache: false })) ?? 0);
    }
    return blocks * blockSize;
  }

  /** Writes committed changes into the database file (OPFS) so that a crash or reload keeps them. */
  private async checkpoint(): Promise<void> {
    if (!this.durable) return;
    await this.writer.exec('CHECKPOINT');
    await this.writer.connector.flush();
  }

  private catalog(): Promise<void> {
    this.ready ??= this.writer.exec(`CREATE TABLE IF NOT EXISTS ${CATALOG} (name VARCHAR PRIMARY KEY, schema_name VARCHAR NOT NULL,
      saved_at VARCHAR, bytes BIGINT DEFAULT 0, files INTEGER DEFAULT 0, meta VARCHAR)`);
    return this.ready;
  }

  private async row(name: string): Promise<{ schema: string; meta: string | null } | null> {
    const rows = toRows<{ schema_name: string; meta: string | null }>(await this.writer.query(
      `SELECT schema_name, meta FROM ${CATALOG} WHERE name = ${lit(name)}`, { cache: false }));
    return rows.length ? { schema: rows[0].schema_name, meta: rows[0].meta } : null;
  }

  /** Creates an empty workspace schema with the canonical tables and its catalog line. */
  private async create(name: string): Promise<string> {
    const n = Number(scalar(await this.writer.query(
      `SELECT coalesce(max(TRY_CAST(substr(schema_name, 4) AS INTEGER)), 0) + 1 FROM ${CATALOG}`, { cache: false })));
    const schema = `ws_${n}`;
    await this.writer.exec(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
    for (const ddl of allCanonicalDDL()) await this.writer.exec(ddl.replace('CREATE TABLE IF NOT EXISTS ', `CREATE TABLE IF NOT EXISTS ${ident(schema)}.`));
    await this.writer.exec(`INSERT INTO ${CATALOG} (name, schema_name, saved_at) VALUES (${lit(name)}, ${lit(schema)}, ${lit(new Date().toISOString())})`);
    return schema;
  }

  /** Points both connections at a workspace's schema; cached results of the old one are dropped. */
  private async use(schema: string): Promise<void> {
    await this.writer.exec(`USE ${ident(schema)}`);
    await this.reader.exec(`USE ${ident(schema)}`);
    this.writer.schema = schema;
    this.reader.schema = schema;
    this.current = schema;
  }
}
