import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { dateLit } from '../../engine/sql';
import type { ChurnPeriodRow } from '../churn/computeChurn';
import { ratio } from '../churn/rates';
import { periodIntervalSql, periodLabelSql, periodStartSql } from '../common/periods';
import { INTERVENTION_CUSTOMERS_TABLE } from '../interventions/interventionsSql';
import type { CustomerFilter, KpiSet, Measure } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql } from './scoped';
import { churnRowsFor } from './churnRows';
import { SCREEN_CUSTOMERS_TABLE } from './screenTables';
import { STATUS_TABLE } from '../status/statusSql';
import { FACTS_TABLE } from '../facts/customerFacts';
import { labelSummarySql, type LabelSummary } from '../status/labelSummary';
import { splitChurnerSteps } from './churnerComposition';

interface CustomerCounts { customers: number; previous: number | null; red: number; at_risk: number | null; unlabeled: number; period_label: string }

/**
 * SQL: customers now and one period earlier (first seen on or before that day; customers without
 * any date count in both; NULL when no customer has a date, a snapshot, which has no earlier count), red-tier customers not churned and their value (the at-risk value),
 * customers without a churn label, and the label of the period holding the as-of date.
 */
function customerCountsSql(ctx: ScreenContext, filter: string | null): string {
  const { asOf, period } = ctx.settings;
  const d = dateLit(asOf);
  return `SELECT count(*)::INTEGER AS customers,
    CASE WHEN count(first_seen_date) > 0 THEN count(*) FILTER (WHERE first_seen_date IS NULL OR first_seen_date <= CAST(${d} - ${periodIntervalSql(period)} AS DATE)) END::INTEGER AS previous,
    count(*) FILTER (WHERE warning_tier = 'red')::INTEGER AS red,
    CAST(coalesce(sum(value) FILTER (WHERE warning_tier = 'red'), 0) AS DOUBLE) AS at_risk,
    (SELECT count(*) FROM ${STATUS_TABLE} WHERE label_unknown AND ${inFilterSql('customer_id', filter)})::INTEGER AS unlabeled,
    ${periodLabelSql(period, periodStartSql(period, d))} AS period_label
  FROM ${SCREEN_CUSTOMERS_TABLE} WHERE ${inFilterSql('customer_id', filter)}`;
}

/** The latest period that has ended by the as-of date, and the one before it. */
function latestComplete(rows: readonly ChurnPeriodRow[]): { row: ChurnPeriodRow; prev: ChurnPeriodRow | null } | null {
  for (let i = rows.length - 1; i >= 0; i--) if (!rows[i].partial) return { row: rows[i], prev: i > 0 ? rows[i - 1] : null };
  return null;
}

function churnMeasures(ctx: ScreenContext, rows: readonly ChurnPeriodRow[] | null): Pick<KpiSet, 'churnRate' | 'revenueChurn' | 'nrr'> & { period: string | null } {
  const latest = rows ? latestComplete(rows) : null;
  if (!latest) return { churnRate: null, revenueChurn: null, nrr: null, period: null };
  const { row, prev } = latest;
  const churnRate: Measure = { value: row.rate, previous: prev?.rate ?? null, numerator: row.churned, denominator: row.start };
  if (ctx.periodBasis === 'subscriptions' && row.mrrStart !== undefined) {
    const lost = (row.churnedMrr ?? 0) + (row.contractionMrr ?? 0);
    const kept = row.mrrStart - lost + (row.expansionMrr ?? 0) + (row.reactivationMrr ?? 0);
    return {
      period: row.period,
      churnRate,
      revenueChurn: { kind: 'gross-revenue', value: row.grossRevenueChurn ?? null, previous: prev?.grossRevenueChurn ?? null, numerator: lost, denominator: row.mrrStart },
      nrr: { value: row.nrr ?? null, previous: prev?.nrr ?? null, numerator: kept, denominator: row.mrrStart },
    };
  }
  const revenueChurn = row.valueLost === null ? null
    : { kind: 'value' as const, value: row.valueChurnRate, previous: prev?.valueChurnRate ?? null, numerator: row.valueLost, denominator: row.valueBase };
  return { period: row.period, churnRate, revenueChurn, nrr: null };
}

/** SQL: churned customers' monthly value and all labelled customers' (label_unknown left out), over `filter`. */
function labelledValueSql(filter: string | null): string {
  return `SELECT count(f.monthly_value)::INTEGER AS with_value,
    CAST(coalesce(sum(f.monthly_value) FILTER (WHERE s.status = 'churned'), 0) AS DOUBLE) AS lost,
    CAST(coalesce(sum(f.monthly_value), 0) AS DOUBLE) AS base
  FROM ${STATUS_TABLE} s JOIN ${FACTS_TABLE} f USING (customer_id)
  WHERE NOT s.label_unknown AND ${inFilterSql('s.customer_id', filter)}`;
}

/**
 * The labelled snapshot's KPIs (metrics.md section 14), only under the labeled rule when no
 * churn by period could be computed (no dated behaviour): churn rate = labelled churned /
 * labelled customers (label_unknown in neither, counted apart in `unlabeled`), and value lost =
 * churned customers' monthly value / all labelled customers' monthly value (null without a
 * filled monthly value column).
 */
async function labelledMeasures(qm: QueryManager, ctx: ScreenContext, filter: string | null): Promise<KpiSet['labelled']> {
  if (ctx.churnRule !== 'labeled') return undefined;
  const [l] = toRows<LabelSummary>(await qm.query(labelSummarySql(filter)));
  const churnRate: Measure = { value: ratio(l.churned, l.labeled), previous: null, numerator: l.churned, denominator: l.labeled };
  if (ctx.valueBasis !== 'monthly_value') return { churnRate, valueLost: null };
  const [v] = toRows<{ with_value: number; lost: number; base: number }>(await qm.query(labelledValueSql(filter)));
  const valueLost: Measure | null = v.with_value === 0 ? null : { value: ratio(v.lost, v.base), previous: null, numerator: v.lost, denominator: v.base };
  return { churnRate, valueLost };
}

async function winBack(qm: QueryManager, ctx: ScreenContext, filter: string | null): Promise<Measure | null> {
  if (ctx.families.interventions === null) return null;
  const [r] = toRows<{ treated: number; saved: number }>(await qm.query(
    `SELECT count(*)::INTEGER AS treated, count(*) FILTER (WHERE saved)::INTEGER AS saved
     FROM ${INTERVENTION_CUSTOMERS_TABLE} WHERE ${inFilterSql('customer_id', filter)}`));
  return { value: ratio(r.saved, r.treated), previous: null, numerator: r.saved, denominator: r.treated };
}

/**
 * The KPI cards for the filtered customers (product.md "KPI cards"; metrics.md sections 2, 6, 9
 * and 10): customers; logo churn rate, revenue churn (gross MRR, else value churn) and NRR of the
 * latest period that has ended, each against the period before; red-tier customers not yet
 * churned; their CLV (else trailing-12-month value) as the at-risk value; the win-back rate
 * (saved / treated customers). Red customers and win-back have no previous value (null).
 * A labelled snapshot with no churn by period gets `labelled` instead (labelledMeasures).
 * Under a drill to churners (the churn KPI's own drill) the rates are the base's (the drill path
 * without its churner steps, `ofBase`): the churners' own churn rate would read 100% (issue 14).
 * The counts (customers, red, at-risk value, win-back) stay the drilled customers'.
 */
export async function loadKpis(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, _lang: ScreenLang): Promise<KpiSet | null> {
  const f = customerFilterSql(filter);
  const { base, churners } = splitChurnerSteps(filter);
  const rateFilter = churners ? customerFilterSql(base) : f;
  const [c] = toRows<CustomerCounts>(await qm.query(customerCountsSql(ctx, f)));
  const churn = churnMeasures(ctx, await churnRowsFor(qm, ctx, rateFilter));
  const risk = ctx.presence.risk;
  const labelled = churn.churnRate === null ? await labelledMeasures(qm, ctx, rateFilter) : undefined;
  return {
    asOf: ctx.asOf,
    period: churn.period ?? c.period_label,
    customers: { value: c.customers, previous: c.previous },
    churnRate: churn.churnRate,
    revenueChurn: churn.revenueChurn,
    nrr: churn.nrr,
    redCustomers: risk ? { value: c.red, previous: null } : null,
    atRiskValue: risk ? { value: c.at_risk, previous: null } : null,
    ...(risk && ctx.bundle ? { atRiskBasis: 'value_12m' as const } : {}),
    winBackRate: await winBack(qm, ctx, f),
    ...(c.unlabeled > 0 ? { unlabeled: c.unlabeled } : {}),
    ...(labelled ? { labelled } : {}),
    ...(churners ? { ofBase: true } : {}),
  };
}
