import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { ResolvedSettings } from '../prepare';
import { readPrepared } from '../prepare';
import { statusSummarySql, type StatusSummary } from './summary';
import { labelSummarySql, type LabelSummary } from './labelSummary';

/**
 * The report's `customers` block: counts per status and the rule in force (after prepareAnalytics),
 * and under the labeled rule `churnLabels`, the rate over labelled customers with the unlabelled
 * counted apart (absent under the other rules: the report has no null section it could fill).
 */
export async function computeCustomers(qm: QueryManager, settings: ResolvedSettings): Promise<{ customers: StatusSummary; churnLabels?: LabelSummary; notes: string[] }> {
  const prepared = await readPrepared(qm);
  const notes: string[] = [];
  if (prepared.asOf !== settings.asOf) notes.push(`statuses are as of ${prepared.asOf}, not ${settings.asOf}: run prepareAnalytics again`);
  const { unknown, ...row } = toRows<Omit<StatusSummary, 'churnRule'> & { unknown: number }>(await qm.query(statusSummarySql()))[0];
  const customers: StatusSummary = { ...row, ...(unknown > 0 ? { unknown } : {}), churnRule: prepared.churnRule };
  if (prepared.churnRule !== 'labeled') return { customers, notes };
  return { customers, churnLabels: toRows<LabelSummary>(await qm.query(labelSummarySql()))[0], notes };
}
