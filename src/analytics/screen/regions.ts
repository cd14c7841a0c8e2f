import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { ratio } from '../churn/rates';
import type { CustomerFilter, RegionBar } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql } from './scoped';
import { SCREEN_CUSTOMERS_TABLE } from './screenTables';
import { splitChurnerSteps } from './churnerComposition';

/**
 * A drill to churners (the churn KPI): each region's share of the churners beside its share of
 * the base (the drill path without its churner steps), instead of churn rates that read 100%.
 */
async function regionComposition(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter): Promise<RegionBar[]> {
  const base = customerFilterSql(splitChurnerSteps(filter).base);
  const churners = customerFilterSql(filter);
  const rows = toRows<{ region: string; customers: number; churned: number; red: number; at_risk: number; base_total: number; churn_total: number }>(await qm.query(
    `WITH b AS (SELECT * FROM ${SCREEN_CUSTOMERS_TABLE} WHERE region IS NOT NULL AND ${inFilterSql('customer_id', base)}),
       c AS (SELECT customer_id FROM b WHERE ${inFilterSql('customer_id', churners)})
     SELECT b.region, count(*)::INTEGER AS customers, count(c.customer_id)::INTEGER AS churned,
       count(*) FILTER (WHERE c.customer_id IS NOT NULL AND b.warning_tier = 'red')::INTEGER AS red,
       CAST(coalesce(sum(b.value) FILTER (WHERE c.customer_id IS NOT NULL AND b.warning_tier = 'red'), 0) AS DOUBLE) AS at_risk,
       (SELECT count(*) FROM b)::INTEGER AS base_total, (SELECT count(*) FROM c)::INTEGER AS churn_total
     FROM b LEFT JOIN c USING (customer_id) GROUP BY b.region ORDER BY churned DESC, customers DESC, b.region`, { cache: false }));
  return rows.map((r) => ({
    region: r.region, customers: r.customers, churned: r.churned, rate: ratio(r.churned, r.churn_total),
    red: r.red, atRiskValue: ctx.presence.risk ? r.at_risk : null,
    baseShare: ratio(r.customers, r.base_total), churnersTotal: r.churn_total,
  }));
}

/**
 * The region view for the filtered customers, largest region first: customers, churned (status
 * as of the as-of date, as structural churn counts it), the churn rate, red-tier customers not yet
 * churned and their at-risk value (null without a health score). Null when no customer has a region.
 */
export async function loadRegions(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, _lang: ScreenLang): Promise<RegionBar[] | null> {
  if (!ctx.presence.regions) return null;
  if (splitChurnerSteps(filter).churners) return regionComposition(qm, ctx, filter);
  const rows = toRows<{ region: string; customers: number; churned: number; red: number; at_risk: number }>(await qm.query(
    `SELECT region, count(*)::INTEGER AS customers, count(*) FILTER (WHERE status = 'churned')::INTEGER AS churned,
       count(*) FILTER (WHERE warning_tier = 'red')::INTEGER AS red,
       CAST(coalesce(sum(value) FILTER (WHERE warning_tier = 'red'), 0) AS DOUBLE) AS at_risk
     FROM ${SCREEN_CUSTOMERS_TABLE} WHERE region IS NOT NULL AND ${inFilterSql('customer_id', customerFilterSql(filter))}
     GROUP BY region ORDER BY customers DESC, region`));
  return rows.map((r) => ({
    region: r.region, customers: r.customers, churned: r.churned, rate: ratio(r.churned, r.customers),
    red: r.red, atRiskValue: ctx.presence.risk ? r.at_risk : null,
  }));
}
