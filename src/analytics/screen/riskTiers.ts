import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { CUSTOMER_RISK_TABLE } from '../risk/signals';
import type { CustomerFilter, RiskTierData } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql } from './scoped';
import { SCREEN_CUSTOMERS_TABLE } from './screenTables';

/** SQL: per reason code, the red or amber customers carrying it among their top three reasons (codes differ within a customer). */
function topSignalsSql(filter: string | null): string {
  return `SELECT code AS signal, count(*)::INTEGER AS customers FROM (
    SELECT unnest([reason1, reason2, reason3]) AS code FROM ${CUSTOMER_RISK_TABLE}
    WHERE customer_id IN (SELECT customer_id FROM ${SCREEN_CUSTOMERS_TABLE} WHERE warning_tier IN ('red', 'amber') AND ${inFilterSql('customer_id', filter)})
  ) WHERE code IS NOT NULL GROUP BY code ORDER BY customers DESC, signal`;
}

/**
 * Risk tiers of the filtered customers not yet churned, counted as computeRisk counts them
 * (metrics.md section 6), and the reason codes (recency, complaints ...) driving the red and amber
 * ones. Null when the data has no behavioural signal (no health score).
 */
export async function loadRiskTiers(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, _lang: ScreenLang): Promise<RiskTierData | null> {
  if (!ctx.presence.risk) return null;
  const f = customerFilterSql(filter);
  const [t] = toRows<{ red: number; amber: number; green: number }>(await qm.query(
    `SELECT count(*) FILTER (WHERE warning_tier = 'red')::INTEGER AS red, count(*) FILTER (WHERE warning_tier = 'amber')::INTEGER AS amber,
       count(*) FILTER (WHERE warning_tier = 'green')::INTEGER AS green
     FROM ${SCREEN_CUSTOMERS_TABLE} WHERE ${inFilterSql('customer_id', f)}`));
  const topSignals = toRows<{ signal: string; customers: number }>(await qm.query(topSignalsSql(f)));
  return { ...t, topSignals };
}
