import { defineStore } from 'pinia';
import { computed, watch } from 'vue';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../analytics/settings';
import { keepSettings, useDatasetStore } from './dataset';

/** The analytics settings in force (metrics.md's user-changeable choices), kept with the workspace. */
export const useSettingsStore = defineStore('settings', () => {
  const { workspace } = useDatasetStore();
  const analytics = computed(() => workspace.state.settings);

  watch(analytics, (v) => keepSettings(v), { deep: true });

  /** Changes some settings; the screen rebuilds what depends on them. */
  function update(patch: Partial<AnalyticsSettings>): void {
    workspace.updateSettings({ ...workspace.state.settings, ...patch });
  }

  /** Back to metrics.md defaults. */
  function reset(): void {
    workspace.updateSettings(structuredClone(DEFAULT_SETTINGS));
  }

  /** Takes a whole saved set; keys it lacks keep their defaults. */
  function replace(saved: Partial<AnalyticsSettings>): void {
    workspace.updateSettings({ ...structuredClone(DEFAULT_SETTINGS), ...saved });
  }

  return { analytics, update, reset, replace };
});
