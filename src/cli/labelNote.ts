import en from '../i18n/messages/en';
import type { LabelSummary } from '../analytics/status/labelSummary';

/**
 * The report's note on customers without a churn label, worded as the screen words it
 * (src/i18n kpi.unlabeled: "224 customers have no churn label"); null when every customer has one.
 */
export function unlabeledNote(labels: LabelSummary | null | undefined): string | null {
  if (!labels || labels.unlabeled === 0) return null;
  return en.kpi.unlabeled.replace('{n}', labels.unlabeled.toLocaleString('en'));
}
