import type { QueryManager } from '../../engine/queryManager';
import type { CustomerFilter, DiagnosisLine } from './types';
import type { ScreenContext } from './prepareScreen';
import { pick, type ScreenLang } from './lang';

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
