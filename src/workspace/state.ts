import type { FileReport } from '../ingest/types';
import type { TableChange } from '../ingest/changeSummary';
import type { CanonicalTable } from '../ingest/schema';
import type { AnalyticsSettings } from '../analytics/settings';
import type { ScreenContext } from '../analytics/screen/prepareScreen';
import type { DemoLoadReport } from '../demo/loadDemo';
import type { DataSource, StorageKind } from './storage/types';
import type { PanelId, PanelResults } from './storedScreen';
import type { FactsBundleInfo } from './factsBundle/adopt';

/** One file dropped by the analyst, from queued to loaded (or failed, or cancelled). */
export interface LoadJob {
  id: number;
  file: string;
  size: number;
  state: 'queued' | 'loading' | 'done' | 'error' | 'cancelled';
  /** 0..1 of the bytes read. */
  fraction: number;
  phase: string;
  message: string | null;
  /** When reading started (ms, performance clock) and bytes read so far: the MB/s shown. */
  startedAt: number | null;
  bytesRead: number;
  /** Rows read so far (null until the reader counts them). */
  rows: number | null;
  /** A message the UI words in the user's language ('storageFull'), else null. */
  messageKey: 'storageFull' | null;
  /** A message already in both screen languages (a facts bundle refused), shown instead of `message`. */
  messageText?: { zh: string; en: string } | null;
}

/** What the last append did, for the change summary and its one-step undo. */
export interface AppendSummary {
  files: string[];
  /** The loads of this append (their reports and raw files leave with an undo). */
  sourceKeys: string[];
  changes: TableChange[];
  /** Of the updated rows per table, those identical to rows already loaded (summarizeDuplicates). */
  duplicates?: Partial<Record<CanonicalTable, number>>;
  undone: boolean;
}

/** What a wall refresh changed: customers newly red and triggers new since the previous run. */
export interface RefreshChanges {
  at: string;
  newlyRed: string[];
  newTriggers: string[];
}

/** Where the engine is: starting (or waiting for another tab), opening data, ready, or failed to start. */
export type WorkspacePhase = 'starting' | 'loading' | 'ready' | 'error';

/** The screen's prepared analytics and the panel results drawn from them. */
export interface ScreenState {
  ctx: ScreenContext | null;
  /** Bumps after each rebuild: panels of a drilled state query again. */
  version: number;
  /** Bumps when a rebuild's panels are drawn (before it is persisted and `version` bumps). */
  drawn: number;
  /** Bumps when a build's KPI strip is drawn (before its late families and other panels). */
  kpisDrawn: number;
  /** A rebuild is running. */
  preparing: boolean;
  /** Rebuilds queued or running (a queued one counts, so "idle" never reads true in between). */
  pending: number;
  error: string | null;
  changes: RefreshChanges | null;
  /** Trigger keys flagged new by the last refresh. */
  newTriggerKeys: string[];
  /** Unfiltered panel results by language, from storage or from the last rebuild. */
  panels: Partial<Record<string, PanelResults>>;
  /** The results shown come from storage and are being checked against the data. */
  revalidating: boolean;
  /** The build key of the panel results shown (see buildKey). */
  storedKey: string | null;
  /** Panels whose results are being recomputed by the running rebuild. */
  updating: PanelId[];
  /** The build steps the last rebuild ran (the others were current). */
  lastRan: string[];
}

/**
 * Everything the UI shows about the workspace. The workspace writes it; the Pinia stores hand it
 * to Vue (they pass in a reactive object, so this layer stays free of Vue).
 */
export interface WorkspaceState {
  phase: WorkspacePhase;
  error: string | null;
  bundle: string;
  storage: StorageKind | null;
  /** Another tab holds the database; this one shows the stored screen and waits for it. */
  waitingForOtherTab: boolean;
  /** The engine crashed or ran out of memory: a reload restores the saved workspace. */
  engineFailure: string | null;
  name: string;
  source: DataSource;
  files: FileReport[];
  dataUrl: string | null;
  /** The facts bundle the workspace shows (source 'bundle'), else null. */
  factsBundle: FactsBundleInfo | null;
  /** Bumps whenever the loaded rows change or another workspace opens: views re-query. */
  dataVersion: number;
  /** Bumps whenever another workspace (or the demo) replaces the open one: undo points die with it. */
  epoch: number;
  /** Bumps after each save, so the workspaces list re-reads. */
  savedVersion: number;
  demoReport: DemoLoadReport | null;
  settings: AnalyticsSettings;
  jobs: LoadJob[];
  lastAppend: AppendSummary | null;
  /** A load, undo, reload or removal is running. */
  busy: boolean;
  screen: ScreenState;
}

/** The state before start-up. */
export function initialState(settings: AnalyticsSettings, name: string): WorkspaceState {
  return {
    phase: 'starting',
    error: null,
    bundle: '',
    storage: null,
    waitingForOtherTab: false,
    engineFailure: null,
    name,
    source: 'demo',
    files: [],
    dataUrl: null,
    factsBundle: null,
    dataVersion: 0,
    epoch: 0,
    savedVersion: 0,
    demoReport: null,
    settings,
    jobs: [],
    lastAppend: null,
    busy: false,
    screen: {
      ctx: null, version: 0, drawn: 0, kpisDrawn: 0, preparing: false, pending: 0, error: null, changes: null, newTriggerKeys: [],
      panels: {}, revalidating: false, storedKey: null, updating: [], lastRan: [],
    },
  };
}
