import { ACTIVITY_START_DAY, AS_OF_DAY, epochMs } from './calendar';
import { utf8 } from '../engine/arrow/columns';
import { FEATURES } from './dimensions';
import { stamp, type GenContext } from './context';
import type { CustomerProfile } from './profile';
import type { Rng } from './prng';
import type { DemoWriters } from './tables';

/**
 * Product usage of subscribers as daily counts per feature, over the trailing year (usage logs
 * are exported for a year). Usage fades in the 60 days before a churner leaves, and the churner
 * narrows to logging in only; silent-but-alive customers keep using the product at a lower rate,
 * which is the evidence that they are not lost.
 */

/** Usage days per day by plan (基础版, 专业版, 企业版), before engagement and scale. */
const PLAN_USAGE_RATE = [0.035, 0.06, 0.09];
const FADE_DAYS = 60;
const DORMANT_USAGE = 0.4;
/** Mean extra uses per feature on a usage day, in FEATURES order. */
const FEATURE_COUNT_MEAN = [2, 4, 3, 1, 2, 3];

const FEATURE_BYTES = FEATURES.map(utf8);

/** Writes a subscriber's usage from `subscribedFrom` to `endDay` (null = active) on plan index `plan`. */
export function writeActivity(
  rng: Rng,
  p: CustomerProfile,
  subscribedFrom: number,
  endDay: number | null,
  plan: number,
  ctx: GenContext,
  w: DemoWriters['activity'],
): void {
  const first = Math.max(ACTIVITY_START_DAY, subscribedFrom);
  const last = Math.min(endDay ?? AS_OF_DAY, AS_OF_DAY);
  if (first > last) return;
  const rate = Math.min(0.9, PLAN_USAGE_RATE[plan] * p.engagement * ctx.activityScale);
  if (rate <= 0) return;
  const depth = Math.min(FEATURES.length, 1 + plan + rng.int(0, 3));
  for (let t = first - 1 + rng.exponential(rate); ; t += rng.exponential(rate)) {
    const day = Math.ceil(t);
    if (day > last) break;
    // At most one set of rows per day: the next gap is drawn from the end of this day.
    t = day;
    let keep = 1;
    let features = depth;
    if (endDay !== null && endDay - day < FADE_DAYS) {
      keep = (endDay - day) / FADE_DAYS;
      features = 1;
    }
    if (day >= p.dormantFrom && day < p.dormantTo) keep *= DORMANT_USAGE;
    if (keep < 1 && rng.float() >= keep) continue;
    const used = 1 + rng.int(0, features - 1);
    for (let f = 0; f < used; f++) {
      w.customer_id.push(ctx.customerId);
      w.event_date.push(epochMs(day));
      w.event_type.push(FEATURE_BYTES[f]);
      w.count.push(1 + rng.poisson(FEATURE_COUNT_MEAN[f]));
      stamp(ctx, 'activity', w);
    }
  }
}
