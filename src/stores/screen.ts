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
  /** Builds run one after another; a plain rebuild asked for while one waits is not queued twice. */
  let queue: Promise<void> = Promise.resolve();
  let plainQueued = false;
  /** True while a refresh re-reads data itself, so the data-change watcher does not build twice. */
  let holding = false;

  interface Before {
    red: Set<string>;
    triggers: Awaited<ReturnType<typeof readTriggers>>;
  }

  async function captureBefore(): Promise<Before | null> {
    const qm = dataset.engine;
    if (!qm || !ctx.value) return null;
    const red = new Set(toRows<{ customer_id: string }>(await qm.query(redCustomerIdsSql(), { cache: false })).map((r) => r.customer_id));
    return { red, triggers: await readTriggers(qm) };
  }

  async function build(before: Before | null): Promise<void> {
    const qm = dataset.engine;
    if (!qm || dataset.phase !== 'ready') return;
    preparing.value = true;
    try {
      ctx.value = await prepareScreen(qm, settings.analytics);
      qm.invalidate();
      if (before) {
        const red = toRows<{ customer_id: string }>(await qm.query(redCustomerIdsSql(), { cache: false })).map((r) => r.customer_id);
        const flagged = flagNewTriggers(before.triggers, await readTriggers(qm));
        const fresh = flagged.filter((t) => t.isNew).map(triggerKey);
        newTriggerKeys.value = new Set(fresh);
        changes.value = { at: new Date().toISOString(), newlyRed: red.filter((id) => !before.red.has(id)), newTriggers: fresh };
      }
      error.value = null;
      version.value++;
    } catch (e) {
      error.value = (e as Error).message ?? String(e);
      dataset.noteEngineError(e);
    } finally {
      preparing.value = false;
    }
  }

  /** Builds queued or running: a queued rebuild counts, so "idle" never reads true in between. */
  const pending = ref(0);

  function enqueue(work: () => Promise<void>): Promise<void> {
    pending.value++;
    const run = () => work().finally(() => pending.value--);
    queue = queue.then(run, run);
    return queue;
  }

  /** Rebuilds after a data or settings change (several changes in a row build once). */
  function rebuild(): Promise<void> {
    if (holding) return queue;
    if (plainQueued) return queue;
    plainQueued = true;
    return enqueue(async () => {
      plainQueued = false;
      await build(null);
    });
  }

  watch(() => [dataset.version, dataset.phase], () => void rebuild(), { immediate: true });
  watch(() => settings.analytics, () => void rebuild(), { deep: true });

  /**
   * Wall refresh: optionally re-reads the data first (a data URL), then re-runs the SQL and
   * records what changed since before the re-read (newly red customers, new triggers).
   */
  function refresh(reload?: () => Promise<unknown>): Promise<void> {
    return enqueue(async () => {
      const before = await captureBefore();
      holding = true;
      try {
        await reload?.();
      } finally {
        holding = false;
      }
      await build(before);
    });
  }

  return { pending, ctx, version, preparing, error, changes, newTriggerKeys, refresh };
});
