import type { QueryManager } from '../../engine/queryManager';
import { dateLit } from '../../engine/sql';
import { toRows } from '../../engine/rows';
import type { Computed, ResolvedSettings } from '../risk/computed';
import { ensureRiskTables } from '../risk/computeRisk';
import { ensureFacts, valueTierTable } from '../risk/tables';
import {
  buildInterventionCustomersSql, byActionSql, INTERVENTION_CUSTOMERS_TABLE, RETENTION_DAYS, retentionComparisonSql,
} from './interventionsSql';

/** The PDCA panel: what was done, who was kept, what it kept and what it cost. */
export interface Pdca {
  actionsTaken: number;
  customersSaved: number;
  moneySaved: number;
  cost: number;
  /** (moneySaved - cost) / cost; null when nothing was spent. */
  roi: number | null;
}

/** Interventions family result (metrics.md section 10). */
export interface InterventionsSummary extends Pdca {
  customersTreated: number;
  /** customersSaved / customersTreated. */
  winBackRate: number | null;
  retention90: {
    /** Treated customers whose first action is at least 90 days old. */
    matured: number;
    /** Of those, in a cell with comparable untreated customers. */
    matched: number;
    treatedRate: number | null;
    comparableRate: number | null;
    /** treatedRate - comparableRate (percentage points as a fraction). */
    uplift: number | null;
    /** Untreated customer x action-date pairs behind comparableRate. */
    comparablePairs: number;
  } | null;
  byAction: { action: string; actions: number; customers: number; saved: number; cost: number; winBackRate: number }[];
  pdca: Pdca;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Win-back rate, 90-day retention against comparable untreated customers, ROI and the PDCA summary
 * from the interventions table. Saved and retained value are defined in interventionsSql.ts.
 */
export async function computeInterventions(qm: QueryManager, settings: ResolvedSettings): Promise<Computed<InterventionsSummary>> {
  await ensureFacts(qm, settings.asOf);
  const [count] = toRows<{ n: number }>(await qm.query(
    `SELECT count(*) AS n FROM interventions WHERE customer_id IS NOT NULL AND action_date <= ${dateLit(settings.asOf)}`,
    { cache: false },
  ));
  if (Number(count.n) === 0) return { value: null, notes: ['No interventions up to the as-of date: no win-back or ROI figures.'] };
  await ensureRiskTables(qm, settings);
  await qm.exec(buildInterventionCustomersSql(settings.asOf));
  const notes: string[] = [
    'Saved = an outcome that reads as success, or a purchase after the first action; money saved = their trailing-12-month value (12 x MRR without orders).',
  ];

  const [t] = toRows<{ actions: number; treated: number; saved: number; money: number; cost: number }>(await qm.query(
    `SELECT sum(actions) AS actions, count(*) AS treated, count(*) FILTER (WHERE saved) AS saved,
       coalesce(sum(retained_value) FILTER (WHERE saved), 0) AS money, coalesce(sum(cost), 0) AS cost
     FROM ${INTERVENTION_CUSTOMERS_TABLE}`,
    { cache: false },
  ));
  const actionsTaken = Number(t.actions);
  const customersTreated = Number(t.treated);
  const customersSaved = Number(t.saved);
  const moneySaved = round2(Number(t.money));
  const cost = round2(Number(t.cost));
  const roi = cost > 0 ? round4((moneySaved - cost) / cost) : null;
  if (roi === null) notes.push('No intervention cost recorded: ROI undefined.');

  const tiers = await valueTierTable(qm);
  if (!tiers) notes.push('No value tiers (cw_customer_value_tier): comparable customers are matched on risk tier only.');
  const [r] = toRows<{ matured: number; matched: number; treated_rate: number | null; comparable_rate: number | null; comparable_pairs: number }>(
    await qm.query(retentionComparisonSql(settings.asOf, tiers), { cache: false }),
  );
  let retention90: InterventionsSummary['retention90'] = null;
  if (Number(r.matured) === 0) notes.push(`No action is ${RETENTION_DAYS} days old yet: 90-day retention not measured.`);
  else {
    const treatedRate = r.treated_rate === null ? null : round4(Number(r.treated_rate));
    const comparableRate = r.comparable_rate === null ? null : round4(Number(r.comparable_rate));
    retention90 = {
      matured: Number(r.matured),
      matched: Number(r.matched),
      treatedRate,
      comparableRate,
      uplift: treatedRate !== null && comparableRate !== null ? round4(treatedRate - comparableRate) : null,
      comparablePairs: Number(r.comparable_pairs),
    };
    if (retention90.matched === 0) notes.push('No untreated customer shares a value and risk tier with the treated ones: no comparison.');
  }

  const byAction = toRows<{ action: string; actions: number; customers: number; saved: number; cost: number }>(
    await qm.query(byActionSql(settings.asOf), { cache: false }),
  ).map((a) => ({
    action: a.action,
    actions: Number(a.actions),
    customers: Number(a.customers),
    saved: Number(a.saved),
    cost: round2(Number(a.cost)),
    winBackRate: Number(a.customers) > 0 ? round4(Number(a.saved) / Number(a.customers)) : 0,
  }));

  const pdca: Pdca = { actionsTaken, customersSaved, moneySaved, cost, roi };
  return {
    value: {
      ...pdca,
      customersTreated,
      winBackRate: customersTreated > 0 ? round4(customersSaved / customersTreated) : null,
      retention90,
      byAction,
      pdca,
    },
    notes,
  };
}
