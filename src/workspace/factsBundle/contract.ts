import type { Period } from '../../analytics/settings';
import type { PeriodBasis } from '../../analytics/status/basis';
import { logoChurnSql, periodChurnersTable } from '../../analytics/churn/logoChurnSql';
import { cohortCellsSql } from '../../analytics/cohorts/cohortSql';

/**
 * The facts bundle (docs/facts-contract.md): the Parquet files that carry what the screen reads,
 * written by `npm run analyze -- --facts-out DIR`. Bump the version whenever a file, a column, a
 * type or a key changes.
 */
export const FACTS_CONTRACT = 'churnwatch-facts';
export const FACTS_CONTRACT_VERSION = 1;
export const FACTS_MANIFEST = 'manifest.json';

/** One column of a contract file: its name and its DuckDB type in the engine that wrote it. */
export interface ContractColumn {
  name: string;
  type: string;
}

/** One file of the contract. */
export interface ContractTable {
  /** The table's name in the bundle; the file is `<name>.parquet`. */
  name: string;
  /** Columns that identify a row (no two rows share them). */
  key: readonly string[];
  columns: readonly ContractColumn[];
  /**
   * Where the rows come from: the engine table the build graph wrote, or a SELECT of the
   * analytics code's own SQL (per-period churn, cohort cells). Null when the data cannot support
   * the table (no dated orders or subscriptions): the manifest lists it as omitted.
   */
  source(ctx: { asOf: string; period: Period; periodBasis: PeriodBasis }): { table: string } | { select: string } | null;
}

const cols = (spec: string): ContractColumn[] => spec.trim().split(/\s*,\s*/).map((c) => {
  const [name, type] = c.split(':');
  return { name, type };
});
const table = (t: string) => () => ({ table: t });
const dated = (f: (ctx: { asOf: string; period: Period; periodBasis: NonNullable<PeriodBasis> }) => { table: string } | { select: string }) =>
  (ctx: { asOf: string; period: Period; periodBasis: PeriodBasis }) => (ctx.periodBasis ? f({ ...ctx, periodBasis: ctx.periodBasis }) : null);

/** The files of contract version 1, in the order they are written. Columns as the build graph (graph/steps.ts) makes them. */
export const FACTS_TABLES: readonly ContractTable[] = [
  { name: 'cw_customer_facts', key: ['customer_id'], source: table('cw_customer_facts'), columns: cols(`
    customer_id:VARCHAR, name:VARCHAR, signup_date:DATE, tier:VARCHAR, segment:VARCHAR, region:VARCHAR, industry:VARCHAR,
    owner:VARCHAR, channel:VARCHAR, churned_label:BOOLEAN, monthly_value:DOUBLE, first_order_date:DATE, last_order_date:DATE,
    order_count:BIGINT, purchase_days:BIGINT, total_value:DOUBLE, value_12m:DOUBLE, value_last_90d:DOUBLE, value_prev_90d:DOUBLE,
    orders_last_90d:BIGINT, orders_prev_90d:BIGINT, median_gap_days:DOUBLE, days_since_last_order:BIGINT, last_activity_date:DATE,
    activity_last_90d:DOUBLE, activity_prev_90d:DOUBLE, features_last_90d:BIGINT, features_prev_90d:BIGINT,
    first_subscription_date:DATE, first_seen_date:DATE, bg_x:BIGINT, bg_tx:DOUBLE, bg_T:DOUBLE`) },
  { name: 'cw_customer_status', key: ['customer_id'], source: table('cw_customer_status'), columns: cols(`
    customer_id:VARCHAR, status:VARCHAR, rule:VARCHAR, p_alive:DOUBLE, base_status:VARCHAR, is_new:BOOLEAN, last_seen_date:DATE,
    days_since_last:INTEGER, silent_days:DOUBLE, churn_days:INTEGER, renewal_date:DATE, risk_signal:BOOLEAN, first_seen_date:DATE,
    value:DOUBLE, value_12m:DOUBLE, label_unknown:BOOLEAN`) },
  { name: 'cw_customer_value', key: ['customer_id'], source: table('cw_customer_value'), columns: cols(`
    customer_id:VARCHAR, value:DOUBLE, value_12m:DOUBLE`) },
  { name: 'cw_customer_value_tier', key: ['customer_id'], source: table('cw_customer_value_tier'), columns: cols(`
    customer_id:VARCHAR, value_12m:DOUBLE, value_tier:VARCHAR`) },
  { name: 'cw_customer_rfm', key: ['customer_id'], source: table('cw_customer_rfm'), columns: cols(`
    customer_id:VARCHAR, recency_days:INTEGER, frequency:INTEGER, monetary:DOUBLE, r:INTEGER, f:INTEGER, m:INTEGER, segment:VARCHAR`) },
  { name: 'cw_customer_risk', key: ['customer_id'], source: table('cw_customer_risk'), columns: cols(`
    customer_id:VARCHAR, score:DOUBLE, tier:VARCHAR, sub_recency:DOUBLE, sub_frequency:DOUBLE, sub_monetary:DOUBLE,
    sub_complaints:DOUBLE, sub_service:DOUBLE, sub_nps:DOUBLE, sub_usage:DOUBLE, reason1:VARCHAR, reason1_params:VARCHAR,
    reason2:VARCHAR, reason2_params:VARCHAR, reason3:VARCHAR, reason3_params:VARCHAR`) },
  { name: 'cw_period_churn', key: ['ps'], source: dated(({ period, asOf }) => ({ select: logoChurnSql(period, asOf) })), columns: cols(`
    ps:DATE, pe:DATE, e:DATE, label:VARCHAR, partial:BOOLEAN, start:INTEGER, retained:INTEGER, joined_and_lost:INTEGER`) },
  { name: 'cw_period_churners', key: ['ps', 'customer_id'], source: dated(({ period }) => ({ table: periodChurnersTable(period) })), columns: cols(`
    ps:DATE, label:VARCHAR, customer_id:VARCHAR, kind:VARCHAR`) },
  { name: 'cw_cohort_cells', key: ['cohort_start', 'k'], source: dated(({ periodBasis, period, asOf }) => ({ select: cohortCellsSql(periodBasis, period, asOf) })), columns: cols(`
    cohort_start:DATE, cohort:VARCHAR, k:INTEGER, size:INTEGER, active:INTEGER, on_or_after:INTEGER, revenue:DOUBLE, partial:BOOLEAN`) },
];
