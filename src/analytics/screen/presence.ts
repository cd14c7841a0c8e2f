import { dateLit } from '../../engine/sql';
import { FACTS_TABLE } from '../facts/customerFacts';
import { RFM_TABLE } from '../rfm/rfmSql';

/** Which loaded tables hold rows up to the as-of date (the panels' raw material). */
export interface TablePresence {
  customers: boolean;
  orders: boolean;
  subscriptions: boolean;
  activity: boolean;
  tickets: boolean;
  nps: boolean;
  interventions: boolean;
  attributes: boolean;
  /** Customers with a region (the region panel). */
  regions: boolean;
  /** Customers with an RFM score (some purchase). */
  rfm: boolean;
}

/** What the data supports, per loaded table and per derived figure. */
export interface ScreenPresence extends TablePresence {
  /** Churn by period (dated orders or subscriptions). */
  churnByPeriod: boolean;
  /** Health score and risk tiers (some behavioural signal). */
  risk: boolean;
  /** Per-customer CLV (cw_customer_clv). */
  clv: boolean;
  /** Structural churn rows (dimensions with 2..30 values). */
  structural: boolean;
  /** At least one trigger kind the data supports. */
  triggers: boolean;
}

/** SQL: one row of TablePresence flags as of the as-of date. */
export function tablePresenceSql(asOf: string): string {
  const d = dateLit(asOf);
  const any = (from: string) => `EXISTS (SELECT 1 FROM ${from})`;
  return `SELECT
    ${any(FACTS_TABLE)} AS customers,
    ${any(`orders WHERE customer_id IS NOT NULL AND CAST(order_date AS DATE) <= ${d}`)} AS orders,
    ${any(`subscriptions WHERE customer_id IS NOT NULL AND start_date <= ${d}`)} AS subscriptions,
    ${any(`activity WHERE customer_id IS NOT NULL AND CAST(event_date AS DATE) <= ${d}`)} AS activity,
    ${any(`tickets WHERE customer_id IS NOT NULL AND CAST(opened_at AS DATE) <= ${d}`)} AS tickets,
    ${any(`nps WHERE customer_id IS NOT NULL AND survey_date <= ${d}`)} AS nps,
    ${any(`interventions WHERE customer_id IS NOT NULL AND action_date <= ${d}`)} AS interventions,
    ${any('customer_attributes WHERE customer_id IS NOT NULL')} AS attributes,
    ${any(`${FACTS_TABLE} WHERE region IS NOT NULL`)} AS regions,
    ${any(RFM_TABLE)} AS rfm`;
}
