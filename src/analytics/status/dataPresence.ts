import { FACTS_TABLE } from '../facts/customerFacts';
import { dateLit } from '../../engine/sql';
import { mrrSql } from '../common/mrr';

/** What the loaded data holds, as the status rule picker needs it (counts of customers). */
export interface DataPresence {
  customers: number;
  /** Customers carrying a churned = true label. */
  labeledChurned: number;
  /** Customers with a subscription started on or before the as-of date. */
  subscribers: number;
  /** Subscriptions whose MRR is known (mrr, or amount with a billing period / dates). */
  subscriptionsWithMrr: number;
  buyers: number;
  /** Customers with at least one purchase day after the first (BG/NBD x > 0). */
  repeatBuyers: number;
  withMonthlyValue: number;
}

/** SQL: one row of DataPresence counts from cw_customer_facts (built for `asOf`). */
export function dataPresenceSql(asOf: string, facts: string = FACTS_TABLE): string {
  return `SELECT
    (SELECT count(*) FROM ${facts})::INTEGER AS customers,
    (SELECT count(*) FROM ${facts} WHERE churned_label)::INTEGER AS "labeledChurned",
    (SELECT count(*) FROM ${facts} WHERE first_subscription_date IS NOT NULL)::INTEGER AS subscribers,
    (SELECT count(*) FROM subscriptions s WHERE s.start_date <= ${dateLit(asOf)} AND ${mrrSql('s')} IS NOT NULL)::INTEGER AS "subscriptionsWithMrr",
    (SELECT count(*) FROM ${facts} WHERE first_order_date IS NOT NULL)::INTEGER AS buyers,
    (SELECT count(*) FROM ${facts} WHERE bg_x > 0)::INTEGER AS "repeatBuyers",
    (SELECT count(*) FROM ${facts} WHERE monthly_value IS NOT NULL)::INTEGER AS "withMonthlyValue"`;
}
