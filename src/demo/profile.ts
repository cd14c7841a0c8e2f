import { AS_OF_DAY, START_DAY, dayOf, monthStart } from './calendar';
import { CAMPAIGN_MONTH, SLOWDOWN_REGION, SLOWDOWN_START } from './config';
import {
  CHANNEL_CUM,
  CHANNEL_EXPO,
  COMPLAINT_PILE_CHANCE,
  INDUSTRY_CUM,
  REASONS_BY_GROUP,
  REASON_GROUPS,
  REASON_GROUP_CUM,
  REGIONS,
  REGION_CUM,
  SEGMENT_CUM,
  TIER_CUM_BY_SEGMENT,
} from './dimensions';
import { detLog } from './detMath';
import { drawLifetime } from './lifetime';
import { OWNERS_BY_REGION } from './names';
import type { Rng } from './prng';

/**
 * The latent story of one customer: who it is, when it signed up, how much it buys, whether and
 * when it leaves and why. Every table's generator reads this; none of it is stored as such, so
 * analytics has to find it again from behaviour.
 */
export interface CustomerProfile {
  index: number;
  segment: number;
  tier: number;
  region: number;
  industry: number;
  owner: string;
  channel: number;
  signup: number;
  /** Signed up in the autumn trade-show campaign (story 3's renewal cliff). */
  campaign: boolean;
  subscriber: boolean;
  /** Buys once and never again. */
  oneTimer: boolean;
  /** First order day; after AS_OF_DAY when the customer has not bought yet. */
  firstOrder: number;
  /** Latent churn day (ordering stops); null = still a customer. */
  churnDay: number | null;
  /** An at-risk episode ended by a successful retention action; null = none. */
  rescueDay: number | null;
  /** A silent spell with no orders, [from, to); the customer is alive throughout. from = to = 0: none. */
  dormantFrom: number;
  dormantTo: number;
  /** For churners: index into CANCEL_REASONS, and whether complaints piled up before leaving. */
  reason: number;
  complaintPile: boolean;
  /** A chronic complainer (a base rate of complaints among retained customers). */
  complainer: boolean;
  /** Relative order rate (tier x heterogeneity, mean about the tier's multiplier). */
  orderWeight: number;
  /** Log of the customer's median order amount. */
  spendMu: number;
  /** Relative product usage (mean 1). */
  engagement: number;
  /** Personal NPS offset. */
  npsBias: number;
  /** Headcount (customer_attributes company_size). */
  employees: number;
}

const CAMPAIGN_SHARE = 0.07;
const SIGNUP_GROWTH = 1.5; // signups per month grow 2.5x from the first month to the last
const ONE_TIMER_SHARE = 0.06;
const DORMANT_SHARE = 0.1;
const ONGOING_DORMANT_SHARE = 0.35;
const COMPLAINER_SHARE = 0.08;
/** Subscriber share by segment (大型, 中型, 小微); the campaign cohort signed contracts. */
const SUBSCRIBER_SHARE = [0.6, 0.45, 0.33];
const CAMPAIGN_SUBSCRIBER_SHARE = 0.85;
/** Order-rate multiplier by tier: big accounts reorder more often. */
const TIER_ORDER_RATE = [1.8, 1.4, 1.0, 0.7];
/** Median order amount by tier (CNY). */
const TIER_MEDIAN_AMOUNT = [18_000, 6_500, 2_200, 650];

const SLOWDOWN_REGION_INDEX = (REGIONS as readonly string[]).indexOf(SLOWDOWN_REGION);
const SLOWDOWN_DAY = dayOf(SLOWDOWN_START);
const [CAMPAIGN_Y, CAMPAIGN_M] = CAMPAIGN_MONTH.split('-').map(Number);
const CAMPAIGN_FIRST = monthStart(CAMPAIGN_Y, CAMPAIGN_M);
const CAMPAIGN_DAYS = monthStart(CAMPAIGN_Y, CAMPAIGN_M + 1) - CAMPAIGN_FIRST;
const SPAN = AS_OF_DAY - START_DAY + 1;
const GROUP_EXPERIENCE = (REASON_GROUPS as readonly string[]).indexOf('体验');
const GROUP_HIDDEN = (REASON_GROUPS as readonly string[]).indexOf('隐性');
const GROUP_VOLUNTARY = (REASON_GROUPS as readonly string[]).indexOf('主动');
const TIER_LOG_MEDIAN = TIER_MEDIAN_AMOUNT.map(detLog);

/** Draws customer `index`'s profile from its own random stream. */
export function drawProfile(rng: Rng, index: number): CustomerProfile {
  const segment = rng.weighted(SEGMENT_CUM);
  const tier = rng.weighted(TIER_CUM_BY_SEGMENT[segment]);
  const region = rng.weighted(REGION_CUM);
  const industry = rng.weighted(INDUSTRY_CUM);
  const owners = OWNERS_BY_REGION[region];
  const owner = owners[rng.int(0, owners.length - 1)];
  let channel = rng.weighted(CHANNEL_CUM);

  const campaign = rng.chance(CAMPAIGN_SHARE);
  let signup: number;
  if (campaign) {
    signup = CAMPAIGN_FIRST + rng.int(0, CAMPAIGN_DAYS - 1);
    if (rng.chance(0.7)) channel = CHANNEL_EXPO;
  } else {
    // Inverse CDF of a linearly growing density 1 + g t on [0, 1].
    const g = SIGNUP_GROWTH;
    const t = (Math.sqrt(1 + 2 * g * rng.float() * (1 + g / 2)) - 1) / g;
    signup = START_DAY + Math.min(SPAN - 1, Math.floor(t * SPAN));
  }
  const subscriber = rng.chance(campaign ? CAMPAIGN_SUBSCRIBER_SHARE : SUBSCRIBER_SHARE[segment]);
  const firstOrder = signup + rng.int(0, 14);
  const oneTimer = rng.chance(ONE_TIMER_SHARE);
  const frailty = rng.gammaMeanOne(2);
  const inSlowdownRegion = region === SLOWDOWN_REGION_INDEX;

  let churnDay: number | null = null;
  let rescueDay: number | null = null;
  if (oneTimer) {
    const end = firstOrder + rng.int(1, 20);
    churnDay = end <= AS_OF_DAY ? end : null;
  } else {
    const life = drawLifetime(rng, { tier, segment, channel, subscriber, inSlowdownRegion, signup, frailty });
    churnDay = life.churnDay === null ? null : Math.max(life.churnDay, firstOrder + 1);
    if (churnDay !== null && churnDay > AS_OF_DAY) churnDay = null;
    rescueDay = life.rescueDay;
  }

  // Silent-but-alive customers: a long pause in buying, over or still going at the as-of date.
  let dormantFrom = 0;
  let dormantTo = 0;
  if (!oneTimer && rng.chance(DORMANT_SHARE)) {
    if (rng.chance(ONGOING_DORMANT_SHARE)) {
      dormantFrom = AS_OF_DAY - rng.int(100, 260);
      dormantTo = AS_OF_DAY + 1_000;
    } else {
      dormantFrom = firstOrder + rng.int(60, Math.max(60, AS_OF_DAY - 60 - firstOrder));
      dormantTo = dormantFrom + rng.int(120, 300);
    }
    if (dormantFrom <= firstOrder + 30) dormantFrom = dormantTo = 0;
  }

  // Why churners leave. The slowed region's high-value customers mostly leave over service.
  let group: number;
  if (oneTimer) group = rng.chance(0.6) ? GROUP_HIDDEN : GROUP_VOLUNTARY;
  else if (inSlowdownRegion && tier <= 1 && churnDay !== null && churnDay >= SLOWDOWN_DAY && rng.chance(0.8)) group = GROUP_EXPERIENCE;
  else group = rng.weighted(REASON_GROUP_CUM);
  const reasons = REASONS_BY_GROUP[group];
  let reason = reasons[rng.int(0, reasons.length - 1)];
  // In the slowed region after the slowdown, experience churners name the slowness (服务响应慢).
  if (group === GROUP_EXPERIENCE && inSlowdownRegion && churnDay !== null && churnDay >= SLOWDOWN_DAY) reason = reasons[0];
  const complaintPile = !oneTimer && churnDay !== null && rng.chance(COMPLAINT_PILE_CHANCE[group]);

  const complainer = rng.chance(COMPLAINER_SHARE);
  const orderWeight = TIER_ORDER_RATE[tier] * rng.gammaMeanOne(2);
  const spendMu = TIER_LOG_MEDIAN[tier] + 0.3 * rng.normal();
  const engagement = rng.gammaMeanOne(3);
  const npsBias = rng.normal();
  const employees =
    segment === 0 ? 1_000 + Math.floor(rng.exponential(1 / 3_000)) : segment === 1 ? rng.int(50, 999) : rng.int(3, 49);

  return {
    index,
    segment,
    tier,
    region,
    industry,
    owner,
    channel,
    signup,
    campaign,
    subscriber,
    oneTimer,
    firstOrder,
    churnDay,
    rescueDay,
    dormantFrom,
    dormantTo,
    reason,
    complaintPile,
    complainer,
    orderWeight,
    spendMu,
    engagement,
    npsBias,
    employees,
  };
}
