import type { AliveModel, AnalyticsSettings, ChurnRule, DefinitionPick } from '../settings';
import type { Backtest } from './computeBacktest';
import { pickBacktestDefinition } from './pickDefinition';

/**
 * The back-test's pick to record as settings.definitionPick (src/analytics/README.md "Choosing
 * the default non-contractual definition by the back-test"), or null when none applies: the user
 * chose the churn rule, a pick is already recorded for these rows (it is sticky: computed once
 * per data change, not per settings change), the data is labelled or contractual (the rule in
 * force is neither 'rule' nor 'model'), there is no back-test, or no candidate was rated.
 */
export function pickToRecord(
  settings: Pick<AnalyticsSettings, 'churnRule' | 'definitionPick'>,
  decided: { churnRule: ChurnRule; aliveModel: AliveModel },
  bt: Backtest | null,
  data: string | null,
): DefinitionPick | null {
  if (settings.churnRule !== null || settings.definitionPick || !bt) return null;
  if (decided.churnRule !== 'rule' && decided.churnRule !== 'model') return null;
  const pick = pickBacktestDefinition(bt);
  const score = pick.scores.find((s) => s.name === pick.name)?.score;
  if (!pick.name || pick.name === 'contractual' || score === undefined || score === null) return null;
  return { name: pick.name, score, data };
}
