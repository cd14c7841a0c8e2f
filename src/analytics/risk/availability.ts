import type { QueryManager } from '../../engine/queryManager';
import { dateLit } from '../../engine/sql';
import { toRows } from '../../engine/rows';
import type { HealthWeights } from '../settings';
import { SIGNALS, type SignalKey } from './signals';

/** Row counts (up to the as-of date) of the sources the health signals read. */
export interface SignalSources {
  orders: number;
  activity: number;
  activityTyped: number;
  tickets: number;
  ticketsTyped: number;
  ticketsWithResponse: number;
  ticketsWithSatisfaction: number;
  nps: number;
}

/** One row of source counts as of the as-of date. */
export function signalSourcesSql(asOf: string): string {
  const d = dateLit(asOf);
  const end = `(${d} + INTERVAL 1 DAY)`;
  return `SELECT
    (SELECT count(*) FROM orders WHERE customer_id IS NOT NULL AND CAST(order_date AS DATE) <= ${d}) AS orders,
    (SELECT count(*) FROM activity WHERE customer_id IS NOT NULL AND CAST(event_date AS DATE) <= ${d}) AS activity,
    (SELECT count(*) FROM activity WHERE customer_id IS NOT NULL AND CAST(event_date AS DATE) <= ${d} AND event_type IS NOT NULL) AS "activityTyped",
    (SELECT count(*) FROM tickets WHERE customer_id IS NOT NULL AND opened_at < ${end}) AS tickets,
    (SELECT count(*) FROM tickets WHERE customer_id IS NOT NULL AND opened_at < ${end} AND type IS NOT NULL) AS "ticketsTyped",
    (SELECT count(*) FROM tickets WHERE customer_id IS NOT NULL AND opened_at < ${end} AND first_response_at IS NOT NULL) AS "ticketsWithResponse",
    (SELECT count(*) FROM tickets WHERE customer_id IS NOT NULL AND opened_at < ${end} AND satisfaction IS NOT NULL) AS "ticketsWithSatisfaction",
    (SELECT count(*) FROM nps WHERE customer_id IS NOT NULL AND survey_date <= ${d} AND score IS NOT NULL) AS nps`;
}

/** Which signals the data can support: a signal whose source is empty drops out (metrics.md 6). */
export function availableSignals(s: SignalSources): Record<SignalKey, boolean> {
  const behaviour = s.orders > 0 || s.activity > 0;
  return {
    recency: behaviour,
    frequencyTrend: behaviour,
    monetaryTrend: s.orders > 0,
    complaints: s.ticketsTyped > 0,
    // Without any recorded first response every ticket would look unanswered.
    serviceFailures: s.ticketsWithResponse > 0,
    nps: s.nps > 0 || s.ticketsWithSatisfaction > 0,
    usageTrend: s.activity > 0,
  };
}

/** The settings' weights with unavailable signals set to 0 (the score renormalises over the rest). */
export function effectiveWeights(weights: HealthWeights, available: Record<SignalKey, boolean>): HealthWeights {
  const out = { ...weights };
  for (const s of SIGNALS) if (!available[s.key] || !(weights[s.key] > 0)) out[s.key] = 0;
  return out;
}

/** Reads the source counts from the engine. */
export async function detectSignalSources(qm: QueryManager, asOf: string): Promise<SignalSources> {
  const [row] = toRows<Record<string, number>>(await qm.query(signalSourcesSql(asOf), { cache: false }));
  return {
    orders: Number(row.orders),
    activity: Number(row.activity),
    activityTyped: Number(row.activityTyped),
    tickets: Number(row.tickets),
    ticketsTyped: Number(row.ticketsTyped),
    ticketsWithResponse: Number(row.ticketsWithResponse),
    ticketsWithSatisfaction: Number(row.ticketsWithSatisfaction),
    nps: Number(row.nps),
  };
}
