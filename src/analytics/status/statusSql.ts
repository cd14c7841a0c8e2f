import type { AnalyticsSettings, ChurnRule } from '../settings';
import type { BgNbdParams } from '../models/bgnbd';
import type { ParetoNbdParams } from '../models/paretoNbd';
import { dateLit, lit } from '../../engine/sql';
import { dbl } from '../common/dbl';
import { activeSubscriptionsSql } from './customerValueSql';
import { SCREEN_TABLES, type DerivedTables } from '../common/tableNames';
import { periodIntervalSql } from '../common/periods';
import { windowSql } from './windows';
import { paretoAliveJoinSql } from './paretoAlive';

/** One row per customer: status, the rule that set it, P(alive), windows and money value. */
export const STATUS_TABLE = SCREEN_TABLES.status;

/** Everything the status table depends on. */
export interface StatusInput {
  asOf: string;
  rule: ChurnRule;
  settings: AnalyticsSettings;
  /** Fitted BG/NBD parameters; P(alive) is NULL without them. */
  bgnbd: BgNbdParams | null;
  /**
   * Model mode with Pareto/NBD: P(alive) (and so the model status) is this model's, read from
   * the table `tables.paretoAlive` that writeParetoAliveTable (paretoAlive.ts) filled for it.
   */
  paretoNbd?: ParetoNbdParams | null;
}

/** SQL: BG/NBD P(alive) from the facts' bg_x, bg_tx, bg_T (alias f); NULL for non-buyers. */
export function pAliveSql(p: BgNbdParams, f: string): string {
  const [r, alpha, a, b] = [dbl(p.r), dbl(p.alpha), dbl(p.a), dbl(p.b)];
  const logDiv = `(${r} + ${f}.bg_x) * ln((${alpha} + ${f}.bg_T) / (${alpha} + ${f}.bg_tx)) + ln(${a} / (${b} + ${f}.bg_x - 1))`;
  return `CASE WHEN ${f}.bg_T IS NULL THEN NULL WHEN ${f}.bg_x = 0 THEN 1.0
    ELSE 1.0 / (1.0 + exp(least(700.0, ${logDiv}))) END`;
}

/**
 * The risk proxy for contractual 'silent' (the health score is built separately): buying at less
 * than half the usual cadence (days since last order > 2 x median gap), or the last 90 days' orders
 * or activity down by more than a quarter on the 90 days before. No signal data = no risk.
 */
export function riskProxySql(f: string): string {
  return `coalesce(${f}.median_gap_days IS NOT NULL AND ${f}.days_since_last_order > 2 * ${f}.median_gap_days, false)
    OR (${f}.activity_prev_90d > 0 AND ${f}.activity_last_90d < 0.75 * ${f}.activity_prev_90d)
    OR (${f}.orders_prev_90d > 0 AND ${f}.orders_last_90d < 0.75 * ${f}.orders_prev_90d)`;
}

function ruleStatusSql(): string {
  return `CASE WHEN last_seen_date IS NULL THEN 'active'
    WHEN days_since_last > churn_days THEN 'churned'
    WHEN days_since_last > silent_days THEN 'silent' ELSE 'active' END`;
}

function baseStatusSql(input: StatusInput): string {
  const s = input.settings;
  switch (input.rule) {
    case 'labeled':
      return `CASE WHEN churned_label THEN 'churned' ELSE 'active' END`;
    case 'contractual':
      // Customers without any subscription (one-off buyers beside the subscribers) are judged
      // by their purchases: BG/NBD P(alive) when fitted, else the silent/churn windows.
      return `CASE WHEN active_subs IS NULL THEN ${hasAliveModel(input) ? modelStatusSql(s) : ruleStatusSql()}
        WHEN active_subs = 0 THEN 'churned'
        WHEN renewal_date <= ${dateLit(input.asOf)} + ${lit(Math.round(s.renewalWarningDays))} AND risk_signal THEN 'silent'
        ELSE 'active' END`;
    case 'rule':
      return ruleStatusSql();
    case 'model':
      return modelStatusSql(s);
  }
}

const hasAliveModel = (input: StatusInput) => Boolean(input.paretoNbd ?? input.bgnbd);

function modelStatusSql(s: StatusInput['settings']): string {
  return `CASE WHEN p_alive IS NULL THEN ${ruleStatusSql()}
        WHEN p_alive < ${dbl(s.pAliveChurned)} THEN 'churned'
        WHEN p_alive >= ${dbl(s.pAliveActive)} THEN 'active' ELSE 'silent' END`;
}

/**
 * SQL creating cw_customer_status from cw_customer_facts (metrics.md section 1):
 * - labeled: churned = the label; everyone else active.
 * - contractual: subscribers are churned when no subscription is active on the as-of date
 *   (all ended, end_date <= as-of); silent = active, next renewal (renewal_date, else end_date)
 *   within renewalWarningDays of the as-of date, and the risk proxy fires.
 * - rule: last seen = last purchase (else last activity, else first seen); churned when more
 *   than W2 days ago, silent when more than W1 days ago.
 * - model: P(alive) >= pAliveActive active, < pAliveChurned churned, else silent; non-buyers by rule.
 * - new: first seen after (as-of - one settings.period), e.g. within the trailing month; it
 *   replaces active and silent, never churned.
 * value / value_12m are cw_customer_value's (customerValueSql.ts), repeated here for the panels.
 * label_unknown: under the labeled rule, the customer's label is blank. Its status stays 'active'
 * (the status contract), but it is in no churn rate and is counted apart (labelSummary.ts).
 */
export function buildStatusSql(input: StatusInput, tables: Pick<DerivedTables, 'facts' | 'value' | 'status' | 'paretoAlive'> = SCREEN_TABLES): string {
  const d = dateLit(input.asOf);
  const w = windowSql(input.settings, 'f');
  const pAlive = input.paretoNbd ? 'pa.p_alive' : input.bgnbd ? pAliveSql(input.bgnbd, 'f') : 'CAST(NULL AS DOUBLE)';
  const paretoJoin = input.paretoNbd ? `LEFT JOIN ${tables.paretoAlive} pa ON ${paretoAliveJoinSql('pa', 'f')}` : '';
  return `
CREATE OR REPLACE TABLE ${tables.status} AS
WITH sub AS (${activeSubscriptionsSql(input.asOf)}),
base AS (
  SELECT f.customer_id, f.first_seen_date, f.churned_label,
    coalesce(f.last_order_date, f.last_activity_date, f.first_seen_date) AS last_seen_date,
    ${d} - coalesce(f.last_order_date, f.last_activity_date, f.first_seen_date) AS days_since_last,
    ${w.silentDays} AS silent_days,
    ${w.churnDays} AS churn_days,
    coalesce(f.first_seen_date > ${d} - ${periodIntervalSql(input.settings.period)}, false) AS is_new,
    ${pAlive} AS p_alive,
    sub.active_subs, sub.renewal_date,
    ${riskProxySql('f')} AS risk_signal,
    cv.value, cv.value_12m
  FROM ${tables.facts} f
  LEFT JOIN sub USING (customer_id)
  LEFT JOIN ${tables.value} cv USING (customer_id)
  ${paretoJoin}
),
st AS (
  SELECT *, ${baseStatusSql(input)} AS base_status FROM base
)
SELECT customer_id,
  CASE WHEN base_status <> 'churned' AND is_new THEN 'new' ELSE base_status END AS status,
  ${input.rule === 'contractual' ? `CASE WHEN active_subs IS NULL THEN ${lit(hasAliveModel(input) ? 'model' : 'rule')} ELSE 'contractual' END` : lit(input.rule)} AS rule,
  p_alive, base_status, is_new, last_seen_date, CAST(days_since_last AS INTEGER) AS days_since_last,
  silent_days, churn_days, renewal_date, risk_signal, first_seen_date,
  CAST(value AS DOUBLE) AS value, CAST(value_12m AS DOUBLE) AS value_12m,
  ${input.rule === 'labeled' ? 'churned_label IS NULL' : 'FALSE'} AS label_unknown
FROM st`;
}
