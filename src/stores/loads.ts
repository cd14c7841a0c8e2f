import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { QueryCancelledError } from '../engine/queryManager';
import { ingestFile } from '../ingest/ingestFile';
import { blobInput, type FileReport, type MappingOverride } from '../ingest/types';
import { UndoPoint } from '../ingest/undoPoint';
import { removeSourceRows } from '../ingest/storedTables';
import { CUSTOMER_ATTRIBUTES_TABLE, type CanonicalTable } from '../ingest/schema';
import { summarizeChanges, summarizeDuplicates, type TableChange } from '../ingest/changeSummary';
import { useDatasetStore } from './dataset';
import { useMappingMemory } from './mappingMemory';

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
}

/** What the last append did, for the change summary and its one-step undo. */
export interface AppendSummary {
  files: string[];
  /** The loads of this append (their reports and raw files leave with an undo). */
  sourceKeys: string[];
  changes: TableChange[];
  /** Of the updated rows per table, those identical to rows already loaded. */
  duplicates?: Partial<Record<CanonicalTable, number>>;
  undone: boolean;
}

let nextJobId = 1;

/** The tables the rows of these loads live in. */
function tablesOf(reports: FileReport[]): string[] {
  const tables = new Set<string>();
  for (const r of reports) {
    if (!r.table) continue;
    tables.add(r.table);
    if (r.table === 'customers') tables.add(CUSTOMER_ATTRIBUTES_TABLE);
  }
  return [...tables];
}

/**
 * Loading files into the open workspace: a queue with per-file progress and cancel, the change
 * summary of each append with a one-step undo, reloading one file with a new mapping, removing
 * one file, and replacing a file re-read from a data URL. Files load one at a time (one DuckDB
 * connection); each drop is one append.
 */
export const useLoadsStore = defineStore('loads', () => {
  const dataset = useDatasetStore();
  const memory = useMappingMemory();
  const jobs = ref<LoadJob[]>([]);
  const lastAppend = ref<AppendSummary | null>(null);
  const busy = ref(false);
  /** Raw files of this session by source key (the saved workspace keeps them too). */
  const blobs = new Map<string, Blob>();
  const aborts = new Map<number, AbortController>();
  let undoPoint: UndoPoint | null = null;
  let chain: Promise<void> = Promise.resolve();

  let pending = 0;

  /** Runs data-changing work one piece at a time, in call order; `busy` while any is pending. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    pending++;
    busy.value = true;
    const run = chain.then(work).finally(() => {
      pending--;
      busy.value = pending > 0;
    });
    chain = run.then(() => undefined, () => undefined);
    return run;
  }

  function patchJob(id: number, patch: Partial<LoadJob>): void {
    jobs.value = jobs.value.map((j) => (j.id === id ? { ...j, ...patch } : j));
  }

  /** Loads several files as one append (the first user file replaces the demo company). */
  function addFiles(list: File[]): Promise<void> {
    const batch = list.map((f) => ({ file: f, job: { id: nextJobId++, file: f.name, size: f.size, state: 'queued', fraction: 0, phase: '', message: null } satisfies LoadJob }));
    jobs.value = [...jobs.value, ...batch.map((b) => b.job)];
    return serial(async () => {
      const qm = await dataset.ready();
      await undoPoint?.discard();
      const wasDemo = dataset.source === 'demo';
      await dataset.leaveDemo();
      // Leaving the demo cannot be undone into the demo; undo then means "remove these files".
      const undo = wasDemo ? null : new UndoPoint(qm);
      const reports: FileReport[] = [];
      for (const { file, job } of batch) {
        if (jobs.value.find((j) => j.id === job.id)?.state === 'cancelled') continue;
        reports.push(...(await loadOne(file, job.id, undo)));
      }
      // One rebuild for the whole drop: a rebuild per file would fight the next file for the engine.
      dataset.dataChanged();
      undoPoint = undo;
      lastAppend.value = {
        files: batch.map((b) => b.file.name),
        sourceKeys: [...new Set(reports.map((r) => r.sourceKey))],
        changes: summarizeChanges(reports),
        duplicates: summarizeDuplicates(reports),
        undone: false,
      };
      await dataset.save();
    });
  }

  async function loadOne(file: File, jobId: number, undo: UndoPoint | null): Promise<FileReport[]> {
    const qm = await dataset.ready();
    const abort = new AbortController();
    aborts.set(jobId, abort);
    const sourceKey = `${file.name}@${Date.now().toString(36)}${jobId}`;
    patchJob(jobId, { state: 'loading' });
    try {
      const reports = await ingestFile(qm, blobInput(file.name, file), {
        signal: abort.signal,
        sourceKey,
        rememberedOverride: memory.lookup,
        beforeWrite: undo ? (t) => undo.capture(t) : undefined,
        onProgress: (p) => patchJob(jobId, { fraction: p.fraction, phase: p.phase }),
      });
      blobs.set(sourceKey, file);
      await dataset.store.putSource(dataset.workspaceName, sourceKey, file).catch(() => undefined);
      dataset.files = [...dataset.files, ...reports];
      const failed = reports.find((r) => r.error);
      patchJob(jobId, { state: failed ? 'error' : 'done', fraction: 1, message: failed?.error ?? null });
      return reports;
    } catch (e) {
      const cancelled = e instanceof QueryCancelledError;
      patchJob(jobId, { state: cancelled ? 'cancelled' : 'error', message: cancelled ? null : (e as Error).message });
      return [];
    } finally {
      aborts.delete(jobId);
    }
  }

  /** Cancels a queued or loading file; nothing of it is kept. */
  function cancel(jobId: number): void {
    const job = jobs.value.find((j) => j.id === jobId);
    if (!job || (job.state !== 'queued' && job.state !== 'loading')) return;
    if (job.state === 'queued') patchJob(jobId, { state: 'cancelled' });
    aborts.get(jobId)?.abort();
  }

  /** Forgets finished jobs in the queue list. */
  function clearFinished(): void {
    jobs.value = jobs.value.filter((j) => j.state === 'queued' || j.state === 'loading');
  }

  /** Undoes the last append: the tables go back as they were and its files leave the list. */
  function undoLastAppend(): Promise<void> {
    return serial(async () => {
      const last = lastAppend.value;
      if (!last || last.undone) return;
      const keys = new Set(last.sourceKeys);
      const appended = dataset.files.filter((f) => keys.has(f.sourceKey));
      if (undoPoint) await undoPoint.restore();
      else await removeSourceRows(dataset.engine!, appended.map((f) => f.sourceId));
      undoPoint = null;
      dataset.files = dataset.files.filter((f) => !keys.has(f.sourceKey));
      for (const key of keys) await forgetSource(key);
      lastAppend.value = { ...last, undone: true };
      dataset.dataChanged();
      await dataset.save();
    });
  }

  /**
   * Reloads one file with the analyst's mapping for one of its sheets ('' for a single-table
   * file): its rows are replaced, every other file stays. The fix is remembered for files with
   * the same headers.
   */
  function reloadFile(sourceKey: string, sheet: string | null, override: MappingOverride): Promise<void> {
    return serial(async () => {
      const qm = dataset.engine;
      const old = dataset.files.filter((f) => f.sourceKey === sourceKey);
      if (!qm || old.length === 0) return;
      const blob = blobs.get(sourceKey) ?? (await dataset.store.getSource(dataset.workspaceName, sourceKey));
      if (!blob) throw new Error(`${old[0].file}: the original file is not kept in this browser; drop it again to change its mapping.`);
      const overrides: Record<string, MappingOverride> = {};
      for (const f of old) if (f.mappingOrigin === 'user' && f.override) overrides[f.sheet ?? ''] = f.override;
      overrides[sheet ?? ''] = override;
      await undoPoint?.discard();
      undoPoint = null;
      lastAppend.value = null;
      await removeSourceRows(qm, old.map((f) => f.sourceId));
      const fresh = await ingestFile(qm, blobInput(old[0].file, blob), { sourceKey, overrides });
      const at = dataset.files.findIndex((f) => f.sourceKey === sourceKey);
      const rest = dataset.files.filter((f) => f.sourceKey !== sourceKey);
      dataset.files = [...rest.slice(0, at), ...fresh, ...rest.slice(at)];
      const headers = fresh.find((f) => (f.sheet ?? '') === (sheet ?? ''))?.headers;
      if (headers?.length) await memory.remember(headers, override);
      dataset.dataChanged();
      await dataset.save();
    });
  }

  /** Removes one loaded file (all its sheets) and its rows. */
  function removeFile(sourceKey: string): Promise<void> {
    return serial(async () => {
      const qm = dataset.engine;
      if (!qm) return;
      await removeSourceRows(qm, dataset.files.filter((f) => f.sourceKey === sourceKey).map((f) => f.sourceId));
      dataset.files = dataset.files.filter((f) => f.sourceKey !== sourceKey);
      await forgetSource(sourceKey);
      dataset.dataChanged();
      await dataset.save();
    });
  }

  /**
   * Replaces the rows of a file re-read from a data URL (the wall's nightly export). When the new
   * copy fails or loads no rows, the last good data is put back and the error is thrown.
   */
  function replaceSource(name: string, sourceKey: string, blob: Blob): Promise<FileReport[]> {
    return serial(async () => {
      const qm = await dataset.ready();
      await dataset.leaveDemo();
      const old = dataset.files.filter((f) => f.sourceKey === sourceKey);
      // Only the tables the old copy is in and the new one writes are copied for the way back.
      const guard = new UndoPoint(qm);
      for (const t of tablesOf(old)) await guard.capture(t);
      await removeSourceRows(qm, old.map((f) => f.sourceId));
      const fresh = await ingestFile(qm, blobInput(name, blob), { sourceKey, rememberedOverride: memory.lookup, beforeWrite: (t) => guard.capture(t) });
      const failed = fresh.find((f) => f.error) ?? (fresh.every((f) => f.rowsLoaded === 0) ? fresh[0] : undefined);
      if (failed) {
        await guard.restore();
        throw new Error(failed.error ?? `${name}: no rows could be loaded`);
      }
      await guard.discard();
      dataset.files = [...dataset.files.filter((f) => f.sourceKey !== sourceKey), ...fresh];
      dataset.dataChanged();
      await dataset.save();
      return fresh;
    });
  }

  // Another workspace replaced the tables: the last append's undo point no longer applies.
  watch(() => dataset.epoch, () => {
    void undoPoint?.discard();
    undoPoint = null;
    lastAppend.value = null;
  });

  async function forgetSource(sourceKey: string): Promise<void> {
    blobs.delete(sourceKey);
    await dataset.store.deleteSource(dataset.workspaceName, sourceKey).catch(() => undefined);
  }

  return { jobs, lastAppend, busy, addFiles, cancel, clearFinished, undoLastAppend, reloadFile, removeFile, replaceSource };
});
