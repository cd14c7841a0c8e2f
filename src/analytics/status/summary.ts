import type { ChurnRule } from '../settings';
import { STATUS_TABLE } from './statusSql';

/** The customers block of the report (cli-contract.md). */
export interface StatusSummary {
  total: number;
  active: number;
  silent: number;
  churned: number;
  new: number;
  /** Customers whose churn label is blank (labeled rule): in no other count; present only when some are. */
  unknown?: number;
  churnRule: ChurnRule;
}

/**
 * SQL: counts per status over cw_customer_status (columns total, active, silent, churned, new,
 * unknown). A customer without a churn label keeps status 'active' in the table (the status
 * contract) but is counted as unknown, never as active (issue 13: "224 位客户无流失标签").
 */
export function statusSummarySql(): string {
  return `SELECT count(*)::INTEGER AS total,
    count(*) FILTER (WHERE status = 'active' AND NOT label_unknown)::INTEGER AS active,
    count(*) FILTER (WHERE status = 'silent')::INTEGER AS silent,
    count(*) FILTER (WHERE status = 'churned')::INTEGER AS churned,
    count(*) FILTER (WHERE status = 'new')::INTEGER AS "new",
    count(*) FILTER (WHERE label_unknown)::INTEGER AS unknown
  FROM ${STATUS_TABLE}`;
}
