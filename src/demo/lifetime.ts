import { AS_OF_DAY, dayOf, monthStart, monthOfDay, yearOfDay } from './calendar';
import { SLOWDOWN_START } from './config';
import type { Rng } from './prng';

/**
 * When a customer stops buying (the latent churn day), drawn month by month from a hazard that
 * depends on who the customer is and, for story 1, on where and when: after the service slowdown
 * the slowed region's high-value customers leave about five times as fast.
 */

/** Monthly churn hazard of an average customer: about 17% a year before multipliers. */
const BASE_MONTHLY_HAZARD = 0.0135;
/** Hazard multipliers by tier (钻石, 金牌, 银牌, 普通): high-value customers are stickier. */
const TIER_HAZARD = [0.5, 0.7, 1.0, 1.35];
/** By segment (大型, 中型, 小微). */
const SEGMENT_HAZARD = [0.8, 1.0, 1.15];
/** By channel (官网, 代理商, 展会, 转介绍, 广告): referrals stay, ad-bought customers leave. */
const CHANNEL_HAZARD = [1.0, 1.0, 1.1, 0.75, 1.3];
/** New customers leave more in their first half year. */
const EARLY_TENURE_DAYS = 180;
const EARLY_TENURE_HAZARD = 1.6;
/** Story 1: the slowed region's high-value tiers, and its other tiers, after the slowdown. */
export const SLOWDOWN_HIGH_VALUE_HAZARD = 5.0;
const SLOWDOWN_OTHER_HAZARD = 1.3;
/** Retention actions started in March 2024: only at-risk episodes from then can be rescued. */
const RESCUE_FROM_DAY = dayOf('2024-03-01');
const RESCUE_CHANCE = 0.15;

const SLOWDOWN_DAY = dayOf(SLOWDOWN_START);

/** Who the hazard depends on. */
export interface HazardInputs {
  tier: number;
  segment: number;
  channel: number;
  subscriber: boolean;
  inSlowdownRegion: boolean;
  signup: number;
  /** Customer-level frailty (mean 1): unobserved reasons some customers leave sooner. */
  frailty: number;
}

/** The drawn lifetime: the churn day (null = still a customer at the as-of date) and a rescued at-risk episode. */
export interface Lifetime {
  churnDay: number | null;
  rescueDay: number | null;
}

/** Draws a customer's lifetime month by month from signup to the as-of date. */
export function drawLifetime(rng: Rng, h: HazardInputs): Lifetime {
  const base =
    BASE_MONTHLY_HAZARD *
    TIER_HAZARD[h.tier] *
    SEGMENT_HAZARD[h.segment] *
    CHANNEL_HAZARD[h.channel] *
    (h.subscriber ? 0.85 : 1) *
    h.frailty;
  let rescueDay: number | null = null;
  let y = yearOfDay(h.signup);
  let m = monthOfDay(h.signup);
  for (;;) {
    const first = Math.max(monthStart(y, m), h.signup);
    if (first > AS_OF_DAY) break;
    const last = Math.min(monthStart(y, m + 1) - 1, AS_OF_DAY);
    const days = last - first + 1;
    let hazard = base;
    if (first - h.signup < EARLY_TENURE_DAYS) hazard *= EARLY_TENURE_HAZARD;
    if (h.inSlowdownRegion && first >= SLOWDOWN_DAY) {
      hazard *= h.tier <= 1 ? SLOWDOWN_HIGH_VALUE_HAZARD : SLOWDOWN_OTHER_HAZARD;
    }
    if (rng.float() < (hazard * days) / 30.4) {
      const day = first + rng.int(0, days - 1);
      // Some at-risk customers are saved by a retention action and stay (the win-backs).
      if (rescueDay === null && day >= RESCUE_FROM_DAY && day <= AS_OF_DAY - 15 && rng.chance(RESCUE_CHANCE)) {
        rescueDay = day;
      } else {
        return { churnDay: day, rescueDay };
      }
    }
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return { churnDay: null, rescueDay };
}
