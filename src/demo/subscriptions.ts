import { AS_OF_DAY, nextAnniversary } from './calendar';
import { utf8 } from '../engine/arrow/columns';
import { BILLING, CANCEL_REASONS, PLANS, PLAN_LIST_MRR } from './dimensions';
import { stamp, type GenContext } from './context';
import type { CustomerProfile } from './profile';
import type { Rng } from './prng';
import type { DemoWriters } from './tables';

/**
 * Subscriptions: a one-year contract renewed every anniversary (billed 月付 or 年付), sometimes
 * up- or downgraded at an anniversary (a new row), ended with a cancel reason when the customer
 * churns. renewal_date of an active contract is its next anniversary after the as-of date, which
 * is how the autumn-campaign cohort makes the renewal cliff of story 3.
 */

/** Plan shares by tier (基础版, 专业版, 企业版). */
const PLAN_CUM_BY_TIER = [
  [0, 0.2, 1],
  [0.15, 0.85, 1],
  [0.55, 1, 1],
  [0.85, 1, 1],
];
/** Mean extra seats by segment (大型, 中型, 小微). */
const SEGMENT_SEATS = [5, 2, 0];
const ANNUAL_SHARE = 0.55;
const CAMPAIGN_ANNUAL_SHARE = 0.9;
const UPGRADE_CHANCE = 0.14;
const DOWNGRADE_CHANCE = 0.05;
/** Most subscribers sign at signup; the rest add a subscription later. */
const LATE_START_SHARE = 0.3;

const SUB = utf8('SUB');
const PLAN_BYTES = PLANS.map(utf8);
const BILLING_BYTES = BILLING.map(utf8);
const REASON_BYTES = CANCEL_REASONS.map((r) => utf8(r.reason));

/** What activity and the customers row need from a subscriber's contracts. */
export interface SubscriptionSummary {
  start: number;
  /** Plan index of the current (or last) contract. */
  plan: number;
  /** MRR of the current (or last) contract: customers.monthly_value. */
  mrr: number;
}

/**
 * Writes a subscriber's contract rows; `endDay` is the day the relationship ended (null = active).
 * Returns null for customers without a subscription.
 */
export function writeSubscriptions(
  rng: Rng,
  p: CustomerProfile,
  endDay: number | null,
  ctx: GenContext,
  w: DemoWriters['subscriptions'],
): SubscriptionSummary | null {
  if (!p.subscriber) return null;
  let start = p.signup;
  if (!p.campaign && rng.chance(LATE_START_SHARE)) start = p.firstOrder + rng.int(30, 400);
  const last = endDay ?? AS_OF_DAY;
  if (start > last) return null;

  const u = rng.float();
  const cum = PLAN_CUM_BY_TIER[p.tier];
  let plan = u < cum[0] ? 0 : u < cum[1] ? 1 : 2;
  const seats = 1 + rng.poisson(SEGMENT_SEATS[p.segment]);
  let mrr = Math.round(PLAN_LIST_MRR[plan] * seats * rng.uniform(0.75, 1));
  const billing = rng.chance(p.campaign ? CAMPAIGN_ANNUAL_SHARE : ANNUAL_SHARE) ? 1 : 0;

  // A plan change at the first anniversary the customer reaches: the old row ends, a new one starts.
  const firstAnniversary = nextAnniversary(start, start);
  if (firstAnniversary < last) {
    const r = rng.float();
    const up = r < UPGRADE_CHANCE;
    const down = !up && r < UPGRADE_CHANCE + DOWNGRADE_CHANCE;
    if (up || down) {
      writeRow(ctx, w, plan, start, firstAnniversary, mrr, billing, firstAnniversary, null);
      if (up) {
        plan = Math.min(2, plan + 1);
        mrr = Math.round(mrr * rng.uniform(1.5, 2.2));
      } else {
        plan = Math.max(0, plan - 1);
        mrr = Math.round(mrr * rng.uniform(0.5, 0.75));
      }
      writeRow(ctx, w, plan, firstAnniversary, endDay, mrr, billing, endDay === null ? nextAnniversary(start, AS_OF_DAY) : null, endDay === null ? null : p.reason);
      return { start, plan, mrr };
    }
  }
  writeRow(ctx, w, plan, start, endDay, mrr, billing, endDay === null ? nextAnniversary(start, AS_OF_DAY) : null, endDay === null ? null : p.reason);
  return { start, plan, mrr };
}

function writeRow(
  ctx: GenContext,
  w: DemoWriters['subscriptions'],
  plan: number,
  start: number,
  end: number | null,
  mrr: number,
  billing: number,
  renewal: number | null,
  reason: number | null,
): void {
  w.subscription_id.pushId(SUB, ctx.nextSubscription++, 7);
  w.customer_id.push(ctx.customerId);
  w.plan.push(PLAN_BYTES[plan]);
  w.start_date.push(start);
  w.end_date.pushMaybe(end);
  w.mrr.push(mrr);
  w.amount.push(billing === 1 ? mrr * 12 : mrr);
  w.billing_period.push(BILLING_BYTES[billing]);
  w.renewal_date.pushMaybe(renewal);
  if (reason === null) w.cancel_reason.pushNull();
  else w.cancel_reason.push(REASON_BYTES[reason]);
  stamp(ctx, 'subscriptions', w);
}
