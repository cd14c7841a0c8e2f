import { lit } from '../../engine/sql';
import type { HealthWeights } from '../settings';
import { jsonObjectSql } from './jsonSql';
import { COMPLAINT_WINDOW_DAYS, REASON_MAX_SUBSCORE, SIGNALS, type SignalKey } from './signals';
import { SCREEN_TABLES, type DerivedTables } from '../common/tableNames';

/** Weights and tier thresholds for the score. */
export interface RiskScoreOptions {
  /** Effective weights: 0 for signals the data lacks (availability.ts). */
  weights: HealthWeights;
  redBelow: number;
  greenAbove: number;
}

/** The reason parameters of each signal, as a JSON object text (see reasons.ts for meanings). */
const REASON_PARAMS: Record<SignalKey, string> = {
  recency: jsonObjectSql({
    days: { num: 'recency_days' }, gap: { num: 'usual_gap', digits: 1 },
    basis: { str: 'recency_basis' }, typical: { bool: 'gap_is_typical' },
  }),
  frequencyTrend: jsonObjectSql({ last: { num: 'freq_last' }, prev: { num: 'freq_prev' }, basis: { str: 'freq_basis' } }),
  monetaryTrend: jsonObjectSql({ last: { num: 'value_last_90d', digits: 2 }, prev: { num: 'value_prev_90d', digits: 2 } }),
  complaints: jsonObjectSql({ count: { num: 'complaints_30d' }, days: { num: String(COMPLAINT_WINDOW_DAYS) } }),
  serviceFailures: jsonObjectSql({ unanswered: { num: 'unanswered_48h' }, slow: { num: 'slow_responses' } }),
  nps: jsonObjectSql({
    score: { num: 'sentiment_score', digits: 1 }, previous: { num: 'sentiment_previous', digits: 1 },
    source: { str: 'sentiment_source' },
  }),
  usageTrend: jsonObjectSql({ last: { num: 'usage_last' }, prev: { num: 'usage_prev' }, basis: { str: 'usage_basis' } }),
};

/**
 * Builds `cw_customer_risk` from `cw_risk_signals`: score = 100 x weighted mean of the sub-scores
 * the customer has (weights renormalise over the non-NULL ones), rounded to 0.1; tier red below
 * `redBelow`, green above `greenAbove`, amber between (both ends amber); NULL score when no
 * signal applies. Reasons: every signal with sub-score <= 0.9 is a candidate, ranked by the score
 * points it costs (normalised weight x (1 - sub-score)); the top three are kept as code + JSON
 * parameters (reason1, reason1_params, ...).
 */
export function buildCustomerRiskSql(o: RiskScoreOptions, tables: Pick<DerivedTables, 'riskSignals' | 'customerRisk'> = SCREEN_TABLES): string {
  const w = (k: SignalKey) => lit(Math.max(0, o.weights[k] || 0));
  const num = SIGNALS.map((s) => `${w(s.key)} * coalesce(${s.column}, 0)`).join(' + ');
  const den = SIGNALS.map((s) => `${w(s.key)} * CASE WHEN ${s.column} IS NULL THEN 0 ELSE 1 END`).join(' + ');
  const candidates = SIGNALS.map(
    (s, i) => `SELECT customer_id, ${lit(s.reason)} AS code, ${i} AS ord,
      ${w(s.key)} * (1 - ${s.column}) / den AS impact, ${REASON_PARAMS[s.key]} AS params
    FROM weighted WHERE den > 0 AND ${w(s.key)} > 0 AND ${s.column} <= ${lit(REASON_MAX_SUBSCORE)}`,
  ).join('\n    UNION ALL ');
  const pick = (n: number) =>
    `max(code) FILTER (WHERE rn = ${n}) AS reason${n}, max(params) FILTER (WHERE rn = ${n}) AS reason${n}_params`;
  return `
CREATE OR REPLACE TABLE ${tables.customerRisk} AS
WITH weighted AS (
  SELECT *, (${num})::DOUBLE AS num, (${den})::DOUBLE AS den FROM ${tables.riskSignals}
),
candidates AS (
    ${candidates}
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY impact DESC, ord) AS rn FROM candidates
),
top AS (
  SELECT customer_id, ${pick(1)}, ${pick(2)}, ${pick(3)} FROM ranked WHERE rn <= 3 GROUP BY customer_id
),
scored AS (
  SELECT *, CASE WHEN den > 0 THEN round(100 * num / den, 1) END AS score FROM weighted
)
SELECT s.customer_id, s.score,
  CASE WHEN s.score IS NULL THEN NULL
       WHEN s.score < ${lit(o.redBelow)} THEN 'red'
       WHEN s.score > ${lit(o.greenAbove)} THEN 'green'
       ELSE 'amber' END AS tier,
  ${SIGNALS.map((x) => `s.${x.column}`).join(', ')},
  top.reason1, top.reason1_params, top.reason2, top.reason2_params, top.reason3, top.reason3_params
FROM scored s LEFT JOIN top USING (customer_id)`;
}
