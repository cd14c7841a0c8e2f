import type { QueryManager } from '../engine/queryManager';
import type { AnalyticsSettings } from './settings';
import { prepareAnalytics, type PreparedAnalytics } from './prepare';
import { computeCustomers } from './status/computeCustomers';
import { computeChurn } from './churn/computeChurn';
import { computeStructural } from './structural/computeStructural';
import { computeCohorts } from './cohorts/computeCohorts';
import { computeRfm } from './rfm/computeRfm';
import { computeModels } from './models/computeModels';
import { computeClv } from './clv/computeClv';
import type { RedCustomers } from './clv/atRisk';

/**
 * Runs prepareAnalytics once, then every metric family of this module, and merges their blocks
 * into one JSON-ready object with the cli-contract.md keys (customers, churnByPeriod, structural,
 * cohorts, rfm, models, clv) plus their companions, and all notes in one array.
 */
export async function computeChurnReport(qm: QueryManager, settings: AnalyticsSettings, options: { redCustomers?: RedCustomers; today?: string } = {}) {
  const prepared: PreparedAnalytics = await prepareAnalytics(qm, settings, { today: options.today });
  const s = prepared.settings;
  const customers = await computeCustomers(qm, s);
  const churn = await computeChurn(qm, s);
  const structural = await computeStructural(qm, s);
  const cohorts = await computeCohorts(qm, s);
  const rfm = await computeRfm(qm, s);
  const models = await computeModels(qm, s);
  const clv = await computeClv(qm, s, { redCustomers: options.redCustomers });
  const parts = [customers, churn, structural, cohorts, rfm, models, clv];
  const notes = [...prepared.notes, ...parts.flatMap((p) => p.notes)];
  const strip = <T extends { notes: string[] }>(p: T): Omit<T, 'notes'> => {
    const { notes: _n, ...rest } = p;
    void _n;
    return rest;
  };
  return {
    asOf: prepared.asOf,
    churnRule: prepared.churnRule,
    churnRuleReason: prepared.ruleReason,
    ...strip(customers), ...strip(churn), ...strip(structural), ...strip(cohorts), ...strip(rfm), ...strip(models), ...strip(clv),
    notes,
  };
}
