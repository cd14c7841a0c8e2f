import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { ChurnPeriodRow } from '../churn/computeChurn';
import { logoChurnSql } from '../churn/logoChurnSql';
import { valueChurnSql } from '../churn/valueChurnSql';
import { revenueChurnSql } from '../churn/revenueChurnSql';
import { assembleChurnRows, type LogoRow, type RevenueRow, type ValueRow } from '../churn/assembleRows';
import { SPELLS_TABLE } from '../status/spellsSql';
import type { ScreenContext } from './prepareScreen';
import { scopedSql } from './scoped';
import { SCREEN_ORDER_DAYS_TABLE } from './screenTables';

/**
 * Churn by period (metrics.md section 2) for the filtered customers: the churn family's own logo,
 * value and revenue SQL run on their spells, order days and subscriptions only. Without a filter,
 * the rows computeChurn produced. Null when churn by period is not computable.
 */
export async function churnRowsFor(qm: QueryManager, ctx: ScreenContext, filter: string | null): Promise<ChurnPeriodRow[] | null> {
  const all = ctx.families.churn.churnByPeriod;
  if (all === null || filter === null) return all;
  // A facts bundle has each period's totals and churners, not the spells a subset's rates need.
  if (ctx.bundle) return null;
  const { asOf, period } = ctx.settings;
  const logo = toRows<LogoRow>(await qm.query(scopedSql(logoChurnSql(period, asOf), filter, [SPELLS_TABLE], qm.schema)));
  const hasValue = all.some((r) => r.valueLost !== null);
  const value = hasValue
    ? new Map(toRows<ValueRow>(await qm.query(scopedSql(valueChurnSql(period, asOf), filter, [SPELLS_TABLE, ['orders', SCREEN_ORDER_DAYS_TABLE]], qm.schema)))
      .map((r) => [r.ps, r]))
    : null;
  const revenue = ctx.periodBasis === 'subscriptions'
    ? new Map(toRows<RevenueRow>(await qm.query(scopedSql(revenueChurnSql(period, asOf), filter, [SPELLS_TABLE, 'subscriptions'], qm.schema)))
      .map((r) => [r.ps, r]))
    : null;
  return assembleChurnRows(logo, value, revenue);
}
