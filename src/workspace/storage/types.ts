import type { FileReport } from '../../ingest/types';
import type { DemoLoadReport } from '../../demo/loadDemo';
import type { FactsBundleInfo } from '../factsBundle/adopt';

/** Where workspaces persist: DuckDB's own file in OPFS, IndexedDB snapshots (fallback), or nowhere (Node). */
export type StorageKind = 'opfs' | 'indexeddb' | 'memory';

/** Whose rows a workspace holds: the demo company's, loaded files', or a facts bundle's tables (no raw rows). */
export type DataSource = 'demo' | 'files' | 'bundle';

/** What a workspace keeps besides its tables. */
export interface WorkspaceMeta {
  source: DataSource;
  files: FileReport[];
  /** A same-network URL the wall re-reads on its refresh interval (null = none). */
  dataUrl: string | null;
  /** Bumped by every committed change to the workspace's rows: part of the screen's build key. */
  generation: number;
  /** The demo company's size and timings (demo workspaces only). */
  demo?: DemoLoadReport | null;
  /** The facts bundle the workspace holds (source 'bundle' only): its manifest's settings, decisions and tables. */
  factsBundle?: FactsBundleInfo | null;
}

/** The catalog line of a saved workspace (read without opening it). */
export interface WorkspaceInfo {
  name: string;
  savedAt: string;
  /** Bytes its stored tables take. */
  bytes: number;
  files: number;
}

/**
 * Persistence of workspaces in one engine. Every change to a workspace's rows runs in one
 * writer transaction: `stageMeta` runs inside it (so the files list and the rows commit
 * together), `persist` after the commit (so a crash keeps the last complete state).
 */
export interface WorkspaceStorage {
  readonly kind: StorageKind;
  /** The saved workspaces by name (internal ones, like the demo's, left out). */
  list(): Promise<WorkspaceInfo[]>;
  /**
   * Makes `name` the engine's current workspace for both connections. Returns its meta, or
   * null when it did not exist (it is then created, empty, with the canonical tables).
   */
  open(name: string): Promise<WorkspaceMeta | null>;
  /** Inside the change's transaction: records the workspace's meta with its rows. */
  stageMeta(name: string, meta: WorkspaceMeta): Promise<void>;
  /** After the commit: makes the committed state durable. */
  persist(name: string, meta: WorkspaceMeta): Promise<void>;
  /** Copies the current workspace (tables and meta) under a new name and makes the copy current. */
  copyCurrentTo(name: string, meta: WorkspaceMeta): Promise<void>;
  /** Deletes a workspace that is not current. */
  remove(name: string): Promise<void>;
  /** Deletes every workspace; `keep` (the current one) is emptied, not dropped. */
  clearAll(keep: string): Promise<void>;
  /** Whether the derived tables persist with the rows (a reopen may then skip the rebuild). */
  readonly keepsDerivedTables: boolean;
}
