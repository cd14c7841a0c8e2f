import { AS_OF_DAY, dayOf, epochMs } from './calendar';
import { utf8 } from '../engine/arrow/columns';
import { SLOWDOWN_REGION, SLOWDOWN_START } from './config';
import { detLog } from './detMath';
import {
  REGIONS,
  TICKET_AFTER_SALES,
  TICKET_COMPLAINT,
  TICKET_INQUIRY,
  TICKET_STATUS,
  TICKET_TYPES,
} from './dimensions';
import { stamp, type GenContext } from './context';
import type { CustomerProfile } from './profile';
import type { Rng } from './prng';
import type { DemoWriters } from './tables';

/**
 * Service tickets: a background stream of inquiries, after-sales cases and a few complaints;
 * complaints piling up (with slow answers) in the weeks before a churner's last order (story 2)
 * or before a rescued customer's retention action; and, from the slowdown on, first responses
 * over 48 h for most tickets of the slowed region (story 1).
 */

/** Background tickets per customer-year, by tier: big accounts call more. */
const TIER_TICKETS_PER_YEAR = [2.7, 2.0, 1.35, 0.9];
const SUBSCRIBER_TICKET_FACTOR = 1.3;
/** Background type mix (咨询, 售后, 投诉). */
const TYPE_CUTS = [0.55, 0.88];
const COMPLAINER_EXTRA_PER_YEAR = 1.5;
/** Share of first responses slower than 48 h: normally, in the slowed region after the slowdown, in a pile-up. */
const SLOW_SHARE = 0.03;
const SLOWDOWN_SLOW_SHARE = 0.6;
const PILE_SLOW_SHARE = 0.3;
/** Median hours from first response to closing, by type (咨询, 售后, 投诉). */
const RESOLVE_MEDIAN_HOURS = [6, 30, 48];
const SATISFACTION_RESPONSE_SHARE = 0.8;

const SLOWDOWN_REGION_INDEX = (REGIONS as readonly string[]).indexOf(SLOWDOWN_REGION);
const SLOWDOWN_DAY = dayOf(SLOWDOWN_START);
const END_OF_AS_OF_MS = epochMs(AS_OF_DAY + 1);
const LOG_RESPONSE_MEDIAN = detLog(3);
const LOG_RESOLVE_MEDIAN = RESOLVE_MEDIAN_HOURS.map(detLog);

const TK = utf8('TK');
const TYPE_BYTES = TICKET_TYPES.map(utf8);
const STATUS_DONE = utf8(TICKET_STATUS[0]);
const STATUS_OPEN = utf8(TICKET_STATUS[1]);

/**
 * Writes a customer's tickets. `endDay` ends the relationship (null = active); `lastPurchase`
 * anchors a churner's complaint pile-up.
 */
export function writeTickets(
  rng: Rng,
  p: CustomerProfile,
  endDay: number | null,
  lastPurchase: number,
  ctx: GenContext,
  w: DemoWriters['tickets'],
): void {
  const last = Math.min(endDay ?? AS_OF_DAY, AS_OF_DAY);
  const inSlowRegion = p.region === SLOWDOWN_REGION_INDEX;

  // Background stream over the customer's life.
  const perYear = TIER_TICKETS_PER_YEAR[p.tier] * (p.subscriber ? SUBSCRIBER_TICKET_FACTOR : 1);
  const complaintsPerYear = p.complainer ? COMPLAINER_EXTRA_PER_YEAR : 0;
  const rate = (perYear + complaintsPerYear) / 365;
  for (let t = p.signup + rng.exponential(rate); t <= last + 1; t += rng.exponential(rate)) {
    const day = Math.floor(t);
    if (day > last) break;
    let type: number;
    if (rng.float() * (perYear + complaintsPerYear) >= perYear) type = TICKET_COMPLAINT;
    else {
      const u = rng.float();
      type = u < TYPE_CUTS[0] ? TICKET_INQUIRY : u < TYPE_CUTS[1] ? TICKET_AFTER_SALES : TICKET_COMPLAINT;
    }
    writeTicket(rng, ctx, w, day, type, slowShare(inSlowRegion, day, false), 0);
  }

  // Story 2: complaints pile up in the weeks before a churner's last order, after an unanswered case.
  if (p.complaintPile && endDay !== null && lastPurchase >= 0) {
    const early = lastPurchase - rng.int(30, 60);
    if (early >= p.signup) writeTicket(rng, ctx, w, early, TICKET_AFTER_SALES, Math.max(PILE_SLOW_SHARE, slowShare(inSlowRegion, early, true)), 0.6);
    writePile(rng, ctx, w, p, lastPurchase, 2 + rng.poisson(0.4), inSlowRegion);
  }
  // A rescued customer had the same warning signs before the action that kept it.
  if (p.rescueDay !== null) writePile(rng, ctx, w, p, p.rescueDay, 2 + rng.poisson(0.3), inSlowRegion);
}

function writePile(rng: Rng, ctx: GenContext, w: DemoWriters['tickets'], p: CustomerProfile, anchor: number, count: number, inSlowRegion: boolean): void {
  for (let i = 0; i < count; i++) {
    const day = Math.max(p.signup, anchor - rng.int(0, 20));
    writeTicket(rng, ctx, w, day, TICKET_COMPLAINT, Math.max(PILE_SLOW_SHARE, slowShare(inSlowRegion, day, true)), 0.6);
  }
}

function slowShare(inSlowRegion: boolean, day: number, pile: boolean): number {
  if (inSlowRegion && day >= SLOWDOWN_DAY) return SLOWDOWN_SLOW_SHARE;
  return pile ? PILE_SLOW_SHARE : SLOW_SHARE;
}

function writeTicket(
  rng: Rng,
  ctx: GenContext,
  w: DemoWriters['tickets'],
  day: number,
  type: number,
  slowChance: number,
  moodPenalty: number,
): void {
  const opened = epochMs(day, rng.int(8 * 60, 22 * 60));
  const slow = rng.chance(slowChance);
  const responseHours = slow ? rng.uniform(48.5, 150) : Math.min(47.5, rng.lognormal(LOG_RESPONSE_MEDIAN, 0.9));
  const responded = opened + Math.round(responseHours * 60) * 60_000;
  const closed = responded + Math.round(rng.lognormal(LOG_RESOLVE_MEDIAN[type], 0.8) * 60) * 60_000;
  const answered = rng.chance(SATISFACTION_RESPONSE_SHARE);
  const mood = 4.4 - (type === TICKET_COMPLAINT ? 1.2 : 0) - (slow ? 1.3 : 0) - moodPenalty + 0.7 * rng.normal();

  w.ticket_id.pushId(TK, ctx.nextTicket++, 8);
  w.customer_id.push(ctx.customerId);
  w.opened_at.push(opened);
  // Nothing after the as-of date exists yet: an unanswered or unclosed ticket is still open.
  w.first_response_at.pushMaybe(responded < END_OF_AS_OF_MS ? responded : null);
  const isClosed = closed < END_OF_AS_OF_MS;
  w.closed_at.pushMaybe(isClosed ? closed : null);
  w.type.push(TYPE_BYTES[type]);
  w.satisfaction.pushMaybe(isClosed && answered ? Math.min(5, Math.max(1, Math.round(mood))) : null);
  w.status.push(isClosed ? STATUS_DONE : STATUS_OPEN);
  stamp(ctx, 'tickets', w);
}
