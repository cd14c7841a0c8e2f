import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { getEngine, onEngineCrash } from '../engine/browserEngine';
import { exportTables, importTables } from '../engine/snapshot';
import { WorkspaceStore, settingsKey } from '../engine/workspaceStore';
import type { QueryManager } from '../engine/queryManager';
import { STORED_TABLES, clearStoredTables } from '../ingest/storedTables';
import type { FileReport } from '../ingest/types';
import type { AnalyticsSettings } from '../analytics/settings';
import { loadDemo, type DemoLoadReport } from '../demo/loadDemo';
import { useSettingsStore } from './settings';
import { useMappingMemory } from './mappingMemory';

export type DataSource = 'demo' | 'files';
type Phase = 'starting' | 'loading' | 'ready' | 'error';

/** What a saved workspace keeps besides its tables. */
export interface WorkspaceMeta {
  source: DataSource;
  files: FileReport[];
  /** A same-network URL the wall re-reads on its refresh interval (null = none). */
  dataUrl?: string | null;
}

const CURRENT_KEY = 'current-workspace';
/** The name the first upload saves under until the analyst names a workspace. */
export const DEFAULT_WORKSPACE = '默认工作区';

/**
 * The loaded dataset: engine start-up, the demo company, the files' reports, and the saved
 * workspace (IndexedDB). `version` changes whenever data changes, so every query-backed view
 * knows to re-run. Loading files is the loads store's job; it calls `dataChanged` and `save`.
 */
export const useDatasetStore = defineStore('dataset', () => {
  const settings = useSettingsStore();
  const phase = ref<Phase>('starting');
  const error = ref<string | null>(null);
  const bundle = ref('');
  const source = ref<DataSource>('demo');
  const files = ref<FileReport[]>([]);
  const dataUrl = ref<string | null>(null);
  const version = ref(0);
  const workspaceName = ref(DEFAULT_WORKSPACE);
  const engine = shallowRef<QueryManager | null>(null);
  const demoReport = ref<DemoLoadReport | null>(null);
  /** Bumps after each save, so the workspaces list re-reads sizes. */
  const savedVersion = ref(0);
  /** Bumps whenever another workspace (or the demo) replaces the open one: undo points die with it. */
  const epoch = ref(0);
  /** Set when the engine crashed or ran out of memory: the screen offers to reload the saved workspace. */
  const engineFailure = ref<string | null>(null);
  onEngineCrash((message) => (engineFailure.value = message));
  const store = new WorkspaceStore();

  let markReady: (qm: QueryManager) => void = () => undefined;
  const readyPromise = new Promise<QueryManager>((resolve) => (markReady = resolve));

  /** The engine once start-up has restored or loaded the first data (files dropped earlier wait for it). */
  function ready(): Promise<QueryManager> {
    return readyPromise;
  }

  /** Starts the engine, then restores the saved workspace or, when none exists, loads the demo. */
  async function start(): Promise<void> {
    try {
      const qm = await getEngine();
      engine.value = qm;
      bundle.value = qm.connector.bundle;
      phase.value = 'loading';
      const name = (await store.getValue<string>(CURRENT_KEY)) ?? DEFAULT_WORKSPACE;
      const restored = await restore(qm, name);
      // A wall pointed at a data URL starts empty rather than showing the demo company as if it
      // were real; `?empty=1` starts empty too (an analyst who wants no demo, the benchmarks).
      const params = new URLSearchParams(location.search);
      if (!restored && (params.has('data-url') || params.get('empty') === '1')) source.value = 'files';
      else if (!restored) await loadDemoCompany(qm);
      version.value++;
      phase.value = 'ready';
      markReady(qm);
    } catch (e) {
      error.value = (e as Error).message ?? String(e);
      phase.value = 'error';
      noteEngineError(e);
    }
  }

  /** Loads a saved workspace into the engine; false when there is none by that name. */
  async function restore(qm: QueryManager, name: string): Promise<boolean> {
    const saved = await store.load<WorkspaceMeta>(name).catch(() => null);
    if (!saved) return false;
    await clearStoredTables(qm);
    await importTables(qm, saved.tables);
    epoch.value++;
    workspaceName.value = name;
    source.value = saved.meta.source;
    files.value = saved.meta.files;
    dataUrl.value = saved.meta.dataUrl ?? null;
    const savedSettings = await store.getValue<AnalyticsSettings>(settingsKey(name));
    if (savedSettings) settings.replace(savedSettings);
    return true;
  }

  /**
   * Looks at an error from the engine: out-of-memory and WebAssembly aborts leave the engine unfit
   * to go on, so they become `engineFailure`; ordinary SQL errors do not.
   */
  function noteEngineError(e: unknown): void {
    const message = (e as Error)?.message ?? String(e);
    if (isFatalEngineError(message)) engineFailure.value = message;
  }

  /** Call after any change to the loaded rows: views re-query. */
  function dataChanged(): void {
    version.value++;
  }

  /** Switches the first user file away from the demo company: the demo rows go, the workspace is the user's. */
  async function leaveDemo(): Promise<void> {
    const qm = engine.value;
    if (!qm || source.value !== 'demo') return;
    await clearStoredTables(qm);
    files.value = [];
    source.value = 'files';
    demoReport.value = null;
  }

  /** Saves tables, files, mappings and settings under the current workspace name. */
  async function save(): Promise<void> {
    const qm = engine.value;
    if (!qm) return;
    const meta: WorkspaceMeta = {
      source: source.value,
      files: files.value.map((f) => ({ ...f, preview: f.preview.slice(0, 20) })),
      dataUrl: dataUrl.value,
    };
    await store.save<WorkspaceMeta>({
      name: workspaceName.value,
      savedAt: new Date().toISOString(),
      meta: JSON.parse(JSON.stringify(meta)) as WorkspaceMeta,
      tables: await exportTables(qm, [...STORED_TABLES]),
    }, files.value.length);
    await store.setValue(settingsKey(workspaceName.value), JSON.parse(JSON.stringify(settings.analytics)));
    await store.setValue(CURRENT_KEY, workspaceName.value);
    savedVersion.value++;
  }

  /** Saves the current data under a new name (raw files included) and makes it current. */
  async function saveAs(name: string): Promise<void> {
    const previous = workspaceName.value;
    workspaceName.value = name;
    if (source.value === 'files') await store.copySources(previous, name);
    await save();
  }

  /** Starts an empty workspace under a new name (default settings); the analyst drops its files next. */
  async function newWorkspace(name: string): Promise<void> {
    const qm = engine.value;
    if (!qm) return;
    await clearStoredTables(qm);
    epoch.value++;
    files.value = [];
    dataUrl.value = null;
    demoReport.value = null;
    source.value = 'files';
    workspaceName.value = name;
    settings.reset();
    version.value++;
    await save();
  }

  /** Opens another saved workspace (the current one is already saved). */
  async function openWorkspace(name: string): Promise<void> {
    const qm = engine.value;
    if (!qm || name === workspaceName.value) return;
    phase.value = 'loading';
    try {
      if (!(await restore(qm, name))) throw new Error(`No saved workspace named "${name}".`);
      demoReport.value = null;
      await store.setValue(CURRENT_KEY, name);
      version.value++;
    } finally {
      phase.value = 'ready';
    }
  }

  /** Deletes a saved workspace; deleting the open one goes back to the demo company. */
  async function deleteWorkspace(name: string): Promise<void> {
    const qm = engine.value;
    if (!qm) return;
    await store.remove(name);
    if (name === workspaceName.value) {
      workspaceName.value = DEFAULT_WORKSPACE;
      await startOverWithDemo(qm);
    }
    savedVersion.value++;
  }

  /** "Delete all data": removes every saved workspace, file and setting and goes back to the demo company. */
  async function clearAll(): Promise<void> {
    const qm = engine.value;
    if (!qm) return;
    await store.clearAll();
    useMappingMemory().forgetAll();
    workspaceName.value = DEFAULT_WORKSPACE;
    settings.reset();
    await startOverWithDemo(qm);
    savedVersion.value++;
  }

  async function startOverWithDemo(qm: QueryManager): Promise<void> {
    await clearStoredTables(qm);
    epoch.value++;
    files.value = [];
    dataUrl.value = null;
    await loadDemoCompany(qm);
    version.value++;
  }

  /** The demo company; `?demo-customers=N` in the URL scales it (benchmarks). */
  async function loadDemoCompany(qm: QueryManager): Promise<void> {
    const requested = Number(new URLSearchParams(location.search).get('demo-customers'));
    const customers = Number.isInteger(requested) && requested >= 100 ? requested : undefined;
    const ordersPerCustomer = customers && customers > 100_000 ? 10 : undefined;
    demoReport.value = await loadDemo(qm, { customers, ordersPerCustomer });
    source.value = 'demo';
  }

  // A settings change is saved with the open workspace at once (cheap: no tables).
  watch(() => settings.analytics, (s) => {
    if (source.value === 'files') void store.setValue(settingsKey(workspaceName.value), JSON.parse(JSON.stringify(s)));
  }, { deep: true });

  return {
    demoReport, phase, error, bundle, source, files, dataUrl, version, savedVersion, epoch, engineFailure, workspaceName, engine, store,
    start, ready, noteEngineError, dataChanged, leaveDemo, save, saveAs, newWorkspace, openWorkspace, deleteWorkspace, clearAll,
  };
});

/** Errors after which DuckDB-WASM cannot be trusted to go on (memory exhausted, WebAssembly trap). */
export function isFatalEngineError(message: string): boolean {
  return /out of memory|memory access out of bounds|aborted\(|unreachable|runtimeerror|worker stopped/i.test(message);
}
