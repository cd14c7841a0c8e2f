import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { MappingOverride } from '../ingest/types';
import { useDatasetStore } from './dataset';

export type { LoadJob, AppendSummary } from '../workspace/state';

/** The load queue as Vue sees it (src/workspace/loadQueue.ts does the work). */
export const useLoadsStore = defineStore('loads', () => {
  const dataset = useDatasetStore();
  const { state, loads } = dataset.workspace;
  return {
    jobs: computed(() => state.jobs),
    lastAppend: computed(() => state.lastAppend),
    busy: computed(() => state.busy),
    addFiles: (list: File[], folder?: string | null) => loads.addFiles(list, { folder }),
    cancel: (jobId: number) => loads.cancel(jobId),
    clearFinished: () => loads.clearFinished(),
    undoLastAppend: () => loads.undoLastAppend(),
    reloadFile: (sourceKey: string, sheet: string | null, override: MappingOverride) => loads.reloadFile(sourceKey, sheet, override),
    removeFile: (sourceKey: string) => loads.removeFile(sourceKey),
  };
});
