import { headerSignature } from '../ingest/detect/headers';
import type { MappingOverride } from '../ingest/types';
import type { KeyValueStore } from './storage/keyValue';

const KEY = 'mapping-memory';

/**
 * Mapping fixes the analyst made, remembered by header signature across workspaces and reloads:
 * tomorrow's export of the same CRM report loads with today's fix. Read once at start-up so the
 * ingest hook can look fixes up synchronously.
 */
export class MappingMemory {
  private fixes = new Map<string, MappingOverride>();
  /** Resolves once the remembered fixes are read. */
  readonly ready: Promise<void>;

  constructor(private readonly kv: KeyValueStore) {
    this.ready = kv.getValue<Record<string, MappingOverride>>(KEY)
      .then((saved) => {
        this.fixes = new Map(Object.entries(saved ?? {}));
      })
      .catch(() => undefined);
  }

  /** The fix remembered for these headers, if any (an arrow function: ingest calls it detached). */
  lookup = (headers: string[]): MappingOverride | undefined => this.fixes.get(headerSignature(headers));

  /** Remembers a fix for files with these headers. */
  async remember(headers: string[], override: MappingOverride): Promise<void> {
    await this.ready;
    this.fixes.set(headerSignature(headers), JSON.parse(JSON.stringify(override)) as MappingOverride);
    await this.kv.setValue(KEY, Object.fromEntries(this.fixes));
  }

  /** Forgets every remembered fix (after "delete all data" cleared the stored copy). */
  forgetAll(): void {
    this.fixes = new Map();
  }
}
