import type { ChurnRule } from '../settings';
import { STATUS_TABLE } from './statusSql';

/** The customers block of the report (cli-contract.md). */
export interface StatusSummary {
  total: number;
  active: number;
  silent: number;
  churned: number;
  new: number;
  churnRule: ChurnRule;
}

/** SQL: counts per status over cw_customer_status (columns total, active, silent, churned, new). */
export function statusSummarySql(): string {
  return `SELECT count(*)::INTEGER AS total,
    count(*) FILTER (WHERE status = 'active')::INTEGER AS active,
    count(*) FILTER (WHERE status = 'silent')::INTEGER AS silent,
    count(*) FILTER (WHERE status = 'churned')::INTEGER AS churned,
    count(*) FILTER (WHERE status = 'new')::INTEGER AS "new"
  FROM ${STATUS_TABLE}`;
}
