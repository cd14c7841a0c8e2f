import type { ChurnByPeriodResult } from '../churn/computeChurn';
import type { StructuralResult } from '../structural/computeStructural';
import type { CohortsResult } from '../cohorts/computeCohorts';
import type { RfmResult } from '../rfm/computeRfm';
import type { ClvSummary } from '../clv/computeClv';
import type { RiskSummary } from '../risk/computeRisk';
import type { TriggerCount } from '../triggers/kinds';
import type { ChurnReasonRow, ServiceDiagnosis } from '../service/computeService';
import type { InterventionsSummary } from '../interventions/computeInterventions';
import type { DiagnosisFinding } from '../diagnosis/computeDiagnosis';
import type { Backtest } from '../backtest/computeBacktest';
import type { StatusSummary } from '../status/summary';
import type { BgNbdFit } from '../models/bgnbd';
import type { GammaGammaFit } from '../models/gammaGamma';

/** Every family's result without its notes; the report-only families (customers, cohorts, RFM, models, churn reasons) are absent on the screen. */
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
  /** The back-test of the status definitions (null without dated rows before the as-of date). */
  backtest: Backtest | null;
  diagnosis: DiagnosisFinding[] | null;
}
