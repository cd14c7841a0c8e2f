import type { QueryManager } from '../../engine/queryManager';
import type { AliveModel, AnalyticsSettings, ChurnRule } from '../settings';
import { preparedFrom, type PreparedAnalytics, type ResolvedSettings } from '../prepare';
import type { PeriodBasis, ValueBasis } from '../status/basis';
import type { FamilyResults } from './families';
import type { ScreenPresence } from './presence';
import { runGraph, type GraphMemo } from '../graph/runGraph';
import { DEFERRED_STEPS, LATE_STEPS, SCREEN_STEPS, type StepId, type StepResults } from '../graph/steps';
import type { ProvidedFacts } from '../graph/provided';

/** What every panel loader takes: the decisions prepareAnalytics made and the families' results. */
export interface ScreenContext {
  asOf: string;
  asOfSource: PreparedAnalytics['asOfSource'];
  churnRule: ChurnRule;
  ruleReason: string;
  /** Model mode's P(alive) model (BG/NBD under the other rules). */
  aliveModel: AliveModel;
  /** Who chose the rule: the data, the user, or the back-test (settings.definitionPick). */
  ruleSource: PreparedAnalytics['ruleSource'];
  periodBasis: PeriodBasis;
  valueBasis: ValueBasis;
  /** The settings with the as-of date resolved. */
  settings: ResolvedSettings;
  presence: ScreenPresence;
  /** Unfiltered results (panels show them without querying again); the diagnosis lines live here. */
  families: FamilyResults;
  notes: string[];
  /**
   * The facts bundle the screen was built from (its tables taken as computed; the raw rows are not
   * there), or null/absent for data loaded as rows. Panels whose detail is not in the bundle say so.
   */
  bundle?: ProvidedFacts | null;
}

/**
 * Runs, once per data or settings change, everything the panels read: the screen's build graph
 * (graph/steps.ts): the prepare steps, then the families in the report's order (churn with its
 * period churners, structural, risk tiers, CLV with the red customers, triggers, service,
 * interventions, diagnosis), then the screen's own per-customer tables (screenTables.ts) that
 * keep drills off the orders table. With `memo` (the app), steps whose inputs did not change
 * since the last build are not rerun (runGraph.ts); `ran` lists those that were. With memo and
 * `onKpisReady`, the KPIs' context is handed over before the late families run (LATE_STEPS), so
 * a settings change reaches the KPI strip without waiting for structural churn or the diagnosis.
 */
export async function prepareScreen(
  qm: QueryManager,
  settings: AnalyticsSettings,
  options: {
    today?: string; memo?: GraphMemo;
    onKpisReady?: (ctx: ScreenContext) => Promise<void>;
    /** Handed the context without the deferred steps (DEFERRED_STEPS), to draw the screen before they run. */
    onDrawable?: (ctx: ScreenContext) => Promise<void>;
    /** A facts bundle's tables, loaded under their contract names: taken as they are (graph/bundleSteps.ts). */
    provided?: ProvidedFacts | null;
  } = {},
): Promise<ScreenContext & { ran: StepId[] }> {
  const all = SCREEN_STEPS.map((st) => st.id);
  const ran: StepId[] = [];
  const pass = async (ids: readonly StepId[]) => {
    const r = await runGraph(qm, settings, ids, options);
    ran.push(...r.ran.filter((id) => !ran.includes(id)));
    return r.results as StepResults;
  };
  if (options.memo && options.onKpisReady) {
    // Everything the KPIs read first, drawn at once; the late families then run (a later pass
    // finds the earlier passes' steps current in the memo and only reads their results).
    const first = await pass(all.filter((id) => !LATE_STEPS.includes(id)));
    await options.onKpisReady(contextOf({ ...first, ...LATE_PENDING }, settings, options.provided));
  }
  if (options.memo && options.onDrawable) {
    const drawable = await pass(all.filter((id) => !DEFERRED_STEPS.includes(id)));
    await options.onDrawable(contextOf({ ...drawable, backtest: LATE_PENDING.backtest }, settings, options.provided));
  }
  const results = await pass(all);
  return { ...contextOf(results, settings, options.provided), ran };
}

/**
 * What the late families stand in with before they have run: no rows, no findings. Only the
 * KPI loader sees a context built with them, and it reads none of them.
 */
const LATE_PENDING: Pick<StepResults, 'structural' | 'triggers' | 'service' | 'backtest' | 'diagnosis'> = {
  structural: { value: { structural: null, structuralOverall: null, structuralCallouts: [] }, notes: [] },
  triggers: { value: null, notes: [] },
  service: { value: null, notes: [] },
  backtest: { value: null, notes: [] },
  diagnosis: { value: null, notes: [] },
};

function contextOf(r: StepResults, settings: AnalyticsSettings, provided: ProvidedFacts | null | undefined): ScreenContext {
  const prepared = preparedFrom(r, settings);
  const families: FamilyResults = {
    churn: r.churn.value,
    structural: r.structural.value,
    risk: r.risk.value,
    clv: r.clv.value,
    triggers: r.triggers.value,
    service: r.service.value,
    interventions: r.interventions.value,
    backtest: r.backtest.value,
    diagnosis: r.diagnosis.value,
  };
  const familyNotes = [r.churn, r.structural, r.riskModel, r.risk, r.clv, r.triggers, r.service, r.interventions, r.backtest, r.diagnosis].flatMap((p) => p.notes);
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
    aliveModel: prepared.aliveModel,
    ruleSource: prepared.ruleSource,
    periodBasis: prepared.periodBasis,
    valueBasis: prepared.valueBasis,
    settings: prepared.settings,
    presence,
    families,
    notes: [...prepared.notes, ...familyNotes],
    ...(provided ? { bundle: provided } : {}),
  };
}
