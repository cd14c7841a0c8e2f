import type { ChurnRule } from '../settings';
import type { DataPresence } from './dataPresence';

/** Which dated table decides "is a customer on day d" (for churn by period, cohorts, CLV). */
export type PeriodBasis = 'subscriptions' | 'orders' | null;

/** What a customer's money value is measured in (structural value share, value tiers, at-risk value). */
export type ValueBasis = 'orders' | 'mrr' | 'monthly_value' | null;

/**
 * Contractual: subscriptions. Rule/model: orders (W2 rule, also in model mode: P(alive) cannot be
 * back-dated without refitting). Labeled: the label has no date, so subscriptions if present,
 * else orders, else none (churn by period is then not computable).
 */
export function periodBasisFor(rule: ChurnRule, p: DataPresence): PeriodBasis {
  if (rule === 'contractual') return 'subscriptions';
  if (rule === 'rule' || rule === 'model') return p.buyers > 0 ? 'orders' : null;
  if (p.subscribers > 0) return 'subscriptions';
  return p.buyers > 0 ? 'orders' : null;
}

/** Orders when anyone bought, else subscription MRR, else the customers' monthly value, else none. */
export function valueBasisFor(p: DataPresence): ValueBasis {
  if (p.buyers > 0) return 'orders';
  if (p.subscriptionsWithMrr > 0) return 'mrr';
  if (p.withMonthlyValue > 0) return 'monthly_value';
  return null;
}
