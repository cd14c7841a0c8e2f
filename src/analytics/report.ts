import type { QueryManager } from '../engine/queryManager';
import type { AnalyticsSettings } from './settings';
import { preparedFrom } from './prepare';
import { runGraph, type GraphMemo } from './graph/runGraph';
import { SCREEN_ONLY_STEPS, SCREEN_STEPS, type StepId, type StepResults } from './graph/steps';
import { pickToRecord } from './backtest/recordPick';
import { computeCustomers } from './status/computeCustomers';
import { computeCohorts } from './cohorts/computeCohorts';
import { computeRfm } from './rfm/computeRfm';
import { computeModels } from './models/computeModels';
import { computeChurnReasons } from './service/computeService';
import { projectRetention } from './projection/projectRetention';

/** Every metrics.md section, keyed as in cli-contract.md, plus the notes of what could not be computed. */
export interface WorkspaceReport {
  asOf: string;
  sections: Record<string, unknown>;
  notes: string[];
}

/** A family's result split from its notes. */
function split<T extends { notes: string[] }>(part: T): { value: Omit<T, 'notes'>; notes: string[] } {
  const { notes, ...value } = part;
  return { value, notes };
}

/**
 * Runs the whole analytics layer once: the screen's build graph without its screen tables
 * (prepare steps, then churn, structural, risk tiers, CLV with the red customers, triggers,
 * service, interventions, back-test, diagnosis), then the families only the report prints (customers,
 * cohorts and their sBG retention projection, RFM segments, models, churn reasons).
 * The CLI prints it; notes keep the order of the report's sections. `onStep` is told the name of
 * each step as it starts (the CLI's progress, and the step it names when the engine fails).
 */
export async function analyzeWorkspace(
  qm: QueryManager,
  settings: AnalyticsSettings,
  options: { today?: string; onStep?: (name: string) => void; withScreenTables?: boolean } = {},
): Promise<WorkspaceReport> {
  // The screen's own tables only when asked (the CLI's per-customer export reads the list's table).
  const ids = SCREEN_STEPS.map((s) => s.id).filter((id) => options.withScreenTables || !SCREEN_ONLY_STEPS.includes(id));
  // One memo for this call's builds (kept in memory, not in the database): the second build below
  // reruns only the steps whose settings or inputs the back-test's pick changed.
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const memo: GraphMemo = { codeVersion: 'report', dataVersion: 'this call', steps: new Map() };
  const run = { today, onStep: options.onStep, memo };
  // The default non-contractual definition is the one the back-test rates best (metrics.md
  // section 1): the back-test runs first (with the steps it reads), and its pick is recorded
  // before status is built. The rebuild reuses the as-of date, facts, presence and fits (they read
  // no pick); decide reads the pick, so it and what reads it (status, ..., the back-test, whose
  // red tier is rated on the definition in force) run again. Without a pick (the user's rule,
  // labelled or contractual data) nothing changed and every step of the first build is reused.
  let s0 = settings;
  if (settings.churnRule === null && !settings.definitionPick) {
    const first: StepId[] = ['asOf', 'facts', 'presence', 'fits', 'decide', 'backtest'];
    const r0 = (await runGraph(qm, settings, first, run)).results as StepResults;
    const pick = pickToRecord(settings, { churnRule: r0.decide.rule, aliveModel: r0.decide.aliveModel }, r0.backtest.value, null);
    if (pick) s0 = { ...settings, definitionPick: pick };
  }
  const { results } = await runGraph(qm, s0, ids, run);
  const r = results as StepResults;
  const prepared = preparedFrom(r, s0);
  const s = prepared.settings;
  const step = options.onStep ?? (() => {});
  step('customers');
  const customers = split(await computeCustomers(qm, s));
  step('cohorts');
  const cohorts = split(await computeCohorts(qm, s));
  step('projection');
  const { projectionPooled, ...projection } = projectRetention(cohorts.value.cohorts, cohorts.value.cohortBasis);
  step('rfm');
  const rfm = split(await computeRfm(qm, s));
  step('models');
  const models = split(await computeModels(qm, s));
  // The back-test ran in the graph (its 'backtest' step, which the screen shows too).
  const backtest = r.backtest;
  step('churnReasons');
  const churnReasons = await computeChurnReasons(qm, s);
  const notes = [
    ...customers.notes, ...r.churn.notes, ...r.structural.notes, ...cohorts.notes, ...projection.notes, ...rfm.notes, ...models.notes, ...backtest.notes, ...r.riskModel.notes, ...r.risk.notes,
    ...r.clv.notes, ...r.triggers.notes, ...r.service.notes, ...churnReasons.notes, ...r.interventions.notes, ...r.diagnosis.notes,
  ];
  return {
    asOf: prepared.asOf,
    sections: {
      churnRule: prepared.churnRule,
      churnRuleReason: prepared.ruleReason,
      ...customers.value,
      ...r.churn.value,
      ...r.structural.value,
      ...cohorts.value,
      projection: projection.projection,
      // Only when some cohorts were pooled (contract: "plus pooled when pooled").
      ...(projectionPooled ? { projectionPooled } : {}),
      ...rfm.value,
      risk: r.risk.value,
      triggers: r.triggers.value,
      ...models.value,
      backtest: backtest.value,
      ...r.clv.value,
      service: r.service.value,
      churnReasons: churnReasons.value,
      interventions: r.interventions.value,
      diagnosis: r.diagnosis.value,
    },
    notes: [...prepared.notes, ...notes],
  };
}
