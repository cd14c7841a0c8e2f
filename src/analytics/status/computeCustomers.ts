import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { ResolvedSettings } from '../prepare';
import { readPrepared } from '../prepare';
import { statusSummarySql, type StatusSummary } from './summary';

/** The report's `customers` block: counts per status and the rule in force (after prepareAnalytics). */
export async function computeCustomers(qm: QueryManager, settings: ResolvedSettings): Promise<{ customers: StatusSummary; notes: string[] }> {
  const prepared = await readPrepared(qm);
  const notes: string[] = [];
  if (prepared.asOf !== settings.asOf) notes.push(`statuses are as of ${prepared.asOf}, not ${settings.asOf}: run prepareAnalytics again`);
  const row = toRows<Omit<StatusSummary, 'churnRule'>>(await qm.query(statusSummarySql()))[0];
  return { customers: { ...row, churnRule: prepared.churnRule }, notes };
}
