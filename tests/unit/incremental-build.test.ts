import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../../src/analytics/settings';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { SCREEN_PANELS } from '../../src/analytics/screen/panels';
import type { CustomerFilter } from '../../src/analytics/screen/types';
import { stringifyResult } from '../../src/analytics/graph/json';
import { loadDemo } from '../../src/demo/loadDemo';
import { ingestFile } from '../../src/ingest/ingestFile';
import { bytesInput } from '../../src/ingest/types';
import type { QueryManager } from '../../src/engine/queryManager';
import { createNodeEngine, createNodeHost } from '../../src/workspace/nodeHost';
import { initialState } from '../../src/workspace/state';
import { MemoryStore } from '../../src/workspace/storage/keyValue';
import { SchemaStorage } from '../../src/workspace/storage/schemaStorage';
import { DEFAULT_WORKSPACE, Workspace } from '../../src/workspace/workspace';
import { FIXTURES, SHARED_DATA } from '../helpers/engine';

const TELCO = path.join(SHARED_DATA, 'telco/Telco-Customer-Churn.csv');

const CUSTOMERS = 600;
const APPENDED = path.join(FIXTURES, 'e2e-orders.csv');
/** The undrilled screen and one drill, for every panel. */
const FILTERS: CustomerFilter[] = [[], [{ dimension: 'risk_tier', value: 'red' }]];

/** Every panel's result (undrilled and drilled) as text, NaN kept, so two builds compare exactly. */
async function panelsOf(qm: QueryManager, ctx: ScreenContext): Promise<Record<string, string>> {
  const out: Record<string, string> = { ctx: stringifyResult(ctx) };
  for (const filter of FILTERS) {
    for (const [id, loader] of Object.entries(SCREEN_PANELS)) {
      out[`${id}${filter.length ? ':red' : ''}`] = stringifyResult(await loader(qm, ctx, filter, 'zh-CN'));
    }
  }
  return out;
}

/** The same data built from nothing on a fresh engine with `settings`: the reference. */
async function fromScratch(settings: AnalyticsSettings): Promise<Record<string, string>> {
  const qm = await createNodeEngine();
  await loadDemo(qm, { customers: CUSTOMERS });
  const { ran, ...ctx } = await prepareScreen(qm, settings);
  const panels = await panelsOf(qm, ctx);
  await qm.connector.close();
  return panels;
}

describe('incremental builds give exactly the screen a build from scratch gives', () => {
  let ws: Workspace;
  let reader: QueryManager;

  beforeAll(async () => {
    const host = await createNodeHost();
    reader = host.reader;
    const kv = new MemoryStore();
    ws = new Workspace({
      // The rule windows decide every status, so W1 and W2 change figures everywhere.
      state: initialState({ ...structuredClone(DEFAULT_SETTINGS), churnRule: 'rule' }, DEFAULT_WORKSPACE),
      startEngine: async () => host,
      makeStorage: (h) => new SchemaStorage(h.reader, h.writer, 'memory', true),
      kv, sources: kv, demoCustomers: CUSTOMERS, langs: () => ['zh-CN'],
    });
    await ws.start();
    await ws.screen.idle();
  }, 180_000);

  let previous: Record<string, string> | null = null;

  async function rebuiltWith(patch: Partial<AnalyticsSettings>): Promise<Record<string, string>> {
    previous ??= await panelsOf(reader, ws.state.screen.ctx!);
    ws.updateSettings({ ...ws.state.settings, ...patch });
    await ws.screen.idle();
    expect(ws.state.screen.error).toBeNull();
    const now = await panelsOf(reader, ws.state.screen.ctx!);
    // The change moved figures beyond the settings echoed in the context: the comparison below means something.
    const moved = Object.keys(now).filter((k) => k !== 'ctx' && now[k] !== previous![k]);
    expect(moved.length, 'panels the change moved').toBeGreaterThan(0);
    previous = now;
    return now;
  }

  const changes: [string, Partial<AnalyticsSettings>, { skips: string[]; runs: string[] }][] = [
    ['the churn window W2', { churnDays: 60 }, { skips: ['facts', 'fits', 'rfm', 'presence', 'riskScores', 'purchaseClv', 'dims', 'screenDims', 'screenPresence', 'screenBase'], runs: ['status', 'spells', 'churn', 'structural', 'risk', 'clv', 'backtest', 'screen'] }],
    ['the silent window W1', { silentDays: 45 }, { skips: ['facts', 'fits', 'rfm'], runs: ['status'] }],
    ['the period', { period: 'quarter' }, { skips: ['facts', 'fits', 'rfm'], runs: ['churn', 'screen'] }],
    ['the health weights and tier cut-offs', { healthWeights: { ...DEFAULT_SETTINGS.healthWeights, complaints: 40 }, redBelow: 45 }, { skips: ['facts', 'fits', 'status', 'spells'], runs: ['riskScores', 'risk', 'screenBase'] }],
    ['the CLV horizon', { clvHorizonMonths: 12 }, { skips: ['facts', 'status', 'risk', 'backtest'], runs: ['clv'] }],
    ['model mode with Pareto/NBD P(alive)', { churnRule: 'model', aliveModel: 'paretoNbd' }, { skips: ['facts', 'fits', 'rfm', 'riskScores'], runs: ['decide', 'paretoFit', 'status', 'backtest'] }],
    ['the as-of date', { asOf: '2026-06-30' }, { skips: [], runs: ['facts', 'status', 'risk'] }],
  ];

  for (const [what, patch, expected] of changes) {
    it(`after a change of ${what}: reruns only what reads it, and every panel equals a fresh build`, async () => {
      const incremental = await rebuiltWith(patch);
      const ran = ws.state.screen.lastRan;
      for (const step of expected.skips) expect(ran, `${step} should not rerun`).not.toContain(step);
      for (const step of expected.runs) expect(ran, `${step} should rerun`).toContain(step);
      const scratch = await fromScratch(ws.state.settings);
      for (const key of Object.keys(scratch)) expect(incremental[key], key).toBe(scratch[key]);
    }, 240_000);
  }

  it('after a W2 change where the churn series is on the subscriptions basis: spells and churn are kept, and every panel equals a fresh build', async () => {
    ws.updateSettings({ ...ws.state.settings, churnRule: 'contractual' });
    await ws.screen.idle();
    expect(ws.state.screen.ctx?.periodBasis).toBe('subscriptions');
    ws.updateSettings({ ...ws.state.settings, churnDays: 120 });
    await ws.screen.idle();
    expect(ws.state.screen.error).toBeNull();
    const ran = ws.state.screen.lastRan;
    expect(ran, 'status reads W2').toContain('status');
    for (const step of ['spells', 'churn', 'facts', 'fits']) expect(ran, `${step} should not rerun`).not.toContain(step);
    const incremental = await panelsOf(reader, ws.state.screen.ctx!);
    const scratch = await fromScratch(ws.state.settings);
    for (const key of Object.keys(scratch)) expect(incremental[key], key).toBe(scratch[key]);
  }, 240_000);

  it('after an append to a built workspace: every panel equals a fresh build of the same rows', async () => {
    ws.updateSettings({ ...structuredClone(DEFAULT_SETTINGS), churnRule: 'rule' });
    await ws.screen.idle();
    // The first file leaves the demo for the default workspace and builds it; the second appends to it.
    await ws.loads.addFiles([new File([readFileSync(TELCO)], 'Telco-Customer-Churn.csv', { type: 'text/csv' })]);
    await ws.screen.idle();
    await ws.loads.addFiles([new File([readFileSync(APPENDED)], 'e2e-orders.csv', { type: 'text/csv' })]);
    await ws.screen.idle();
    expect(ws.state.files.map((f) => f.rowsLoaded)).toEqual([7043, 5]);
    const incremental = await panelsOf(reader, ws.state.screen.ctx!);

    const qm = await createNodeEngine();
    await ingestFile(qm, bytesInput('Telco-Customer-Churn.csv', readFileSync(TELCO)), { sourceKey: 'telco' });
    await ingestFile(qm, bytesInput('e2e-orders.csv', readFileSync(APPENDED)), { sourceKey: 'appended' });
    const { ran, ...ctx } = await prepareScreen(qm, ws.state.settings);
    const scratch = await panelsOf(qm, ctx);
    for (const key of Object.keys(scratch)) expect(incremental[key], key).toBe(scratch[key]);
  }, 240_000);

  it('after a dateless file is reloaded with another mapping (the as-of date stays today): every panel equals a fresh build', async () => {
    const telco = ws.state.files.find((f) => f.file === 'Telco-Customer-Churn.csv')!;
    const override = { table: 'customers' as const, columns: { PaymentMethod: 'region' } };
    await ws.loads.reloadFile(telco.sourceKey, null, override);
    await ws.screen.idle();
    expect(ws.state.screen.lastRan).toContain('facts');
    const incremental = await panelsOf(reader, ws.state.screen.ctx!);
    expect(incremental.regions).toContain('Electronic check');

    const qm = await createNodeEngine();
    await ingestFile(qm, bytesInput('Telco-Customer-Churn.csv', readFileSync(TELCO)), { sourceKey: 'telco', overrides: { '': override } });
    await ingestFile(qm, bytesInput('e2e-orders.csv', readFileSync(APPENDED)), { sourceKey: 'appended' });
    const { ran, ...ctx } = await prepareScreen(qm, ws.state.settings);
    const scratch = await panelsOf(qm, ctx);
    for (const key of Object.keys(scratch)) expect(incremental[key], key).toBe(scratch[key]);
  }, 240_000);

  it('after a W2 change where the churn series is on the orders basis: spells and churn rerun, and every panel equals a fresh build', async () => {
    expect(ws.state.screen.ctx?.periodBasis).toBe('orders');
    ws.updateSettings({ ...ws.state.settings, churnDays: 30 });
    await ws.screen.idle();
    expect(ws.state.screen.error).toBeNull();
    for (const step of ['status', 'spells', 'churn']) expect(ws.state.screen.lastRan, `${step} should rerun`).toContain(step);
    const incremental = await panelsOf(reader, ws.state.screen.ctx!);

    const qm = await createNodeEngine();
    await ingestFile(qm, bytesInput('Telco-Customer-Churn.csv', readFileSync(TELCO)), { sourceKey: 'telco', overrides: { '': { table: 'customers', columns: { PaymentMethod: 'region' } } } });
    await ingestFile(qm, bytesInput('e2e-orders.csv', readFileSync(APPENDED)), { sourceKey: 'appended' });
    const { ran, ...ctx } = await prepareScreen(qm, ws.state.settings);
    const scratch = await panelsOf(qm, ctx);
    for (const key of Object.keys(scratch)) expect(incremental[key], key).toBe(scratch[key]);
  }, 240_000);
});
