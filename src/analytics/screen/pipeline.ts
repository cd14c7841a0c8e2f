import type { QueryManager } from '../../engine/queryManager';
import type { ResolvedSettings } from '../prepare';
import { computeCustomers } from '../status/computeCustomers';
import { computeChurn, type ChurnByPeriodResult } from '../churn/computeChurn';
import { computeStructural, type StructuralResult } from '../structural/computeStructural';
import { computeCohorts, type CohortsResult } from '../cohorts/computeCohorts';
import { computeRfm, type RfmResult } from '../rfm/computeRfm';
import { computeModels } from '../models/computeModels';
import { computeClv, type ClvSummary } from '../clv/computeClv';
import { computeRisk, type RiskSummary } from '../risk/computeRisk';
import { computeTriggers } from '../triggers/computeTriggers';
import type { TriggerCount } from '../triggers/kinds';
import { computeService, computeChurnReasons, type ChurnReasonRow, type ServiceDiagnosis } from '../service/computeService';
import { computeInterventions, type InterventionsSummary } from '../interventions/computeInterventions';
import { computeDiagnosis, type DiagnosisFinding } from '../diagnosis/computeDiagnosis';
import type { StatusSummary } from '../status/summary';
import type { BgNbdFit } from '../models/bgnbd';
import type { GammaGammaFit } from '../models/gammaGamma';
import { redCustomerIdsSql } from './changes';

/**
 * Which families to run: 'screen' runs what the panels read from prepared tables or results;
 * 'report' adds those only the CLI report prints (customers, cohorts, RFM, models, churn reasons).
 */
export type FamilyScope = 'screen' | 'report';

/** Every family's result without its notes; report-only families are absent under the 'screen' scope. */
export interface FamilyResults {
  customers?: { customers: StatusSummary };
  churn: Omit<ChurnByPeriodResult, 'notes'>;
  structural: Omit<StructuralResult, 'notes'>;
  cohorts?: Omit<CohortsResult, 'notes'>;
  rfm?: Omit<RfmResult, 'notes'>;
  models?: { models: { bgnbd: BgNbdFit | null; gammaGamma: GammaGammaFit | null } };
  risk: RiskSummary | null;
  clv: { clv: ClvSummary | null };
  triggers: TriggerCount[] | null;
  service: ServiceDiagnosis | null;
  churnReasons?: ChurnReasonRow[] | null;
  interventions: InterventionsSummary | null;
  diagnosis: DiagnosisFinding[] | null;
}

/**
 * Runs the metric families after prepareAnalytics, in dependency order (the one order the CLI
 * report and the screen share): churn -> structural -> risk tiers -> CLV at-risk value (red
 * customers) -> triggers -> service -> interventions -> diagnosis. Notes come back in that order.
 */
export async function runFamilies(qm: QueryManager, s: ResolvedSettings, scope: FamilyScope): Promise<{ results: FamilyResults; notes: string[] }> {
  const notes: string[] = [];
  const report = scope === 'report';
  const take = <T extends { notes: string[] }>(part: T): Omit<T, 'notes'> => {
    const { notes: partNotes, ...rest } = part;
    notes.push(...partNotes);
    return rest;
  };
  const value = <T>(part: { value: T | null; notes: string[] }): T | null => {
    notes.push(...part.notes);
    return part.value;
  };

  const customers = report ? take(await computeCustomers(qm, s)) : undefined;
  const churn = take(await computeChurn(qm, s));
  const structural = take(await computeStructural(qm, s));
  const cohorts = report ? take(await computeCohorts(qm, s)) : undefined;
  const rfm = report ? take(await computeRfm(qm, s)) : undefined;
  const models = report ? take(await computeModels(qm, s)) : undefined;
  const risk = value(await computeRisk(qm, s));
  const redCustomers = risk && risk.red !== null ? { subquery: redCustomerIdsSql() } : undefined;
  const clv = take(await computeClv(qm, s, { redCustomers }));
  const triggers = value(await computeTriggers(qm, s));
  const service = value(await computeService(qm, s));
  const churnReasons = report ? value(await computeChurnReasons(qm, s)) : undefined;
  const interventions = value(await computeInterventions(qm, s));
  const diagnosis = value(await computeDiagnosis(qm, s, {
    structural: structural.structural,
    structuralOverallRate: structural.structuralOverall?.rate ?? null,
    risk,
    service,
  }));
  return {
    results: { customers, churn, structural, cohorts, rfm, models, risk, clv, triggers, service, churnReasons, interventions, diagnosis },
    notes,
  };
}
