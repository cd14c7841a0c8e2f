import type { StructuralOverall, StructuralRow } from './rows';

/** Segments smaller than this are too noisy to call out. */
export const MIN_CALLOUT_CUSTOMERS = 20;

/** A pattern the screen calls out (metrics.md section 3). */
export interface StructuralCallout {
  /**
   * high-value-churn (企业甲): the high-value tier churns above the overall rate.
   * low-value-concentration (企业乙): churn is concentrated in low-value customers: the low-value
   * tier churns above the overall rate, the high-value tier below it, and the value-weighted
   * churn share is below the customer churn rate.
   */
  kind: 'high-value-churn' | 'low-value-concentration';
  dimension: string;
  value: string;
  rate: number;
  overallRate: number;
  lift: number;
  message: string;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The call-outs the value-tier rows support (empty when none applies). */
export function structuralCallouts(rows: readonly StructuralRow[], overall: StructuralOverall): StructuralCallout[] {
  const out: StructuralCallout[] = [];
  if (overall.rate === null) return out;
  const tier = (v: string) => rows.find((r) => r.dimension === 'value_tier' && r.value === v && r.customers >= MIN_CALLOUT_CUSTOMERS);
  const high = tier('高价值');
  const low = tier('低价值');
  if (high && high.rate !== null && high.lift !== null && high.lift > 1) {
    out.push({ kind: 'high-value-churn', dimension: 'value_tier', value: high.value, rate: high.rate, overallRate: overall.rate, lift: high.lift,
      message: `high-value customers churn at ${pct(high.rate)}, above the overall ${pct(overall.rate)}` });
  }
  const valueLight = overall.valueShare !== null && overall.valueShare < overall.rate;
  if (low && low.rate !== null && low.lift !== null && low.lift > 1 && (!high || (high.lift ?? 0) < 1) && valueLight) {
    out.push({ kind: 'low-value-concentration', dimension: 'value_tier', value: low.value, rate: low.rate, overallRate: overall.rate, lift: low.lift,
      message: `churn ${pct(overall.rate)} is concentrated in low-value customers (${pct(low.rate)}); it carries ${pct(overall.valueShare ?? 0)} of value` });
  }
  return out;
}
