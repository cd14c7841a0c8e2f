import { ref, watch, type Ref } from 'vue';
import { useDatasetStore } from '../stores/dataset';
import { computeOverview, type Overview } from '../analytics/overview';
import { DEFAULT_SETTINGS } from '../analytics/settings';

/** The headline numbers of the loaded data, recomputed whenever the dataset changes. */
export function useOverview(): { overview: Ref<Overview | null>; error: Ref<string | null> } {
  const dataset = useDatasetStore();
  const overview = ref<Overview | null>(null);
  const error = ref<string | null>(null);
  watch(
    () => dataset.version,
    async () => {
      const qm = dataset.engine;
      if (!qm || dataset.phase !== 'ready') return;
      try {
        overview.value = await computeOverview(qm, DEFAULT_SETTINGS);
        error.value = null;
      } catch (e) {
        error.value = (e as Error).message;
      }
    },
    { immediate: true },
  );
  return { overview, error };
}
