import type { StatementTiming } from '../engine/statementLog';
import type { Ref } from 'vue';
import { parseUrlState } from '../stores/urlState';
import { useCarousel } from './useCarousel';
import { useInterval } from './useInterval';
import { useDrillStore } from '../stores/drill';
import { useScreenStore } from '../stores/screen';
import { useDataUrlStore } from '../stores/dataUrl';
import { scalar } from '../engine/rows';
import { useDatasetStore } from '../stores/dataset';
import { useLoadsStore } from '../stores/loads';
import { panelLoadsInFlight } from './panelActivity';

/** Hooks the soak script and e2e tests drive (a wall has no mouse to click with). */
export interface WallTestHooks {
  next(): void;
  refresh(): Promise<void>;
  /** Stops the database worker as a crash would (the recovery e2e test). */
  crashEngine(): Promise<void>;
  /** Kills the worker inside the next save, before its commit or before it is made durable (the kill-during-save e2e). */
  killDuringNextSave(point: 'commit' | 'persist'): void;
  /** Whether anything is still loading, computing or drawing (polled by benchmarks: no query). */
  status(): WallStatus;
  /** Bytes DuckDB holds (duckdb_memory()). */
  engineBytes(): Promise<number | null>;
  /** The last statements the engine ran and their times (profiling a load or rebuild). */
  statements(): StatementTiming[];
}

/** What `status()` reports. */
export interface WallStatus {
  /** No file loading, no analytics rebuild and no panel query in flight. */
  idle: boolean;
  screenVersion: number;
  /** Rebuilds whose panels are drawn (a rebuild is drawn before it is persisted). */
  drawnVersion: number;
  /** KPI strips drawn (a rebuild draws its KPIs before its late families and other panels). */
  kpiVersion: number;
}

declare global {
  interface Window {
    __churnwatch?: WallTestHooks;
  }
}

/**
 * Wall mode from URL parameters: `pages=overview,analysis&dwell=30` runs the carousel,
 * `refresh=300` re-reads the data URL (if any), re-runs the analytics every 300 s and shows what changed. Every timer belongs
 * to the calling component's scope.
 */
export function useWallMode(allPages: string[]): { active: boolean; paused: Ref<boolean>; index: Ref<number> } {
  const url = parseUrlState(location.search);
  const drill = useDrillStore();
  const screen = useScreenStore();
  const pages = url.pages.filter((p) => allPages.includes(p));
  const carousel = useCarousel(pages, url.dwell, (p) => {
    if (drill.view === 'screen' && drill.filter.length === 0) drill.showPage(p, false);
  });
  const dataUrl = useDataUrlStore();
  // A refresh re-reads the data URL first (when one is set), so "what changed" covers new data too.
  const refresh = () => screen.refresh(dataUrl.url ? () => dataUrl.readNow() : undefined);
  if (url.refresh > 0) useInterval(() => void refresh(), url.refresh * 1000);
  const dataset = useDatasetStore();
  const loads = useLoadsStore();
  const status = (): WallStatus => ({
    idle: !loads.busy && screen.pending === 0 && panelLoadsInFlight.value === 0 && dataset.phase === 'ready',
    screenVersion: screen.version,
    drawnVersion: screen.drawn,
    kpiVersion: screen.kpisDrawn,
  });
  async function engineBytes(): Promise<number | null> {
    const qm = dataset.engine;
    return qm ? Number(scalar(await qm.query('SELECT sum(memory_usage_bytes)::DOUBLE FROM duckdb_memory()', { cache: false }))) : null;
  }
  const statements = () => dataset.workspace.statements();
  window.__churnwatch = { next: carousel.next, refresh, crashEngine: async () => dataset.workspace.kill(), killDuringNextSave: (p) => dataset.workspace.killDuringNextSave(p), status, engineBytes, statements };
  return { active: pages.length > 0, paused: carousel.paused, index: carousel.index };
}
