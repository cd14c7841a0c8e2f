import type { QueryManager } from '../engine/queryManager';
import type { AnalyticsSettings } from './settings';
import { prepareAnalytics } from './prepare';
import { computeCustomers } from './status/computeCustomers';
import { computeChurn } from './churn/computeChurn';
import { computeStructural } from './structural/computeStructural';
import { computeCohorts } from './cohorts/computeCohorts';
import { computeRfm } from './rfm/computeRfm';
import { computeModels } from './models/computeModels';
import { computeClv } from './clv/computeClv';
import { computeRisk } from './risk/computeRisk';
import { computeTriggers } from './triggers/computeTriggers';
import { computeService, computeChurnReasons } from './service/computeService';
import { computeInterventions } from './interventions/computeInterventions';
import { computeDiagnosis } from './diagnosis/computeDiagnosis';

/** Every metrics.md section, keyed as in cli-contract.md, plus the notes of what could not be computed. */
export interface WorkspaceReport {
  asOf: string;
  sections: Record<string, unknown>;
  notes: string[];
}

/**
 * Runs the whole analytics layer once, in dependency order: prepare (facts, status, RFM,
 * models) -> risk tiers -> the families that read them (CLV at-risk value, triggers,
 * diagnosis). The CLI prints it; the screen reads the same functions panel by panel.
 */
export async function analyzeWorkspace(qm: QueryManager, settings: AnalyticsSettings, options: { today?: string } = {}): Promise<WorkspaceReport> {
  const prepared = await prepareAnalytics(qm, settings, { today: options.today });
  const s = prepared.settings;
  const notes = [...prepared.notes];
  const take = <T extends { notes: string[] }>(part: T): Omit<T, 'notes'> => {
    const { notes: partNotes, ...rest } = part;
    notes.push(...partNotes);
    return rest;
  };
  const value = <T>(part: { value: T | null; notes: string[] }): T | null => {
    notes.push(...part.notes);
    return part.value;
  };

  const customers = take(await computeCustomers(qm, s));
  const churn = take(await computeChurn(qm, s));
  const structural = take(await computeStructural(qm, s));
  const cohorts = take(await computeCohorts(qm, s));
  const rfm = take(await computeRfm(qm, s));
  const models = take(await computeModels(qm, s));
  const risk = value(await computeRisk(qm, s));
  const redCustomers = risk && risk.red !== null ? { subquery: `SELECT customer_id FROM cw_customer_risk WHERE tier = 'red'` } : undefined;
  const clv = take(await computeClv(qm, s, { redCustomers }));
  const triggers = value(await computeTriggers(qm, s));
  const service = value(await computeService(qm, s));
  const churnReasons = value(await computeChurnReasons(qm, s));
  const interventions = value(await computeInterventions(qm, s));
  const diagnosis = value(await computeDiagnosis(qm, s, {
    structural: structural.structural,
    structuralOverallRate: structural.structuralOverall?.rate ?? null,
    risk,
    service,
  }));
  return {
    asOf: prepared.asOf,
    sections: {
      churnRule: prepared.churnRule,
      churnRuleReason: prepared.ruleReason,
      ...customers,
      ...churn,
      ...structural,
      ...cohorts,
      ...rfm,
      risk,
      triggers,
      ...models,
      ...clv,
      service,
      churnReasons,
      interventions,
      diagnosis,
    },
    notes,
  };
}
