import type { LoadQueue } from './loadQueue';
import { FACTS_CONTRACT, FACTS_MANIFEST } from './factsBundle/contract';
import { FactsBundleError } from './factsBundle/manifest';
import type { BundleInput } from './factsBundle/stageBundle';

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
  /** The last failure in both screen languages, when it has them (a facts bundle refused). */
  errorText?: { zh: string; en: string } | null;
}

/** Manifests larger than this are not read as one (a JSON data file is not parsed twice). */
const MAX_MANIFEST_BYTES = 4 << 20;

/** A data URL naming a folder means the facts bundle's manifest in it. */
export function manifestUrl(url: string): string {
  const [path, rest] = [url.split(/[?#]/)[0], url.slice(url.split(/[?#]/)[0].length)];
  return path.endsWith('/') ? `${path}${FACTS_MANIFEST}${rest}` : url;
}

/** What a bundle read from a URL is called: the folder its manifest is in (./nightly/manifest.json: nightly). */
export function bundleLabelOf(url: string): string {
  const parts = url.split(/[?#]/)[0].split('/').filter((p) => p && p !== '.' && p !== '..');
  parts.pop();
  return decodeURIComponent(parts.pop() ?? '') || 'facts bundle';
}

/**
 * The facts bundle a data URL's body is, or null when it is data (a CSV, Parquet, JSON rows ...):
 * a JSON manifest of the facts contract, whose files are fetched next to it (same folder, so on the
 * same origin as the manifest). A file the server does not have (404) is missing from the bundle.
 */
async function bundleAt(url: string, blob: Blob): Promise<BundleInput | null> {
  if (blob.size > MAX_MANIFEST_BYTES) return null;
  const head = new Uint8Array(await blob.slice(0, 64).arrayBuffer());
  if (String.fromCharCode(...head).trimStart()[0] !== '{') return null;
  const text = await blob.text();
  if (!text.includes(FACTS_CONTRACT)) return null;
  try {
    if ((JSON.parse(text) as { contract?: unknown }).contract !== FACTS_CONTRACT) return null;
  } catch {
    return null;
  }
  const base = new URL(url, globalThis.location?.href);
  return {
    label: bundleLabelOf(url),
    manifest: text,
    file: async (name) => {
      const res = await fetch(new URL(encodeURIComponent(name), base), { cache: 'no-store' });
      if (res.status === 404) return null;
      if (!res.ok) throw new FactsBundleError(name, `读取失败：HTTP ${res.status} ${res.statusText}`.trim(), `could not be read: HTTP ${res.status} ${res.statusText}`.trim());
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}

/**
 * Reads a same-network data URL (a CSV or Parquet the CRM drops nightly, or a facts bundle's
 * manifest.json that a data team's nightly job writes) into the workspace. A failed read keeps the
 * last good data and records the error; an unchanged file (same ETag or Last-Modified) is not
 * reloaded (for a bundle: its manifest, which its writer writes last).
 */
export class DataUrlReader {
  private validator: string | null = null;

  constructor(private readonly loads: LoadQueue, readonly status: DataUrlStatus) {}

  /** A new URL: the next read fetches it whole. */
  reset(): void {
    this.validator = null;
    this.status.error = null;
    this.status.errorText = null;
  }

  /** Fetches `url` and, when it changed, replaces its rows. Resolves true when data changed. */
  async read(url: string): Promise<boolean> {
    url = manifestUrl(url);
    try {
      const headers: Record<string, string> = {};
      if (this.validator?.startsWith('"') || this.validator?.startsWith('W/')) headers['If-None-Match'] = this.validator;
      else if (this.validator) headers['If-Modified-Since'] = this.validator;
      const res = await fetch(url, { cache: 'no-store', headers });
      this.status.lastRead = new Date().toISOString();
      if (res.status === 304) {
        this.status.error = null;
        this.status.errorText = null;
        return false;
      }
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      const blob = await res.blob();
      const bundle = await bundleAt(url, blob);
      if (bundle) await this.loads.openFactsBundle(bundle, { url });
      else await this.loads.replaceSource(dataUrlFileName(url), dataUrlSourceKey(url), blob);
      this.validator = res.headers.get('ETag') ?? res.headers.get('Last-Modified');
      this.status.lastChanged = this.status.lastRead;
      this.status.error = null;
      this.status.errorText = null;
      return true;
    } catch (e) {
      this.status.error = (e as Error).message || String(e);
      this.status.errorText = e instanceof FactsBundleError ? { zh: e.text('zh'), en: e.text('en') } : null;
      return false;
    }
  }
}
