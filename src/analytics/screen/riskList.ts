import type { QueryManager } from '../../engine/queryManager';
import type { CustomerFilter, CustomerRow } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql } from './scoped';
import { loadCustomerPage } from './customerRows';

/** Rows the scrolling risk board shows by default. */
export const RISK_LIST_LIMIT = 50;

/**
 * The scrolling risk list: filtered customers not yet churned in the red tier, then amber, each
 * by health score ascending, then value descending. Null when there is no health score.
 */
export async function loadRiskList(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, lang: ScreenLang,
  limit: number = RISK_LIST_LIMIT): Promise<CustomerRow[] | null> {
  if (!ctx.presence.risk) return null;
  return loadCustomerPage(qm, {
    where: `c.warning_tier IN ('red', 'amber') AND ${inFilterSql('c.customer_id', customerFilterSql(filter))}`,
    orderBy: (t) => `CASE ${t}.warning_tier WHEN 'red' THEN 0 ELSE 1 END, ${t}.score ASC NULLS LAST, ${t}.value DESC NULLS LAST, ${t}.customer_id`,
    limit,
  }, lang);
}
