import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { ratio } from '../churn/rates';
import type { CustomerFilter, RegionBar } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql } from './scoped';
import { SCREEN_CUSTOMERS_TABLE } from './screenTables';

/**
 * The region view for the filtered customers, largest region first: customers, churned (status
 * as of the as-of date, as structural churn counts it), the churn rate, red-tier customers not yet
 * churned and their at-risk value (null without a health score). Null when no customer has a region.
 */
export async function loadRegions(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, _lang: ScreenLang): Promise<RegionBar[] | null> {
  if (!ctx.presence.regions) return null;
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
