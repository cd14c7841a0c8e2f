import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { detectSignalSources } from '../risk/availability';
import type { Bilingual, Computed, ResolvedSettings } from '../risk/computed';
import { STATUS_TABLE } from '../risk/labels';
import { ensureFacts, tableColumns } from '../risk/tables';
import { REASON_GROUP_LABELS, type ReasonGroup } from './churnReasons';
import {
  attributeReasonsSql, BEFORE_CHURN_DAYS, complaintSharesSql, reasonGroupsSql, REPEATED_COMPLAINTS, subscriptionReasonsSql,
} from './serviceSql';

/** One side of the comparison: customers, those with repeated complaints, and the share. */
export interface ComplaintShare {
  customers: number;
  withRepeatedComplaints: number;
  share: number | null;
}

/** The service-side diagnosis of metrics.md section 8. */
export interface ServiceDiagnosis {
  windowDays: number;
  minComplaints: number;
  churned: ComplaintShare;
  retained: ComplaintShare;
  /** churned share / retained share; null when the retained share is 0. */
  lift: number | null;
}

/** A churn reason group with its customers and share of all customers with a reason. */
export interface ChurnReasonRow {
  group: ReasonGroup;
  label: Bilingual;
  customers: number;
  share: number;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

function side(row: { customers: number; repeated: number } | undefined): ComplaintShare {
  const customers = Number(row?.customers ?? 0);
  const repeated = Number(row?.repeated ?? 0);
  return { customers, withRepeatedComplaints: repeated, share: customers > 0 ? round4(repeated / customers) : null };
}

/**
 * Share of churned customers with 2+ complaints in the 30 days before they churned, against the
 * same share among retained customers over their matched window (serviceSql.ts documents the
 * reference dates). Needs cw_customer_status and tickets with a type.
 */
export async function computeService(qm: QueryManager, settings: ResolvedSettings): Promise<Computed<ServiceDiagnosis>> {
  await ensureFacts(qm, settings.asOf);
  const statusColumns = await tableColumns(qm, STATUS_TABLE);
  if (!statusColumns.includes('status')) return { value: null, notes: ['Service diagnosis needs the customer status (cw_customer_status).'] };
  const sources = await detectSignalSources(qm, settings.asOf);
  if (sources.ticketsTyped === 0) return { value: null, notes: ['Service diagnosis needs tickets with a type (complaints).'] };
  const rows = toRows<{ churned: boolean; customers: number; repeated: number }>(
    await qm.query(complaintSharesSql(settings.asOf, statusColumns.includes('rule')), { cache: false }),
  );
  const churned = side(rows.find((r) => r.churned === true));
  const retained = side(rows.find((r) => r.churned === false));
  const notes: string[] = [];
  if (churned.customers === 0) notes.push('No churned customers: the complaint share before churn is undefined.');
  const raw = (x: ComplaintShare) => (x.customers > 0 ? x.withRepeatedComplaints / x.customers : null);
  const churnedRaw = raw(churned);
  const retainedRaw = raw(retained);
  const lift = churnedRaw !== null && retainedRaw ? round4(churnedRaw / retainedRaw) : null;
  return {
    value: { windowDays: BEFORE_CHURN_DAYS, minComplaints: REPEATED_COMPLAINTS, churned, retained, lift },
    notes,
  };
}

/** Attribute names that hold a churn reason in a customer snapshot. */
const REASON_ATTRIBUTE = /reason|原因/i;

/**
 * Churn reasons grouped into 主动/被动/隐性/价格/体验 流失 (and other), from
 * subscriptions.cancel_reason or, failing that, a customer attribute named like a reason.
 * Shares are of the customers that have a reason; every group is listed, in a fixed order.
 */
export async function computeChurnReasons(qm: QueryManager, settings: ResolvedSettings): Promise<Computed<ChurnReasonRow[]>> {
  await ensureFacts(qm, settings.asOf);
  let source = subscriptionReasonsSql(settings.asOf);
  let from = 'subscriptions.cancel_reason';
  const [subCount] = toRows<{ n: number }>(await qm.query(`SELECT count(*) AS n FROM (${source})`, { cache: false }));
  if (Number(subCount.n) === 0) {
    const attrs = toRows<{ attribute: string; n: number }>(await qm.query(
      `SELECT attribute, count(value_text) AS n FROM customer_attributes WHERE value_text IS NOT NULL GROUP BY attribute ORDER BY n DESC, attribute`,
      { cache: false },
    )).filter((a) => REASON_ATTRIBUTE.test(a.attribute));
    if (attrs.length === 0) return { value: null, notes: ['No churn reason column (cancel reason or a reason attribute).'] };
    source = attributeReasonsSql(attrs[0].attribute);
    from = `the customer column ${attrs[0].attribute}`;
  }
  const rows = toRows<{ group: ReasonGroup; customers: number }>(await qm.query(reasonGroupsSql(source), { cache: false }));
  const total = rows.reduce((s, r) => s + Number(r.customers), 0);
  const order = Object.keys(REASON_GROUP_LABELS) as ReasonGroup[];
  const value = order.map((group) => {
    const customers = Number(rows.find((r) => r.group === group)?.customers ?? 0);
    return { group, label: REASON_GROUP_LABELS[group], customers, share: total > 0 ? round4(customers / total) : 0 };
  });
  return { value, notes: [`Churn reasons from ${from}.`] };
}
