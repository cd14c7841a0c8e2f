import type { Table } from 'apache-arrow';
import { AS_OF_DAY } from './calendar';
import { writeActivity } from './activity';
import { customerIdOf, writeAttributes, writeCustomer } from './customers';
import { STREAM, type GenContext } from './context';
import { writeInterventions } from './interventions';
import { writeNps } from './nps';
import { writeOrders } from './orders';
import { drawProfile } from './profile';
import { Rng } from './prng';
import { writeSubscriptions } from './subscriptions';
import { DEMO_TABLES, createWriters, finishTable, type DemoTableName } from './tables';
import { writeTickets } from './tickets';

/** One Arrow table per demo table. */
export type DemoTables = Record<DemoTableName, Table>;

const encoder = new TextEncoder();

/**
 * Writes every table's rows for customers [from, to) and freezes them into Arrow tables.
 * Each customer draws from its own seeded streams, so the rows do not depend on chunk bounds.
 */
export function writeChunk(ctx: GenContext, from: number, to: number, ordersPerCustomer: number): DemoTables {
  const w = createWriters(to - from, ordersPerCustomer);
  const rng = new Rng();
  const seed = ctx.seed;
  for (let i = from; i < to; i++) {
    ctx.customerId = encoder.encode(customerIdOf(i));
    const p = drawProfile(rng.reseed(seed, i, STREAM.profile), i);

    rng.reseed(seed, i, STREAM.orders);
    const orders = writeOrders(rng, p, ctx, w.orders);
    // A churner's relationship ends a few days after its last purchase (cancellation, last contact).
    const endDay = p.churnDay === null ? null : Math.min(AS_OF_DAY, orders.lastPurchase + rng.int(0, 10));

    const sub = writeSubscriptions(rng.reseed(seed, i, STREAM.subscriptions), p, endDay, ctx, w.subscriptions);
    if (sub) writeActivity(rng.reseed(seed, i, STREAM.activity), p, sub.start, endDay, sub.plan, ctx, w.activity);
    writeTickets(rng.reseed(seed, i, STREAM.tickets), p, endDay, orders.lastPurchase, ctx, w.tickets);
    writeNps(rng.reseed(seed, i, STREAM.nps), p, endDay, ctx, w.nps);
    writeInterventions(rng.reseed(seed, i, STREAM.interventions), p, endDay, ctx, w.interventions);
    writeCustomer(rng.reseed(seed, i, STREAM.name), p, sub ? sub.mrr : null, ctx, w.customers);
    writeAttributes(rng.reseed(seed, i, STREAM.attributes), p, sub !== null, ctx, w.customer_attributes);
  }
  const tables = {} as DemoTables;
  for (const t of DEMO_TABLES) tables[t] = finishTable(t, w[t]);
  return tables;
}
