import { QueryCancelledError, type QueryManager } from '../engine/queryManager';
import { ingestFile } from '../ingest/ingestFile';
import { blobInput, type FileReport, type IngestInput, type IngestOptions, type MappingOverride } from '../ingest/types';
import { UndoPoint } from '../ingest/undoPoint';
import { removeSourceRows } from '../ingest/storedTables';
import { summarizeChanges, summarizeDuplicates } from '../ingest/changeSummary';
import type { LoadJob, WorkspaceState } from './state';
import type { KeyValueStore, SourceStore } from './storage/keyValue';
import type { MappingMemory } from './mappingMemory';
import { isStorageFull } from './storageErrors';
import { FactsBundleError } from './factsBundle/manifest';
import { stageFactsBundle, type BundleInput, type StagedBundle } from './factsBundle/stageBundle';
import { droppedBundle } from './factsBundle/dropped';

/** What the load queue needs of the workspace around it. */
export interface LoadHost {
  readonly state: WorkspaceState;
  readonly sources: SourceStore & KeyValueStore;
  readonly memory: MappingMemory;
  /** The writer connection once the engine has opened the first workspace. */
  ready(): Promise<QueryManager>;
  /** Switches away from the demo company (the first user file), or drops a bundle's tables before rows load. */
  leaveDemo(): Promise<void>;
  /** Makes a staged facts bundle the screen's data (Workspace.adoptFactsBundle); `url` is its manifest's data URL. */
  adoptFactsBundle(staged: StagedBundle, url: string | null): Promise<void>;
  /**
   * Runs `work` as one committed change of the workspace's rows (see Workspace.change); `rebuild`
   * false leaves the screen rebuild to the caller (a drop of several files rebuilds once).
   */
  change<T>(work: () => Promise<T>, options?: { rebuild?: boolean; persist?: boolean }): Promise<T>;
  /** Makes the committed state durable and rebuilds the screen (after several changes). */
  settle(): Promise<void>;
}

let nextJobId = 1;

/**
 * Loading files into the open workspace: a queue with per-file progress (bytes and MB/s) and
 * cancel, each file one transaction (a failed or cancelled file leaves no row behind), the change
 * summary of each drop with a one-step undo, reloading one file with a new mapping, removing one
 * file, and replacing a file re-read from a data URL. Files load one at a time (one writer).
 */
export class LoadQueue {
  private readonly blobs = new Map<string, Blob>();
  private readonly aborts = new Map<number, AbortController>();
  private undoPoint: UndoPoint | null = null;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly host: LoadHost) {}

  /** Runs data-changing work one piece at a time, in call order; `busy` while any is pending. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    this.host.state.busy = true;
    const run = this.chain.then(work).finally(() => {
      this.pending--;
      this.host.state.busy = this.pending > 0;
    });
    this.chain = run.then(() => undefined, () => undefined);
    return run;
  }

  private patchJob(id: number, patch: Partial<LoadJob>): void {
    const s = this.host.state;
    s.jobs = s.jobs.map((j) => (j.id === id ? { ...j, ...patch } : j));
  }

  /** The undo point of the last append no longer applies (another workspace opened). */
  async forgetUndo(): Promise<void> {
    const undo = this.undoPoint;
    this.undoPoint = null;
    this.host.state.lastAppend = null;
    await undo?.discard().catch(() => undefined);
  }

  /**
   * Loads several files as one append (the first user file replaces the demo company). A drop that
   * is a facts bundle (its manifest.json with its Parquet files, or their folder: `folder` names it)
   * opens the bundle instead (openFactsBundle); a bundle refused is one failed job with its message.
   */
  async addFiles(list: File[], options: { folder?: string | null } = {}): Promise<void> {
    let bundle: BundleInput | null;
    try {
      bundle = await droppedBundle(list, options.folder);
    } catch (e) {
      if (!(e instanceof FactsBundleError)) throw e;
      this.failedJob(options.folder || e.file, list.reduce((n, f) => n + f.size, 0), e);
      return;
    }
    if (bundle) {
      await this.openFactsBundle(bundle, { size: list.reduce((n, f) => n + f.size, 0) }).catch((e: unknown) => {
        if (!(e instanceof FactsBundleError)) throw e;
      });
      return;
    }
    return this.addRows(list);
  }

  /** A job that failed before it started (a bundle refused as dropped). */
  private failedJob(file: string, size: number, e: FactsBundleError): void {
    const s = this.host.state;
    s.jobs = [...s.jobs, { id: nextJobId++, file, size, state: 'error', fraction: 0, phase: '', message: e.message, startedAt: null, bytesRead: 0, rows: null,
      messageKey: null, messageText: { zh: e.text('zh'), en: e.text('en') } }];
  }

  /**
   * Opens a facts bundle: checks it and stages its tables without touching the open workspace
   * (stageFactsBundle), then makes it the screen's data (Workspace.adoptFactsBundle) and rebuilds.
   * A bundle refused throws its FactsBundleError (one message naming the file and the problem);
   * nothing already loaded is lost. `url`: the data URL of its manifest; `size`: bytes, for the job.
   * Drops get a job in the queue; a data URL's read does not (its status shows instead).
   */
  openFactsBundle(input: BundleInput, options: { url?: string | null; size?: number } = {}): Promise<void> {
    const s = this.host.state;
    const job: LoadJob | null = options.url ? null : {
      id: nextJobId++, file: input.label, size: options.size ?? 0, state: 'queued', fraction: 0, phase: '', message: null, startedAt: null,
      bytesRead: 0, rows: null, messageKey: null,
    };
    if (job) s.jobs = [...s.jobs, job];
    return this.serial(async () => {
      const writer = await this.host.ready();
      if (job) this.patchJob(job.id, { state: 'loading', startedAt: performance.now() });
      try {
        const staged = await stageFactsBundle(writer, input);
        await this.host.adoptFactsBundle(staged, options.url ?? null);
      } catch (e) {
        const bundleError = e instanceof FactsBundleError ? e : null;
        if (job) {
          this.patchJob(job.id, {
            state: 'error', message: (e as Error).message ?? String(e), messageKey: !bundleError && isStorageFull(e) ? 'storageFull' : null,
            messageText: bundleError ? { zh: bundleError.text('zh'), en: bundleError.text('en') } : null,
          });
        }
        throw e;
      }
      if (job) this.patchJob(job.id, { state: 'done', fraction: 1 });
      await this.host.settle();
    });
  }

  /** Loads several files as rows, one append. */
  private addRows(list: File[]): Promise<void> {
    const batch = list.map((f) => ({
      file: f,
      job: { id: nextJobId++, file: f.name, size: f.size, state: 'queued', fraction: 0, phase: '', message: null, startedAt: null, bytesRead: 0, rows: null, messageKey: null } satisfies LoadJob,
    }));
    const s = this.host.state;
    s.jobs = [...s.jobs, ...batch.map((b) => b.job)];
    return this.serial(async () => {
      const writer = await this.host.ready();
      const wasDemo = s.source === 'demo';
      await this.host.leaveDemo();
      await this.undoPoint?.discard();
      this.undoPoint = null;
      // Leaving the demo cannot be undone into the demo; undo then means "remove these files".
      const undo = wasDemo ? null : new UndoPoint(writer);
      const reports: FileReport[] = [];
      for (const { file, job } of batch) {
        if (s.jobs.find((j) => j.id === job.id)?.state === 'cancelled') continue;
        reports.push(...(await this.loadOne(writer, file, job.id, undo)));
      }
      this.undoPoint = undo;
      s.lastAppend = {
        files: batch.map((b) => b.file.name),
        sourceKeys: [...new Set(reports.map((r) => r.sourceKey))],
        changes: summarizeChanges(reports),
        duplicates: summarizeDuplicates(reports),
        undone: false,
      };
      // One rebuild for the whole drop: a rebuild per file would fight the next file for the engine.
      await this.host.settle();
    });
  }

  private async loadOne(writer: QueryManager, file: File, jobId: number, undo: UndoPoint | null): Promise<FileReport[]> {
    const abort = new AbortController();
    this.aborts.set(jobId, abort);
    const sourceKey = `${file.name}@${Date.now().toString(36)}${jobId}`;
    this.patchJob(jobId, { state: 'loading', startedAt: performance.now() });
    try {
      const reports = await this.ingestOne(writer, blobInput(file.name, file), {
        signal: abort.signal,
        sourceKey,
        beforeWrite: undo ? (t) => undo.capture(t) : undefined,
        onProgress: (p) => this.patchJob(jobId, { fraction: p.fraction, phase: p.phase, bytesRead: Math.round(p.fraction * file.size), rows: p.rows ?? null }),
      });
      this.blobs.set(sourceKey, file);
      await this.host.sources.putSource(this.host.state.name, sourceKey, file).catch(() => undefined);
      const failed = reports.find((r) => r.error);
      this.patchJob(jobId, { state: failed ? 'error' : 'done', fraction: 1, message: failed?.error ?? null, messageKey: failed && isStorageFull(failed.error) ? 'storageFull' : null });
      return reports;
    } catch (e) {
      const cancelled = e instanceof QueryCancelledError;
      this.patchJob(jobId, { state: cancelled ? 'cancelled' : 'error', message: cancelled ? null : (e as Error).message, messageKey: !cancelled && isStorageFull(e) ? 'storageFull' : null });
      return [];
    } finally {
      this.aborts.delete(jobId);
    }
  }

  /**
   * One file: each sheet's rows commit in one transaction together with its line in the files
   * list (a failed or cancelled sheet leaves nothing behind); `beforeWrites` runs inside the
   * first of them (a reload removes the old copy's rows there). Reports of sheets that wrote
   * nothing (not a table, no rows) are recorded at the end, in the files' order.
   */
  private async ingestOne(
    writer: QueryManager,
    input: IngestInput,
    options: Omit<IngestOptions, 'commit'>,
    hooks: { beforeWrites?: () => Promise<void>; check?: (report: FileReport) => void } = {},
  ): Promise<FileReport[]> {
    const s = this.host.state;
    const base = s.files;
    let first = true;
    const reports = await ingestFile(writer, input, {
      rememberedOverride: this.host.memory.lookup,
      // A table whose reading is unsure waits for the analyst's choice (confirmReading) instead of loading.
      askWhenUnsure: true,
      ...options,
      commit: (write, report) => this.host.change(async () => {
        if (first) await hooks.beforeWrites?.();
        await write();
        hooks.check?.(report());
        first = false;
        s.files = [...s.files, report()];
      }, { rebuild: false, persist: false }),
    });
    await this.host.change(async () => {
      if (first) await hooks.beforeWrites?.();
      s.files = [...base.filter((f) => f.sourceKey !== options.sourceKey), ...reports];
    }, { rebuild: false, persist: false });
    return reports;
  }

  /** Cancels a queued or loading file; nothing of it is kept. */
  cancel(jobId: number): void {
    const job = this.host.state.jobs.find((j) => j.id === jobId);
    if (!job || (job.state !== 'queued' && job.state !== 'loading')) return;
    if (job.state === 'queued') this.patchJob(jobId, { state: 'cancelled' });
    this.aborts.get(jobId)?.abort();
  }

  /** Forgets finished jobs in the queue list. */
  clearFinished(): void {
    const s = this.host.state;
    s.jobs = s.jobs.filter((j) => j.state === 'queued' || j.state === 'loading');
  }

  /** Undoes the last append: the tables go back as they were and its files leave the list. */
  undoLastAppend(): Promise<void> {
    return this.serial(async () => {
      const s = this.host.state;
      const last = s.lastAppend;
      if (!last || last.undone) return;
      const writer = await this.host.ready();
      const keys = new Set(last.sourceKeys);
      await this.host.change(async () => {
        const appended = s.files.filter((f) => keys.has(f.sourceKey));
        if (this.undoPoint) await this.undoPoint.restore();
        else await removeSourceRows(writer, appended.map((f) => f.sourceId));
        s.files = s.files.filter((f) => !keys.has(f.sourceKey));
      });
      this.undoPoint = null;
      for (const key of keys) await this.forgetSource(key);
      s.lastAppend = { ...last, undone: true };
    });
  }

  /**
   * Reloads one file with the analyst's mapping for one of its sheets ('' for a single-table
   * file): its rows are replaced, every other file stays. The fix is remembered for files with
   * the same headers.
   */
  reloadFile(sourceKey: string, sheet: string | null, override: MappingOverride): Promise<void> {
    return this.serial(async () => {
      const s = this.host.state;
      const writer = await this.host.ready();
      const old = s.files.filter((f) => f.sourceKey === sourceKey);
      if (old.length === 0) return;
      const blob = this.blobs.get(sourceKey) ?? (await this.host.sources.getSource(s.name, sourceKey));
      if (!blob) throw new Error(`${old[0].file}: the original file is not kept in this browser; drop it again to change its mapping.`);
      const overrides: Record<string, MappingOverride> = {};
      for (const f of old) if (f.mappingOrigin === 'user' && f.override) overrides[f.sheet ?? ''] = f.override;
      overrides[sheet ?? ''] = override;
      await this.forgetUndo();
      const fresh = await this.ingestOne(writer, blobInput(old[0].file, blob), { sourceKey, overrides }, {
        beforeWrites: () => removeSourceRows(writer, old.map((f) => f.sourceId)),
      });
      await this.host.settle();
      const headers = fresh.find((f) => (f.sheet ?? '') === (sheet ?? ''))?.headers;
      if (headers?.length) await this.host.memory.remember(headers, override);
    });
  }

  /** Removes one loaded file (all its sheets) and its rows. */
  removeFile(sourceKey: string): Promise<void> {
    return this.serial(async () => {
      const s = this.host.state;
      const writer = await this.host.ready();
      await this.host.change(async () => {
        await removeSourceRows(writer, s.files.filter((f) => f.sourceKey === sourceKey).map((f) => f.sourceId));
        s.files = s.files.filter((f) => f.sourceKey !== sourceKey);
      });
      await this.forgetSource(sourceKey);
    });
  }

  /**
   * Replaces the rows of a file re-read from a data URL (the wall's nightly export), in one
   * transaction: when the new copy fails or loads no rows, it rolls back, the last good data
   * stays, and the error is thrown.
   */
  replaceSource(name: string, sourceKey: string, blob: Blob): Promise<FileReport[]> {
    return this.serial(async () => {
      const s = this.host.state;
      const writer = await this.host.ready();
      await this.host.leaveDemo();
      const old = s.files.filter((f) => f.sourceKey === sourceKey);
      const previous = s.files;
      const committed: FileReport[] = [];
      const fresh = await ingestFile(writer, blobInput(name, blob), {
        sourceKey,
        rememberedOverride: this.host.memory.lookup,
        commit: (write, report) => this.host.change(async () => {
          await removeSourceRows(writer, old.map((f) => f.sourceId));
          await write();
          if (report().rowsLoaded === 0) throw new Error(`${name}: no rows could be loaded`);
          committed.push(report());
          s.files = [...previous.filter((f) => f.sourceKey !== sourceKey), ...committed];
        }, { rebuild: false, persist: false }),
      });
      const failed = fresh.find((f) => f.error) ?? (fresh.every((f) => f.rowsLoaded === 0) ? fresh[0] : undefined);
      if (failed) throw new Error(failed.error ?? `${name}: no rows could be loaded`);
      await this.host.settle();
      return fresh;
    });
  }

  private async forgetSource(sourceKey: string): Promise<void> {
    this.blobs.delete(sourceKey);
    await this.host.sources.deleteSource(this.host.state.name, sourceKey).catch(() => undefined);
  }
}
