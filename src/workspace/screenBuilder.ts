import type { QueryManager } from '../engine/queryManager';
import { toRows } from '../engine/rows';
import { lit } from '../engine/sql';
import { prepareScreen, type ScreenContext } from '../analytics/screen/prepareScreen';
import { SCREEN_PANELS, type PanelId } from '../analytics/screen/panels';
import type { ScreenLang } from '../analytics/screen/lang';
import { redCustomerIdsSql } from '../analytics/screen/changes';
import { readTriggers } from '../analytics/triggers/computeTriggers';
import { flagNewTriggers, triggerKey } from '../analytics/triggers/diff';
import { tableExists } from '../analytics/common/meta';
import { pickToRecord } from '../analytics/backtest/recordPick';
import type { AnalyticsSettings } from '../analytics/settings';
import { TRIGGERS_TABLE } from '../analytics/triggers/kinds';
import { ensureBundleTables, providedOf } from './factsBundle/adopt';
import type { EngineHost } from './engineHost';
import type { WorkspaceState } from './state';
import type { KeyValueStore } from './storage/keyValue';
import type { WorkspaceStorage } from './storage/types';
import { buildKey } from './buildKey';
import type { WriteLock } from './writeLock';
import { CODE_VERSION, readStoredScreen, writeStoredScreen, type PanelResults } from './storedScreen';

/** The panels that read the deferred steps' results (the back-test line of the diagnosis). */
const DEFERRED_PANELS: readonly PanelId[] = ['diagnosis'];

/** The table recording which build the derived tables hold: its key and prepared context. */
export const BUILD_TABLE = 'cw_build';

/** What the screen builder needs of the workspace around it. */
export interface ScreenHost {
  readonly state: WorkspaceState;
  readonly kv: KeyValueStore;
  /** The writer's lock: a build holds it from its first statement to the stored build record. */
  readonly lock: WriteLock;
  /** The engine and storage once started (null before). */
  engine(): { host: EngineHost; storage: WorkspaceStorage } | null;
  /** The generation of the open workspace's rows. */
  generation(): number;
  /** Languages whose panel results a build publishes, the screen's current one first. */
  langs(): ScreenLang[];
  /** Replaces and persists the workspace's settings without starting a build (the builder decides). */
  keepSettings(next: AnalyticsSettings): void;
}

interface Before {
  red: Set<string>;
  triggers: Awaited<ReturnType<typeof readTriggers>>;
}

/**
 * The prepared analytics behind every panel and the panels' unfiltered results. A build records
 * its key and context in cw_build when it has finished (a build cut short by a crash leaves no
 * record, so the next open rebuilds), then publishes each panel's result as soon as it is
 * computed (KPIs first; the screen keeps showing the previous results until then) and stores the
 * drawn screen for the next open.
 */
export class ScreenBuilder {
  private queue: Promise<void> = Promise.resolve();
  private plainQueued = false;
  /** True while a refresh re-reads data itself, so a data change during it does not build twice. */
  private holding = false;

  constructor(private readonly host: ScreenHost) {}

  /** Shows a workspace's stored screen (before the engine is up); true when there was one. */
  async showStored(workspace: string): Promise<boolean> {
    const stored = await readStoredScreen(this.host.kv, workspace);
    const screen = this.host.state.screen;
    if (!stored) {
      screen.ctx = null;
      screen.panels = {};
      return false;
    }
    screen.ctx = stored.ctx;
    screen.panels = stored.panels;
    screen.revalidating = true;
    screen.storedKey = stored.buildKey;
    return true;
  }

  /**
   * After a workspace opened: when its derived tables already hold the current build (same code,
   * rows and settings), adopt them without recomputing, else rebuild.
   */
  async openBuild(): Promise<void> {
    const engine = this.host.engine();
    if (!engine) return;
    const key = this.currentKey();
    const record = engine.storage.keepsDerivedTables ? await readBuildRecord(engine.host.reader) : null;
    if (record?.key !== key) return this.rebuild();
    return this.enqueue(async () => {
      const screen = this.host.state.screen;
      screen.ctx = record.ctx;
      if (screen.storedKey !== key) await this.publish(engine.host.reader, record.ctx, key);
      screen.revalidating = false;
      screen.version++;
      // A build stored before its back-test's pick was recorded (the app closed in between).
      this.applyPick(record.ctx, this.dataVersion());
    });
  }

  /** Rebuilds after a data or settings change (several changes in a row build once). */
  rebuild(): Promise<void> {
    if (this.holding || this.plainQueued) return this.queue;
    this.plainQueued = true;
    return this.enqueue(async () => {
      this.plainQueued = false;
      await this.build(null);
    });
  }

  /**
   * Wall refresh: optionally re-reads the data first (a data URL), then rebuilds and records
   * what changed since before the re-read (newly red customers, new triggers).
   */
  refresh(reload?: () => Promise<unknown>): Promise<void> {
    return this.enqueue(async () => {
      const before = await this.captureBefore();
      this.holding = true;
      try {
        await reload?.();
      } finally {
        this.holding = false;
      }
      await this.build(before);
    });
  }

  /** Resolves when every queued build has run. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** The rows' version a back-test pick is recorded for: the workspace and its generation (generations restart in every workspace). */
  private dataVersion(): string {
    return `${this.host.state.name}#${this.host.generation()}`;
  }

  private currentKey(): string {
    return buildKey(this.host.generation(), this.host.state.settings);
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const screen = this.host.state.screen;
    screen.pending++;
    const run = () => work().finally(() => screen.pending--);
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  private async captureBefore(): Promise<Before | null> {
    const engine = this.host.engine();
    if (!engine || !this.host.state.screen.ctx || !(await tableExists(engine.host.reader, 'cw_customer_risk'))) return null;
    const reader = engine.host.reader;
    const red = new Set(toRows<{ customer_id: string }>(await reader.query(redCustomerIdsSql(), { cache: false })).map((r) => r.customer_id));
    return { red, triggers: await triggersOf(reader) };
  }

  private async build(before: Before | null): Promise<void> {
    const engine = this.host.engine();
    const state = this.host.state;
    if (!engine || state.phase !== 'ready') return;
    const { host, storage } = engine;
    const screen = state.screen;
    screen.preparing = true;
    screen.updating = Object.keys(SCREEN_PANELS) as PanelId[];
    // The back-test's pick is sticky per data change: new rows drop it, and this build draws with
    // the provisional definition until the back-test has picked again.
    const data = this.dataVersion();
    if (state.settings.definitionPick && state.settings.definitionPick.data !== data) this.host.keepSettings({ ...state.settings, definitionPick: null });
    let built: ScreenContext | null = null;
    try {
      // The writer's lock for the whole build: no load commits half-way through it.
      await this.host.lock.run(async () => {
        const key = this.currentKey();
        // No transaction around the build: DuckDB plans joins over tables created inside an open
        // transaction without their statistics (one statement went from 0.5 s to 47 s). The build
        // record is dropped first and written last instead, so a build cut short is never adopted.
        await host.writer.exec(`DROP TABLE IF EXISTS ${BUILD_TABLE}`);
        let drawnEarly = false;
        // A facts bundle's screen is built from its tables, with the settings of the run that wrote them.
        const bundle = state.source === 'bundle' ? state.factsBundle : null;
        if (bundle) await ensureBundleTables(host.writer, bundle.tables);
        const { ran, ...ctx } = await prepareScreen(host.writer, bundle ? { ...state.settings, ...bundle.settings } : state.settings, {
          memo: { codeVersion: CODE_VERSION, dataVersion: String(this.host.generation()) },
          provided: bundle ? providedOf(bundle) : null,
          onKpisReady: (early) => this.publishKpis(host, early),
          // The whole screen before the deferred steps (the back-test); then only the panels that read them.
          onDrawable: async (drawable) => {
            host.reader.invalidate();
            screen.ctx = drawable;
            await this.publish(host.reader, drawable, null);
            screen.drawn++;
            drawnEarly = true;
          },
        });
        screen.lastRan = ran;
        built = ctx;
        await host.writer.exec(writeBuildRecordSql(key, ctx));
        host.reader.invalidate();
        screen.ctx = ctx;
        await this.publish(host.reader, ctx, key, drawnEarly ? DEFERRED_PANELS : undefined);
        if (!drawnEarly) screen.drawn++;
        // Persisted after the panels are drawn: the checkpoint (seconds at M) never delays the
        // screen, and a crash before it reopens the last checkpointed build, which the build
        // record then finds stale and rebuilds.
        await storage.persist(state.name, metaOf(state, this.host.generation()));
      });
      if (before) await this.recordChanges(host.reader, before);
      screen.error = null;
      screen.revalidating = false;
      screen.version++;
      this.applyPick(built, data);
    } catch (e) {
      screen.error = (e as Error).message ?? String(e);
      state.engineFailure ??= fatalEngineMessage(e);
    } finally {
      screen.preparing = false;
      screen.updating = [];
    }
  }

  /**
   * When the user has not chosen the churn rule and the deferred back-test rated a definition
   * (src/analytics/README.md "Choosing the default non-contractual definition by the back-test"),
   * records its pick once for these rows and rebuilds: decide then reads it, and the status
   * and everything that reads it are rebuilt (the facts, fits and RFM are kept).
   */
  private applyPick(ctx: ScreenContext | null, data: string): void {
    if (!ctx) return;
    const settings = this.host.state.settings;
    const pick = pickToRecord(settings, ctx, ctx.families.backtest ?? null, data);
    if (!pick) return;
    this.host.keepSettings({ ...settings, definitionPick: pick });
    void this.rebuild();
  }

  /**
   * The KPI strip of a build whose late families (structural, service, diagnosis) are still to
   * run: drawn at once, so a settings change reaches the KPIs first. `early` is good for the KPI
   * loader only; publish() recomputes every panel with the full context after.
   */
  private async publishKpis(host: EngineHost, early: ScreenContext): Promise<void> {
    host.reader.invalidate();
    const screen = this.host.state.screen;
    for (const lang of this.host.langs()) {
      const kpis = await SCREEN_PANELS.kpis(host.reader, early, [], lang).catch(() => undefined);
      if (kpis === undefined) return;
      screen.panels = { ...screen.panels, [lang]: { ...screen.panels[lang], kpis } };
    }
    screen.updating = screen.updating.filter((p) => p !== 'kpis');
    screen.kpisDrawn++;
  }

  /**
   * Computes every panel's unfiltered result (or only the panels `only` names, keeping the
   * others), publishing each as it is ready, then stores the screen under `key` (null: a screen
   * drawn before its deferred steps, not stored).
   */
  private async publish(reader: QueryManager, ctx: ScreenContext, key: string | null, only?: readonly PanelId[]): Promise<void> {
    const screen = this.host.state.screen;
    const fresh: Partial<Record<string, PanelResults>> = {};
    for (const lang of this.host.langs()) {
      const results: PanelResults = only ? { ...screen.panels[lang] } : {};
      for (const [id, loader] of Object.entries(SCREEN_PANELS) as [PanelId, (typeof SCREEN_PANELS)[PanelId]][]) {
        if (only && !only.includes(id)) continue;
        try {
          results[id] = await loader(reader, ctx, [], lang);
        } catch {
          // Left out: the panel queries for itself and shows the error in its frame.
          continue;
        }
        screen.panels = { ...screen.panels, [lang]: { ...(fresh[lang] ?? screen.panels[lang]), ...results } };
        screen.updating = screen.updating.filter((p) => p !== id);
        if (id === 'kpis') screen.kpisDrawn++;
      }
      fresh[lang] = results;
    }
    screen.panels = fresh;
    if (key === null) return;
    screen.storedKey = key;
    await writeStoredScreen(this.host.kv, this.host.state.name, { codeVersion: CODE_VERSION, buildKey: key, ctx, panels: fresh }).catch(() => undefined);
  }

  private async recordChanges(reader: QueryManager, before: Before): Promise<void> {
    const screen = this.host.state.screen;
    const red = toRows<{ customer_id: string }>(await reader.query(redCustomerIdsSql(), { cache: false })).map((r) => r.customer_id);
    const fresh = flagNewTriggers(before.triggers, await triggersOf(reader)).filter((t) => t.isNew).map(triggerKey);
    screen.newTriggerKeys = fresh;
    screen.changes = { at: new Date().toISOString(), newlyRed: red.filter((id) => !before.red.has(id)), newTriggers: fresh };
  }
}

/** The triggers of the last build (none when no build wrote them: a facts bundle has none). */
async function triggersOf(reader: QueryManager): Promise<Awaited<ReturnType<typeof readTriggers>>> {
  return (await tableExists(reader, TRIGGERS_TABLE)) ? readTriggers(reader) : [];
}

/** The meta of the open workspace as the state holds it. */
export function metaOf(state: WorkspaceState, generation: number) {
  return { source: state.source, files: state.files, dataUrl: state.dataUrl, generation, demo: state.demoReport, factsBundle: state.factsBundle };
}

function writeBuildRecordSql(key: string, ctx: ScreenContext): string {
  return `CREATE OR REPLACE TABLE ${BUILD_TABLE} AS SELECT ${lit(key)} AS key, ${lit(JSON.stringify(ctx))} AS ctx`;
}

/** The build the open workspace's derived tables hold, or null. */
async function readBuildRecord(reader: QueryManager): Promise<{ key: string; ctx: ScreenContext } | null> {
  if (!(await tableExists(reader, BUILD_TABLE))) return null;
  const [row] = toRows<{ key: string; ctx: string }>(await reader.query(`SELECT key, ctx FROM ${BUILD_TABLE}`, { cache: false }));
  return row ? { key: row.key, ctx: JSON.parse(row.ctx) as ScreenContext } : null;
}

/** Errors after which DuckDB-WASM cannot be trusted to go on (memory exhausted, WebAssembly trap). */
export function isFatalEngineError(message: string): boolean {
  return /out of memory|memory access out of bounds|aborted\(|unreachable|runtimeerror|worker stopped/i.test(message);
}

/** The message of a fatal engine error, else null. */
export function fatalEngineMessage(e: unknown): string | null {
  const message = (e as Error)?.message ?? String(e);
  return isFatalEngineError(message) ? message : null;
}
