import { lit } from '../../engine/sql';

/** Ticket types that are complaints (matched case-insensitively as substrings). */
export const COMPLAINT_KEYWORDS = ['投诉', '客诉', '抱怨', 'complain', 'grievance'];
/** Ticket types that are after-sales service requests. */
export const AFTER_SALES_KEYWORDS = ['售后', 'after-sale', 'after sale', 'aftersale', 'support', '维修', 'repair', '保修', 'warranty', '退换'];
/** Ticket statuses that mean resolved... */
export const RESOLVED_KEYWORDS = ['resolved', 'closed', 'solved', 'done', 'complete', '解决', '关闭', '完成', '结案'];
/** ...unless they also carry one of these ("未解决", "unresolved", "reopened"). */
export const UNRESOLVED_KEYWORDS = ['未', '待', '没有', 'unresolved', 'not ', 'open', 'pending'];

/** SQL boolean: `expr` (text) contains any keyword, case-insensitively; FALSE for NULL. */
export function containsAnySql(expr: string, keywords: readonly string[]): string {
  const tests = keywords.map((k) => `contains(lower(${expr}), ${lit(k.toLowerCase())})`);
  return `coalesce((${tests.join(' OR ')}), false)`;
}

/** SQL boolean: the ticket type reads as a complaint. */
export function isComplaintSql(typeExpr: string): string {
  return containsAnySql(typeExpr, COMPLAINT_KEYWORDS);
}

/** SQL boolean: the ticket type reads as after-sales / support. */
export function isAfterSalesSql(typeExpr: string): string {
  return containsAnySql(typeExpr, AFTER_SALES_KEYWORDS);
}

/** SQL boolean: the status text says resolved (and not "unresolved"). */
export function isResolvedStatusSql(statusExpr: string): string {
  return `(${containsAnySql(statusExpr, RESOLVED_KEYWORDS)} AND NOT ${containsAnySql(statusExpr, UNRESOLVED_KEYWORDS)})`;
}
