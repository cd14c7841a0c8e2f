import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { getEngine } from '../engine/browserEngine';
import { exportTables, importTables } from '../engine/snapshot';
import { WorkspaceStore } from '../engine/workspaceStore';
import { QueryCancelledError, type QueryManager } from '../engine/queryManager';
import { ingestFile } from '../ingest/ingestFile';
import { CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from '../ingest/schema';
import { blobInput, type FileReport, type IngestProgress } from '../ingest/types';
import { loadDemo, type DemoLoadReport } from '../demo/loadDemo';

export type DataSource = 'demo' | 'files';
type Phase = 'starting' | 'loading' | 'ready' | 'error';

interface WorkspaceMeta {
  source: DataSource;
  files: FileReport[];
}

const CURRENT_KEY = 'current-workspace';
const DEFAULT_WORKSPACE = '默认工作区';
const STORED_TABLES = [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE];

/**
 * The loaded dataset: engine start-up, the demo company, user files, and the saved workspace.
 * `version` changes whenever data changes, so every query-backed view knows to re-run.
 */
export const useDatasetStore = defineStore('dataset', () => {
  const phase = ref<Phase>('starting');
  const error = ref<string | null>(null);
  const bundle = ref('');
  const source = ref<DataSource>('demo');
  const files = ref<FileReport[]>([]);
  const progress = ref<IngestProgress | null>(null);
  const version = ref(0);
  const workspaceName = ref(DEFAULT_WORKSPACE);
  const engine = shallowRef<QueryManager | null>(null);
  const demoReport = ref<DemoLoadReport | null>(null);
  const store = new WorkspaceStore();
  let abort: AbortController | null = null;

  /** Starts the engine, then restores the saved workspace or, when none exists, loads the demo. */
  async function start(): Promise<void> {
    try {
      const qm = await getEngine();
      engine.value = qm;
      bundle.value = qm.connector.bundle;
      phase.value = 'loading';
      const name = (await store.getValue<string>(CURRENT_KEY)) ?? DEFAULT_WORKSPACE;
      const saved = await store.load<WorkspaceMeta>(name).catch(() => null);
      if (saved) {
        await importTables(qm, saved.tables);
        workspaceName.value = name;
        source.value = saved.meta.source;
        files.value = saved.meta.files;
      } else {
        await loadDemoCompany(qm);
      }
      version.value++;
      phase.value = 'ready';
    } catch (e) {
      error.value = (e as Error).message ?? String(e);
      phase.value = 'error';
    }
  }

  /** Loads user files (several at once); the first user file replaces the demo data. */
  async function addFiles(list: File[]): Promise<void> {
    const qm = engine.value;
    if (!qm) return;
    abort = new AbortController();
    try {
      if (source.value === 'demo') {
        await clearTables(qm);
        files.value = [];
        source.value = 'files';
      }
      for (const file of list) {
        progress.value = { file: file.name, phase: 'reading', fraction: 0 };
        const reports = await ingestFile(qm, blobInput(file.name, file), {
          signal: abort.signal,
          sourceKey: `${file.name}@${Date.now().toString(36)}`,
          onProgress: (p) => (progress.value = p),
        });
        files.value = [...files.value, ...reports];
        version.value++;
      }
      await save();
    } catch (e) {
      if (!(e instanceof QueryCancelledError)) error.value = (e as Error).message;
    } finally {
      progress.value = null;
      abort = null;
    }
  }

  /** Cancels the file being loaded; nothing of it is kept. */
  function cancelLoading(): void {
    abort?.abort();
  }

  /** Saves tables, files and mappings under the current workspace name. */
  async function save(): Promise<void> {
    const qm = engine.value;
    if (!qm) return;
    const meta: WorkspaceMeta = { source: source.value, files: files.value.map((f) => ({ ...f, preview: f.preview.slice(0, 20) })) };
    await store.save<WorkspaceMeta>({
      name: workspaceName.value,
      savedAt: new Date().toISOString(),
      meta: JSON.parse(JSON.stringify(meta)) as WorkspaceMeta,
      tables: await exportTables(qm, STORED_TABLES),
    });
    await store.setValue(CURRENT_KEY, workspaceName.value);
  }

  /** "Clear all data": removes every saved workspace and goes back to the demo company. */
  async function clearAll(): Promise<void> {
    const qm = engine.value;
    if (!qm) return;
    await store.clearAll();
    await clearTables(qm);
    files.value = [];
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

  return { demoReport, phase, error, bundle, source, files, progress, version, workspaceName, engine, start, addFiles, cancelLoading, clearAll, save };
});

async function clearTables(qm: QueryManager): Promise<void> {
  for (const t of STORED_TABLES) await qm.exec(`DELETE FROM ${t}`);
}
