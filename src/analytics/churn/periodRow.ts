import type { MrrMovements, RevenueRates } from './rates';

/** One row of churnByPeriod (cli-contract.md), with its numerators and denominators. */
export interface ChurnPeriodRow extends Partial<MrrMovements>, Partial<RevenueRates> {
  period: string;
  periodStart: string;
  /** The period's last day, or the as-of date for the current (partial) period. */
  periodEnd: string;
  partial: boolean;
  /** Customers on the day before the period. */
  start: number;
  /** Of them, still customers at the period end. */
  retained: number;
  churned: number;
  /** churned / start; null when start is 0. */
  rate: number | null;
  joinedAndLost: number;
  /** Prior-12-month order value of this period's churned customers (transactions), else null. */
  valueLost: number | null;
  /** Everyone's order value in the 12 months before the period. */
  valueBase: number | null;
  valueChurnRate: number | null;
  mrrEnd?: number;
}
