import type { QueryManager } from '../engine/queryManager';
import { toRows } from '../engine/rows';
import { dateLit } from '../engine/sql';
import { prepareAnalytics } from './prepare';
import { computeCustomers } from './status/computeCustomers';
import type { AnalyticsSettings, ChurnRule } from './settings';

/** The headline numbers of the loaded data (minimal screen and the header of the big screen). */
export interface Overview {
  asOf: string;
  customers: number;
  orders: number;
  active: number;
  silent: number;
  churned: number;
  new: number;
  churnRule: ChurnRule;
}

/**
 * Prepares the per-customer tables for the settings, then reads the status counts (metrics.md
 * section 1) and the number of orders up to the as-of date.
 */
export async function computeOverview(qm: QueryManager, settings: AnalyticsSettings): Promise<Overview> {
  const prepared = await prepareAnalytics(qm, settings);
  const { customers } = await computeCustomers(qm, prepared.settings);
  const [o] = toRows<{ n: number }>(
    await qm.query(`SELECT count(*)::INTEGER AS n FROM orders WHERE CAST(order_date AS DATE) <= ${dateLit(prepared.asOf)}`),
  );
  return {
    asOf: prepared.asOf,
    customers: customers.total,
    orders: o.n,
    active: customers.active,
    silent: customers.silent,
    churned: customers.churned,
    new: customers.new,
    churnRule: customers.churnRule,
  };
}
