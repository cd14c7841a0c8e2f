import { AS_OF_DAY, START_DAY, dayOf, monthStart } from './calendar';
import { SLOWDOWN_REGION, SLOWDOWN_START } from './config';
import { REGIONS } from './dimensions';
import { stamp, type GenContext } from './context';
import type { CustomerProfile } from './profile';
import type { Rng } from './prng';
import type { DemoWriters } from './tables';

/**
 * NPS answers from quarterly survey waves (March, June, September, December). Scores drop in
 * the four months before a churner leaves, during a silent spell, and in the slowed region after
 * the slowdown.
 */

const WAVE_MONTHS = [3, 6, 9, 12];
const RESPONSE_SHARE = 0.2;
const SUBSCRIBER_RESPONSE_FACTOR = 1.4;
const BASE_SCORE = 8.3;
const TIER_SCORE = [0.3, 0.2, 0, -0.2];
const PRE_CHURN_DAYS = 120;
const PRE_CHURN_DROP = 4;
const SLOWDOWN_DROP = 1.8;
const DORMANT_DROP = 1;

const SLOWDOWN_REGION_INDEX = (REGIONS as readonly string[]).indexOf(SLOWDOWN_REGION);
const SLOWDOWN_DAY = dayOf(SLOWDOWN_START);

/** First day of every survey wave inside the demo span. */
const WAVES: number[] = [];
for (let y = 2000; y < 2100; y++) {
  for (const m of WAVE_MONTHS) {
    const d = monthStart(y, m);
    if (d >= START_DAY && d + 25 <= AS_OF_DAY) WAVES.push(d);
  }
}

/** Writes a customer's survey answers up to `endDay` (null = active). */
export function writeNps(rng: Rng, p: CustomerProfile, endDay: number | null, ctx: GenContext, w: DemoWriters['nps']): void {
  const last = Math.min(endDay ?? AS_OF_DAY, AS_OF_DAY);
  const share = RESPONSE_SHARE * (p.subscriber ? SUBSCRIBER_RESPONSE_FACTOR : 1);
  for (const wave of WAVES) {
    const day = wave + rng.int(4, 24);
    // Surveys go to customers of at least a month who are still customers.
    if (day - p.signup < 30 || day > last || !rng.chance(share)) continue;
    let score = BASE_SCORE + TIER_SCORE[p.tier] + p.npsBias + 1.2 * rng.normal();
    if (endDay !== null && endDay - day <= PRE_CHURN_DAYS) score -= PRE_CHURN_DROP;
    if (p.region === SLOWDOWN_REGION_INDEX && day >= SLOWDOWN_DAY) score -= SLOWDOWN_DROP;
    if (day >= p.dormantFrom && day < p.dormantTo) score -= DORMANT_DROP;
    w.customer_id.push(ctx.customerId);
    w.survey_date.push(day);
    w.score.push(Math.min(10, Math.max(0, Math.round(score))));
    stamp(ctx, 'nps', w);
  }
}
