import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { ChurnPeriodRow } from '../churn/computeChurn';
import { logoChurnSql } from '../churn/logoChurnSql';
import { valueChurnSql } from '../churn/valueChurnSql';
import { revenueChurnSql } from '../churn/revenueChurnSql';
import { ratio, revenueRates, type MrrMovements } from '../churn/rates';
import { SPELLS_TABLE } from '../status/spellsSql';
import type { ScreenContext } from './prepareScreen';
import { scopedSql } from './scoped';
import { SCREEN_ORDER_DAYS_TABLE } from './screenTables';

interface LogoRow { ps: string; e: string; label: string; partial: boolean; start: number; retained: number; joined_and_lost: number }
interface ValueRow { ps: string; value_lost: number; value_base: number | null }
interface RevenueRow { ps: string; mrr_start: number; mrr_end: number; new_mrr: number; expansion_mrr: number; contraction_mrr: number; churned_mrr: number; reactivation_mrr: number }

/** Rows as computeChurn assembles them from the logo, value and revenue queries. */
function assemble(logo: LogoRow[], value: Map<string, ValueRow> | null, revenue: Map<string, RevenueRow> | null): ChurnPeriodRow[] {
  return logo.map((l): ChurnPeriodRow => {
    const churned = l.start - l.retained;
    const v = value?.get(l.ps);
    const row: ChurnPeriodRow = {
      period: l.label, periodStart: l.ps, periodEnd: l.e, partial: l.partial,
      start: l.start, retained: l.retained, churned, rate: ratio(churned, l.start), joinedAndLost: l.joined_and_lost,
      valueLost: v ? v.value_lost : null, valueBase: v ? v.value_base : null,
      valueChurnRate: v ? ratio(v.value_lost, v.value_base) : null,
    };
    const r = revenue?.get(l.ps);
    if (r) {
      const mv: MrrMovements = { mrrStart: r.mrr_start, newMrr: r.new_mrr, expansionMrr: r.expansion_mrr, contractionMrr: r.contraction_mrr,
        churnedMrr: r.churned_mrr, reactivationMrr: r.reactivation_mrr };
      Object.assign(row, mv, { mrrEnd: r.mrr_end }, revenueRates(mv));
    }
    return row;
  });
}

/**
 * Churn by period (metrics.md section 2) for the filtered customers: the churn family's own logo,
 * value and revenue SQL run on their spells, order days and subscriptions only. Without a filter,
 * the rows computeChurn produced. Null when churn by period is not computable.
 */
export async function churnRowsFor(qm: QueryManager, ctx: ScreenContext, filter: string | null): Promise<ChurnPeriodRow[] | null> {
  const all = ctx.families.churn.churnByPeriod;
  if (all === null || filter === null) return all;
  const { asOf, period } = ctx.settings;
  const logo = toRows<LogoRow>(await qm.query(scopedSql(logoChurnSql(period, asOf), filter, [SPELLS_TABLE])));
  const hasValue = all.some((r) => r.valueLost !== null);
  const value = hasValue
    ? new Map(toRows<ValueRow>(await qm.query(scopedSql(valueChurnSql(period, asOf), filter, [SPELLS_TABLE, ['orders', SCREEN_ORDER_DAYS_TABLE]])))
      .map((r) => [r.ps, r]))
    : null;
  const revenue = ctx.periodBasis === 'subscriptions'
    ? new Map(toRows<RevenueRow>(await qm.query(scopedSql(revenueChurnSql(period, asOf), filter, [SPELLS_TABLE, 'subscriptions'])))
      .map((r) => [r.ps, r]))
    : null;
  return assemble(logo, value, revenue);
}
