import { dateLit, lit } from '../../engine/sql';
import { SCREEN_TABLES, type DerivedTables } from '../common/tableNames';
import { isComplaintSql } from '../service/ticketKinds';
import {
  COMPLAINT_WINDOW_DAYS, SENTIMENT_WINDOW_DAYS, SERVICE_WINDOW_DAYS,
  SLOW_RESPONSE_HOURS, UNANSWERED_HOURS, type SignalKey,
} from './signals';

/** What the signals builder needs to know about the data. */
export interface RiskSignalsOptions {
  /** Which signals the data supports (availability.ts); the others get NULL sub-scores. */
  available: Record<SignalKey, boolean>;
  /** Whether activity rows carry event types (usage depth = distinct features then). */
  activityTyped: boolean;
  /**
   * Floor for the usual gap in days, so a daily buyer is not flagged after three quiet days.
   * The default is settings.minSilentDays / 2, which puts the rule mode's silent point
   * (2 x gap, at least minSilentDays) at the same sub-score (2/3) for every customer.
   */
  minGapDays: number;
}

/** `x` clamped to 0..1. */
const clamp01 = (x: string) => `greatest(0.0, least(1.0, ${x}))`;

/** Share of the previous level kept (1 when growing or new, NULL when both are 0). */
const trendSub = (last: string, prev: string) =>
  `CASE WHEN ${prev} > 0 THEN ${clamp01(`(${last})::DOUBLE / (${prev})`)} WHEN ${last} > 0 THEN 1.0 END`;

/**
 * Builds `cw_risk_signals`: per customer of cw_customer_facts, the raw inputs of every health
 * signal and its sub-score in 0..1 (1 = healthy, NULL = no evidence for this customer). Curves:
 * - recency: r = days since the last order (else activity) / usual gap (own median gap, else the
 *   median over customers, floored at minGapDays); 1 up to r = 1, falling linearly to 0 at r = 4.
 * - frequency / usage trend: last 90 days / previous 90 days, capped at 1 (orders, else activity;
 *   usage counts distinct event types when present, else events for customers who also order).
 * - monetary trend: value last 90 days / previous 90 days, clamped to 0..1.
 * - complaints (last 30 days): 0 -> 1, 1 -> 0.5, 2+ (repeated) -> 0.
 * - service failures (tickets of the last 90 days): points = tickets without a response within
 *   48 h + 0.5 x tickets answered in 24..48 h; sub-score = max(0, 1 - points / 2).
 * - NPS (0-10; else ticket satisfaction 1-5 mapped to 0-10) of the last 365 days: the latest
 *   answer gives 1 for a promoter (9+), 0.8 passive (7-8), score/15 for a detractor (0.4 at 6,
 *   0 at 0), minus 0.1 per point it fell from the answer before.
 */
export function buildRiskSignalsSql(asOf: string, o: RiskSignalsOptions, tables: Pick<DerivedTables, 'facts' | 'riskSignals'> = SCREEN_TABLES): string {
  const d = dateLit(asOf);
  const end = `(${d} + INTERVAL 1 DAY)`;
  // DOUBLE, never DECIMAL: Arrow decimals do not read back as plain numbers.
  const on = (k: SignalKey, expr: string) => (o.available[k] ? `CAST(${expr} AS DOUBLE)` : 'NULL::DOUBLE');
  const ratio = `recency_days::DOUBLE / greatest(coalesce(usual_gap, 0), ${lit(o.minGapDays)}, 1)`;
  return `
CREATE OR REPLACE TABLE ${tables.riskSignals} AS
WITH f AS (SELECT * FROM ${tables.facts}),
act_days AS (
  SELECT DISTINCT customer_id, CAST(event_date AS DATE) AS day FROM activity
  WHERE customer_id IS NOT NULL AND CAST(event_date AS DATE) <= ${d}
),
act_gap AS (
  SELECT customer_id, median(gap) AS gap
  FROM (SELECT customer_id, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap FROM act_days)
  WHERE gap IS NOT NULL GROUP BY customer_id
),
typical AS (
  SELECT (SELECT median(median_gap_days) FROM f) AS order_gap, (SELECT median(gap) FROM act_gap) AS activity_gap
),
tk AS (
  SELECT customer_id, opened_at, type,
    CASE WHEN least(first_response_at, closed_at) < ${end} THEN least(first_response_at, closed_at) END AS responded_at
  FROM tickets WHERE customer_id IS NOT NULL AND opened_at < ${end}
),
tk_agg AS (
  SELECT customer_id,
    count(*) FILTER (WHERE ${isComplaintSql('type')} AND CAST(opened_at AS DATE) > ${d} - ${COMPLAINT_WINDOW_DAYS}) AS complaints_30d,
    count(*) FILTER (WHERE CAST(opened_at AS DATE) > ${d} - ${SERVICE_WINDOW_DAYS} AND opened_at <= ${end} - INTERVAL ${UNANSWERED_HOURS} HOUR
      AND (responded_at IS NULL OR responded_at - opened_at > INTERVAL ${UNANSWERED_HOURS} HOUR)) AS unanswered_48h,
    count(*) FILTER (WHERE CAST(opened_at AS DATE) > ${d} - ${SERVICE_WINDOW_DAYS} AND responded_at IS NOT NULL
      AND responded_at - opened_at > INTERVAL ${SLOW_RESPONSE_HOURS} HOUR
      AND responded_at - opened_at <= INTERVAL ${UNANSWERED_HOURS} HOUR) AS slow_responses
  FROM tk GROUP BY customer_id
),
sent_raw AS (
  SELECT customer_id, survey_date AS day, score::DOUBLE AS raw, least(greatest(score, 0), 10)::DOUBLE AS v, 'nps' AS src
  FROM nps WHERE customer_id IS NOT NULL AND score IS NOT NULL AND survey_date <= ${d} AND survey_date > ${d} - ${SENTIMENT_WINDOW_DAYS}
  UNION ALL
  SELECT customer_id, CAST(coalesce(closed_at, opened_at) AS DATE), satisfaction::DOUBLE,
    least(greatest((satisfaction - 1) * 2.5, 0), 10)::DOUBLE, 'satisfaction'
  FROM tickets WHERE customer_id IS NOT NULL AND satisfaction IS NOT NULL AND coalesce(closed_at, opened_at) < ${end}
    AND CAST(coalesce(closed_at, opened_at) AS DATE) > ${d} - ${SENTIMENT_WINDOW_DAYS}
),
sent AS (
  -- A customer who answered NPS is judged on NPS alone; satisfaction is the fallback.
  SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY day DESC, v ASC) AS rn
  FROM (SELECT *, bool_or(src = 'nps') OVER (PARTITION BY customer_id) AS has_nps FROM sent_raw)
  WHERE src = 'nps' OR NOT has_nps
),
sent_last AS (
  SELECT customer_id,
    any_value(src) FILTER (WHERE rn = 1) AS sentiment_source,
    max(raw) FILTER (WHERE rn = 1) AS sentiment_score, max(raw) FILTER (WHERE rn = 2) AS sentiment_previous,
    max(v) FILTER (WHERE rn = 1) AS sentiment_v, max(v) FILTER (WHERE rn = 2) AS sentiment_prev_v
  FROM sent WHERE rn <= 2 GROUP BY customer_id
),
base AS (
  SELECT f.customer_id,
    CASE WHEN f.last_order_date IS NOT NULL THEN 'order' WHEN f.last_activity_date IS NOT NULL THEN 'activity' END AS recency_basis,
    coalesce(${d} - f.last_order_date, ${d} - f.last_activity_date) AS recency_days,
    CASE WHEN f.last_order_date IS NOT NULL THEN f.median_gap_days ELSE ag.gap END AS own_gap,
    CASE WHEN f.last_order_date IS NOT NULL THEN t.order_gap ELSE t.activity_gap END AS typical_gap,
    CASE WHEN f.order_count > 0 THEN 'order' WHEN f.last_activity_date IS NOT NULL THEN 'activity' END AS freq_basis,
    CASE WHEN f.order_count > 0 THEN f.orders_last_90d ELSE f.activity_last_90d END AS freq_last,
    CASE WHEN f.order_count > 0 THEN f.orders_prev_90d ELSE f.activity_prev_90d END AS freq_prev,
    f.order_count, f.value_last_90d, f.value_prev_90d,
    CASE WHEN f.last_activity_date IS NULL THEN NULL
         WHEN ${lit(o.activityTyped)} THEN 'features'
         WHEN f.order_count > 0 THEN 'events' END AS usage_basis,
    CASE WHEN ${lit(o.activityTyped)} THEN f.features_last_90d ELSE f.activity_last_90d END AS usage_last,
    CASE WHEN ${lit(o.activityTyped)} THEN f.features_prev_90d ELSE f.activity_prev_90d END AS usage_prev,
    coalesce(tk_agg.complaints_30d, 0) AS complaints_30d,
    coalesce(tk_agg.unanswered_48h, 0) AS unanswered_48h,
    coalesce(tk_agg.slow_responses, 0) AS slow_responses,
    sl.sentiment_source, sl.sentiment_score, sl.sentiment_previous, sl.sentiment_v, sl.sentiment_prev_v
  FROM f
  LEFT JOIN act_gap ag USING (customer_id)
  LEFT JOIN tk_agg USING (customer_id)
  LEFT JOIN sent_last sl USING (customer_id)
  CROSS JOIN typical t
),
gapped AS (
  SELECT *, coalesce(own_gap, typical_gap) AS usual_gap, own_gap IS NULL AND typical_gap IS NOT NULL AS gap_is_typical FROM base
)
SELECT *,
  ${on('recency', `CASE WHEN recency_basis IS NOT NULL THEN ${clamp01(`1 - (${ratio} - 1) / 3`)} END`)} AS sub_recency,
  ${on('frequencyTrend', `CASE WHEN freq_basis IS NOT NULL THEN ${trendSub('freq_last', 'freq_prev')} END`)} AS sub_frequency,
  ${on('monetaryTrend', `CASE WHEN order_count > 0 THEN ${trendSub('value_last_90d', 'value_prev_90d')} END`)} AS sub_monetary,
  ${on('complaints', `CASE WHEN complaints_30d = 0 THEN 1.0 WHEN complaints_30d = 1 THEN 0.5 ELSE 0.0 END`)} AS sub_complaints,
  ${on('serviceFailures', clamp01(`1 - (unanswered_48h + 0.5 * slow_responses) / 2.0`))} AS sub_service,
  ${on('nps', `CASE WHEN sentiment_v IS NOT NULL THEN ${clamp01(
    `(CASE WHEN sentiment_v >= 9 THEN 1.0 WHEN sentiment_v >= 7 THEN 0.8 ELSE sentiment_v / 15 END)
      - 0.1 * greatest(0, coalesce(sentiment_prev_v - sentiment_v, 0))`,
  )} END`)} AS sub_nps,
  ${on('usageTrend', `CASE WHEN usage_basis IS NOT NULL THEN ${trendSub('usage_last', 'usage_prev')} END`)} AS sub_usage
FROM gapped`;
}
