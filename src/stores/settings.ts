import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../analytics/settings';

const KEY = 'churnwatch.settings';

/** The analytics settings in force (metrics.md's user-changeable choices), kept across reloads. */
export const useSettingsStore = defineStore('settings', () => {
  const analytics = ref<AnalyticsSettings>(load());

  watch(analytics, (v) => localStorage.setItem(KEY, JSON.stringify(v)), { deep: true });

  /** Changes some settings; the screen re-prepares its analytics. */
  function update(patch: Partial<AnalyticsSettings>): void {
    analytics.value = { ...analytics.value, ...patch };
  }

  /** Back to metrics.md defaults. */
  function reset(): void {
    analytics.value = structuredClone(DEFAULT_SETTINGS);
  }

  /** Takes a whole saved set (a workspace's settings); keys it lacks keep their defaults. */
  function replace(saved: Partial<AnalyticsSettings>): void {
    analytics.value = { ...structuredClone(DEFAULT_SETTINGS), ...saved };
  }

  return { analytics, update, reset, replace };
});

function load(): AnalyticsSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<AnalyticsSettings> | null;
    return { ...structuredClone(DEFAULT_SETTINGS), ...(saved ?? {}) };
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
}
