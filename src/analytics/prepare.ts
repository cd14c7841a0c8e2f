import type { QueryManager } from '../engine/queryManager';
import type { AliveModel, AnalyticsSettings, ChurnRule } from './settings';
import type { ParetoNbdFit } from './models/paretoNbd';
import { readMeta, type MetaValue } from './common/meta';
import type { DataPresence } from './status/dataPresence';
import type { PeriodBasis, ValueBasis } from './status/basis';
import type { BgNbdFit } from './models/bgnbd';
import type { GammaGammaFit } from './models/gammaGamma';
import { runGraph } from './graph/runGraph';
import { PREPARE_STEPS, type StepResults } from './graph/steps';

export { resolveAsOf } from './asOf';

/** Settings with the as-of date resolved: what every compute* function takes. */
export type ResolvedSettings = AnalyticsSettings & { asOf: string };

/** What prepareAnalytics decided and built; the same facts are also left in cw_analytics_meta. */
export interface PreparedAnalytics {
  asOf: string;
  /** Where the as-of date came from: the settings, the latest date in the data, or today (no dates). */
  asOfSource: 'settings' | 'data' | 'today';
  churnRule: ChurnRule;
  ruleReason: string;
  /** Model mode's P(alive) model (BG/NBD under the other rules). */
  aliveModel: AliveModel;
  /** Who chose the rule: the data, the user, or the back-test (settings.definitionPick). */
  ruleSource: 'auto' | 'settings' | 'backtest';
  /** Pareto/NBD, fitted when model mode reads it (null otherwise). */
  paretoNbd: ParetoNbdFit | null;
  periodBasis: PeriodBasis;
  valueBasis: ValueBasis;
  presence: DataPresence;
  bgnbd: BgNbdFit | null;
  gammaGamma: GammaGammaFit | null;
  settings: ResolvedSettings;
  notes: string[];
}

/**
 * Builds, once per dataset and settings change, every per-customer table the panels read:
 * cw_customer_facts, cw_customer_status, cw_customer_spells, cw_customer_rfm,
 * cw_customer_value_tier and cw_analytics_meta (rule, bases, fitted BG/NBD and Gamma-Gamma).
 * Re-run it when the data, the as-of date or any status setting (rule, windows, thresholds,
 * period) changes; compute* functions only read. These are the first steps of the screen's
 * build graph (graph/steps.ts), run here without memo.
 */
export async function prepareAnalytics(qm: QueryManager, settings: AnalyticsSettings, options: { today?: string } = {}): Promise<PreparedAnalytics> {
  const { results } = await runGraph(qm, settings, PREPARE_STEPS, options);
  return preparedFrom(results as StepResults, settings);
}

/** PreparedAnalytics from the results of the graph's prepare steps. */
export function preparedFrom(r: Pick<StepResults, 'asOf' | 'presence' | 'fits' | 'decide' | 'paretoFit'>, settings: AnalyticsSettings): PreparedAnalytics {
  const d = r.decide;
  const notes = [...r.asOf.notes, ...(d.pickNote ? [d.pickNote] : []), ...r.fits.notes, ...(d.fallbackNote ? [d.fallbackNote] : []), ...r.paretoFit.notes];
  return {
    asOf: r.asOf.asOf, asOfSource: r.asOf.source, churnRule: d.rule, ruleReason: d.ruleReason, aliveModel: d.aliveModel, ruleSource: d.source, paretoNbd: r.paretoFit.value,
    periodBasis: d.periodBasis, valueBasis: d.valueBasis,
    presence: r.presence, bgnbd: r.fits.bgnbd, gammaGamma: r.fits.gammaGamma, settings: { ...settings, asOf: r.asOf.asOf }, notes,
  };
}

/** The decisions prepareAnalytics recorded (throws when it has not run on this engine). */
export async function readPrepared(qm: QueryManager): Promise<{ asOf: string; churnRule: ChurnRule; periodBasis: PeriodBasis; valueBasis: ValueBasis; meta: Record<string, MetaValue> }> {
  const meta = await readMeta(qm);
  if (typeof meta.asOf !== 'string') throw new Error('prepareAnalytics has not run on this engine');
  return {
    asOf: meta.asOf,
    churnRule: meta.churnRule as ChurnRule,
    periodBasis: (meta.periodBasis ?? null) as PeriodBasis,
    valueBasis: (meta.valueBasis ?? null) as ValueBasis,
    meta,
  };
}
