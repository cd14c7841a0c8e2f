import type { TableSnapshot } from './tableSnapshot';
import type { KeyValueStore, SourceStore } from './keyValue';
import type { WorkspaceInfo } from './types';

/** What a saved workspace holds: metadata (files, mappings, settings) and its tables. */
export interface SavedWorkspace<Meta = unknown> {
  name: string;
  savedAt: string;
  meta: Meta;
  tables: TableSnapshot;
}

const DB_NAME = 'churnwatch';
const DB_VERSION = 2;
const STORE = 'workspaces';
const KV = 'kv';
/** Raw bytes of loaded files (Blobs), so a mapping change can reload one file after a page reload. */
const SOURCES = 'sources';
const INFO_PREFIX = 'ws-info:';

const sourceKeyOf = (workspace: string, sourceKey: string) => `${workspace}\u0000${sourceKey}`;
const workspaceRange = (workspace: string) => IDBKeyRange.bound(`${workspace}\u0000`, `${workspace}\u0000\uffff`);

/**
 * The browser's IndexedDB database of the app (nothing leaves the machine): small values (current
 * workspace, settings, remembered mappings, stored screens), the raw files of each workspace's
 * loads, and, where OPFS is missing, whole workspaces as Arrow IPC snapshots.
 */
export class WorkspaceStore implements KeyValueStore, SourceStore {
  private db: Promise<IDBDatabase> | null = null;

  constructor(private readonly idb: IDBFactory = globalThis.indexedDB) {}

  /** Saves (or replaces) a workspace and its catalog line. */
  async save<M>(ws: SavedWorkspace<M>, files: number): Promise<void> {
    const bytes = Object.values(ws.tables).reduce((n, b) => n + b.byteLength, 0);
    await this.tx(STORE, 'readwrite', (s) => s.put(ws, ws.name));
    await this.setValue(INFO_PREFIX + ws.name, { name: ws.name, savedAt: ws.savedAt, bytes, files } satisfies WorkspaceInfo);
  }

  /** Loads a workspace by name, or null. */
  async load<M>(name: string): Promise<SavedWorkspace<M> | null> {
    return ((await this.tx(STORE, 'readonly', (s) => s.get(name))) as SavedWorkspace<M> | undefined) ?? null;
  }

  /** The saved workspaces, by name. */
  async list(): Promise<WorkspaceInfo[]> {
    const range = IDBKeyRange.bound(INFO_PREFIX, INFO_PREFIX + '\uffff');
    const infos = (await this.tx(KV, 'readonly', (s) => s.getAll(range))) as WorkspaceInfo[];
    return infos.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Deletes one workspace with its catalog line, settings and raw files. */
  async remove(name: string): Promise<void> {
    await this.tx(STORE, 'readwrite', (s) => s.delete(name));
    await this.tx(KV, 'readwrite', (s) => s.delete(INFO_PREFIX + name));
    await this.tx(KV, 'readwrite', (s) => s.delete(settingsKey(name)));
    await this.tx(SOURCES, 'readwrite', (s) => s.delete(workspaceRange(name)));
  }

  /** Keeps a loaded file's raw bytes with the workspace. */
  async putSource(workspace: string, sourceKey: string, blob: Blob): Promise<void> {
    await this.tx(SOURCES, 'readwrite', (s) => s.put(blob, sourceKeyOf(workspace, sourceKey)));
  }

  /** A loaded file's raw bytes, or null when they were not kept. */
  async getSource(workspace: string, sourceKey: string): Promise<Blob | null> {
    return ((await this.tx(SOURCES, 'readonly', (s) => s.get(sourceKeyOf(workspace, sourceKey)))) as Blob | undefined) ?? null;
  }

  /** Forgets a loaded file's raw bytes. */
  async deleteSource(workspace: string, sourceKey: string): Promise<void> {
    await this.tx(SOURCES, 'readwrite', (s) => s.delete(sourceKeyOf(workspace, sourceKey)));
  }

  /** Forgets every raw file of one workspace. */
  async deleteWorkspaceSources(workspace: string): Promise<void> {
    await this.tx(SOURCES, 'readwrite', (s) => s.delete(workspaceRange(workspace)));
  }

  /** Copies every raw file of one workspace to another (save as). */
  async copySources(from: string, to: string): Promise<void> {
    const keys = (await this.tx(SOURCES, 'readonly', (s) => s.getAllKeys(workspaceRange(from)))) as string[];
    for (const key of keys) {
      const blob = (await this.tx(SOURCES, 'readonly', (s) => s.get(key))) as Blob;
      await this.putSource(to, key.slice(from.length + 1), blob);
    }
  }

  /** Small key-value settings (current workspace name, remembered mappings ...). */
  async getValue<T>(key: string): Promise<T | null> {
    return ((await this.tx(KV, 'readonly', (s) => s.get(key))) as T | undefined) ?? null;
  }

  /** Stores a small value. */
  async setValue(key: string, value: unknown): Promise<void> {
    await this.tx(KV, 'readwrite', (s) => s.put(value, key));
  }

  /** Forgets a small value. */
  async deleteValue(key: string): Promise<void> {
    await this.tx(KV, 'readwrite', (s) => s.delete(key));
  }

  /** Removes every workspace, raw file and value: "delete all data". */
  async clearAll(): Promise<void> {
    for (const store of [STORE, KV, SOURCES]) await this.tx(store, 'readwrite', (s) => s.clear());
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = this.idb.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        for (const store of [STORE, KV, SOURCES]) {
          if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store);
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return this.db;
  }

  private async tx(store: string, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest): Promise<unknown> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const t = db.transaction(store, mode);
      const req = op(t.objectStore(store));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
  }
}

/** The key a workspace's analytics settings are kept under (apart from its tables, so edits are cheap). */
export function settingsKey(workspace: string): string {
  return `ws-settings:${workspace}`;
}

/** How much of the browser's storage quota is used, in bytes (null where unsupported). */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const e = await navigator.storage.estimate();
  return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
}
