import { computed, type ComputedRef, type Ref } from 'vue';
import type { TriggerRow } from '../analytics/screen/types';
import { triggerKey } from '../analytics/triggers/diff';
import { usePanelData, type PanelLoader } from './usePanelData';
import { useScreenStore } from '../stores/screen';

/** The alert ticker's rows with `isNew` set from the last refresh's diff. */
export function useTriggerRows(loader: PanelLoader<TriggerRow[]>): { rows: ComputedRef<TriggerRow[]>; loaded: Ref<boolean>; error: Ref<string | null> } {
  const screen = useScreenStore();
  const { data, loaded, error } = usePanelData(loader);
  const rows = computed(() => (data.value ?? []).map((r) => ({ ...r, isNew: screen.newTriggerKeys.has(triggerKey(r as Parameters<typeof triggerKey>[0])) })));
  return { rows, loaded, error };
}
