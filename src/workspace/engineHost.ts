import type { QueryManager } from '../engine/queryManager';

/** Where a host's database lives: an Origin Private File System file (durable) or memory. */
export type DatabaseLocation = 'opfs' | 'memory';

/**
 * A started engine as the workspace uses it: two connections to one database. Loads and rebuilds
 * write through `writer`, each change inside one transaction; panels, drills and exports read
 * through `reader`, which sees only committed data, so a half-done load or rebuild is never on
 * screen and a failing panel query can never abort a load.
 */
export interface EngineHost {
  reader: QueryManager;
  writer: QueryManager;
  location: DatabaseLocation;
  /** Which engine build runs (eh, mvp, node). */
  bundle: string;
  /** Stops the engine at once, nothing flushed, as a crash would (the kill-during-save test). */
  kill(): void;
}
