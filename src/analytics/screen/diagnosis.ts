import type { QueryManager } from '../../engine/queryManager';
import type { CustomerFilter, DiagnosisLine } from './types';
import type { ScreenContext } from './prepareScreen';
import { pick, type ScreenLang } from './lang';
import { backtestFinding } from '../diagnosis/computeDiagnosis';

/**
 * The diagnosis of the five analysis pitfalls (product.md "Diagnosis"), one line each in `lang`,
 * as prepareScreen computed them on all customers (the filter does not apply). Null when the
 * diagnosis could not run.
 */
export async function loadDiagnosis(_qm: QueryManager, ctx: ScreenContext, _filter: CustomerFilter, lang: ScreenLang): Promise<DiagnosisLine[] | null> {
  const findings = ctx.families.diagnosis;
  if (!findings) return null;
  return findings.map((f) => ({ check: f.check, status: f.status, text: pick(f.text, lang) }));
}

/**
 * The back-test's line beside the pitfall checks: of the customers the current definition called
 * churned at T0, the share who came back (diagnosis/checks.ts checkBacktestChurned). Null when
 * there is no back-test or nothing to say; like the checks, on all customers.
 */
export function backtestLine(ctx: ScreenContext, lang: ScreenLang): DiagnosisLine | null {
  const f = backtestFinding(ctx.families.backtest ?? null, ctx.churnRule, ctx.aliveModel, ctx.ruleSource === 'backtest');
  return f ? { check: f.check, status: f.status, text: pick(f.text, lang) } : null;
}
