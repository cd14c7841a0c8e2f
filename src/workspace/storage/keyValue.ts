/** Small values kept across reloads (current workspace name, settings, remembered mappings, stored screens). */
export interface KeyValueStore {
  getValue<T>(key: string): Promise<T | null>;
  setValue(key: string, value: unknown): Promise<void>;
  deleteValue(key: string): Promise<void>;
}

/** The raw files of each workspace's loads, so a mapping change can reload one file after a reload. */
export interface SourceStore {
  putSource(workspace: string, sourceKey: string, blob: Blob): Promise<void>;
  getSource(workspace: string, sourceKey: string): Promise<Blob | null>;
  deleteSource(workspace: string, sourceKey: string): Promise<void>;
  copySources(from: string, to: string): Promise<void>;
  /** Forgets every raw file of one workspace. */
  deleteWorkspaceSources(workspace: string): Promise<void>;
  /** Forgets every raw file and value. */
  clearAll(): Promise<void>;
}

/** Both, in memory: the Node host's (tests, CLI), where nothing outlives the process. */
export class MemoryStore implements KeyValueStore, SourceStore {
  private readonly values = new Map<string, unknown>();
  private readonly sources = new Map<string, Blob>();

  async getValue<T>(key: string): Promise<T | null> {
    return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : null;
  }

  async setValue(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
  }

  async deleteValue(key: string): Promise<void> {
    this.values.delete(key);
  }

  async putSource(workspace: string, sourceKey: string, blob: Blob): Promise<void> {
    this.sources.set(`${workspace}\u0000${sourceKey}`, blob);
  }

  async getSource(workspace: string, sourceKey: string): Promise<Blob | null> {
    return this.sources.get(`${workspace}\u0000${sourceKey}`) ?? null;
  }

  async deleteSource(workspace: string, sourceKey: string): Promise<void> {
    this.sources.delete(`${workspace}\u0000${sourceKey}`);
  }

  async copySources(from: string, to: string): Promise<void> {
    for (const [key, blob] of [...this.sources]) {
      if (key.startsWith(`${from}\u0000`)) this.sources.set(`${to}\u0000${key.slice(from.length + 1)}`, blob);
    }
  }

  async deleteWorkspaceSources(workspace: string): Promise<void> {
    for (const key of [...this.sources.keys()]) if (key.startsWith(`${workspace}\u0000`)) this.sources.delete(key);
  }

  async clearAll(): Promise<void> {
    this.values.clear();
    this.sources.clear();
  }
}
