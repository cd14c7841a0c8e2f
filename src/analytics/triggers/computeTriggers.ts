import type { QueryManager } from '../../engine/queryManager';
import { dateLit } from '../../engine/sql';
import { toRows } from '../../engine/rows';
import { detectSignalSources } from '../risk/availability';
import type { Computed, ResolvedSettings } from '../risk/computed';
import { ensureRiskTables } from '../risk/computeRisk';
import { CUSTOMER_RISK_TABLE } from '../risk/signals';
import { ensureFacts } from '../risk/tables';
import { TRIGGER_KINDS, TRIGGERS_TABLE, type TriggerCount, type TriggerItem, type TriggerKind } from './kinds';
import { buildTriggersSql } from './triggersSql';

/** Which trigger kinds the loaded data supports, with a note for each one it does not. */
async function supportedKinds(qm: QueryManager, settings: ResolvedSettings): Promise<{ kinds: TriggerKind[]; notes: string[] }> {
  const sources = await detectSignalSources(qm, settings.asOf);
  const [subs] = toRows<{ n: number }>(await qm.query(
    `SELECT count(*) AS n FROM subscriptions WHERE start_date <= ${dateLit(settings.asOf)} AND (renewal_date IS NOT NULL OR end_date IS NOT NULL)`,
    { cache: false },
  ));
  const [scored] = toRows<{ n: number }>(await qm.query(`SELECT count(score) AS n FROM ${CUSTOMER_RISK_TABLE}`, { cache: false }));
  const kinds: TriggerKind[] = [];
  const notes: string[] = [];
  if (sources.orders > 0) kinds.push('first-purchase-30d');
  else notes.push('Trigger first-purchase-30d needs orders.');
  if (Number(subs.n) > 0 && Number(scored.n) > 0) kinds.push('renewal-at-risk');
  else notes.push('Trigger renewal-at-risk needs subscriptions with renewal or end dates and a health score.');
  if (sources.ticketsTyped > 0) kinds.push('open-complaint-7d');
  else notes.push('Trigger open-complaint-7d needs tickets with a type.');
  if (sources.ticketsWithResponse > 0) kinds.push('unanswered-48h');
  else notes.push('Trigger unanswered-48h needs tickets with first-response times.');
  return { kinds, notes };
}

/** Builds cw_triggers (and the risk tables it needs, when missing). */
export async function buildTriggers(qm: QueryManager, settings: ResolvedSettings): Promise<{ kinds: TriggerKind[]; notes: string[] }> {
  await ensureFacts(qm, settings.asOf);
  await ensureRiskTables(qm, settings);
  const supported = await supportedKinds(qm, settings);
  await qm.exec(buildTriggersSql(settings.asOf, { kinds: supported.kinds, renewalDays: settings.renewalWarningDays }));
  return supported;
}

/** The analyze contract's `triggers`: customers per kind (null for kinds the data cannot support). */
export async function computeTriggers(qm: QueryManager, settings: ResolvedSettings): Promise<Computed<TriggerCount[]>> {
  const { kinds, notes } = await buildTriggers(qm, settings);
  const rows = toRows<{ kind: TriggerKind; n: number }>(
    await qm.query(`SELECT kind, count(DISTINCT customer_id) AS n FROM ${TRIGGERS_TABLE} GROUP BY kind`, { cache: false }),
  );
  const byKind = new Map(rows.map((r) => [r.kind, Number(r.n)]));
  const value = TRIGGER_KINDS.map((kind) => ({ kind, customers: kinds.includes(kind) ? (byKind.get(kind) ?? 0) : null }));
  return { value, notes };
}

/** The current triggers (cw_triggers must be built), ordered by due date, kind and customer. */
export async function readTriggers(qm: QueryManager): Promise<TriggerItem[]> {
  const rows = toRows<{ kind: TriggerKind; customer_id: string; name: string | null; due_date: string; reason_params: string }>(
    await qm.query(`SELECT kind, customer_id, name, due_date, reason_params FROM ${TRIGGERS_TABLE} ORDER BY due_date, kind, customer_id`, { cache: false }),
  );
  return rows.map((r) => ({
    kind: r.kind,
    customer_id: r.customer_id,
    name: r.name,
    due_date: r.due_date,
    reason: { code: r.kind, params: JSON.parse(r.reason_params) },
  }));
}
