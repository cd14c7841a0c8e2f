import { AS_OF_DAY, epochMs, monthOfDay } from './calendar';
import { utf8 } from '../engine/arrow/columns';
import { ORDER_DONE, ORDER_REFUNDED } from './dimensions';
import { stamp, type GenContext } from './context';
import type { CustomerProfile } from './profile';
import type { Rng } from './prng';
import type { DemoWriters } from './tables';

/**
 * Orders: a seasonal Poisson process per customer from the first order until the latent churn
 * day, paused during silent spells and slowing in the last 90 days before churn; a few purchases
 * are refunded by a later negative row (已退款, is_return).
 */

/** Relative order volume by calendar month: Spring Festival dip, Double-11 and year-end peak. */
const SEASON_RAW = [0.9, 0.65, 1.0, 1.0, 1.0, 1.05, 0.95, 0.95, 1.05, 1.0, 1.2, 1.25];
const SEASON_MEAN = SEASON_RAW.reduce((a, b) => a + b, 0) / 12;
const SEASON = SEASON_RAW.map((s) => s / SEASON_MEAN);
const SEASON_MAX = Math.max(...SEASON);
/** Churners' buying slows to this share in their last 90 days (the monetary/frequency trend signal). */
const DECLINE_DAYS = 90;
const DECLINE_FACTOR = 0.5;
/** Share of purchases refunded later. */
export const REFUND_SHARE = 0.03;
/** Mean extra units per order by tier. */
const TIER_QUANTITY = [20, 8, 4, 2];
const AMOUNT_SIGMA = 0.55;

const SO = utf8('SO');
const RT = utf8('RT');
const DONE = utf8(ORDER_DONE);
const REFUNDED = utf8(ORDER_REFUNDED);

/** What the later generators need to know about a customer's buying. */
export interface OrderSummary {
  purchases: number;
  /** Day of the last purchase (not a refund); -1 when none. */
  lastPurchase: number;
}

/**
 * Expected purchases of a profile as `fixed + perRate x baseOrderRate` (mirrors writeOrders;
 * used to calibrate the base rate to the requested order volume).
 */
export function expectedPurchases(p: CustomerProfile): { fixed: number; perRate: number } {
  if (p.firstOrder > AS_OF_DAY) return { fixed: 0, perRate: 0 };
  if (p.oneTimer) return { fixed: 1, perRate: 0 };
  const stop = Math.min(p.churnDay ?? AS_OF_DAY, AS_OF_DAY);
  let exposure = Math.max(0, stop - p.firstOrder);
  if (p.dormantTo > p.dormantFrom) {
    exposure -= Math.max(0, Math.min(stop, p.dormantTo) - Math.max(p.firstOrder, p.dormantFrom));
  }
  if (p.churnDay !== null) exposure -= (1 - DECLINE_FACTOR) * Math.min(DECLINE_DAYS, Math.max(0, stop - p.firstOrder));
  return { fixed: 1, perRate: Math.max(0, exposure) * p.orderWeight };
}

/** Writes a customer's orders and refunds; returns the purchase summary. */
export function writeOrders(rng: Rng, p: CustomerProfile, ctx: GenContext, w: DemoWriters['orders']): OrderSummary {
  const summary: OrderSummary = { purchases: 0, lastPurchase: -1 };
  if (p.firstOrder > AS_OF_DAY) return summary;
  writePurchase(rng, p, ctx, w, p.firstOrder, summary);
  if (p.oneTimer) return summary;

  const stop = Math.min(p.churnDay ?? AS_OF_DAY, AS_OF_DAY);
  const rate = ctx.baseOrderRate * p.orderWeight * SEASON_MAX;
  if (rate <= 0) return summary;
  const declineFrom = p.churnDay === null ? Infinity : p.churnDay - DECLINE_DAYS;
  let t = p.firstOrder + 1;
  for (;;) {
    t += rng.exponential(rate);
    const day = Math.floor(t);
    if (day >= p.dormantFrom && day < p.dormantTo) {
      // Memoryless process: a silent spell just skips ahead to its end.
      t = p.dormantTo;
      continue;
    }
    if (day > stop) break;
    let accept = SEASON[monthOfDay(day) - 1] / SEASON_MAX;
    if (day > declineFrom) accept *= DECLINE_FACTOR;
    if (rng.float() < accept) writePurchase(rng, p, ctx, w, day, summary);
  }
  return summary;
}

function writePurchase(rng: Rng, p: CustomerProfile, ctx: GenContext, w: DemoWriters['orders'], day: number, summary: OrderSummary): void {
  summary.purchases++;
  summary.lastPurchase = day;
  const n = ctx.nextOrder++;
  const ms = epochMs(day, rng.int(8 * 60 + 30, 19 * 60));
  // Geometric quantities: mostly a few units, now and then a bulk order.
  const quantity = 1 + Math.floor(rng.exponential(1 / TIER_QUANTITY[p.tier]));
  const unitPrice = round2(rng.lognormal(p.spendMu, AMOUNT_SIGMA) / quantity);
  const amount = round2(unitPrice * quantity);
  w.order_id.pushId(SO, n, 8);
  w.customer_id.push(ctx.customerId);
  w.order_date.push(ms);
  w.amount.push(amount);
  w.quantity.push(quantity);
  w.unit_price.push(unitPrice);
  w.status.push(DONE);
  w.is_return.push(false);
  stamp(ctx, 'orders', w);

  if (rng.chance(REFUND_SHARE)) {
    const refundDay = day + rng.int(2, 20);
    if (refundDay > AS_OF_DAY) return;
    const back = rng.int(1, quantity);
    w.order_id.pushId(RT, n, 8);
    w.customer_id.push(ctx.customerId);
    w.order_date.push(epochMs(refundDay, rng.int(9 * 60, 18 * 60)));
    w.amount.push(-round2(back * unitPrice));
    w.quantity.push(-back);
    w.unit_price.push(unitPrice);
    w.status.push(REFUNDED);
    w.is_return.push(true);
    stamp(ctx, 'orders', w);
  }
}

/** Rounds money to cents. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
