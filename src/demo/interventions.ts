import { AS_OF_DAY, dayOf } from './calendar';
import { utf8 } from '../engine/arrow/columns';
import { ACTIONS, ACTION_COST, OUTCOMES, OUTCOME_LOST, OUTCOME_PENDING, OUTCOME_SAVED } from './dimensions';
import { stamp, type GenContext } from './context';
import type { CustomerProfile } from './profile';
import type { Rng } from './prng';
import type { DemoWriters } from './tables';

/**
 * Retention actions for at-risk customers (the PDCA loop of metrics.md section 10): some churners
 * got one in their last weeks and left anyway, rescued customers got one and stayed, and some of
 * today's silent customers have one under way.
 */

/** The retention team started in March 2024. */
const PROGRAM_START = dayOf('2024-03-01');
const CHURNER_ACTION_SHARE = 0.35;
const SILENT_ACTION_SHARE = 0.3;
/** An outcome is known 30 days after the action. */
const OUTCOME_DAYS = 30;
/** Action mix by tier (专属关怀, 优惠券, 回访, 培训): bespoke care for high value, coupons for low. */
const ACTION_CUM_BY_TIER = [
  [0.6, 0.6, 1, 1],
  [0.6, 0.6, 1, 1],
  [0, 0.2, 0.7, 1],
  [0, 0.6, 1, 1],
];

const ACTION_BYTES = ACTIONS.map(utf8);
const OUTCOME_BYTES = OUTCOMES.map(utf8);

/** Writes a customer's retention actions; `endDay` ends the relationship (null = active). */
export function writeInterventions(
  rng: Rng,
  p: CustomerProfile,
  endDay: number | null,
  ctx: GenContext,
  w: DemoWriters['interventions'],
): void {
  if (endDay !== null && endDay >= PROGRAM_START && rng.chance(CHURNER_ACTION_SHARE)) {
    const day = Math.max(p.signup, endDay - rng.int(5, 25));
    writeAction(rng, p, ctx, w, day, OUTCOME_LOST);
  }
  if (p.rescueDay !== null) {
    const day = Math.min(AS_OF_DAY, p.rescueDay + rng.int(1, 7));
    writeAction(rng, p, ctx, w, day, AS_OF_DAY - day < OUTCOME_DAYS ? OUTCOME_PENDING : OUTCOME_SAVED);
  }
  if (endDay === null && p.dormantTo > AS_OF_DAY && AS_OF_DAY - p.dormantFrom > 60 && rng.chance(SILENT_ACTION_SHARE)) {
    const day = AS_OF_DAY - rng.int(0, Math.min(60, AS_OF_DAY - p.dormantFrom - 30));
    writeAction(rng, p, ctx, w, day, OUTCOME_PENDING);
  }
}

function writeAction(rng: Rng, p: CustomerProfile, ctx: GenContext, w: DemoWriters['interventions'], day: number, outcome: number): void {
  const u = rng.float();
  const cum = ACTION_CUM_BY_TIER[p.tier];
  let action = 0;
  while (action < cum.length - 1 && u >= cum[action]) action++;
  const [lo, hi] = ACTION_COST[action];
  w.customer_id.push(ctx.customerId);
  w.action_date.push(day);
  w.action.push(ACTION_BYTES[action]);
  w.cost.push(Math.round(rng.uniform(lo, hi)));
  w.outcome.push(OUTCOME_BYTES[outcome]);
  stamp(ctx, 'interventions', w);
}
