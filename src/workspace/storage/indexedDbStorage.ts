import type { QueryManager } from '../../engine/queryManager';
import { STORED_TABLES } from '../../ingest/storedTables';
import { exportTables, importTables } from './tableSnapshot';
import type { WorkspaceStore } from './indexedDb';
import { INTERNAL_PREFIX, SchemaStorage } from './schemaStorage';
import type { WorkspaceInfo, WorkspaceMeta, WorkspaceStorage } from './types';

/**
 * The fallback where OPFS is missing: the engine runs in memory (workspaces as schemas, as on
 * OPFS) and each committed change exports the workspace's canonical tables as Arrow IPC into
 * IndexedDB (a facts bundle's workspace: its bundle tables too); opening a workspace imports them
 * again. Derived tables are not kept, so a reopen rebuilds them (the stored screen is shown meanwhile). The demo company is not saved here: it
 * is regenerated or reloaded from the app's files instead.
 */
export class IndexedDbStorage implements WorkspaceStorage {
  readonly kind = 'indexeddb' as const;
  readonly keepsDerivedTables = false;
  private readonly schemas: SchemaStorage;

  constructor(reader: QueryManager, private readonly writer: QueryManager, private readonly idb: WorkspaceStore) {
    this.schemas = new SchemaStorage(reader, writer, 'memory');
  }

  list(): Promise<WorkspaceInfo[]> {
    return this.idb.list();
  }

  async open(name: string): Promise<WorkspaceMeta | null> {
    const inMemory = await this.schemas.open(name);
    if (inMemory) return inMemory;
    const saved = name.startsWith(INTERNAL_PREFIX) ? null : await this.idb.load<WorkspaceMeta>(name).catch(() => null);
    if (!saved) return null;
    await importTables(this.writer, saved.tables);
    await this.schemas.stageMeta(name, saved.meta);
    return saved.meta;
  }

  stageMeta(name: string, meta: WorkspaceMeta): Promise<void> {
    return this.schemas.stageMeta(name, meta);
  }

  async persist(name: string, meta: WorkspaceMeta): Promise<void> {
    if (name.startsWith(INTERNAL_PREFIX)) return;
    await this.idb.save<WorkspaceMeta>({
      name,
      savedAt: new Date().toISOString(),
      meta: JSON.parse(JSON.stringify(meta)) as WorkspaceMeta,
      // A facts bundle's tables are its rows (there are no raw rows to rebuild them from).
      tables: await exportTables(this.writer, [...STORED_TABLES, ...(meta.source === 'bundle' ? meta.factsBundle?.tables ?? [] : [])]),
    }, meta.files.length);
  }

  async copyCurrentTo(name: string, meta: WorkspaceMeta): Promise<void> {
    await this.schemas.copyCurrentTo(name, meta);
    await this.persist(name, meta);
  }

  async remove(name: string): Promise<void> {
    await this.idb.remove(name);
    await this.schemas.remove(name);
  }

  async clearAll(keep: string): Promise<void> {
    await this.schemas.clearAll(keep);
  }
}
