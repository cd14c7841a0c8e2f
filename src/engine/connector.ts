import type { Table } from 'apache-arrow';

/**
 * The one door to a DuckDB engine. The browser (DuckDB-WASM in a Web Worker) and Node
 * (the DuckDB-WASM Node build, used by tests and the CLI) implement it, so every SQL
 * builder and loader above this layer runs unchanged on both.
 */
export interface Connector {
  /** Runs one SQL statement and returns its result as an Arrow table. */
  query(sql: string): Promise<Table>;
  /** Runs SQL whose result is not needed (DDL, INSERT ...). */
  exec(sql: string): Promise<void>;
  /** Appends an Arrow IPC stream to `table`, creating it when `create` is true. */
  insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
  /** Makes bytes readable by SQL under `name` (read_csv('name') ...). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Makes a file on this machine's disk readable by SQL under `name`, without reading its bytes
   * into JavaScript; only engines that read local files have it (native DuckDB). Released by dropFile.
   */
  registerLocalFile?(name: string, filePath: string): Promise<void>;
  /** Releases a registered file. */
  dropFile(name: string): Promise<void>;
  /** Cancels the statement in flight, if any; it then rejects. */
  cancel(): Promise<void>;
  /**
   * Another connection to the same database, with transactions of its own: while one connection
   * holds an open transaction, the others see only what was committed.
   */
  connect(): Promise<Connector>;
  /** Writes the database's files through to storage (a no-op where there is nothing to flush). */
  flush(): Promise<void>;
  /** Frees the engine. */
  close(): Promise<void>;
  /** Which engine runs: the DuckDB-WASM bundle (mvp, eh), node (its Node build) or native. */
  readonly bundle: string;
}

/**
 * Settings applied to every new engine: no extension may be downloaded or loaded
 * implicitly, because offline that waits forever (engineering.md, "Pitfalls").
 */
export const OFFLINE_SETTINGS_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];
