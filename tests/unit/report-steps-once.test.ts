import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../src/analytics/report';
import { DEFAULT_SETTINGS, type AnalyticsSettings, type DefinitionPick } from '../../src/analytics/settings';
import { runGraph } from '../../src/analytics/graph/runGraph';
import type { StepResults } from '../../src/analytics/graph/steps';
import { pickToRecord } from '../../src/analytics/backtest/recordPick';
import { loadDemo } from '../../src/demo/loadDemo';
import type { QueryManager } from '../../src/engine/queryManager';
import { createTestEngine } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';

const TODAY = '2026-12-07';

/** The report and how many times each step started (the CLI's onStep progress). */
async function counted(qm: QueryManager, settings: AnalyticsSettings): Promise<{ json: string; starts: Record<string, number> }> {
  const starts: Record<string, number> = {};
  const report = await analyzeWorkspace(qm, settings, { today: TODAY, onStep: (name) => { starts[name] = (starts[name] ?? 0) + 1; } });
  return { json: JSON.stringify(report), starts };
}

/** The pick the back-test records, computed apart from the report (a graph run of its own, on its own engine). */
async function pickOf(qm: QueryManager, settings: AnalyticsSettings): Promise<DefinitionPick | null> {
  const r = (await runGraph(qm, settings, ['asOf', 'facts', 'presence', 'fits', 'decide', 'backtest'], { today: TODAY })).results as StepResults;
  return pickToRecord(settings, { churnRule: r.decide.rule, aliveModel: r.decide.aliveModel }, r.backtest.value, null);
}

/**
 * analyzeWorkspace builds the graph twice when the back-test may pick the default definition
 * (once to run the back-test, once with its pick). The second build reruns only what the pick
 * changed; the reference is one build from scratch with the same pick already recorded.
 */
describe('analyzeWorkspace runs each step once unless the back-test pick changed what it reads', () => {
  it('contractual data (the scale files\' demo company): no pick, every step once, the same report as one build from scratch', async () => {
    const qm = await createTestEngine();
    await loadDemo(qm, { customers: 400 });
    const { json, starts } = await counted(qm, DEFAULT_SETTINGS);
    for (const step of ['asOf', 'facts', 'presence', 'fits', 'decide', 'status', 'backtest', 'customers']) expect(starts[step], step).toBe(1);
    // 'rfm' names two things: the graph step (cw_customer_rfm) and the report's RFM segments family.
    expect(Object.entries(starts).filter(([, n]) => n !== 1)).toEqual([['rfm', 2]]);
    // A recorded pick is not read on contractual data, and with one analyzeWorkspace builds once.
    const ref = await createTestEngine();
    await loadDemo(ref, { customers: 400 });
    const once = await counted(ref, { ...DEFAULT_SETTINGS, definitionPick: { name: 'rule', score: 0.5, data: null } });
    expect(once.starts.facts).toBe(1);
    expect(JSON.parse(json).sections.churnRule).toBe('contractual');
    expect(json).toBe(once.json);
  }, 300_000);

  it('CDNOW sample (transactions): facts, presence and fits once; decide and the back-test again under the pick; the same report as one build with the pick recorded', async () => {
    const settings = { ...DEFAULT_SETTINGS, asOf: '1997-09-30' };
    const qm = await createTestEngine();
    await loadSharedFile(qm, 'cdnow/CDNOW_sample.txt');
    const { json, starts } = await counted(qm, settings);
    for (const step of ['asOf', 'facts', 'presence', 'fits', 'status']) expect(starts[step], step).toBe(1);
    // The pick changes the decision, and the back-test rates its red tier on the definition in force.
    expect([starts.decide, starts.backtest]).toEqual([2, 2]);
    const ref = await createTestEngine();
    await loadSharedFile(ref, 'cdnow/CDNOW_sample.txt');
    const pick = await pickOf(ref, settings);
    expect(pick?.name).toBe('paretoNbd');
    const once = await counted(ref, { ...settings, definitionPick: pick });
    expect(once.starts.backtest).toBe(1);
    expect(json).toBe(once.json);
  }, 300_000);
});
