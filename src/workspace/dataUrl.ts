import type { LoadQueue } from './loadQueue';

/** The source key rows read from a data URL carry, so each re-read replaces the previous copy. */
export function dataUrlSourceKey(url: string): string {
  return `url:${url}`;
}

/** The file name a data URL's rows are reported under (its last path segment). */
export function dataUrlFileName(url: string): string {
  const path = url.split(/[?#]/)[0];
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
}

/** When the data URL was last read, last changed the data, and the last failure. */
export interface DataUrlStatus {
  lastRead: string | null;
  lastChanged: string | null;
  error: string | null;
}

/**
 * Reads a same-network data URL (a CSV or Parquet the CRM drops nightly) into the workspace. A
 * failed read keeps the last good data and records the error; an unchanged file (same ETag or
 * Last-Modified) is not reloaded.
 */
export class DataUrlReader {
  private validator: string | null = null;

  constructor(private readonly loads: LoadQueue, readonly status: DataUrlStatus) {}

  /** A new URL: the next read fetches it whole. */
  reset(): void {
    this.validator = null;
    this.status.error = null;
  }

  /** Fetches `url` and, when it changed, replaces its rows. Resolves true when data changed. */
  async read(url: string): Promise<boolean> {
    try {
      const headers: Record<string, string> = {};
      if (this.validator?.startsWith('"') || this.validator?.startsWith('W/')) headers['If-None-Match'] = this.validator;
      else if (this.validator) headers['If-Modified-Since'] = this.validator;
      const res = await fetch(url, { cache: 'no-store', headers });
      this.status.lastRead = new Date().toISOString();
      if (res.status === 304) {
        this.status.error = null;
        return false;
      }
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      const blob = await res.blob();
      await this.loads.replaceSource(dataUrlFileName(url), dataUrlSourceKey(url), blob);
      this.validator = res.headers.get('ETag') ?? res.headers.get('Last-Modified');
      this.status.lastChanged = this.status.lastRead;
      this.status.error = null;
      return true;
    } catch (e) {
      this.status.error = (e as Error).message || String(e);
      return false;
    }
  }
}
