import { ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { QueryManager } from '../engine/queryManager';
import type { CustomerFilter } from '../analytics/screen/types';
import type { ScreenContext } from '../analytics/screen/prepareScreen';
import { useDatasetStore } from '../stores/dataset';
import { useScreenStore } from '../stores/screen';
import { useDrillStore } from '../stores/drill';
import { useUiStore, type Lang } from '../stores/ui';
import { panelLoadsInFlight } from './panelActivity';

/** A panel's data loader: the prepared context, the drill filter, the language. */
export type PanelLoader<T> = (qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, lang: Lang) => Promise<T | null>;

/**
 * Binds a panel to its loader: re-runs when the analytics are rebuilt, the drill filter
 * changes or the language changes; a result that arrives after a newer request is dropped.
 * `data` null with `loaded` true means the data cannot support the panel.
 */
export function usePanelData<T>(loader: PanelLoader<T>): { data: ShallowRef<T | null>; loaded: Ref<boolean>; error: Ref<string | null> } {
  const dataset = useDatasetStore();
  const screen = useScreenStore();
  const drill = useDrillStore();
  const ui = useUiStore();
  const data = shallowRef<T | null>(null);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  let seq = 0;
  watch(
    () => [screen.version, drill.filter, ui.lang] as const,
    async () => {
      const qm = dataset.engine;
      const ctx = screen.ctx;
      if (!qm || !ctx) return;
      const mine = ++seq;
      panelLoadsInFlight.value++;
      try {
        const result = await loader(qm, ctx, drill.filter, ui.lang);
        if (mine !== seq) return;
        data.value = result;
        error.value = null;
      } catch (e) {
        if (mine !== seq) return;
        error.value = (e as Error).message ?? String(e);
      } finally {
        panelLoadsInFlight.value--;
        if (mine === seq) loaded.value = true;
      }
    },
    { immediate: true, deep: true },
  );
  return { data, loaded, error };
}
