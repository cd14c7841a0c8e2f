import type { QueryManager } from '../engine/queryManager';
import type { StatementTiming } from '../engine/statementLog';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../analytics/settings';
import type { ScreenLang } from '../analytics/screen/lang';
import { clearStoredTables, removeOrphanRows } from '../ingest/storedTables';
import { loadDemo, type DemoLoadReport } from '../demo/loadDemo';
import { DEFAULT_DEMO_CUSTOMERS } from '../demo/config';
import type { EngineHost } from './engineHost';
import type { WorkspaceState } from './state';
import type { KeyValueStore, SourceStore } from './storage/keyValue';
import type { WorkspaceInfo, WorkspaceStorage } from './storage/types';
import { INTERNAL_PREFIX } from './storage/schemaStorage';
import { ScreenBuilder, fatalEngineMessage, metaOf } from './screenBuilder';
import { LoadQueue } from './loadQueue';
import { MappingMemory } from './mappingMemory';
import { inTransaction } from './transaction';
import { WriteLock } from './writeLock';
import { forgetStoredScreen, type StoredScreen } from './storedScreen';
import { adoptStaged, bundleInfoOf, dropDerived } from './factsBundle/adopt';
import { dropStaged, type StagedBundle } from './factsBundle/stageBundle';

/** The name the first upload saves under until the analyst names a workspace. */
export const DEFAULT_WORKSPACE = '默认工作区';
const CURRENT_KEY = 'current-workspace';

/** The key a workspace's analytics settings are kept under (apart from its tables, so edits are cheap). */
export function settingsKey(workspace: string): string {
  return `ws-settings:${workspace}`;
}

/** The internal workspace holding the demo company of a size. */
export function demoWorkspaceName(customers: number): string {
  return `${INTERNAL_PREFIX}demo-${customers}`;
}

/** A demo company computed ahead of time (the app's build ships one): its stored screen and tables. */
export interface PrebuiltDemo {
  /** The screen to draw before the engine is up, or null when none ships. */
  screen(): Promise<StoredScreen | null>;
  /**
   * Fills the open (empty) demo workspace with the prebuilt tables, derived ones and the build
   * record included, through the writer; null when nothing ships for this size.
   */
  fill(writer: QueryManager, customers: number): Promise<DemoLoadReport | null>;
}

/** How a workspace starts: the engine, where workspaces persist, and what the start-up URL asked for. */
export interface WorkspaceOptions {
  state: WorkspaceState;
  startEngine: () => Promise<EngineHost>;
  makeStorage: (host: EngineHost) => WorkspaceStorage;
  kv: KeyValueStore;
  sources: SourceStore & KeyValueStore;
  /** Demo company size (the default when undefined). */
  demoCustomers?: number;
  /** Start empty instead of with the demo company when no workspace was open (a data-URL wall, `?empty=1`). */
  startEmpty?: boolean;
  prebuiltDemo?: PrebuiltDemo | null;
  /** Languages whose panel results a build publishes and stores, the screen's current one first. */
  langs?: () => ScreenLang[];
}

/**
 * The open workspace, free of Vue: engine start-up, opening and switching workspaces, the demo
 * company, the load queue, settings, the screen rebuilds and persistence. Every change to the
 * rows is one writer transaction that also records the files list, made durable after the
 * commit; the Pinia stores are thin views of `state`.
 */
export class Workspace {
  readonly state: WorkspaceState;
  readonly loads: LoadQueue;
  readonly screen: ScreenBuilder;
  readonly memory: MappingMemory;
  /** Held by every transaction, build and workspace switch (see WriteLock). */
  readonly lock = new WriteLock();
  private host: EngineHost | null = null;
  private storage: WorkspaceStorage | null = null;
  private generation = 0;
  private killPoint: 'commit' | 'persist' | null = null;
  private markReady: (writer: QueryManager) => void = () => undefined;
  private readonly readyPromise = new Promise<QueryManager>((resolve) => (this.markReady = resolve));

  constructor(private readonly options: WorkspaceOptions) {
    this.state = options.state;
    this.memory = new MappingMemory(options.kv);
    this.screen = new ScreenBuilder({
      state: this.state,
      kv: options.kv,
      lock: this.lock,
      engine: () => (this.host && this.storage ? { host: this.host, storage: this.storage } : null),
      generation: () => this.generation,
      langs: () => options.langs?.() ?? ['zh-CN'],
      keepSettings: (next) => this.keepSettings(next),
    });
    this.loads = new LoadQueue({
      state: this.state,
      sources: options.sources,
      memory: this.memory,
      ready: () => this.ready(),
      leaveDemo: () => this.leaveDemo(),
      adoptFactsBundle: (staged, url) => this.adoptFactsBundle(staged, url),
      change: (work, o) => this.change(work, o),
      settle: () => this.settle(),
    });
  }

  /** The reader connection (panels, drills, exports), null before start-up. */
  get reader(): QueryManager | null {
    return this.host?.reader ?? null;
  }

  /** The last statements both connections ran, with their times, oldest first (profiling). */
  statements(): StatementTiming[] {
    if (!this.host) return [];
    return [...this.host.reader.statements.list(), ...this.host.writer.statements.list()].sort((a, b) => a.endedAt - b.endedAt);
  }

  /** The engine, once the first workspace is open. */
  ready(): Promise<QueryManager> {
    return this.readyPromise;
  }

  /** The rows generation of the open workspace (bumped by every committed change). */
  get rowsGeneration(): number {
    return this.generation;
  }

  /** Stops the engine at once, as a crash would (the crash and kill-during-save tests). */
  kill(): void {
    this.host?.kill();
    this.state.engineFailure ??= 'The database worker stopped.';
  }

  /**
   * Test hook: the next save is killed at `point`, with the engine stopped as a crash would stop
   * it: just before a change commits ('commit') or just before committed changes are made
   * durable ('persist'). The kill-during-save e2e reloads then and finds the last complete state.
   */
  killDuringNextSave(point: 'commit' | 'persist'): void {
    this.killPoint = point;
  }

  private killIfAt(point: 'commit' | 'persist'): void {
    if (this.killPoint !== point) return;
    this.killPoint = null;
    this.kill();
    throw new Error(`The database worker stopped (killed before the ${point}).`);
  }

  /**
   * Starts: draws the stored screen of the workspace that was open (or the demo's), starts the
   * engine, opens that workspace, and rebuilds only when its stored build is not current.
   */
  async start(): Promise<void> {
    const s = this.state;
    try {
      const saved = await this.options.kv.getValue<string>(CURRENT_KEY).catch(() => null);
      const demo = demoWorkspaceName(this.demoSize());
      const target = saved ?? (this.options.startEmpty ? s.name : demo);
      // Until the engine opens it, the header names what the stored screen shows.
      s.name = target;
      s.source = target === demo ? 'demo' : 'files';
      if (!(await this.screen.showStored(target)) && target === demo) await this.showPrebuiltScreen();
      this.host = await this.options.startEngine();
      this.storage = this.options.makeStorage(this.host);
      s.bundle = this.host.bundle;
      s.storage = this.storage.kind;
      s.waitingForOtherTab = false;
      s.phase = 'loading';
      await this.memory.ready;
      await this.lock.run(() => (target === demo ? this.openDemoLocked() : this.openLocked(target)));
      s.phase = 'ready';
      this.markReady(this.host.writer);
      await this.screen.openBuild();
    } catch (e) {
      s.error = (e as Error).message ?? String(e);
      s.phase = 'error';
      s.engineFailure ??= fatalEngineMessage(e);
    }
  }

  private demoSize(): number {
    return this.options.demoCustomers ?? DEFAULT_DEMO_CUSTOMERS;
  }

  private async showPrebuiltScreen(): Promise<void> {
    if (this.demoSize() !== DEFAULT_DEMO_CUSTOMERS) return;
    const shipped = await this.options.prebuiltDemo?.screen().catch(() => null);
    if (!shipped) return;
    const screen = this.state.screen;
    screen.ctx = shipped.ctx;
    screen.panels = shipped.panels;
    screen.storedKey = shipped.buildKey;
    screen.revalidating = true;
  }

  /** Opens a saved workspace (or creates it empty) and makes it current. Holds the lock. */
  private async openLocked(name: string): Promise<void> {
    const s = this.state;
    const meta = await this.storage!.open(name);
    // Rows of a load cut short (a crash between its rows and its line in the files list) go.
    if (meta?.source === 'files') await removeOrphanRows(this.host!.writer, meta.files.map((f) => f.sourceId));
    s.name = name;
    s.source = meta?.source ?? 'files';
    s.files = meta?.files ?? [];
    s.dataUrl = meta?.dataUrl ?? null;
    s.demoReport = meta?.demo ?? null;
    s.factsBundle = meta?.source === 'bundle' ? (meta.factsBundle ?? null) : null;
    this.generation = meta?.generation ?? 0;
    await this.adoptSavedSettings(name);
    await this.options.kv.setValue(CURRENT_KEY, name).catch(() => undefined);
    s.epoch++;
    s.dataVersion++;
  }

  /** Takes a workspace's saved settings, if it has any (the demo's are not saved: it keeps the current ones). */
  private async adoptSavedSettings(name: string): Promise<void> {
    const saved = await this.options.kv.getValue<Partial<AnalyticsSettings>>(settingsKey(name)).catch(() => null);
    if (saved) this.state.settings = { ...structuredClone(DEFAULT_SETTINGS), ...saved };
  }

  /** Opens the demo company's workspace, filling it on first use (prebuilt tables, else generated). Holds the lock. */
  private async openDemoLocked(): Promise<void> {
    const customers = this.demoSize();
    await this.openLocked(demoWorkspaceName(customers));
    if (this.generation > 0) return;
    const writer = this.host!.writer;
    await this.changeLocked(async () => {
      this.state.source = 'demo';
      const prebuilt = await this.options.prebuiltDemo?.fill(writer, customers).catch(() => null);
      if (prebuilt) this.state.demoReport = prebuilt;
      else {
        const ordersPerCustomer = customers > 100_000 ? 10 : undefined;
        await clearStoredTables(writer);
        this.state.demoReport = await loadDemo(writer, { customers, ordersPerCustomer });
      }
    });
    await this.persistLocked();
  }

  /**
   * One committed change of the open workspace's rows: `work` runs in a writer transaction that
   * also records the files list; on failure everything rolls back, the state's files list
   * included. After the commit the change is made durable (unless `persist` is false: the caller
   * settles several changes at once) and the screen rebuilt (unless `rebuild` is false).
   */
  async change<T>(work: () => Promise<T>, options: { rebuild?: boolean; persist?: boolean } = {}): Promise<T> {
    const out = await this.lock.run(() => this.changeLocked(work));
    if (options.persist !== false) await this.persist();
    if (options.rebuild !== false) void this.screen.rebuild();
    return out;
  }

  private async changeLocked<T>(work: () => Promise<T>): Promise<T> {
    const s = this.state;
    const before = { files: s.files, source: s.source, dataUrl: s.dataUrl, demoReport: s.demoReport, factsBundle: s.factsBundle, generation: this.generation };
    let out: T;
    try {
      out = await inTransaction(this.host!.writer, async () => {
        const result = await work();
        this.generation++;
        await this.storage!.stageMeta(s.name, metaOf(s, this.generation));
        return result;
      }, () => this.killIfAt('commit'));
    } catch (e) {
      Object.assign(s, { files: before.files, source: before.source, dataUrl: before.dataUrl, demoReport: before.demoReport, factsBundle: before.factsBundle });
      this.generation = before.generation;
      s.engineFailure ??= fatalEngineMessage(e);
      throw e;
    }
    this.host!.reader.invalidate();
    s.dataVersion++;
    return out;
  }

  /** Makes the committed changes durable and rebuilds the screen once. */
  async settle(): Promise<void> {
    await this.persist();
    void this.screen.rebuild();
  }

  private persist(): Promise<void> {
    return this.lock.run(() => this.persistLocked());
  }

  private async persistLocked(): Promise<void> {
    this.killIfAt('persist');
    await this.storage!.persist(this.state.name, metaOf(this.state, this.generation));
    this.state.savedVersion++;
  }

  /**
   * Before rows load: switches the first user file away from the demo company into the default
   * workspace; a workspace showing a facts bundle drops the bundle's tables and takes rows again.
   */
  async leaveDemo(): Promise<void> {
    if (this.state.source === 'bundle') {
      await this.loads.forgetUndo();
      await this.lock.run(() => this.changeLocked(async () => {
        await dropDerived(this.host!.writer);
        this.state.source = 'files';
        this.state.factsBundle = null;
      }));
      return;
    }
    if (this.state.source !== 'demo') return;
    await this.loads.forgetUndo();
    await this.lock.run(() => this.openLocked(DEFAULT_WORKSPACE));
    this.state.source = 'files';
    this.state.demoReport = null;
    await this.screen.showStored(DEFAULT_WORKSPACE);
  }

  /**
   * Makes a checked and staged facts bundle (stageFactsBundle) what the screen shows, in one
   * committed change: in place when the open workspace shows a bundle or holds nothing, else in a
   * workspace of its own named after the bundle (the demo company and loaded files stay as they
   * are). Its rows are the bundle's tables, its settings the manifest's. `url`: the data URL of its
   * manifest (kept, so the wall re-reads it), or null for a drop. The caller persists and rebuilds (settle).
   */
  async adoptFactsBundle(staged: StagedBundle, url: string | null): Promise<void> {
    const s = this.state;
    await this.loads.forgetUndo();
    const target = await this.bundleTarget(staged.label);
    const info = bundleInfoOf(staged, url);
    const switching = target !== s.name;
    const previous = s.name;
    await this.lock.run(async () => {
      try {
        if (switching) await this.openLocked(target);
        await this.changeLocked(async () => {
          await adoptStaged(this.host!.writer, staged);
          s.source = 'bundle';
          s.files = [];
          s.demoReport = null;
          s.factsBundle = info;
          if (url) s.dataUrl = url;
        });
      } catch (e) {
        // The bundle did not take: back to what was open, as it was.
        if (switching && s.name !== previous) await this.openLocked(previous).catch(() => undefined);
        throw e;
      } finally {
        // Staged in another workspace (the one open when the bundle came): nothing of it stays there.
        if (switching) await dropStaged(this.host!.writer, staged.schema).catch(() => undefined);
      }
    });
    s.settings = { ...structuredClone(DEFAULT_SETTINGS), ...info.settings };
    await this.options.kv.setValue(settingsKey(s.name), JSON.parse(JSON.stringify(s.settings))).catch(() => undefined);
    if (switching) await this.screen.showStored(target);
  }

  /**
   * Where a bundle goes: the open workspace when it shows a bundle or is an empty user workspace;
   * from the demo company, the default workspace unless it holds files; else a workspace named
   * after the bundle (with a number when a workspace of that name holds files).
   */
  private async bundleTarget(label: string): Promise<string> {
    const s = this.state;
    if (s.source === 'bundle' || (s.source === 'files' && s.files.length === 0 && !s.name.startsWith(INTERNAL_PREFIX))) return s.name;
    const saved = await this.lock.run(() => this.storage!.list());
    const holdsFiles = (name: string) => saved.some((w) => w.name === name && w.files > 0);
    if (s.source === 'demo' && !holdsFiles(DEFAULT_WORKSPACE)) return DEFAULT_WORKSPACE;
    const base = label.trim() || 'facts bundle';
    let name = base;
    for (let n = 2; holdsFiles(name) || name === s.name; n++) name = `${base} (${n})`;
    return name;
  }

  /** The saved workspaces (the demo's left out), once the engine is up. */
  async list(): Promise<WorkspaceInfo[]> {
    await this.ready();
    return this.lock.run(() => this.storage!.list());
  }

  /** Changes settings: saved with the workspace at once, and the screen rebuilt (only what they touch). */
  updateSettings(next: AnalyticsSettings): void {
    this.keepSettings(next);
    if (this.state.phase === 'ready') void this.screen.rebuild();
  }

  /** Replaces and persists the settings without a rebuild (the screen builder records the back-test's pick this way). */
  private keepSettings(next: AnalyticsSettings): void {
    this.state.settings = next;
    if (!this.state.name.startsWith(INTERNAL_PREFIX)) void this.options.kv.setValue(settingsKey(this.state.name), JSON.parse(JSON.stringify(next))).catch(() => undefined);
  }

  /** Saves the current data under a new name (raw files included) and makes it current. */
  async saveAs(name: string): Promise<void> {
    await this.ready();
    await this.screen.idle();
    const s = this.state;
    const previous = s.name;
    await this.lock.run(async () => {
      // A copy of the demo company is the user's files; a bundle's copy stays a bundle.
      const source = s.source === 'bundle' ? 'bundle' : 'files';
      await this.storage!.copyCurrentTo(name, { ...metaOf(s, this.generation), source });
      if (s.source === 'files') await this.options.sources.copySources(previous, name);
      s.name = name;
      s.source = source;
      await this.options.kv.setValue(CURRENT_KEY, name);
      await this.options.kv.setValue(settingsKey(name), JSON.parse(JSON.stringify(s.settings)));
      s.savedVersion++;
    });
    await this.screen.openBuild();
  }

  /** Starts an empty workspace under a new name (default settings); the analyst drops its files next. */
  async newWorkspace(name: string, defaults: AnalyticsSettings): Promise<void> {
    await this.ready();
    await this.loads.forgetUndo();
    await this.options.kv.setValue(settingsKey(name), JSON.parse(JSON.stringify(defaults)));
    await this.lock.run(async () => {
      this.state.settings = defaults;
      await this.openLocked(name);
      this.state.source = 'files';
      await this.changeLocked(async () => undefined);
      await this.persistLocked();
    });
    await this.screen.showStored(name);
    await this.screen.rebuild();
  }

  /** Opens another saved workspace (the current one is already saved). */
  async openWorkspace(name: string): Promise<void> {
    await this.ready();
    if (name === this.state.name) return;
    const known = (await this.list()).some((w) => w.name === name);
    if (!known) throw new Error(`No saved workspace named "${name}".`);
    const s = this.state;
    s.phase = 'loading';
    try {
      await this.loads.forgetUndo();
      // Its settings before its stored screen: the screen drawn must never sit beside the
      // previous workspace's settings (the settings tab, the churn rule in the header).
      await this.adoptSavedSettings(name);
      await this.screen.showStored(name);
      await this.lock.run(() => this.openLocked(name));
    } finally {
      s.phase = 'ready';
    }
    await this.screen.openBuild();
  }

  /** Deletes a saved workspace; deleting the open one goes back to the demo company. */
  async deleteWorkspace(name: string): Promise<void> {
    await this.ready();
    if (name === this.state.name) await this.startOverWithDemo();
    await this.lock.run(() => this.storage!.remove(name));
    await this.options.sources.deleteWorkspaceSources(name);
    await this.options.kv.deleteValue(settingsKey(name));
    await forgetStoredScreen(this.options.kv, name);
    this.state.savedVersion++;
  }

  /** "Delete all data": every saved workspace, file, setting and stored screen; back to the demo company. */
  async clearAll(defaults: AnalyticsSettings): Promise<void> {
    await this.ready();
    await this.loads.forgetUndo();
    await this.options.sources.clearAll();
    await this.options.kv.setValue(CURRENT_KEY, null).catch(() => undefined);
    this.memory.forgetAll();
    this.state.settings = defaults;
    await this.lock.run(() => this.storage!.clearAll(demoWorkspaceName(this.demoSize())));
    await this.startOverWithDemo();
    this.state.savedVersion++;
  }

  private async startOverWithDemo(): Promise<void> {
    await this.loads.forgetUndo();
    await this.screen.showStored(demoWorkspaceName(this.demoSize()));
    await this.lock.run(() => this.openDemoLocked());
    await this.screen.openBuild();
  }

  /** Keeps a data URL with the workspace (null stops it). */
  async setDataUrl(url: string | null): Promise<void> {
    await this.ready();
    await this.change(async () => {
      this.state.dataUrl = url;
    }, { rebuild: false });
  }
}
