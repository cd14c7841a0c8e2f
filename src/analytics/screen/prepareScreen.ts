import type { QueryManager } from '../../engine/queryManager';
import type { AnalyticsSettings, ChurnRule } from '../settings';
import { preparedFrom, type PreparedAnalytics, type ResolvedSettings } from '../prepare';
import type { PeriodBasis, ValueBasis } from '../status/basis';
import type { FamilyResults } from './families';
import type { ScreenPresence } from './presence';
import { runGraph, type GraphMemo } from '../graph/runGraph';
import { SCREEN_STEPS, type StepId, type StepResults } from '../graph/steps';

/** What every panel loader takes: the decisions prepareAnalytics made and the families' results. */
export interface ScreenContext {
  asOf: string;
  asOfSource: PreparedAnalytics['asOfSource'];
  churnRule: ChurnRule;
  ruleReason: string;
  periodBasis: PeriodBasis;
  valueBasis: ValueBasis;
  /** The settings with the as-of date resolved. */
  settings: ResolvedSettings;
  presence: ScreenPresence;
  /** Unfiltered results (panels show them without querying again); the diagnosis lines live here. */
  families: FamilyResults;
  notes: string[];
}

/**
 * Runs, once per data or settings change, everything the panels read: the screen's build graph
 * (graph/steps.ts): the prepare steps, then the families in the report's order (churn with its
 * period churners, structural, risk tiers, CLV with the red customers, triggers, service,
 * interventions, diagnosis), then the screen's own per-customer tables (screenTables.ts) that
 * keep drills off the orders table. With `memo` (the app), steps whose inputs did not change
 * since the last build are not rerun (runGraph.ts); `ran` lists those that were.
 */
export async function prepareScreen(
  qm: QueryManager,
  settings: AnalyticsSettings,
  options: { today?: string; memo?: GraphMemo } = {},
): Promise<ScreenContext & { ran: StepId[] }> {
  const { results, ran } = await runGraph(qm, settings, SCREEN_STEPS.map((st) => st.id), options);
  const r = results as StepResults;
  const prepared = preparedFrom(r, settings);
  const families: FamilyResults = {
    churn: r.churn.value,
    structural: r.structural.value,
    risk: r.risk.value,
    clv: r.clv.value,
    triggers: r.triggers.value,
    service: r.service.value,
    interventions: r.interventions.value,
    diagnosis: r.diagnosis.value,
  };
  const familyNotes = [r.churn, r.structural, r.riskModel, r.risk, r.clv, r.triggers, r.service, r.interventions, r.diagnosis].flatMap((p) => p.notes);
  const presence: ScreenPresence = {
    ...r.screen.tables,
    churnByPeriod: families.churn.churnByPeriod !== null,
    risk: families.risk !== null && families.risk.red !== null,
    clv: r.screen.hasClv,
    structural: families.structural.structural !== null,
    triggers: (families.triggers ?? []).some((t) => t.customers !== null),
  };
  return {
    asOf: prepared.asOf,
    asOfSource: prepared.asOfSource,
    churnRule: prepared.churnRule,
    ruleReason: prepared.ruleReason,
    periodBasis: prepared.periodBasis,
    valueBasis: prepared.valueBasis,
    settings: prepared.settings,
    presence,
    families,
    notes: [...prepared.notes, ...familyNotes],
    ran,
  };
}
