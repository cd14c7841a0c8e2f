import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { FACTS_TABLE } from '../facts/customerFacts';
import { periodStartSql } from '../common/periods';
import { cohortCellsSql, type CohortBasis } from '../cohorts/cohortSql';
import { BUNDLE_COHORT_CELLS } from '../graph/bundleSteps';
import { assembleCohorts, type CohortCell } from '../cohorts/assemble';
import { projectRetention } from '../projection/projectRetention';
import type { CohortRow, CustomerFilter } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql, scopedSql, type Shadow } from './scoped';
import { SCREEN_ORDER_DAYS_TABLE } from './screenTables';

/** Cohorts the heatmap shows: the 12 most recent ones. */
export const COHORT_PERIODS = 12;

/**
 * SQL: the filtered customers of the 12 most recent cohorts (period of the first purchase, or of
 * the first subscription start on the subscriptions basis); older cohorts need no computing.
 */
function recentCohortsSql(ctx: ScreenContext, filter: string | null): string {
  const first = ctx.periodBasis === 'orders' ? 'first_order_date' : 'first_subscription_date';
  return `WITH fc AS (
  SELECT customer_id, ${periodStartSql(ctx.settings.period, first)} AS c FROM ${FACTS_TABLE}
  WHERE ${first} IS NOT NULL AND ${inFilterSql('customer_id', filter)}
)
SELECT customer_id FROM fc WHERE c IN (SELECT DISTINCT c FROM fc ORDER BY c DESC LIMIT ${COHORT_PERIODS})`;
}

/**
 * Cohort retention of the filtered customers (metrics.md section 4), their 12 most recent cohorts at
 * settings.period: N-period and unbounded retention by period index, from the cohorts family's
 * SQL run on those customers' order days or subscriptions, and (subscriptions) the sBG projection of
 * the periods not yet reached. Null without dated orders or subscriptions.
 */
export async function loadCohorts(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, _lang: ScreenLang): Promise<CohortRow[] | null> {
  const basis = ctx.periodBasis;
  if (basis === null) return null;
  if (ctx.bundle) return bundleCohorts(qm, ctx, basis, filter);
  const shadows: Shadow[] = [FACTS_TABLE, basis === 'orders' ? ['orders', SCREEN_ORDER_DAYS_TABLE] : 'subscriptions'];
  const sql = scopedSql(cohortCellsSql(basis, ctx.settings.period, ctx.asOf), recentCohortsSql(ctx, customerFilterSql(filter)), shadows, qm.schema);
  return cohortRows(assembleCohorts(toRows<CohortCell>(await qm.query(sql))).slice(-COHORT_PERIODS), basis);
}

/**
 * A facts bundle's cohorts: its cohort cells (cw_cohort_cells, every cohort on all customers; a
 * cohort's cells read only its own customers, so the 12 most recent are the same as computed
 * here). A drill has no cells: the bundle has no order days or subscriptions to recompute them.
 */
async function bundleCohorts(qm: QueryManager, ctx: ScreenContext, basis: CohortBasis, filter: CustomerFilter): Promise<CohortRow[] | null> {
  if (filter.length > 0 || !ctx.bundle?.tables.includes(BUNDLE_COHORT_CELLS)) return null;
  const cells = toRows<CohortCell>(await qm.query(
    `SELECT cohort_start, cohort, k, size, active, on_or_after, revenue, partial FROM ${BUNDLE_COHORT_CELLS} ORDER BY cohort_start, k`));
  return cohortRows(assembleCohorts(cells).slice(-COHORT_PERIODS), basis);
}

function cohortRows(rows: ReturnType<typeof assembleCohorts>, basis: CohortBasis): CohortRow[] {
  // Subscription cohorts get their sBG projection up to the widest cohort shown (the heatmap's
  // empty triangle), fitted on the cohorts shown (so on the drilled customers), small ones pooled.
  const width = Math.max(0, ...rows.map((r) => r.onOrAfter.length));
  const projection = basis === 'subscriptions' ? projectRetention(rows, basis, Math.max(0, width - 1)).projection : null;
  return rows.map((r, i) => {
    const projected = projection?.[i].projected?.slice(0, width - r.onOrAfter.length).map((v) => v / r.size);
    return { cohort: r.cohort, size: r.size, retention: r.retention, unbounded: r.unbounded, ...(projected?.length ? { projected } : {}) };
  });
}
