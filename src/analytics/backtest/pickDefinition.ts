import type { AliveModel, ChurnRule } from '../settings';
import type { Backtest, BacktestDefinition, BacktestDefinitionName } from './computeBacktest';

/** A class must hold at least this many customers at T0 for its definition to be rated (src/analytics/README.md). */
export const MIN_RATED_CLASS_CUSTOMERS = 20;

/** The non-contractual candidates, in the order a tie keeps (the simplest first). */
const CANDIDATES: readonly BacktestDefinitionName[] = ['rule', 'bgnbd', 'paretoNbd'];

/** One candidate's rating: share of its active who came back minus share of its churned who came back (null = not rated). */
export interface BacktestScore {
  name: BacktestDefinitionName;
  score: number | null;
}

/** Which definition the back-test picks (null when no candidate is rated) and every candidate's score. */
export interface BacktestPick {
  name: BacktestDefinitionName | null;
  scores: BacktestScore[];
}

function scoreOf(d: BacktestDefinition): number | null {
  const active = d.classes.find((c) => c.status === 'active');
  const churned = d.classes.find((c) => c.status === 'churned');
  if (!active || !churned || active.customers < MIN_RATED_CLASS_CUSTOMERS || churned.customers < MIN_RATED_CLASS_CUSTOMERS) return null;
  return active.share - churned.share;
}

/**
 * The rule of src/analytics/README.md "Choosing the default non-contractual definition by the
 * back-test": a candidate (rule, bgnbd, paretoNbd) is rated when its active and churned classes
 * at T0 each hold 20+ customers; score = share of its active who came back - share of its
 * churned who came back; the highest wins, a tie keeps the order rule, bgnbd, paretoNbd.
 */
export function pickBacktestDefinition(bt: Backtest): BacktestPick {
  const scores = CANDIDATES.flatMap((name) => {
    const d = bt.definitions.find((x) => x.name === name);
    return d ? [{ name, score: scoreOf(d) }] : [];
  });
  let best: BacktestScore | null = null;
  for (const s of scores) if (s.score !== null && (best === null || s.score > best.score!)) best = s;
  return { name: best?.name ?? null, scores };
}

/** The back-test score of the definition in force (null when it was not rated or not back-tested): negative means its churned came back more often than its active. */
export function currentScore(rule: ChurnRule, bt: Backtest | null, aliveModel: AliveModel = 'bgnbd'): number | null {
  const def = bt ? currentDefinition(rule, bt, aliveModel) : null;
  return def && def.name !== 'contractual' ? scoreOf(def) : null;
}

/** The back-test definition a churn rule stands for (model -> its P(alive) model, contractual -> contractual, else rule). */
export function definitionOf(rule: ChurnRule, aliveModel: AliveModel): BacktestDefinitionName {
  return rule === 'model' ? aliveModel : rule === 'contractual' ? 'contractual' : 'rule';
}

/** The back-test definition the screen's churn rule (and model mode's P(alive) model) stands for; null for labels or when it was not back-tested. */
export function currentDefinition(rule: ChurnRule, bt: Backtest, aliveModel: AliveModel = 'bgnbd'): BacktestDefinition | null {
  // Labels are what happened, not a definition the back-test checks.
  if (rule === 'labeled') return null;
  const wanted = definitionOf(rule, aliveModel);
  return bt.definitions.find((d) => d.name === wanted) ?? null;
}
