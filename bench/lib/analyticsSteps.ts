import type { QueryManager } from '../../src/engine/queryManager';
import type { AnalyticsSettings } from '../../src/analytics/settings';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeCustomers } from '../../src/analytics/status/computeCustomers';
import { computeChurn } from '../../src/analytics/churn/computeChurn';
import { computeStructural } from '../../src/analytics/structural/computeStructural';
import { computeCohorts } from '../../src/analytics/cohorts/computeCohorts';
import { computeRfm } from '../../src/analytics/rfm/computeRfm';
import { computeModels } from '../../src/analytics/models/computeModels';
import { computeClv } from '../../src/analytics/clv/computeClv';
import { computeRisk } from '../../src/analytics/risk/computeRisk';
import { computeTriggers } from '../../src/analytics/triggers/computeTriggers';
import { computeService, computeChurnReasons } from '../../src/analytics/service/computeService';
import { computeInterventions } from '../../src/analytics/interventions/computeInterventions';
import { computeDiagnosis } from '../../src/analytics/diagnosis/computeDiagnosis';

/** Wall time and engine time (inside Connector calls) of one analytics step, in ms. */
export interface StepTime {
  step: string;
  ms: number;
  engineMs: number;
}

/** The step names, in the order analyzeWorkspace runs them. */
export const STEPS = [
  'prepareAnalytics', 'computeCustomers', 'computeChurn', 'computeStructural', 'computeCohorts', 'computeRfm',
  'computeModels', 'computeRisk', 'computeClv', 'computeTriggers', 'computeService', 'computeChurnReasons',
  'computeInterventions', 'computeDiagnosis',
] as const;

/**
 * analyzeWorkspace (src/analytics/report.ts) step by step with a stopwatch around each call:
 * the same functions, order and arguments, without assembling the report. Keep it in step with
 * report.ts; bench/analytics.ts times analyzeWorkspace itself for the headline number.
 * `engineMs` reads the engine-time counter of the timed connector (bench/lib/timedConnector).
 */
export async function timeSteps(qm: QueryManager, settings: AnalyticsSettings, engineMs: () => number): Promise<StepTime[]> {
  const times: StepTime[] = [];
  const timed = async <T>(step: (typeof STEPS)[number], run: () => Promise<T>): Promise<T> => {
    const e0 = engineMs();
    const t0 = performance.now();
    const out = await run();
    times.push({ step, ms: performance.now() - t0, engineMs: engineMs() - e0 });
    return out;
  };
  const prepared = await timed('prepareAnalytics', () => prepareAnalytics(qm, settings));
  const s = prepared.settings;
  await timed('computeCustomers', () => computeCustomers(qm, s));
  await timed('computeChurn', () => computeChurn(qm, s));
  const structural = await timed('computeStructural', () => computeStructural(qm, s));
  await timed('computeCohorts', () => computeCohorts(qm, s));
  await timed('computeRfm', () => computeRfm(qm, s));
  await timed('computeModels', () => computeModels(qm, s));
  const risk = (await timed('computeRisk', () => computeRisk(qm, s))).value;
  const redCustomers = risk && risk.red !== null ? { subquery: `SELECT customer_id FROM cw_customer_risk WHERE tier = 'red'` } : undefined;
  await timed('computeClv', () => computeClv(qm, s, { redCustomers }));
  await timed('computeTriggers', () => computeTriggers(qm, s));
  const service = (await timed('computeService', () => computeService(qm, s))).value;
  await timed('computeChurnReasons', () => computeChurnReasons(qm, s));
  await timed('computeInterventions', () => computeInterventions(qm, s));
  await timed('computeDiagnosis', () => computeDiagnosis(qm, s, {
    structural: structural.structural,
    structuralOverallRate: structural.structuralOverall?.rate ?? null,
    risk,
    service,
  }));
  return times;
}
