import { defineStore } from 'pinia';
import { computed, reactive } from 'vue';
import { DataUrlReader, type DataUrlStatus } from '../workspace/dataUrl';
import { useDatasetStore } from './dataset';
import { useUiStore } from './ui';

/**
 * The wall's data URL (a CSV or Parquet the CRM drops nightly, or a facts bundle's manifest.json). `?data-url=` in the page URL wins
 * over the one saved with the workspace. Reading is src/workspace/dataUrl.ts's job.
 */
export const useDataUrlStore = defineStore('dataUrl', () => {
  const { workspace } = useDatasetStore();
  const ui = useUiStore();
  const fromPage = new URLSearchParams(location.search).get('data-url');
  const url = computed(() => fromPage ?? workspace.state.dataUrl);
  const status = reactive<DataUrlStatus>({ lastRead: null, lastChanged: null, error: null, errorText: null });
  const reader = new DataUrlReader(workspace.loads, status);

  /** Saves a data URL with the workspace (null stops it) and reads it at once. */
  async function configure(next: string | null): Promise<void> {
    reader.reset();
    await workspace.setDataUrl(next && next.trim() ? next.trim() : null);
    if (url.value) await readNow();
  }

  /** Fetches the URL and, when it changed, replaces its rows. Resolves true when data changed. */
  function readNow(): Promise<boolean> {
    return url.value ? reader.read(url.value) : Promise.resolve(false);
  }

  return {
    url,
    lastRead: computed(() => status.lastRead),
    lastChanged: computed(() => status.lastChanged),
    /** The last failure, in the screen's language when it has both (a facts bundle refused). */
    error: computed(() => (status.errorText ? (ui.lang === 'en' ? status.errorText.en : status.errorText.zh) : status.error)),
    configure,
    readNow,
  };
});
