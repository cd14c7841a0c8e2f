import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { useDatasetStore } from './dataset';
import { useSettingsStore } from './settings';
import { prepareScreen, type ScreenContext } from '../analytics/screen/prepareScreen';
import { redCustomerIdsSql } from '../analytics/screen/changes';
import { readTriggers } from '../analytics/triggers/computeTriggers';
import { flagNewTriggers, triggerKey } from '../analytics/triggers/diff';
import { toRows } from '../engine/rows';

/** What a refresh changed: customers newly red and triggers new since the previous run. */
export interface RefreshChanges {
  at: string;
  newlyRed: string[];
  newTriggers: string[];
}

/**
 * The prepared analytics behind every panel: rebuilt when the data or the settings change,
 * and on each wall refresh (which also records what changed). `version` bumps after each
 * rebuild so panels re-query.
 */
export const useScreenStore = defineStore('screen', () => {
  const dataset = useDatasetStore();
  const settings = useSettingsStore();
  const ctx = shallowRef<ScreenContext | null>(null);
  const version = ref(0);
  const preparing = ref(false);
  const error = ref<string | null>(null);
  const changes = ref<RefreshChanges | null>(null);
  /** Trigger keys (triggerKey) flagged new by the last refresh. */
  const newTriggerKeys = ref<Set<string>>(new Set());
  let running: Promise<void> | null = null;
  let again = false;

  async function rebuild(track: boolean): Promise<void> {
    const qm = dataset.engine;
    if (!qm || dataset.phase !== 'ready') return;
    if (running) {
      again = true;
      return running;
    }
    preparing.value = true;
    running = (async () => {
      try {
        const beforeRed = track && ctx.value ? new Set(toRows<{ customer_id: string }>(await qm.query(redCustomerIdsSql(), { cache: false })).map((r) => r.customer_id)) : null;
        const beforeTriggers = track && ctx.value ? await readTriggers(qm) : null;
        ctx.value = await prepareScreen(qm, settings.analytics);
        qm.invalidate();
        if (beforeRed && beforeTriggers) {
          const red = toRows<{ customer_id: string }>(await qm.query(redCustomerIdsSql(), { cache: false })).map((r) => r.customer_id);
          const flagged = flagNewTriggers(beforeTriggers, await readTriggers(qm));
          const fresh = flagged.filter((t) => t.isNew).map(triggerKey);
          newTriggerKeys.value = new Set(fresh);
          changes.value = { at: new Date().toISOString(), newlyRed: red.filter((id) => !beforeRed.has(id)), newTriggers: fresh };
        }
        error.value = null;
        version.value++;
      } catch (e) {
        error.value = (e as Error).message ?? String(e);
      } finally {
        preparing.value = false;
        running = null;
      }
    })();
    await running;
    if (again) {
      again = false;
      await rebuild(false);
    }
  }

  watch(() => [dataset.version, dataset.phase], () => void rebuild(false), { immediate: true });
  watch(() => settings.analytics, () => void rebuild(false), { deep: true });

  /** Wall refresh: re-runs the SQL on the stored data and records what changed. */
  function refresh(): Promise<void> {
    return rebuild(true);
  }

  return { ctx, version, preparing, error, changes, newTriggerKeys, refresh };
});
