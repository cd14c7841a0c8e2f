import { rm } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Table } from 'apache-arrow';
import { OFFLINE_SETTINGS_SQL, type Connector } from './connector';
import { ipcToParquet } from './native/ipcToParquet';
import { NativeFiles } from './native/nativeFiles';
import { resultToArrow } from './native/resultToArrow';
import { ident, lit } from './sql';

/** Options of the native engine. */
export interface NativeConnectorOptions {
  /** DuckDB worker threads; omitted = DuckDB's default (every core). */
  threads?: number;
  /** DuckDB's memory_limit (`8GB`); omitted = DuckDB's default (80% of RAM). Beyond it DuckDB spills or fails. */
  memoryLimit?: string;
  /** A directory to create the spill space in; omitted = inside the engine's own temp directory. */
  spillParent?: string;
}

/**
 * Native DuckDB (@duckdb/node-api) behind the same Connector as DuckDB-WASM: the second host
 * engineering.md asks for ("Beyond one browser"), so the app's SQL runs unchanged on an engine
 * without the tab's memory ceiling. Node only: benchmarks and tests import it, browser code
 * never does. Results come back as the Arrow tables DuckDB-WASM returns (see native/arrowType).
 */
export async function createNativeConnector(options: NativeConnectorOptions = {}): Promise<Connector> {
  const files = await NativeFiles.create(options.spillParent);
  try {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    for (const sql of OFFLINE_SETTINGS_SQL) await conn.run(sql);
    if (options.threads !== undefined) await conn.run(`SET threads = ${Math.max(1, Math.floor(options.threads))}`);
    if (options.memoryLimit !== undefined) await conn.run(`SET memory_limit = ${lit(options.memoryLimit)}`);
    await conn.run(`SET temp_directory = ${lit(files.spill)}`);
    await conn.run(`SET file_search_path = ${lit(files.registered)}`);
    return connectionOf(instance, conn, files, true);
  } catch (e) {
    await files.dispose();
    throw e;
  }
}

function connectionOf(instance: DuckDBInstance, conn: DuckDBConnection, files: NativeFiles, primary: boolean): Connector {
  return {
    bundle: 'native',
    async query(sql: string): Promise<Table> {
      return resultToArrow(await conn.run(sql));
    },
    async exec(sql: string): Promise<void> {
      // node-api's run without parameters is duckdb_query: it runs every ';'-separated statement.
      await conn.run(sql);
    },
    async insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
      // Via a transient Parquet file: for the 100k demo (2.8M rows, one thread) 2.0-2.5 s, against
      // 5.6 s for node-api's Appender fed from the Arrow buffers (per-value JS calls, one native
      // call per string). See bench/RESULTS-analytics.md.
      const { bytes, castBack } = await ipcToParquet(ipc);
      const file = await files.writeChunk(bytes, 'parquet');
      try {
        const casts = [...castBack].map(([name, type]) => `CAST(${ident(name)} AS ${type}) AS ${ident(name)}`);
        const select = `SELECT *${casts.length ? ` REPLACE (${casts.join(', ')})` : ''} FROM read_parquet(${lit(file)})`;
        // Positional, like DuckDB-WASM's insertArrowFromIPCStream.
        await conn.run(create ? `CREATE TABLE ${ident(table)} AS ${select}` : `INSERT INTO ${ident(table)} ${select}`);
      } finally {
        await rm(file, { force: true });
      }
    },
    async registerFile(name: string, bytes: Uint8Array): Promise<void> {
      await files.register(name, bytes);
    },
    async registerLocalFile(name: string, filePath: string): Promise<void> {
      await files.link(name, filePath);
    },
    async dropFile(name: string): Promise<void> {
      await files.drop(name);
    },
    async cancel(): Promise<void> {
      conn.interrupt();
    },
    async connect(): Promise<Connector> {
      const other = await instance.connect();
      for (const sql of OFFLINE_SETTINGS_SQL) await other.run(sql);
      return connectionOf(instance, other, files, false);
    },
    async flush(): Promise<void> {
      // In memory: nothing to write through.
    },
    async close(): Promise<void> {
      conn.closeSync();
      if (!primary) return;
      instance.closeSync();
      await files.dispose();
    },
  };
}
