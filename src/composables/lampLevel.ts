import type { KpiSet } from '../analytics/screen/types';

export type LampLevel = 'red' | 'amber' | 'green';

/** Share of customers in the red tier above which the lamp shows amber. */
export const RED_SHARE_AMBER = 0.05;

/**
 * The header's overall warning lamp: red when the latest churn rate is above the alert
 * threshold, amber when more than RED_SHARE_AMBER of customers are red-tier, else green.
 */
export function lampLevel(kpis: KpiSet | null, threshold: number): LampLevel {
  if (!kpis) return 'green';
  const rate = kpis.churnRate?.value;
  if (rate !== null && rate !== undefined && rate > threshold) return 'red';
  const red = kpis.redCustomers?.value;
  const total = kpis.customers.value;
  if (red && total && red / total > RED_SHARE_AMBER) return 'amber';
  return 'green';
}
