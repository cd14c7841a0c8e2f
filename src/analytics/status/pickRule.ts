import type { AnalyticsSettings, ChurnRule } from '../settings';
import type { DataPresence } from './dataPresence';

/** The churn rule in force and why (shown on screen: "churn = labeled: the data has a churn flag"). */
export interface RulePick {
  rule: ChurnRule;
  reason: string;
  /** Set when the user's choice could not be honoured and another rule was used. */
  note: string | null;
}

function autoRule(p: DataPresence, minRepeat: number): RulePick {
  if (p.labeledChurned > 0) return { rule: 'labeled', reason: 'the data carries a churn label', note: null };
  if (p.subscribers > 0) return { rule: 'contractual', reason: 'the data has subscriptions', note: null };
  if (p.repeatBuyers >= minRepeat) {
    return { rule: 'model', reason: `${p.repeatBuyers} repeat customers (>= ${minRepeat}): BG/NBD P(alive)`, note: null };
  }
  return { rule: 'rule', reason: `transactions only, ${p.repeatBuyers} repeat customers (< ${minRepeat}): silent/churn windows`, note: null };
}

/**
 * Picks the status rule (metrics.md section 1): labeled if any customer is labeled churned, else
 * contractual if subscriptions exist, else model when at least modelMinRepeatCustomers repeat
 * buyers exist, else rule. settings.churnRule overrides unless the data cannot support it.
 */
export function pickChurnRule(p: DataPresence, settings: Pick<AnalyticsSettings, 'churnRule' | 'modelMinRepeatCustomers'>): RulePick {
  const auto = autoRule(p, settings.modelMinRepeatCustomers);
  const wanted = settings.churnRule;
  if (!wanted || wanted === auto.rule) return auto;
  const unsupported =
    (wanted === 'labeled' && p.labeledChurned === 0) ? 'no customer carries a churn label'
      : (wanted === 'contractual' && p.subscribers === 0) ? 'there are no subscriptions'
        : (wanted === 'model' && p.repeatBuyers === 0) ? 'there are no repeat purchases to fit BG/NBD on'
          : (wanted === 'rule' && p.buyers === 0 && p.customers === 0) ? 'there are no customers' : null;
  if (unsupported) return { ...auto, note: `churn rule '${wanted}' was requested but ${unsupported}; using '${auto.rule}'` };
  return { rule: wanted, reason: 'chosen in settings', note: null };
}
