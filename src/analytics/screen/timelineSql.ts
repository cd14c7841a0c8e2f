import { dateLit, lit } from '../../engine/sql';
import { mrrSql } from '../common/mrr';

/** Entries the customer 360 timeline keeps at most (newest first). */
export const TIMELINE_LIMIT = 200;

/** One raw timeline entry: its date, kind and the fields the text is built from (timelineText.ts). */
export interface TimelineRaw {
  date: string;
  kind: 'order' | 'ticket' | 'nps' | 'activity' | 'subscription' | 'intervention';
  /** order: id; ticket: type; subscription: plan; intervention: action. */
  a: string | null;
  /** order: status; ticket: status; subscription: start|end|renewal; intervention: outcome. */
  b: string | null;
  /** subscription end: cancel reason. */
  c: string | null;
  /** order: 1 = return; ticket: hours to first response; nps: score; activity: events. */
  n1: number | null;
  /** ticket: satisfaction; activity: distinct event types. */
  n2: number | null;
  amount: number | null;
}

/**
 * SQL: one customer's history up to the as-of date, newest first, capped at 200 entries: orders,
 * tickets, NPS answers, activity summed per month, subscription starts and ends (and the next
 * renewal of a running one, dated after the as-of date), interventions. Columns as TimelineRaw.
 */
export function timelineSql(customerId: string, asOf: string): string {
  const id = lit(customerId);
  const d = dateLit(asOf);
  const end = `(${d} + INTERVAL 1 DAY)`;
  const cols = (date: string, kind: string, a: string, b: string, c: string, n1: string, n2: string, amount: string) =>
    `CAST(${date} AS DATE) AS date, '${kind}' AS kind, CAST(${a} AS VARCHAR) AS a, CAST(${b} AS VARCHAR) AS b, CAST(${c} AS VARCHAR) AS c,
     CAST(${n1} AS DOUBLE) AS n1, CAST(${n2} AS DOUBLE) AS n2, CAST(${amount} AS DOUBLE) AS amount`;
  const nul = 'NULL';
  const running = `(s.end_date IS NULL OR s.end_date > ${d})`;
  return `SELECT * FROM (
  SELECT ${cols('order_date', 'order', 'order_id', 'status', nul, 'CASE WHEN coalesce(is_return, false) THEN 1 ELSE 0 END', nul, 'amount')}
  FROM orders WHERE customer_id = ${id} AND CAST(order_date AS DATE) <= ${d}
  UNION ALL
  SELECT ${cols('opened_at', 'ticket', 'type', 'status', nul,
    `CASE WHEN least(first_response_at, closed_at) < ${end} THEN date_diff('minute', opened_at, least(first_response_at, closed_at)) / 60.0 END`,
    'satisfaction', nul)}
  FROM tickets WHERE customer_id = ${id} AND opened_at < ${end}
  UNION ALL
  SELECT ${cols('survey_date', 'nps', nul, nul, nul, 'score', nul, nul)} FROM nps WHERE customer_id = ${id} AND survey_date <= ${d}
  UNION ALL
  SELECT ${cols(`date_trunc('month', CAST(event_date AS DATE))`, 'activity', nul, nul, nul, 'sum(coalesce(count, 1))', 'count(DISTINCT event_type)', nul)}
  FROM activity WHERE customer_id = ${id} AND CAST(event_date AS DATE) <= ${d} GROUP BY 1
  UNION ALL
  SELECT ${cols('s.start_date', 'subscription', 's.plan', `'start'`, nul, nul, nul, mrrSql('s'))}
  FROM subscriptions s WHERE s.customer_id = ${id} AND s.start_date <= ${d}
  UNION ALL
  SELECT ${cols('s.end_date', 'subscription', 's.plan', `'end'`, 's.cancel_reason', nul, nul, mrrSql('s'))}
  FROM subscriptions s WHERE s.customer_id = ${id} AND s.start_date <= ${d} AND s.end_date <= ${d}
  UNION ALL
  SELECT ${cols('s.renewal_date', 'subscription', 's.plan', `'renewal'`, nul, nul, nul, mrrSql('s'))}
  FROM subscriptions s WHERE s.customer_id = ${id} AND s.start_date <= ${d} AND ${running} AND s.renewal_date > ${d}
  UNION ALL
  SELECT ${cols('action_date', 'intervention', 'action', 'outcome', nul, nul, nul, 'cost')}
  FROM interventions WHERE customer_id = ${id} AND action_date <= ${d}
) WHERE date IS NOT NULL ORDER BY date DESC, kind, a LIMIT ${TIMELINE_LIMIT}`;
}
