import type { TableSnapshot } from './snapshot';

/** What a saved workspace holds: metadata (files, mappings, settings) and its tables. */
export interface SavedWorkspace<Meta = unknown> {
  name: string;
  savedAt: string;
  meta: Meta;
  tables: TableSnapshot;
}

const DB_NAME = 'churnwatch';
const STORE = 'workspaces';
const KV = 'kv';

/**
 * Named workspaces in IndexedDB (the browser's own storage: nothing leaves the machine).
 * Tables are stored as Arrow IPC bytes, so a reload restores exactly what was loaded.
 */
export class WorkspaceStore {
  private db: Promise<IDBDatabase> | null = null;

  constructor(private readonly idb: IDBFactory = globalThis.indexedDB) {}

  /** Saves (or replaces) a workspace. */
  async save<M>(ws: SavedWorkspace<M>): Promise<void> {
    await this.tx(STORE, 'readwrite', (s) => s.put(ws, ws.name));
  }

  /** Loads a workspace by name, or null. */
  async load<M>(name: string): Promise<SavedWorkspace<M> | null> {
    return ((await this.tx(STORE, 'readonly', (s) => s.get(name))) as SavedWorkspace<M> | undefined) ?? null;
  }

  /** Names of the saved workspaces. */
  async list(): Promise<string[]> {
    return ((await this.tx(STORE, 'readonly', (s) => s.getAllKeys())) as IDBValidKey[]).map(String);
  }

  /** Deletes one workspace. */
  async remove(name: string): Promise<void> {
    await this.tx(STORE, 'readwrite', (s) => s.delete(name));
  }

  /** Small key-value settings (current workspace name, remembered mappings ...). */
  async getValue<T>(key: string): Promise<T | null> {
    return ((await this.tx(KV, 'readonly', (s) => s.get(key))) as T | undefined) ?? null;
  }

  /** Stores a small value. */
  async setValue(key: string, value: unknown): Promise<void> {
    await this.tx(KV, 'readwrite', (s) => s.put(value, key));
  }

  /** Removes every workspace and value: "delete all data". */
  async clearAll(): Promise<void> {
    await this.tx(STORE, 'readwrite', (s) => s.clear());
    await this.tx(KV, 'readwrite', (s) => s.clear());
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = this.idb.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(STORE);
        req.result.createObjectStore(KV);
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

/** How much of the browser's storage quota is used, in bytes (null where unsupported). */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const e = await navigator.storage.estimate();
  return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
}
