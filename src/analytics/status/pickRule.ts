import type { AliveModel, AnalyticsSettings, ChurnRule, DefinitionPick } from '../settings';
import type { DataPresence } from './dataPresence';

/** The churn rule in force and why (shown on screen: "churn = labeled: the data has a churn flag"). */
export interface RulePick {
  rule: ChurnRule;
  reason: string;
  /** Set when the user's choice could not be honoured and another rule was used, or the back-test's pick scores below 0. */
  note: string | null;
  /** Model mode's P(alive) model. */
  aliveModel: AliveModel;
  /** Who chose the rule: the data ('auto'), the user ('settings') or the back-test ('backtest'). */
  source: 'auto' | 'settings' | 'backtest';
}

/** A P(alive) model's name in a reason. */
export const ALIVE_MODEL_NAMES: Record<AliveModel, string> = { bgnbd: 'BG/NBD', paretoNbd: 'Pareto/NBD' };

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

/** The back-test's pick as the rule of transaction data (model mode's P(alive) model the user's when set). */
function backtestRule(pick: DefinitionPick, model: AliveModel | null): RulePick {
  const rule: ChurnRule = pick.name === 'rule' ? 'rule' : 'model';
  const aliveModel = model ?? (pick.name === 'rule' ? 'bgnbd' : pick.name);
  const what = pick.name === 'rule' ? 'silent/churn windows' : `${ALIVE_MODEL_NAMES[aliveModel]} P(alive)`;
  const note = pick.score < 0
    ? `the back-test's best definition (${what}) scores ${signed(pick.score)}: its churned customers came back more often than its active ones`
    : null;
  return { rule, reason: `chosen by the back-test: ${what} (score ${signed(pick.score)})`, note, aliveModel, source: 'backtest' };
}

function autoRule(p: DataPresence, minRepeat: number, model: AliveModel | null, pick: DefinitionPick | null): RulePick {
  const plain = { note: null, aliveModel: 'bgnbd' as const, source: 'auto' as const };
  if (p.labeledChurned > 0) return { rule: 'labeled', reason: 'the data carries a churn label', ...plain };
  if (p.subscribers > 0) return { rule: 'contractual', reason: 'the data has subscriptions', ...plain };
  if (pick) return backtestRule(pick, model);
  if (p.repeatBuyers >= minRepeat) {
    const m = model ?? 'bgnbd';
    return { rule: 'model', reason: `${p.repeatBuyers} repeat customers (>= ${minRepeat}): ${ALIVE_MODEL_NAMES[m]} P(alive)`, ...plain, aliveModel: m };
  }
  return { rule: 'rule', reason: `transactions only, ${p.repeatBuyers} repeat customers (< ${minRepeat}): silent/churn windows`, ...plain };
}

/**
 * Picks the status rule (metrics.md section 1): labeled if any customer is labeled churned, else
 * contractual if subscriptions exist, else (transactions) the definition the back-test rated best
 * (settings.definitionPick, recorded once per data change), and before it has run model when at
 * least modelMinRepeatCustomers repeat buyers exist, else rule. settings.churnRule overrides
 * unless the data cannot support it; settings.aliveModel chooses model mode's P(alive) model.
 */
export function pickChurnRule(
  p: DataPresence,
  settings: Pick<AnalyticsSettings, 'churnRule' | 'modelMinRepeatCustomers'> & Partial<Pick<AnalyticsSettings, 'aliveModel' | 'definitionPick'>>,
): RulePick {
  const wanted = settings.churnRule;
  const model = settings.aliveModel ?? null;
  const auto = autoRule(p, settings.modelMinRepeatCustomers, model, wanted ? null : settings.definitionPick ?? null);
  if (!wanted) return auto;
  if (wanted === auto.rule) return { ...auto, source: 'settings' };
  const unsupported =
    (wanted === 'labeled' && p.labeledChurned === 0) ? 'no customer carries a churn label'
      : (wanted === 'contractual' && p.subscribers === 0) ? 'there are no subscriptions'
        : (wanted === 'model' && p.repeatBuyers === 0) ? 'there are no repeat purchases to fit BG/NBD on'
          : (wanted === 'rule' && p.buyers === 0 && p.customers === 0) ? 'there are no customers' : null;
  if (unsupported) return { ...auto, note: `churn rule '${wanted}' was requested but ${unsupported}; using '${auto.rule}'` };
  return { rule: wanted, reason: 'chosen in settings', note: null, aliveModel: wanted === 'model' ? model ?? 'bgnbd' : 'bgnbd', source: 'settings' };
}
