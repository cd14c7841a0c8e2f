import { dateLit, lit } from '../../engine/sql';
import { FACTS_TABLE } from '../facts/customerFacts';
import { jsonObjectSql } from '../risk/jsonSql';
import { CUSTOMER_RISK_TABLE } from '../risk/signals';
import { isAfterSalesSql, isComplaintSql, isResolvedStatusSql } from '../service/ticketKinds';
import {
  FIRST_PURCHASE_DAYS, OPEN_COMPLAINT_DAYS, TRIGGER_LOOKBACK_DAYS, TRIGGERS_TABLE,
  UNANSWERED_TRIGGER_HOURS, type TriggerKind,
} from './kinds';

/** Which kinds to build and the renewal horizon. */
export interface TriggersOptions {
  /** Kinds the data supports; the others are left out of the table. */
  kinds: TriggerKind[];
  /** Renewal / contract-end horizon in days (settings.renewalWarningDays, default 15). */
  renewalDays: number;
}

function firstPurchaseSql(d: string): string {
  return `SELECT 'first-purchase-30d' AS kind, customer_id, name, first_order_date + ${FIRST_PURCHASE_DAYS} AS due_date,
    ${jsonObjectSql({ firstOrder: { date: 'first_order_date' }, days: { num: `${d} - first_order_date` } })} AS reason_params
  FROM ${FACTS_TABLE}
  WHERE purchase_days = 1 AND first_order_date + ${FIRST_PURCHASE_DAYS} <= ${d}
    AND first_order_date + ${FIRST_PURCHASE_DAYS} > ${d} - ${TRIGGER_LOOKBACK_DAYS}`;
}

function renewalSql(d: string, days: number): string {
  const horizon = `${d} + ${lit(Math.max(0, Math.round(days)))}`;
  return `SELECT 'renewal-at-risk' AS kind, due.customer_id, f.name, due.due_date,
    ${jsonObjectSql({
      event: { str: 'due.event' }, days: { num: `due.due_date - ${d}` },
      tier: { str: 'r.tier' }, score: { num: 'r.score', digits: 1 },
    })} AS reason_params
  FROM (
    SELECT customer_id, min(dt) AS due_date, arg_min(event, dt) AS event FROM (
      SELECT customer_id, renewal_date AS dt, 'renewal' AS event FROM subscriptions
      WHERE customer_id IS NOT NULL AND start_date <= ${d} AND (end_date IS NULL OR end_date >= ${d})
        AND renewal_date BETWEEN ${d} AND ${horizon}
      UNION ALL
      SELECT customer_id, end_date, 'end' FROM subscriptions
      WHERE customer_id IS NOT NULL AND start_date <= ${d} AND end_date BETWEEN ${d} AND ${horizon}
    ) GROUP BY customer_id
  ) due
  JOIN ${CUSTOMER_RISK_TABLE} r USING (customer_id)
  LEFT JOIN ${FACTS_TABLE} f USING (customer_id)
  WHERE r.tier IN ('red', 'amber')`;
}

function openComplaintSql(d: string, end: string): string {
  return `SELECT 'open-complaint-7d' AS kind, t.customer_id, any_value(f.name) AS name,
    min(CAST(t.opened_at AS DATE)) + ${OPEN_COMPLAINT_DAYS} AS due_date,
    ${jsonObjectSql({
      count: { num: 'count(*)' }, openedAt: { date: 'min(CAST(t.opened_at AS DATE))' },
      days: { num: `${d} - min(CAST(t.opened_at AS DATE))` },
    })} AS reason_params
  FROM tickets t LEFT JOIN ${FACTS_TABLE} f USING (customer_id)
  WHERE t.customer_id IS NOT NULL AND ${isComplaintSql('t.type')}
    AND t.opened_at < ${end} AND CAST(t.opened_at AS DATE) > ${d} - ${OPEN_COMPLAINT_DAYS}
    -- Resolved by the as-of date: closed by then, or (no close time) a status that says so.
    AND NOT coalesce(t.closed_at < ${end}, false)
    AND NOT (t.closed_at IS NULL AND ${isResolvedStatusSql('t.status')})
  GROUP BY t.customer_id`;
}

function unansweredSql(d: string, end: string): string {
  return `SELECT 'unanswered-48h' AS kind, t.customer_id, any_value(f.name) AS name,
    CAST(min(t.opened_at) + INTERVAL ${UNANSWERED_TRIGGER_HOURS} HOUR AS DATE) AS due_date,
    ${jsonObjectSql({ count: { num: 'count(*)' }, hours: { num: `date_diff('hour', min(t.opened_at), ${end})` } })} AS reason_params
  FROM tickets t LEFT JOIN ${FACTS_TABLE} f USING (customer_id)
  WHERE t.customer_id IS NOT NULL AND ${isAfterSalesSql('t.type')}
    AND t.opened_at <= ${end} - INTERVAL ${UNANSWERED_TRIGGER_HOURS} HOUR
    AND CAST(t.opened_at AS DATE) > ${d} - ${TRIGGER_LOOKBACK_DAYS}
    AND NOT coalesce(least(t.first_response_at, t.closed_at) < ${end}, false)
    AND NOT (t.closed_at IS NULL AND ${isResolvedStatusSql('t.status')})
  GROUP BY t.customer_id`;
}

/**
 * Builds `cw_triggers` as of the as-of date (the end of that day for timestamps):
 * - first-purchase-30d: one purchase day only, and the 30-day mark passed within the last 30 days
 *   (due = first order + 30).
 * - renewal-at-risk: an active subscription renews or ends within `renewalDays` and the customer
 *   is amber or red in cw_customer_risk (due = that date).
 * - open-complaint-7d: a complaint opened in the last 7 days, not closed by the as-of date and
 *   without a resolved status (due = oldest such complaint + 7 days).
 * - unanswered-48h: an after-sales/support ticket of the last 30 days with no response (nor
 *   close) 48 hours after it was opened (due = oldest such ticket + 48 h).
 * One row per customer and kind. Needs cw_customer_facts and, for renewals, cw_customer_risk.
 */
export function buildTriggersSql(asOf: string, o: TriggersOptions): string {
  const d = dateLit(asOf);
  const end = `(${d} + INTERVAL 1 DAY)`;
  const parts: string[] = [];
  if (o.kinds.includes('first-purchase-30d')) parts.push(firstPurchaseSql(d));
  if (o.kinds.includes('renewal-at-risk')) parts.push(renewalSql(d, o.renewalDays));
  if (o.kinds.includes('open-complaint-7d')) parts.push(openComplaintSql(d, end));
  if (o.kinds.includes('unanswered-48h')) parts.push(unansweredSql(d, end));
  const empty = `SELECT NULL::VARCHAR AS kind, NULL::VARCHAR AS customer_id, NULL::VARCHAR AS name,
    NULL::DATE AS due_date, NULL::VARCHAR AS reason_params WHERE false`;
  const body = parts.length > 0 ? parts.map((p) => `(${p})`).join('\nUNION ALL BY NAME\n') : empty;
  return `CREATE OR REPLACE TABLE ${TRIGGERS_TABLE} AS
SELECT kind, customer_id, name, CAST(due_date AS DATE) AS due_date, kind AS reason, reason_params
FROM (${body}) ORDER BY due_date, kind, customer_id`;
}
