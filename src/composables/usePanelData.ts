import { computed, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { panelIdOf, type PanelLoader } from '../analytics/screen/panels';
import { useDatasetStore } from '../stores/dataset';
import { useScreenStore } from '../stores/screen';
import { useDrillStore } from '../stores/drill';
import { useUiStore } from '../stores/ui';
import { panelLoadsInFlight } from './panelActivity';
import { sameData } from './sameData';

export type { PanelLoader } from '../analytics/screen/panels';

/**
 * Binds a panel to its loader. Undrilled, a screen panel shows the result the workspace published
 * for it (stored with the workspace, so it draws before the engine has started, and replaced
 * panel by panel as a rebuild computes them). Drilled, it runs its loader for the filter, again
 * whenever the analytics are rebuilt, the filter changes or the language changes; a result that
 * arrives after a newer request is dropped. A result equal to the one shown (sameData.ts) is not
 * handed on, so the panel keeps what it drew and builds and draws nothing. `data` null with
 * `loaded` true means the data cannot support the panel; `updating` says a rebuild is recomputing
 * the result shown.
 */
export function usePanelData<T>(loader: PanelLoader<T>): { data: ShallowRef<T | null>; loaded: Ref<boolean>; error: Ref<string | null>; updating: Ref<boolean> } {
  const dataset = useDatasetStore();
  const screen = useScreenStore();
  const drill = useDrillStore();
  const ui = useUiStore();
  const id = panelIdOf(loader);
  const data = shallowRef<T | null>(null);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  /** The published result for the current language, when this is a screen panel and one exists. */
  const published = computed(() => {
    if (!id) return undefined;
    const results = screen.panels[ui.lang];
    return results && id in results ? (results[id] as T | null) : undefined;
  });
  const updating = computed(() => (id ? screen.updating.includes(id) || screen.revalidating : false));
  let seq = 0;
  function show(result: T | null): void {
    if (!sameData(data.value, result)) data.value = result;
  }
  // Not deep: every source is replaced, never changed in place (the drill store sets a new filter,
  // the workspace publishes new panel objects), and a deep watch walked every published result on
  // each drill.
  watch(
    () => [screen.version, drill.filter, ui.lang, published.value, dataset.engine, dataset.phase] as const,
    async () => {
      const mine = ++seq;
      if (drill.filter.length === 0 && published.value !== undefined) {
        show(published.value);
        error.value = null;
        loaded.value = true;
        return;
      }
      const qm = dataset.engine;
      const ctx = screen.ctx;
      if (!qm || !ctx || dataset.phase !== 'ready') {
        // A drill before the engine is up waits for it (the watch runs again once it is): the
        // panel shows its loading state, never the undrilled figures under a drill's breadcrumb.
        if (drill.filter.length > 0) {
          data.value = null;
          loaded.value = false;
        }
        return;
      }
      panelLoadsInFlight.value++;
      try {
        const result = await loader(qm, ctx, drill.filter, ui.lang);
        if (mine !== seq) return;
        show(result);
        error.value = null;
      } catch (e) {
        if (mine !== seq) return;
        error.value = (e as Error).message ?? String(e);
      } finally {
        panelLoadsInFlight.value--;
        if (mine === seq) loaded.value = true;
      }
    },
    { immediate: true },
  );
  return { data, loaded, error, updating };
}
