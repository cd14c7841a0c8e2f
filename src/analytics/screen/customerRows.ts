import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { lit } from '../../engine/sql';
import { CUSTOMER_RISK_TABLE } from '../risk/signals';
import { formatReason, reasonsOf, type ReasonColumns } from '../risk/reasons';
import type { CustomerRow } from './types';
import { textLang, type ScreenLang } from './lang';
import { recommendedAction } from './playsText';
import { SCREEN_CUSTOMERS_TABLE } from './screenTables';

/** A page of cw_screen_customers: which rows (WHERE on alias c), in which order, how many from where. */
export interface CustomerPage {
  where: string;
  /** ORDER BY list over the cw_screen_customers columns of table alias `t`. */
  orderBy: (t: string) => string;
  limit: number;
  offset?: number;
}

type RawRow = Omit<CustomerRow, 'reasons' | 'recommended_action'> & ReasonColumns;

/** A non-negative whole number for LIMIT / OFFSET (they are inlined into SQL). */
export function wholeNumber(n: number | undefined, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}

/**
 * SQL: one page of customer rows. The page is cut on the narrow cw_screen_customers table
 * (a top-N, cheap at a million customers); only its rows fetch their reasons from cw_customer_risk.
 */
export function customerPageSql(p: CustomerPage): string {
  return `WITH page AS (
  SELECT c.* FROM ${SCREEN_CUSTOMERS_TABLE} c WHERE ${p.where}
  ORDER BY ${p.orderBy('c')} LIMIT ${lit(wholeNumber(p.limit, 50))} OFFSET ${lit(wholeNumber(p.offset, 0))}
)
SELECT page.customer_id, page.name, page.status, page.warning_tier AS risk_tier, page.score, page.owner, page.region,
  page.value_tier, page.play_tier, page.value_before_silence, page.value_12m, page.last_purchase, page.value,
  r.reason1, r.reason1_params, r.reason2, r.reason2_params, r.reason3, r.reason3_params
FROM page LEFT JOIN (
  SELECT customer_id, reason1, reason1_params, reason2, reason2_params, reason3, reason3_params FROM ${CUSTOMER_RISK_TABLE}
) r USING (customer_id)
ORDER BY ${p.orderBy('page')}`;
}

/** A raw page row as the screen shows it: reasons in words and the recommended play, in `lang`. */
export function toCustomerRow(raw: RawRow, lang: ScreenLang): CustomerRow {
  const { reason1, reason1_params, reason2, reason2_params, reason3, reason3_params, ...rest } = raw;
  const reasons = reasonsOf({ reason1, reason1_params, reason2, reason2_params, reason3, reason3_params })
    .map((r) => formatReason(r, textLang(lang)));
  return {
    ...rest,
    reasons,
    recommended_action: recommendedAction(rest.play_tier ?? rest.value_tier, rest.risk_tier, rest.status === 'churned', lang),
  };
}

/** Runs a page query and returns the rows in the screen's shape. */
export async function loadCustomerPage(qm: QueryManager, p: CustomerPage, lang: ScreenLang): Promise<CustomerRow[]> {
  return toRows<RawRow>(await qm.query(customerPageSql(p))).map((r) => toCustomerRow(r, lang));
}
