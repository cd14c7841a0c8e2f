import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { readPrepared, type ResolvedSettings } from '../prepare';
import { tableExists } from '../common/meta';
import { bgnbdFromMeta, gammaGammaFromMeta } from '../models/storedModels';
import { CLV_TABLE } from './clvTable';
import { buildTransactionalClv } from './transactionalClv';
import { arpaSql, buildSubscriptionClvSql, trailingChurnSql } from './subscriptionClv';
import { atRiskSql, type RedCustomers } from './atRisk';

/** The clv block (cli-contract.md: total, atRisk) with how it was computed. */
export interface ClvSummary {
  total: number;
  /** Null until red customers are given. */
  atRisk: number | null;
  atRiskCustomers: number | null;
  method: 'transactions' | 'subscriptions';
  /** Transactions: months and annual rate of the discounted horizon. */
  horizonMonths: number | null;
  annualDiscountRate: number | null;
  /** Subscriptions: ARPA and the trailing-6-month monthly churn rate. */
  arpa: number | null;
  monthlyChurnRate: number | null;
  customers: number;
}

/** At-risk value of red customers: CLV when cw_customer_clv exists, else trailing-12-month value. */
export async function computeAtRisk(qm: QueryManager, red: RedCustomers): Promise<{ value: number; customers: number; basis: 'clv' | 'value_12m' }> {
  const basis = (await tableExists(qm, CLV_TABLE)) ? 'clv' : 'value_12m';
  const row = toRows<{ value: number; customers: number }>(await qm.query(atRiskSql(red, basis), { cache: false }))[0];
  return { ...row, basis };
}

/** How the per-customer CLV was computed (null when it could not be), with why not. */
export interface ClvBuild {
  summary: Omit<ClvSummary, 'total' | 'atRisk' | 'atRiskCustomers' | 'customers'> | null;
  notes: string[];
  method: ClvSummary['method'];
}

/**
 * The purchase half of CLV (metrics.md section 9): decides the method and, for transactions,
 * builds cw_customer_clv as Gamma-Gamma x discounted BG/NBD over settings.clvHorizonMonths at
 * settings.clvAnnualDiscountRate. It reads the facts and the fits only, never the customers'
 * status, so a churn-window change keeps it (the build graph's purchaseClv step). For the
 * subscriptions method it leaves the table to buildSubscriptionClv.
 */
export async function buildPurchaseClv(qm: QueryManager, settings: ResolvedSettings): Promise<ClvBuild> {
  const { asOf, periodBasis, meta } = await readPrepared(qm);
  await qm.exec(`DROP TABLE IF EXISTS ${CLV_TABLE}`);
  const bg = bgnbdFromMeta(meta);
  const gg = gammaGammaFromMeta(meta);
  // Mixed data (subscribers who also place orders, like the demo company): the purchase models
  // value every buyer, subscribers included, while ARPA / churn would only see MRR.
  const purchaseModels = bg !== null && gg !== null && gg.q > 1;
  if (periodBasis === 'subscriptions' && !purchaseModels) return { summary: null, notes: [], method: 'subscriptions' };
  if (!bg || !gg) {
    return { summary: null, notes: ['CLV needs subscriptions, or repeat purchases to fit BG/NBD and Gamma-Gamma'], method: 'transactions' };
  }
  if (!(gg.q > 1)) return { summary: null, notes: [`CLV: the Gamma-Gamma fit has q = ${gg.q.toFixed(3)} <= 1, so mean spend is unbounded`], method: 'transactions' };
  await buildTransactionalClv(qm, asOf, bg, gg, settings.clvHorizonMonths, settings.clvAnnualDiscountRate);
  return {
    summary: { method: 'transactions', horizonMonths: settings.clvHorizonMonths, annualDiscountRate: settings.clvAnnualDiscountRate, arpa: null, monthlyChurnRate: null },
    notes: [],
    method: 'transactions',
  };
}

/**
 * The subscription half: own MRR / monthly churn rate (trailing 6 months), from the customers'
 * status and spells. Does nothing when the purchase half chose transactions.
 */
export async function buildSubscriptionClv(qm: QueryManager, purchase: ClvBuild): Promise<ClvBuild> {
  if (purchase.method !== 'subscriptions') return purchase;
  const { asOf } = await readPrepared(qm);
  await qm.exec(`DROP TABLE IF EXISTS ${CLV_TABLE}`);
  const churn = toRows<{ start: number; churned: number }>(await qm.query(trailingChurnSql(asOf)))[0];
  if (!churn || churn.start === 0 || churn.churned === 0) {
    return { summary: null, notes: [churn && churn.start > 0 ? 'CLV: no customer churned in the last 6 months, ARPA / churn rate is unbounded' : 'CLV: no subscribers in the last 6 months'], method: 'subscriptions' };
  }
  const rate = churn.churned / churn.start;
  await qm.exec(buildSubscriptionClvSql(rate));
  const arpa = toRows<{ arpa: number | null }>(await qm.query(arpaSql()))[0]?.arpa ?? null;
  return { summary: { method: 'subscriptions', horizonMonths: null, annualDiscountRate: null, arpa, monthlyChurnRate: rate }, notes: [], method: 'subscriptions' };
}

/** The clv block from a built cw_customer_clv: its total and, with red customers, the value at risk. */
export async function summarizeClv(qm: QueryManager, built: ClvBuild, options: { redCustomers?: RedCustomers } = {}):
Promise<{ clv: ClvSummary | null; notes: string[] }> {
  if (!built.summary) return { clv: null, notes: built.notes };
  const notes: string[] = [];
  const tot = toRows<{ total: number; customers: number }>(await qm.query(
    `SELECT CAST(coalesce(sum(clv), 0) AS DOUBLE) AS total, count(*) FILTER (WHERE clv > 0)::INTEGER AS customers FROM ${CLV_TABLE}`, { cache: false }))[0];
  let atRisk: number | null = null;
  let atRiskCustomers: number | null = null;
  if (options.redCustomers) {
    const r = await computeAtRisk(qm, options.redCustomers);
    atRisk = r.value;
    atRiskCustomers = r.customers;
  } else {
    notes.push('at-risk value needs the red customers of the risk module');
  }
  return { clv: { total: tot.total, atRisk, atRiskCustomers, customers: tot.customers, ...built.summary }, notes };
}

/**
 * CLV (metrics.md section 9) in one call: the purchase half, the subscription half and the
 * summary. Subscriptions basis: own MRR / monthly churn rate (trailing 6 months). Otherwise
 * transactions: Gamma-Gamma x discounted BG/NBD. Builds cw_customer_clv; with red customers
 * also the at-risk value.
 */
export async function computeClv(qm: QueryManager, settings: ResolvedSettings, options: { redCustomers?: RedCustomers } = {}):
Promise<{ clv: ClvSummary | null; notes: string[] }> {
  const built = await buildSubscriptionClv(qm, await buildPurchaseClv(qm, settings));
  return summarizeClv(qm, built, options);
}
