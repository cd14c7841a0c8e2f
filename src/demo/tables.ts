import { Field, RecordBatch, Schema, Struct, Table, makeData } from 'apache-arrow';
import { CUSTOMER_ATTRIBUTES_TABLE, PROVENANCE_COLUMNS, SCHEMA, type CanonicalTable } from '../ingest/schema';
import { Utf8Writer, type ColumnWriter } from '../engine/arrow/columns';
import { BoolWriter, DateWriter, Float64Writer, Int64Writer, TimestampWriter } from '../engine/arrow/fixedColumns';

/**
 * One set of column writers per demo table, named exactly like the canonical columns, and the
 * step that freezes them into an Arrow table in the canonical column order.
 */

/** Every table the demo fills: the canonical tables plus the long-format customer attributes. */
export type DemoTableName = CanonicalTable | typeof CUSTOMER_ATTRIBUTES_TABLE;

/** The demo tables in load order. */
export const DEMO_TABLES: readonly DemoTableName[] = [
  'customers',
  'orders',
  'subscriptions',
  'activity',
  'tickets',
  'nps',
  'interventions',
  CUSTOMER_ATTRIBUTES_TABLE,
];

/** Columns of customer_attributes, as its DDL in schema.ts declares them. */
export const CUSTOMER_ATTRIBUTE_COLUMNS = ['customer_id', 'attribute', 'value_text', 'value_num', '_source'] as const;

/** Column names of a demo table in table order (canonical columns, then `_source`, `_line`). */
export function demoColumns(table: DemoTableName): string[] {
  if (table === CUSTOMER_ATTRIBUTES_TABLE) return [...CUSTOMER_ATTRIBUTE_COLUMNS];
  return [...SCHEMA[table].map((c) => c.name), ...PROVENANCE_COLUMNS.map((p) => p.name)];
}

/** Writers for one chunk of customers, sized from the expected rows per customer. */
export function createWriters(customers: number, ordersPerCustomer: number) {
  const n = Math.max(16, customers);
  const orders = Math.ceil(n * ordersPerCustomer * 1.1);
  const activity = Math.ceil(n * ordersPerCustomer * 0.9);
  const tickets = n * 3;
  const nps = n * 2;
  const provenance = (rows: number) => ({ _source: new Utf8Writer(rows, 4), _line: new Int64Writer(rows) });
  return {
    customers: {
      customer_id: new Utf8Writer(n, 8),
      name: new Utf8Writer(n, 36),
      signup_date: new DateWriter(n),
      tier: new Utf8Writer(n, 6),
      segment: new Utf8Writer(n, 12),
      region: new Utf8Writer(n, 6),
      industry: new Utf8Writer(n, 6),
      owner: new Utf8Writer(n, 6),
      channel: new Utf8Writer(n, 9),
      status: new Utf8Writer(n, 0),
      churned: new BoolWriter(n),
      monthly_value: new Float64Writer(n),
      ...provenance(n),
    },
    orders: {
      order_id: new Utf8Writer(orders, 10),
      customer_id: new Utf8Writer(orders, 8),
      order_date: new TimestampWriter(orders),
      amount: new Float64Writer(orders),
      quantity: new Float64Writer(orders),
      unit_price: new Float64Writer(orders),
      status: new Utf8Writer(orders, 9),
      is_return: new BoolWriter(orders),
      ...provenance(orders),
    },
    subscriptions: {
      subscription_id: new Utf8Writer(n, 10),
      customer_id: new Utf8Writer(n, 8),
      plan: new Utf8Writer(n, 9),
      start_date: new DateWriter(n),
      end_date: new DateWriter(n),
      mrr: new Float64Writer(n),
      amount: new Float64Writer(n),
      billing_period: new Utf8Writer(n, 6),
      renewal_date: new DateWriter(n),
      cancel_reason: new Utf8Writer(n, 6),
      ...provenance(n),
    },
    activity: {
      customer_id: new Utf8Writer(activity, 8),
      event_date: new TimestampWriter(activity),
      event_type: new Utf8Writer(activity, 9),
      count: new Float64Writer(activity),
      ...provenance(activity),
    },
    tickets: {
      ticket_id: new Utf8Writer(tickets, 10),
      customer_id: new Utf8Writer(tickets, 8),
      opened_at: new TimestampWriter(tickets),
      first_response_at: new TimestampWriter(tickets),
      closed_at: new TimestampWriter(tickets),
      type: new Utf8Writer(tickets, 6),
      satisfaction: new Float64Writer(tickets),
      status: new Utf8Writer(tickets, 9),
      ...provenance(tickets),
    },
    nps: {
      customer_id: new Utf8Writer(nps, 8),
      survey_date: new DateWriter(nps),
      score: new Float64Writer(nps),
      ...provenance(nps),
    },
    interventions: {
      customer_id: new Utf8Writer(n, 8),
      action_date: new DateWriter(n),
      action: new Utf8Writer(n, 12),
      cost: new Float64Writer(n),
      outcome: new Utf8Writer(n, 9),
      ...provenance(n),
    },
    customer_attributes: {
      customer_id: new Utf8Writer(2 * n, 8),
      attribute: new Utf8Writer(2 * n, 13),
      value_text: new Utf8Writer(2 * n, 12),
      value_num: new Float64Writer(2 * n),
      _source: new Utf8Writer(2 * n, 4),
    },
  } satisfies Record<DemoTableName, Record<string, ColumnWriter>>;
}

/** The writer sets of one chunk. */
export type DemoWriters = ReturnType<typeof createWriters>;

/** Freezes a table's writers into an Arrow table whose columns follow the canonical order. */
export function finishTable(table: DemoTableName, writers: Record<string, ColumnWriter>): Table {
  const names = demoColumns(table);
  const extra = Object.keys(writers).filter((k) => !names.includes(k));
  if (extra.length) throw new Error(`Demo table ${table} writes non-canonical columns: ${extra.join(', ')}`);
  const fields: Field[] = [];
  const children = names.map((name) => {
    const w = writers[name];
    if (!w) throw new Error(`Demo table ${table} lacks canonical column ${name}`);
    fields.push(new Field(name, w.type, true));
    return w.finish();
  });
  const length = children[0].length;
  const ragged = children.findIndex((c) => c.length !== length);
  if (ragged >= 0) throw new Error(`Demo table ${table}: column ${names[ragged]} has ${children[ragged].length} rows, expected ${length}`);
  const schema = new Schema(fields);
  const data = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  return new Table([new RecordBatch(schema, data)]);
}
