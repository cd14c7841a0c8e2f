import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../../src/analytics/settings';
import { createNodeHost } from '../../src/workspace/nodeHost';
import { initialState } from '../../src/workspace/state';
import { MemoryStore } from '../../src/workspace/storage/keyValue';
import { SchemaStorage } from '../../src/workspace/storage/schemaStorage';
import { DEFAULT_WORKSPACE, settingsKey, Workspace } from '../../src/workspace/workspace';
import { fitParetoNbd, paretoNbdPAlive } from '../../src/analytics/models/paretoNbd';
import { pickChurnRule } from '../../src/analytics/status/pickRule';
import { pickToRecord } from '../../src/analytics/backtest/recordPick';
import { backtestLine } from '../../src/analytics/screen/diagnosis';
import { analyzeWorkspace } from '../../src/analytics/report';
import type { QueryManager } from '../../src/engine/queryManager';
import { createTestEngine, rowsOf, SHARED_DATA } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';

const SAMPLE = path.join(SHARED_DATA, 'cdnow/CDNOW_sample.txt');
const AS_OF = '1997-09-30';

/**
 * The Pareto/NBD status as of AS_OF counted from the raw rows: (x, t_x, T) of every customer's
 * distinct purchase days, the model fitted on them, P(alive) against the default cut-offs.
 */
async function paretoStatusFromRaw(qm: QueryManager): Promise<Record<string, number>> {
  const h = await rowsOf<{ x: number; tx: number; T: number; n: number }>(qm, `
    WITH p AS (SELECT DISTINCT customer_id, CAST(order_date AS DATE) AS d FROM orders
      WHERE NOT coalesce(is_return, false) AND CAST(order_date AS DATE) <= DATE '${AS_OF}'),
    h AS (SELECT customer_id, CAST(count(*) - 1 AS DOUBLE) AS x, CAST((max(d) - min(d)) / 7.0 AS DOUBLE) AS tx,
      CAST((DATE '${AS_OF}' - min(d)) / 7.0 AS DOUBLE) AS "T" FROM p GROUP BY customer_id)
    SELECT x, tx, "T", count(*)::DOUBLE AS n FROM h GROUP BY ALL ORDER BY ALL`);
  const fit = fitParetoNbd({ x: Float64Array.from(h, (r) => r.x), tx: Float64Array.from(h, (r) => r.tx), T: Float64Array.from(h, (r) => r.T), weights: Float64Array.from(h, (r) => r.n) })!;
  const out: Record<string, number> = {};
  for (const r of h) {
    const p = paretoNbdPAlive(fit, r.x, r.tx, r.T);
    const st = p >= DEFAULT_SETTINGS.pAliveActive ? 'active' : p < DEFAULT_SETTINGS.pAliveChurned ? 'churned' : 'silent';
    out[st] = (out[st] ?? 0) + r.n;
  }
  return out;
}

const statusCounts = async (qm: QueryManager) => Object.fromEntries(
  (await rowsOf<{ status: string; n: number }>(qm, 'SELECT status, count(*)::INTEGER AS n FROM cw_customer_status GROUP BY status')).map((r) => [r.status, r.n]));

describe('the default non-contractual definition is the one the back-test rates best (metrics.md section 1)', () => {
  const presence = { labeledChurned: 0, subscribers: 0, repeatBuyers: 900, buyers: 2000, customers: 2000 } as Parameters<typeof pickChurnRule>[0];
  const base = { churnRule: null, modelMinRepeatCustomers: 500, aliveModel: null, definitionPick: null } as const;

  it('applies a recorded pick to transaction data only, the user\'s rule and P(alive) model winning', () => {
    expect(pickChurnRule(presence, base)).toMatchObject({ rule: 'model', aliveModel: 'bgnbd', source: 'auto' });
    const pick = { name: 'paretoNbd', score: 0.41, data: null } as const;
    expect(pickChurnRule(presence, { ...base, definitionPick: pick })).toMatchObject({ rule: 'model', aliveModel: 'paretoNbd', source: 'backtest', note: null });
    expect(pickChurnRule(presence, { ...base, definitionPick: pick }).reason).toBe('chosen by the back-test: Pareto/NBD P(alive) (score +0.41)');
    expect(pickChurnRule({ ...presence, repeatBuyers: 30 }, { ...base, definitionPick: { name: 'rule', score: 0.2, data: null } })).toMatchObject({ rule: 'rule', source: 'backtest' });
    expect(pickChurnRule(presence, { ...base, churnRule: 'rule', definitionPick: pick })).toMatchObject({ rule: 'rule', source: 'settings' });
    expect(pickChurnRule(presence, { ...base, aliveModel: 'bgnbd', definitionPick: pick })).toMatchObject({ rule: 'model', aliveModel: 'bgnbd', source: 'backtest' });
    expect(pickChurnRule({ ...presence, subscribers: 3 }, { ...base, definitionPick: pick })).toMatchObject({ rule: 'contractual', source: 'auto' });
    // A negative score is said, not picked silently.
    expect(pickChurnRule(presence, { ...base, definitionPick: { name: 'bgnbd', score: -0.16, data: null } }).note).toContain('scores -0.16');
  });

  it('records a pick once per data change, and only when the user has not chosen the rule', () => {
    const cls = (active: [number, number], churned: [number, number]) => [
      { status: 'active', customers: active[0], cameBack: active[1], share: active[1] / active[0] },
      { status: 'churned', customers: churned[0], cameBack: churned[1], share: churned[1] / churned[0] },
    ];
    const bt = { t0: '2024-01-01', asOf: '2024-06-01', horizonDays: 152, definitions: [
      { name: 'rule' as const, classes: cls([100, 50], [50, 10]) },
      { name: 'bgnbd' as const, classes: cls([100, 20], [50, 20]) },
      { name: 'paretoNbd' as const, classes: cls([100, 70], [50, 5]) },
    ] };
    const decided = { churnRule: 'model' as const, aliveModel: 'bgnbd' as const };
    expect(pickToRecord(base, decided, bt, 'w#1')).toEqual({ name: 'paretoNbd', score: 0.7 - 0.1, data: 'w#1' });
    expect(pickToRecord({ ...base, definitionPick: { name: 'rule', score: 0.3, data: 'w#1' } }, decided, bt, 'w#1')).toBeNull();
    expect(pickToRecord({ ...base, churnRule: 'model' }, decided, bt, 'w#1')).toBeNull();
    expect(pickToRecord(base, { ...decided, churnRule: 'contractual' }, bt, 'w#1')).toBeNull();
    expect(pickToRecord(base, decided, null, 'w#1')).toBeNull();
    // Nothing rated (a class under 20 customers): no pick.
    expect(pickToRecord(base, decided, { ...bt, definitions: bt.definitions.map((d) => ({ ...d, classes: cls([10, 5], [5, 1]) })) }, 'w#1')).toBeNull();
  });

  it('CLI report on CDNOW_sample as of 1997-09-30: picked by the back-test before status, Pareto/NBD status as counted from the raw rows', async () => {
    const qm = await createTestEngine();
    await loadSharedFile(qm, 'cdnow/CDNOW_sample.txt');
    const report = await analyzeWorkspace(qm, { ...DEFAULT_SETTINGS, asOf: AS_OF });
    expect(report.sections.churnRule).toBe('model');
    expect(report.sections.churnRuleReason).toBe('chosen by the back-test: Pareto/NBD P(alive) (score +0.41)');
    const expected = await paretoStatusFromRaw(qm);
    expect(await statusCounts(qm)).toEqual(expected);
    const customers = report.sections.customers as Record<string, number>;
    expect([customers.active, customers.silent, customers.churned]).toEqual([expected.active, expected.silent, expected.churned]);
    // The red tier now excludes the customers Pareto/NBD called churned at T0.
    const bt = report.sections.backtest as { definitions: { name: string; classes: { status: string; customers: number; cameBack: number }[] }[]; redTier: { churned: number } };
    const pn = bt.definitions.find((d) => d.name === 'paretoNbd')!.classes.filter((c) => c.status !== 'churned');
    expect(bt.redTier.churned).toBe(pn.reduce((a, c) => a + c.customers - c.cameBack, 0));
  }, 300_000);

  describe('in the app', () => {
    let ws: Workspace;
    let reader: QueryManager;
    let kv: MemoryStore;
    let raw: Record<string, number>;

    beforeAll(async () => {
      const host = await createNodeHost();
      reader = host.reader;
      kv = new MemoryStore();
      ws = new Workspace({
        state: initialState({ ...structuredClone(DEFAULT_SETTINGS), asOf: AS_OF }, DEFAULT_WORKSPACE),
        startEngine: async () => host,
        makeStorage: (h) => new SchemaStorage(h.reader, h.writer, 'memory', true),
        kv, sources: kv, demoCustomers: 300, langs: () => ['zh-CN'],
      });
      await ws.start();
      await ws.screen.idle();
      // The demo has subscriptions: contractual, so nothing is picked for it.
      expect(ws.state.settings.definitionPick).toBeNull();
      await ws.loads.addFiles([new File([readFileSync(SAMPLE)], 'CDNOW_sample.txt', { type: 'text/plain' })]);
      await ws.screen.idle();
      // The headerless file waits for the analyst to confirm its mapping (confidence 0.69): confirm it.
      const file = ws.state.files.find((f) => f.file === 'CDNOW_sample.txt')!;
      const columns = Object.fromEntries(Object.entries(file.mapping).map(([canonical, source]) => [source, canonical]));
      await ws.loads.reloadFile(file.sourceKey, null, { table: 'orders', columns });
      await ws.screen.idle();
      expect(ws.state.files.find((f) => f.file === 'CDNOW_sample.txt')!.rowsLoaded).toBe(6919);
      // The first build of the new rows drew with the provisional pick (BG/NBD); its back-test's
      // pick was then recorded and a rebuild queued: wait for it too.
      await ws.screen.idle();
      raw = await paretoStatusFromRaw(reader);
    }, 300_000);

    it('draws new data with the provisional pick, then records the back-test\'s pick and rebuilds the status with it', async () => {
      const s = ws.state.settings;
      expect(s.churnRule).toBeNull();
      expect(s.definitionPick).toMatchObject({ name: 'paretoNbd', data: `${ws.state.name}#${ws.rowsGeneration}` });
      expect(s.definitionPick!.score).toBeCloseTo(0.405, 3);
      const ctx = ws.state.screen.ctx!;
      expect([ctx.churnRule, ctx.aliveModel, ctx.ruleSource]).toEqual(['model', 'paretoNbd', 'backtest']);
      expect(await statusCounts(reader)).toEqual(raw);
      // The rebuild kept what reads no status.
      for (const step of ['facts', 'fits', 'rfm', 'riskScores']) expect(ws.state.screen.lastRan).not.toContain(step);
      expect(ws.state.screen.lastRan).toContain('status');
      // The diagnosis line says who chose the definition.
      expect(backtestLine(ctx, 'zh-CN')!.text).toMatch(/^按当前口径（Pareto\/NBD 存活概率，由回测选定），136 天前判为流失的 384 位客户中 18\.2% 后来又下单或活跃$/);
      // The pick is persisted with the workspace's settings.
      expect((await kv.getValue<AnalyticsSettings>(settingsKey(ws.state.name)))?.definitionPick?.name).toBe('paretoNbd');
    });

    it('keeps the pick through a settings change (it is computed once per data change), and the user\'s rule wins over it', async () => {
      const pick = ws.state.settings.definitionPick;
      ws.updateSettings({ ...ws.state.settings, churnDays: 90 });
      await ws.screen.idle();
      expect(ws.state.settings.definitionPick).toEqual(pick);
      expect(ws.state.screen.ctx!.aliveModel).toBe('paretoNbd');
      // A W2 change reruns status, not the pick, the fits nor Pareto/NBD's P(alive) per history.
      for (const step of ['facts', 'fits', 'decide', 'paretoFit']) expect(ws.state.screen.lastRan).not.toContain(step);
      expect(ws.state.screen.lastRan).toContain('status');
      ws.updateSettings({ ...ws.state.settings, churnRule: 'model' });
      await ws.screen.idle();
      expect([ws.state.screen.ctx!.aliveModel, ws.state.screen.ctx!.ruleSource]).toEqual(['bgnbd', 'settings']);
      expect(ws.state.settings.definitionPick).toEqual(pick);
    }, 300_000);
  });
});
