import { defineStore } from 'pinia';
import { WorkspaceStore } from '../engine/workspaceStore';
import { headerSignature } from '../ingest/detect/headers';
import type { MappingOverride } from '../ingest/types';

const KEY = 'mapping-memory';

/**
 * Mapping fixes the analyst made, remembered by header signature across workspaces and reloads:
 * tomorrow's export of the same CRM report loads with today's fix. Read once at start-up so the
 * ingest hook can look fixes up synchronously.
 */
export const useMappingMemory = defineStore('mappingMemory', () => {
  const store = new WorkspaceStore();
  let fixes = new Map<string, MappingOverride>();
  const ready = store.getValue<Record<string, MappingOverride>>(KEY)
    .then((saved) => {
      fixes = new Map(Object.entries(saved ?? {}));
    })
    .catch(() => undefined);

  /** The fix remembered for these headers, if any. */
  function lookup(headers: string[]): MappingOverride | undefined {
    return fixes.get(headerSignature(headers));
  }

  /** Remembers a fix for files with these headers. */
  async function remember(headers: string[], override: MappingOverride): Promise<void> {
    await ready;
    fixes.set(headerSignature(headers), JSON.parse(JSON.stringify(override)) as MappingOverride);
    await store.setValue(KEY, Object.fromEntries(fixes));
  }

  /** Forgets every remembered fix (after "delete all data" cleared the stored copy). */
  function forgetAll(): void {
    fixes = new Map();
  }

  return { ready, lookup, remember, forgetAll };
});
