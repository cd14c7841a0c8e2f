import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useDatasetStore } from './dataset';
import { useLoadsStore } from './loads';

/** The source key rows read from a data URL carry, so each re-read replaces the previous copy. */
export function dataUrlSourceKey(url: string): string {
  return `url:${url}`;
}

/** The file name a data URL's rows are reported under (its last path segment). */
export function dataUrlFileName(url: string): string {
  const path = url.split(/[?#]/)[0];
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
}

/**
 * A same-network data URL (a CSV or Parquet the CRM drops nightly) that the wall re-reads on its
 * refresh interval. `?data-url=` in the page URL wins over the one saved with the workspace. A
 * failed read keeps the last good data and shows the error; an unchanged file (same ETag or
 * Last-Modified) is not reloaded.
 */
export const useDataUrlStore = defineStore('dataUrl', () => {
  const dataset = useDatasetStore();
  const loads = useLoadsStore();
  const fromPage = new URLSearchParams(location.search).get('data-url');
  const url = computed(() => fromPage ?? dataset.dataUrl);
  const lastRead = ref<string | null>(null);
  const lastChanged = ref<string | null>(null);
  const error = ref<string | null>(null);
  let validator: string | null = null;

  /** Saves a data URL with the workspace (null stops it) and reads it at once. */
  async function configure(next: string | null): Promise<void> {
    dataset.dataUrl = next && next.trim() ? next.trim() : null;
    validator = null;
    error.value = null;
    if (dataset.dataUrl) await readNow();
    else await dataset.save();
  }

  /** Fetches the URL and, when it changed, replaces its rows. Resolves true when data changed. */
  async function readNow(): Promise<boolean> {
    const target = url.value;
    if (!target) return false;
    try {
      const headers: Record<string, string> = {};
      if (validator?.startsWith('"') || validator?.startsWith('W/')) headers['If-None-Match'] = validator;
      else if (validator) headers['If-Modified-Since'] = validator;
      const res = await fetch(target, { cache: 'no-store', headers });
      lastRead.value = new Date().toISOString();
      if (res.status === 304) {
        error.value = null;
        return false;
      }
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      const blob = await res.blob();
      await loads.replaceSource(dataUrlFileName(target), dataUrlSourceKey(target), blob);
      validator = res.headers.get('ETag') ?? res.headers.get('Last-Modified');
      lastChanged.value = lastRead.value;
      error.value = null;
      return true;
    } catch (e) {
      error.value = (e as Error).message || String(e);
      return false;
    }
  }

  return { url, lastRead, lastChanged, error, configure, readNow };
});
