import type { QueryManager } from '../engine/queryManager';
import type { AnalyticsSettings } from './settings';
import { prepareAnalytics } from './prepare';
import { runFamilies } from './screen/pipeline';

/** Every metrics.md section, keyed as in cli-contract.md, plus the notes of what could not be computed. */
export interface WorkspaceReport {
  asOf: string;
  sections: Record<string, unknown>;
  notes: string[];
}

/**
 * Runs the whole analytics layer once, in dependency order: prepare (facts, status, RFM,
 * models) -> risk tiers -> the families that read them (CLV at-risk value, triggers,
 * diagnosis). The CLI prints it; the screen runs the same pipeline (prepareScreen) and reads
 * the tables panel by panel.
 */
export async function analyzeWorkspace(qm: QueryManager, settings: AnalyticsSettings, options: { today?: string } = {}): Promise<WorkspaceReport> {
  const prepared = await prepareAnalytics(qm, settings, { today: options.today });
  const { results: r, notes } = await runFamilies(qm, prepared.settings, 'report');
  return {
    asOf: prepared.asOf,
    sections: {
      churnRule: prepared.churnRule,
      churnRuleReason: prepared.ruleReason,
      ...r.customers,
      ...r.churn,
      ...r.structural,
      ...r.cohorts,
      ...r.rfm,
      risk: r.risk,
      triggers: r.triggers,
      ...r.models,
      ...r.clv,
      service: r.service,
      churnReasons: r.churnReasons,
      interventions: r.interventions,
      diagnosis: r.diagnosis,
    },
    notes: [...prepared.notes, ...notes],
  };
}
