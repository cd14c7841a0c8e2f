import type { ChurnPeriodRow } from './periodRow';
import { ratio, revenueRates, type MrrMovements } from './rates';

/** A row of logoChurnSql. */
export interface LogoRow { ps: string; e: string; label: string; partial: boolean; start: number; retained: number; joined_and_lost: number }
/** A row of valueChurnSql. */
export interface ValueRow { ps: string; value_lost: number; value_base: number | null }
/** A row of revenueChurnSql. */
export interface RevenueRow { ps: string; mrr_start: number; mrr_end: number; new_mrr: number; expansion_mrr: number; contraction_mrr: number; churned_mrr: number; reactivation_mrr: number }

/** Churn-by-period rows from the logo, value and revenue queries (keyed by period start). */
export function assembleChurnRows(logo: LogoRow[], value: Map<string, ValueRow> | null, revenue: Map<string, RevenueRow> | null): ChurnPeriodRow[] {
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
