import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { lit } from '../../engine/sql';
import { VALUE_TIERS } from '../rfm/valueTiers';
import type { CustomerFilter, CustomerRow } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql } from './scoped';
import { loadCustomerPage } from './customerRows';
import { SCREEN_CUSTOMERS_TABLE } from './screenTables';

/** Sorting and paging of the drill list. */
export interface CustomerListOptions {
  sortBy: keyof CustomerRow;
  desc: boolean;
  offset: number;
  limit: number;
}

const rank = (column: string, values: readonly string[]) =>
  `CASE ${column} ${values.map((v, i) => `WHEN ${lit(v)} THEN ${i}`).join(' ')} END`;

/**
 * The whitelist of sort columns: each CustomerRow key and the SQL it sorts by (column of table
 * alias t). Tiers and statuses sort by severity, reasons by the first reason code, the
 * recommended action by play tier then risk tier (the two that pick the play).
 */
const SORT_SQL: Record<keyof CustomerRow, (t: string) => string[]> = {
  customer_id: (t) => [`${t}.customer_id`],
  name: (t) => [`${t}.name`],
  status: (t) => [rank(`${t}.status`, ['churned', 'silent', 'new', 'active'])],
  risk_tier: (t) => [rank(`${t}.warning_tier`, ['red', 'amber', 'green'])],
  score: (t) => [`${t}.score`],
  reasons: (t) => [`${t}.reason1`],
  owner: (t) => [`${t}.owner`],
  region: (t) => [`${t}.region`],
  value_tier: (t) => [rank(`${t}.value_tier`, VALUE_TIERS)],
  play_tier: (t) => [rank(`${t}.play_tier`, VALUE_TIERS)],
  value_before_silence: (t) => [`${t}.value_before_silence`],
  value_12m: (t) => [`${t}.value_12m`],
  last_purchase: (t) => [`${t}.last_purchase`],
  value: (t) => [`${t}.value`],
  recommended_action: (t) => [rank(`${t}.play_tier`, VALUE_TIERS), rank(`${t}.warning_tier`, ['red', 'amber', 'green'])],
};

/** The ORDER BY list for a sort column (throws for a key that is not a CustomerRow column). */
export function customerSortSql(sortBy: string, desc: boolean): (t: string) => string {
  if (!Object.hasOwn(SORT_SQL, sortBy)) throw new Error(`Cannot sort the customer list by ${sortBy}`);
  const key = SORT_SQL[sortBy as keyof CustomerRow];
  const dir = desc ? 'DESC' : 'ASC';
  return (t) => [...key(t).map((e) => `${e} ${dir} NULLS LAST`), `${t}.customer_id ASC`].join(', ');
}

/**
 * The drill list: every customer matching the filter, sorted on the server by a whitelisted
 * column (NULLs last, ties by customer id so pages never overlap), one page at a time, with the
 * total count.
 */
export async function loadCustomerList(qm: QueryManager, _ctx: ScreenContext, filter: CustomerFilter, lang: ScreenLang,
  options: CustomerListOptions): Promise<{ rows: CustomerRow[]; total: number }> {
  const orderBy = customerSortSql(options.sortBy, options.desc);
  const where = inFilterSql('c.customer_id', customerFilterSql(filter));
  const [{ total }] = toRows<{ total: number }>(await qm.query(`SELECT count(*)::INTEGER AS total FROM ${SCREEN_CUSTOMERS_TABLE} c WHERE ${where}`));
  const rows = await loadCustomerPage(qm, { where, orderBy, limit: options.limit, offset: options.offset }, lang);
  return { rows, total };
}
