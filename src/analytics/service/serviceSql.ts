import { dateLit, lit } from '../../engine/sql';
import { FACTS_TABLE } from '../facts/customerFacts';
import { STATUS_TABLE } from '../risk/labels';
import { churnReasonGroupSql } from './churnReasons';
import { isComplaintSql } from './ticketKinds';

/** Complaint window before churn, in days. */
export const BEFORE_CHURN_DAYS = 30;
/** The count of complaints in the window that makes them "repeated". */
export const REPEATED_COMPLAINTS = 2;

/**
 * Per customer of cw_customer_status: churned or retained, a reference date and the number of
 * complaints in the 30 days up to it. The reference date is the churn date for the churned and
 * the matched comparable date for the retained, by the same rule for both:
 * - labeled status: the as-of date (the label says nothing about when);
 * - churned with an ended subscription: its (latest) end date;
 * - otherwise the last order date (rule/model churn happens after the last purchase; a retained
 *   customer's last order is the same moment of its own history);
 * - no order at all: the as-of date.
 * Retained = every status but churned. `hasRule` says whether the status table has a rule column.
 */
export function complaintsBeforeChurnSql(asOf: string, hasRule: boolean): string {
  const d = dateLit(asOf);
  return `
WITH st AS (
  SELECT customer_id, any_value(status) AS status, ${hasRule ? 'any_value(rule)' : 'NULL::VARCHAR'} AS rule
  FROM ${STATUS_TABLE} GROUP BY customer_id
),
ended AS (
  SELECT customer_id, max(end_date) AS end_date FROM subscriptions WHERE end_date <= ${d} GROUP BY customer_id
),
ref AS (
  SELECT st.customer_id, st.status = 'churned' AS churned,
    CASE WHEN st.rule = 'labeled' THEN ${d}
         WHEN st.status = 'churned' AND ended.end_date IS NOT NULL THEN ended.end_date
         WHEN f.last_order_date IS NOT NULL THEN f.last_order_date
         ELSE ${d} END AS ref_date
  FROM st LEFT JOIN ${FACTS_TABLE} f USING (customer_id) LEFT JOIN ended USING (customer_id)
),
c AS (
  SELECT customer_id, CAST(opened_at AS DATE) AS day FROM tickets
  WHERE customer_id IS NOT NULL AND ${isComplaintSql('type')} AND CAST(opened_at AS DATE) <= ${d}
)
SELECT ref.customer_id, ref.churned, ref.ref_date, count(c.day) AS complaints
FROM ref LEFT JOIN c ON c.customer_id = ref.customer_id AND c.day > ref.ref_date - ${BEFORE_CHURN_DAYS} AND c.day <= ref.ref_date
GROUP BY ref.customer_id, ref.churned, ref.ref_date`;
}

/** Churned vs retained: customers and those with 2+ complaints in their window. */
export function complaintSharesSql(asOf: string, hasRule: boolean): string {
  return `SELECT churned, count(*) AS customers, count(*) FILTER (WHERE complaints >= ${REPEATED_COMPLAINTS}) AS repeated
FROM (${complaintsBeforeChurnSql(asOf, hasRule)}) GROUP BY churned`;
}

/** Per customer, the churn reason text as of the as-of date, from subscriptions.cancel_reason. */
export function subscriptionReasonsSql(asOf: string): string {
  const d = dateLit(asOf);
  return `SELECT customer_id, arg_max(cancel_reason, coalesce(end_date, start_date)) AS reason FROM subscriptions
WHERE customer_id IS NOT NULL AND nullif(trim(cancel_reason), '') IS NOT NULL AND start_date <= ${d} AND (end_date IS NULL OR end_date <= ${d})
GROUP BY customer_id`;
}

/** Per customer, the reason text from a customer attribute (a snapshot's "Churn Reason" column). */
export function attributeReasonsSql(attribute: string): string {
  return `SELECT customer_id, any_value(value_text) AS reason FROM customer_attributes
WHERE attribute = ${lit(attribute)} AND nullif(trim(value_text), '') IS NOT NULL GROUP BY customer_id`;
}

/** Customers per reason group, from a reasons query (customer_id, reason). */
export function reasonGroupsSql(reasonsSql: string): string {
  return `SELECT ${churnReasonGroupSql('reason')} AS "group", count(DISTINCT customer_id) AS customers
FROM (${reasonsSql}) GROUP BY 1`;
}
