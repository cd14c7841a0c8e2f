/** MRR movements of one period (subscriptions). */
export interface MrrMovements {
  mrrStart: number;
  newMrr: number;
  expansionMrr: number;
  contractionMrr: number;
  churnedMrr: number;
  reactivationMrr: number;
}

/** Revenue churn figures of metrics.md section 2 (null where a denominator is zero). */
export interface RevenueRates {
  grossRevenueChurn: number | null;
  netRevenueChurn: number | null;
  nrr: number | null;
  quickRatio: number | null;
}

/** numerator / denominator, or null when the denominator is not positive. */
export function ratio(numerator: number, denominator: number | null | undefined): number | null {
  if (denominator === null || denominator === undefined || !(denominator > 0)) return null;
  return numerator / denominator;
}

/**
 * gross = (churned + contraction) / MRR at start; net = (churned + contraction - expansion -
 * reactivation) / MRR at start; NRR = 1 - net; quick ratio = (new + expansion + reactivation) /
 * (churned + contraction).
 */
export function revenueRates(m: MrrMovements): RevenueRates {
  const lost = m.churnedMrr + m.contractionMrr;
  const net = ratio(lost - m.expansionMrr - m.reactivationMrr, m.mrrStart);
  return {
    grossRevenueChurn: ratio(lost, m.mrrStart),
    netRevenueChurn: net,
    nrr: net === null ? null : 1 - net,
    quickRatio: ratio(m.newMrr + m.expansionMrr + m.reactivationMrr, lost),
  };
}
