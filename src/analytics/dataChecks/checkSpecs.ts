import type { CanonicalTable } from '../../ingest/schema';

/** The kinds of join and sanity check the analyst panel runs on the loaded tables. */
export type DataCheckKind = 'unknown-customer' | 'duplicate-id' | 'future-date' | 'negative-amount';

/** One check on one table: which rows it flags, as a SQL condition over the table's columns. */
export interface DataCheckSpec {
  id: string;
  kind: DataCheckKind;
  table: CanonicalTable;
  /** The column the check reads (shown next to the count). */
  column: string;
}

const WITH_CUSTOMER: CanonicalTable[] = ['orders', 'subscriptions', 'tickets', 'activity', 'nps', 'interventions'];

/**
 * Ids that must be unique once loaded. Orders are lines, so one invoice id on several lines is
 * normal; an order line repeated exactly is the duplicate there (see checkSql).
 */
const UNIQUE_ID: Partial<Record<CanonicalTable, string>> = {
  customers: 'customer_id',
  subscriptions: 'subscription_id',
  tickets: 'ticket_id',
  orders: 'order_id',
};

const DATE_COLUMN: Record<CanonicalTable, string> = {
  customers: 'signup_date',
  orders: 'order_date',
  subscriptions: 'start_date',
  activity: 'event_date',
  tickets: 'opened_at',
  nps: 'survey_date',
  interventions: 'action_date',
};

const AMOUNT_COLUMN: Partial<Record<CanonicalTable, string>> = {
  orders: 'amount',
  subscriptions: 'mrr',
  interventions: 'cost',
};

function spec(kind: DataCheckKind, table: CanonicalTable, column: string): DataCheckSpec {
  return { id: `${kind}:${table}`, kind, table, column };
}

/** Every check, in the order the panel lists them. */
export const DATA_CHECKS: readonly DataCheckSpec[] = [
  ...WITH_CUSTOMER.map((t) => spec('unknown-customer', t, 'customer_id')),
  ...Object.entries(UNIQUE_ID).map(([t, c]) => spec('duplicate-id', t as CanonicalTable, c)),
  ...Object.entries(DATE_COLUMN).map(([t, c]) => spec('future-date', t as CanonicalTable, c)),
  ...Object.entries(AMOUNT_COLUMN).map(([t, c]) => spec('negative-amount', t as CanonicalTable, c)),
];

/** The check with this id, or undefined. */
export function findCheck(id: string): DataCheckSpec | undefined {
  return DATA_CHECKS.find((c) => c.id === id);
}
