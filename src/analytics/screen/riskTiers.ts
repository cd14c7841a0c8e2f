import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { CUSTOMER_RISK_TABLE } from '../risk/signals';
import type { CustomerFilter, RiskTierData } from './types';
import type { ScreenContext } from './prepareScreen';
import { textLang, type ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql } from './scoped';
import { SCREEN_CUSTOMERS_TABLE } from './screenTables';
import { factorGist } from '../risk/factorText';

/** SQL: per reason code, the red or amber customers carrying it among their top three reasons (codes differ within a customer). */
function topSignalsSql(filter: string | null): string {
  return `SELECT code AS signal, count(*)::INTEGER AS customers FROM (
    SELECT unnest([reason1, reason2, reason3]) AS code FROM ${CUSTOMER_RISK_TABLE}
    WHERE customer_id IN (SELECT customer_id FROM ${SCREEN_CUSTOMERS_TABLE} WHERE warning_tier IN ('red', 'amber') AND ${inFilterSql('customer_id', filter)})
  ) WHERE code IS NOT NULL GROUP BY code ORDER BY customers DESC, signal`;
}

/** SQL: the reason parameters of the red or amber customers (one row per reason). */
function warnedReasonParamsSql(filter: string | null): string {
  return `SELECT params FROM (
    SELECT unnest([reason1_params, reason2_params, reason3_params]) AS params FROM ${CUSTOMER_RISK_TABLE}
    WHERE customer_id IN (SELECT customer_id FROM ${SCREEN_CUSTOMERS_TABLE} WHERE warning_tier IN ('red', 'amber') AND ${inFilterSql('customer_id', filter)})
  ) WHERE params IS NOT NULL`;
}

/** The model's reasons (a labelled snapshot) counted by their gist in `lang`: "按月合同" 1,200. */
async function modelTopSignals(qm: QueryManager, filter: string | null, lang: ScreenLang): Promise<RiskTierData['topSignals']> {
  const counts = new Map<string, number>();
  for (const { params } of toRows<{ params: string }>(await qm.query(warnedReasonParamsSql(filter)))) {
    const p = JSON.parse(params) as { factor: string; kind: string; value: unknown; high: boolean };
    const gist = factorGist(p.factor, p.kind, p.value, p.high, textLang(lang));
    counts.set(gist, (counts.get(gist) ?? 0) + 1);
  }
  return [...counts].map(([signal, customers]) => ({ signal, customers }))
    .sort((a, b) => b.customers - a.customers || (a.signal < b.signal ? -1 : 1));
}

/**
 * Risk tiers of the filtered customers not yet churned, counted as computeRisk counts them
 * (metrics.md section 6), and the reason codes (recency, complaints ...) driving the red and amber
 * ones (for a labelled snapshot's model tiers, the reasons' gists in `lang`). Null when there are
 * no tiers (no health score and no model on labels).
 */
export async function loadRiskTiers(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, lang: ScreenLang): Promise<RiskTierData | null> {
  if (!ctx.presence.risk) return null;
  const f = customerFilterSql(filter);
  const [t] = toRows<{ red: number; amber: number; green: number }>(await qm.query(
    `SELECT count(*) FILTER (WHERE warning_tier = 'red')::INTEGER AS red, count(*) FILTER (WHERE warning_tier = 'amber')::INTEGER AS amber,
       count(*) FILTER (WHERE warning_tier = 'green')::INTEGER AS green
     FROM ${SCREEN_CUSTOMERS_TABLE} WHERE ${inFilterSql('customer_id', f)}`));
  const topSignals = ctx.families.risk?.tierModel
    ? await modelTopSignals(qm, f, lang)
    : toRows<{ signal: string; customers: number }>(await qm.query(topSignalsSql(f)));
  return { ...t, topSignals };
}
