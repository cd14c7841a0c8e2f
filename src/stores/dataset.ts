import { defineStore } from 'pinia';
import { computed, markRaw, reactive } from 'vue';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../analytics/settings';
import { Workspace, DEFAULT_WORKSPACE } from '../workspace/workspace';
import { initialState } from '../workspace/state';
import { startBrowserHost } from '../workspace/browserHost';
import { WorkspaceStore, storageEstimate } from '../workspace/storage/indexedDb';
import { SchemaStorage } from '../workspace/storage/schemaStorage';
import { IndexedDbStorage } from '../workspace/storage/indexedDbStorage';
import { shippedDemo } from '../workspace/shippedDemo';
import { isFatalEngineError } from '../workspace/screenBuilder';
import { useUiStore } from './ui';

export { DEFAULT_WORKSPACE, isFatalEngineError };
export type { DataSource } from '../workspace/storage/types';

const SETTINGS_KEY = 'churnwatch.settings';

/** The settings last used (the demo's), kept in localStorage across reloads. */
export function savedSettings(): AnalyticsSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as Partial<AnalyticsSettings> | null;
    return { ...structuredClone(DEFAULT_SETTINGS), ...(saved ?? {}) };
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
}

/** Keeps the settings in force for the next start. */
export function keepSettings(s: AnalyticsSettings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(s));
}

/**
 * The open workspace as Vue sees it: a thin view of the Vue-free Workspace (src/workspace), which
 * does engine start-up, opening and saving workspaces, loads, rebuilds and persistence. Its
 * state object is made reactive here, so every component reading the store updates when the
 * workspace writes it. The URL decides the start: `?storage=indexeddb` forces the IndexedDB
 * fallback, `?demo-customers=N` the demo size, `?data-url=` or `?empty=1` an empty start.
 */
export const useDatasetStore = defineStore('dataset', () => {
  const params = new URLSearchParams(location.search);
  const ui = useUiStore();
  const state = reactive(initialState(savedSettings(), DEFAULT_WORKSPACE));
  const idb = new WorkspaceStore();
  const requested = Number(params.get('demo-customers'));
  // markRaw: the workspace's engine handles and queues must never become Vue proxies; its `state`
  // is the reactive part, and the computed views below read it.
  const workspace = markRaw(new Workspace({
    state,
    startEngine: () => startBrowserHost({
      memoryOnly: params.get('storage') === 'indexeddb',
      onWorkerError: (message) => (state.engineFailure ??= message),
      onWaiting: () => (state.waitingForOtherTab = true),
    }),
    makeStorage: (host) => (host.location === 'opfs' ? new SchemaStorage(host.reader, host.writer, 'opfs') : new IndexedDbStorage(host.reader, host.writer, idb)),
    kv: idb,
    sources: idb,
    demoCustomers: Number.isInteger(requested) && requested >= 100 ? requested : undefined,
    startEmpty: params.has('data-url') || params.get('empty') === '1',
    prebuiltDemo: shippedDemo(),
    langs: () => [ui.lang],
  }));

  return {
    workspace,
    phase: computed(() => state.phase),
    error: computed(() => state.error),
    bundle: computed(() => state.bundle),
    storage: computed(() => state.storage),
    waitingForOtherTab: computed(() => state.waitingForOtherTab),
    source: computed(() => state.source),
    files: computed(() => state.files),
    dataUrl: computed(() => state.dataUrl),
    /** The facts bundle the open workspace shows (source 'bundle'), else null. */
    factsBundle: computed(() => state.factsBundle),
    version: computed(() => state.dataVersion),
    savedVersion: computed(() => state.savedVersion),
    epoch: computed(() => state.epoch),
    workspaceName: computed(() => state.name),
    demoReport: computed(() => state.demoReport),
    engineFailure: computed({ get: () => state.engineFailure, set: (v) => (state.engineFailure = v) }),
    /** The reader connection: panels, drills, lists and exports query through it. */
    engine: computed(() => (state.phase === 'ready' || state.phase === 'loading' ? workspace.reader : null)),
    start: () => workspace.start(),
    ready: () => workspace.ready(),
    list: () => workspace.list(),
    saveAs: (name: string) => workspace.saveAs(name),
    newWorkspace: (name: string) => workspace.newWorkspace(name, structuredClone(DEFAULT_SETTINGS)),
    openWorkspace: (name: string) => workspace.openWorkspace(name),
    deleteWorkspace: (name: string) => workspace.deleteWorkspace(name),
    clearAll: () => workspace.clearAll(structuredClone(DEFAULT_SETTINGS)),
    storageEstimate,
  };
});
