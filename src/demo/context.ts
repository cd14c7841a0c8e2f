import { utf8, type Utf8Writer } from '../engine/arrow/columns';
import { DEMO_SOURCE } from './config';
import type { Int64Writer } from '../engine/arrow/fixedColumns';
import type { DemoTableName } from './tables';

/**
 * What the per-table generators share while a dataset is written: the running id sequences and
 * `_line` counters (they continue across chunks, so the concatenated chunks equal one run), the
 * calibrated rates, and the current customer's encoded id.
 */
export interface GenContext {
  seed: number;
  /** Orders per day of a customer with orderWeight 1 (calibrated to the requested volume). */
  baseOrderRate: number;
  /** Multiplier on usage rows (ordersPerCustomer / default), so the size knob scales every event table. */
  activityScale: number;
  /** Next order, ticket and subscription number. */
  nextOrder: number;
  nextTicket: number;
  nextSubscription: number;
  /** Last `_line` written per table. */
  lines: Record<DemoTableName, number>;
  /** UTF-8 bytes of the current customer's id. */
  customerId: Uint8Array;
}

/** A fresh context: sequences and line counters at zero. */
export function createContext(seed: number, baseOrderRate: number, activityScale: number): GenContext {
  return {
    seed,
    baseOrderRate,
    activityScale,
    nextOrder: 1,
    nextTicket: 1,
    nextSubscription: 1,
    lines: {
      customers: 0,
      orders: 0,
      subscriptions: 0,
      activity: 0,
      tickets: 0,
      nps: 0,
      interventions: 0,
      customer_attributes: 0,
    },
    customerId: new Uint8Array(0),
  };
}

const SOURCE = utf8(DEMO_SOURCE);

/** Writes the provenance columns of one row: `_source` = 'demo', `_line` = the table's next row number. */
export function stamp(ctx: GenContext, table: DemoTableName, w: { _source: Utf8Writer; _line: Int64Writer }): void {
  w._source.push(SOURCE);
  w._line.push(++ctx.lines[table]);
}

/** Random stream of each table's generator: one table's draws never shift another's. */
export const STREAM = {
  profile: 0,
  name: 1,
  orders: 2,
  subscriptions: 3,
  tickets: 4,
  activity: 5,
  nps: 6,
  interventions: 7,
  attributes: 8,
} as const;
