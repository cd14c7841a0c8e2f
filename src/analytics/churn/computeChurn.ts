import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { readPrepared, type ResolvedSettings } from '../prepare';
import { buildPeriodChurnersSql, logoChurnSql } from './logoChurnSql';
import { valueChurnSql } from './valueChurnSql';
import { revenueChurnSql } from './revenueChurnSql';
import { assembleChurnRows, type LogoRow, type RevenueRow, type ValueRow } from './assembleRows';
import type { ChurnPeriodRow } from './periodRow';

export type { ChurnPeriodRow } from './periodRow';

/** The churnByPeriod block: rows (null when not computable), what "customer" meant, and notes. */
export interface ChurnByPeriodResult {
  churnByPeriod: ChurnPeriodRow[] | null;
  churnDefinition: string | null;
  notes: string[];
}


/**
 * Churn by settings.period (metrics.md section 2) on the spells prepareAnalytics built: logo churn
 * with joined-and-lost apart, value churn when there are orders, revenue churn (MRR movements)
 * when the basis is subscriptions. Also (re)builds cw_period_churners_<period>, the drill lists.
 */
export async function computeChurn(qm: QueryManager, settings: ResolvedSettings): Promise<ChurnByPeriodResult> {
  const prepared = await readPrepared(qm);
  const { periodBasis, churnRule } = prepared;
  const asOf = prepared.asOf;
  if (!periodBasis) {
    const why = churnRule === 'labeled' ? 'the churn label has no date and there are no orders or subscriptions to date it' : 'there are no dated orders or subscriptions';
    return { churnByPeriod: null, churnDefinition: null, notes: [`churn by period is not computable: ${why}`] };
  }
  const period = settings.period;
  await qm.exec(buildPeriodChurnersSql(period, asOf));
  const logo = toRows<LogoRow>(await qm.query(logoChurnSql(period, asOf)));
  const hasOrders = (await qm.query(`SELECT 1 FROM orders LIMIT 1`)).numRows > 0;
  const value = hasOrders ? new Map(toRows<ValueRow>(await qm.query(valueChurnSql(period, asOf))).map((r) => [r.ps, r])) : null;
  const revenue = periodBasis === 'subscriptions'
    ? new Map(toRows<RevenueRow>(await qm.query(revenueChurnSql(period, asOf))).map((r) => [r.ps, r])) : null;

  const rows = assembleChurnRows(logo, value, revenue);
  const definition = periodBasis === 'subscriptions'
    ? 'customer = has a subscription running that day (start <= day < end)'
    : `customer = purchased within the churn window (W2, default ${settings.churnDays} days) before that day`;
  const notes = churnRule === 'model' ? ['churn by period uses the W2 window: P(alive) is not back-dated'] : [];
  return { churnByPeriod: rows, churnDefinition: definition, notes };
}
