import type { QueryManager } from '../../engine/queryManager';
import type { FactorWeight } from '../risk/snapshotModel';
import type { CustomerFilter, DriverRow, DriversData, DriverWeight } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { loadStructural } from './structural';
import { ATTRIBUTE_PREFIX } from './drillNames';

/** Groups smaller than this are left out of the lift ranking (a rate of 3 customers is noise). */
export const MIN_DRIVER_CUSTOMERS = 30;
/** Rows each ranking keeps. */
export const DRIVER_ROWS = 10;

/** The model's weight of a structural group: the category value's own, else the numeric column's (its bands share it). */
function weightOf(weights: readonly FactorWeight[], dimension: string, value: string): number | null {
  if (!dimension.startsWith(ATTRIBUTE_PREFIX)) return null;
  const factor = dimension.slice(ATTRIBUTE_PREFIX.length);
  const w = weights.find((x) => x.factor === factor && x.level === value) ?? weights.find((x) => x.factor === factor && x.level === null);
  return w ? w.standardized : null;
}

/** A model column as a driver: attribute columns under their drill dimension, the monthly value under its own name. */
function weightRow(w: FactorWeight): DriverWeight {
  return { dimension: w.factor === 'monthly_value' ? w.factor : ATTRIBUTE_PREFIX + w.factor, value: w.level, weight: w.standardized };
}

/**
 * Churn drivers of a labelled data set (metrics.md section 14) within the filtered customers:
 * every structural group (dimension value, or quantile band of a many-valued number; the
 * structural panel's own rates, so a row drills to exactly its customers) with at least
 * MIN_DRIVER_CUSTOMERS customers, ranked by lift = its churn rate / the overall rate; and the
 * model columns fitted on the labels (risk/snapshotModel.ts, every labelled customer) ranked by
 * the absolute standardised weight. Null unless the churn rule is 'labeled' and some dimension exists.
 */
export async function loadDrivers(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, lang: ScreenLang): Promise<DriversData | null> {
  if (ctx.churnRule !== 'labeled' || !ctx.presence.structural) return null;
  const s = await loadStructural(qm, ctx, filter, lang);
  if (!s || s.overallRate === null || s.overallRate === 0) return null;
  const weights = ctx.families.risk?.tierModel?.weights ?? [];
  const byLift: DriverRow[] = s.bars
    .filter((b) => b.customers >= MIN_DRIVER_CUSTOMERS && b.rate !== null && b.lift !== null)
    .map((b) => ({ dimension: b.dimension, value: b.value, customers: b.customers, churned: b.churned, rate: b.rate!, lift: b.lift!,
      weight: weightOf(weights, b.dimension, b.value) }))
    .sort((a, b) => b.lift - a.lift || b.customers - a.customers || (a.dimension + a.value < b.dimension + b.value ? -1 : 1))
    .slice(0, DRIVER_ROWS);
  const byWeight = [...weights].sort((a, b) => Math.abs(b.standardized) - Math.abs(a.standardized)).slice(0, DRIVER_ROWS).map(weightRow);
  return { overallRate: s.overallRate, byLift, byWeight };
}
