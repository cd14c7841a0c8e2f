import { defineStore } from 'pinia';
import { computed } from 'vue';
import { useDatasetStore } from './dataset';

export type { RefreshChanges } from '../workspace/state';

/** The screen's prepared analytics and panel results as Vue sees them (src/workspace/screenBuilder.ts builds them). */
export const useScreenStore = defineStore('screen', () => {
  const { state, screen } = useDatasetStore().workspace;
  return {
    ctx: computed(() => state.screen.ctx),
    version: computed(() => state.screen.version),
    drawn: computed(() => state.screen.drawn),
    kpisDrawn: computed(() => state.screen.kpisDrawn),
    preparing: computed(() => state.screen.preparing),
    pending: computed(() => state.screen.pending),
    error: computed(() => state.screen.error),
    changes: computed(() => state.screen.changes),
    newTriggerKeys: computed(() => new Set(state.screen.newTriggerKeys)),
    panels: computed(() => state.screen.panels),
    revalidating: computed(() => state.screen.revalidating),
    updating: computed(() => state.screen.updating),
    refresh: (reload?: () => Promise<unknown>) => screen.refresh(reload),
  };
});
