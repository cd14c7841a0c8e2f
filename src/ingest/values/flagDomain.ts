import type { ColumnProfile } from './profile';
import { booleanSql } from './booleans';
import { blankSql } from './blanks';
import { churnFlagSql } from './flags';

/**
 * Share of yes/no values (1/0, Yes/No, 是/否 ...) from which a churn column is a flag with a
 * closed domain. A label column of words (Churned, Lifecycle Stage) is open: a word it does not
 * know says "unknown"; a flag is closed: 50000 in a 0/1 column is a broken row, not a customer.
 */
const FLAG_SHARE = 0.9;

/** True when the churn/status column is a yes/no flag (its sampled values are nearly all yes/no). */
export function isClosedFlag(profile: ColumnProfile | undefined): boolean {
  return profile !== undefined && profile.nonBlankCount > 0 && profile.booleanShare >= FLAG_SHARE;
}

/** SQL: TRUE when the VARCHAR `expr` is neither blank nor a yes/no or churn word (outside a flag's domain). */
export function outsideFlagDomainSql(expr: string): string {
  return `(NOT ${blankSql(expr)} AND ${booleanSql(expr)} IS NULL AND ${churnFlagSql(expr)} IS NULL)`;
}
