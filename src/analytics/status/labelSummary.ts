import { STATUS_TABLE } from './statusSql';

/**
 * The labelled snapshot's churn rate (metrics.md section 14): churned / labelled customers.
 * Customers whose label is blank (label_unknown) are counted apart, never in the rate.
 */
export interface LabelSummary {
  /** Customers with a churn label (churned or not). */
  labeled: number;
  /** Customers whose label is blank: shown as "N customers have no churn label". */
  unlabeled: number;
  churned: number;
  /** churned / labeled; null with no labelled customer. */
  rate: number | null;
}

/**
 * SQL: one LabelSummary row over cw_customer_status (meaningful under the labeled rule), over the
 * customers of `ids` (a SELECT of customer ids) when given.
 */
export function labelSummarySql(ids: string | null = null): string {
  return `SELECT count(*) FILTER (WHERE NOT label_unknown)::INTEGER AS labeled,
    count(*) FILTER (WHERE label_unknown)::INTEGER AS unlabeled,
    count(*) FILTER (WHERE status = 'churned')::INTEGER AS churned,
    round(count(*) FILTER (WHERE status = 'churned') / nullif(count(*) FILTER (WHERE NOT label_unknown), 0), 4)::DOUBLE AS rate
  FROM ${STATUS_TABLE}${ids === null ? '' : ` WHERE customer_id IN (${ids})`}`;
}
