import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../../src/analytics/settings';
import { runGraph, STEPS_TABLE, type GraphMemo } from '../../src/analytics/graph/runGraph';
import { DEFERRED_STEPS, SCREEN_STEPS, type StepId } from '../../src/analytics/graph/steps';
import { loadDemo } from '../../src/demo/loadDemo';
import { toRows } from '../../src/engine/rows';
import type { QueryManager } from '../../src/engine/queryManager';
import { createNodeEngine } from '../../src/workspace/nodeHost';

const MEMO: GraphMemo = { codeVersion: 'test', dataVersion: '1' };
const TODAY = '2026-12-07';
// Every step but the back-test (seconds; it reads the rows and settings as status does).
const IDS: StepId[] = SCREEN_STEPS.map((s) => s.id).filter((id) => !DEFERRED_STEPS.includes(id));
const rule = (churnDays: number): AnalyticsSettings => ({ ...structuredClone(DEFAULT_SETTINGS), churnRule: 'rule', churnDays });

describe('the build graph keeps its step rows in two writes per call (graph/stepRows.ts)', () => {
  let qm: QueryManager;
  const stepRows = async () => toRows<{ step: string; fingerprint: string }>(await qm.query(`SELECT step, fingerprint FROM ${STEPS_TABLE} ORDER BY step`, { cache: false }));
  /** The cw_steps writes of `fn`, from the engine's statement log. */
  async function writesOf(fn: () => Promise<unknown>): Promise<{ deletes: number; inserts: number }> {
    const t0 = performance.now();
    await fn().catch(() => undefined);
    const sql = qm.statements.list().filter((s) => s.endedAt >= t0).map((s) => s.sql);
    return { deletes: sql.filter((s) => s.startsWith(`DELETE FROM ${STEPS_TABLE}`)).length, inserts: sql.filter((s) => s.startsWith(`INSERT INTO ${STEPS_TABLE}`)).length };
  }

  beforeAll(async () => {
    qm = await createNodeEngine();
    await loadDemo(qm, { customers: 300 });
  }, 120_000);

  it('a first build writes every step in one INSERT; a W2 change deletes once and inserts once, and leaves every step current', async () => {
    const first = await writesOf(() => runGraph(qm, rule(180), IDS, { memo: MEMO, today: TODAY }));
    expect(first).toEqual({ deletes: 0, inserts: 1 });
    expect((await stepRows()).map((r) => r.step).sort()).toEqual([...IDS].sort());

    let ran: StepId[] = [];
    const change = await writesOf(async () => { ran = (await runGraph(qm, rule(60), IDS, { memo: MEMO, today: TODAY })).ran; });
    expect(ran).toContain('status');
    expect(ran).not.toContain('facts');
    expect(change).toEqual({ deletes: 1, inserts: 1 });
    // The steps deleted ahead that turned out current were put back: the same build again runs nothing.
    expect((await stepRows()).map((r) => r.step).sort()).toEqual([...IDS].sort());
    expect((await runGraph(qm, rule(60), IDS, { memo: MEMO, today: TODAY })).ran).toEqual([]);
  }, 240_000);

  it('puts back the rows of steps deleted ahead that did not rerun: on the subscriptions basis a W2 change keeps the spells and the churn series', async () => {
    const contractual = (churnDays: number): AnalyticsSettings => ({ ...rule(churnDays), churnRule: 'contractual' });
    await runGraph(qm, contractual(180), IDS, { memo: MEMO, today: TODAY });
    const { ran } = await runGraph(qm, contractual(120), IDS, { memo: MEMO, today: TODAY });
    expect(ran).toContain('status');
    // Downstream of status in the graph, but they read no status on this basis (liveDeps).
    for (const id of ['spells', 'churn'] as StepId[]) expect(ran, id).not.toContain(id);
    expect((await runGraph(qm, contractual(120), IDS, { memo: MEMO, today: TODAY })).ran).toEqual([]);
  }, 240_000);

  it('a build cut short keeps the rows of the steps that finished and none of the step it was in, so going back reruns it', async () => {
    const before = new Map((await stepRows()).map((r) => [r.step, r.fingerprint]));
    // Cut short as a cancellation would: just before the CLV summary runs.
    const cut = runGraph(qm, rule(90), IDS, { memo: MEMO, today: TODAY, onStep: (id) => { if (id === 'clv') throw new Error('cut short'); } });
    await expect(cut).rejects.toThrow('cut short');
    const after = new Map((await stepRows()).map((r) => [r.step, r.fingerprint]));
    // status finished under W2 = 90: its new row is there.
    expect(after.get('status')).toBeDefined();
    expect(after.get('status')).not.toBe(before.get('status'));
    // The CLV summary and what reads it (the screen) have no row: their tables may be half-rebuilt.
    expect(after.has('clv')).toBe(false);
    expect(after.has('screen')).toBe(false);
    // Steps the change never touched kept theirs.
    expect(after.get('facts')).toBe(before.get('facts'));
    // Back to the settings of the last whole build: what the cut build touched reruns.
    const { ran } = await runGraph(qm, rule(60), IDS, { memo: MEMO, today: TODAY });
    for (const id of ['status', 'clv', 'screen'] as StepId[]) expect(ran, id).toContain(id);
    expect(ran).not.toContain('facts');
    expect((await stepRows()).map((r) => r.step).sort()).toEqual([...IDS].sort());
  }, 240_000);
});
