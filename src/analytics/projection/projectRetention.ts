import { fitSbg, sbgProject, type SbgFit } from '../models/sbg';
import type { CohortBasis } from '../cohorts/cohortSql';
import type { CohortRow } from '../cohorts/assemble';

/**
 * A cohort with fewer members than this is fitted in the pool of all such cohorts (metrics.md
 * section 13): with a few dozen subscribers one churner more or less swings alpha and beta wildly.
 */
export const POOL_BELOW_MEMBERS = 100;
/** Periods projected past the last observed one. */
export const PROJECTION_PERIODS = 12;
/**
 * A cohort needs this many observed renewals (periods after its first) for a fit of its own:
 * one renewal identifies only the first period's churn rate alpha / (alpha + beta), not how it
 * falls, so such a cohort joins the pool too.
 */
export const MIN_RENEWALS_FOR_OWN_FIT = 2;

/** One row of the report's `projection` block. */
export interface ProjectionRow {
  cohort: string;
  size: number;
  /** Fitted on the pool of small or young cohorts rather than on its own curve. */
  pooled: boolean;
  alpha: number | null;
  beta: number | null;
  /** Subscribers retained in period k = 0 .. the period of the as-of date (active in k or later). */
  retained: number[];
  /** Expected subscribers retained in the next `periods` (PROJECTION_PERIODS) periods (null without a fit). */
  projected: number[] | null;
}

/** The `projection` block: per cohort, and the pooled fit when some cohorts were pooled. */
export interface ProjectionResult {
  projection: ProjectionRow[] | null;
  projectionPooled: (SbgFit & { cohorts: string[] }) | null;
  notes: string[];
}

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * sBG retention projection (Fader & Hardie 2007) for subscription cohorts. A subscriber counts as
 * retained in period k when active in k or any later period (the cohorts' unbounded count): a
 * lapse followed by a return is not a churn, and the survivor curve never rises, as the model
 * requires. The count of the period holding the as-of date is its survivors at the start of that
 * period, so a partial last period is still a whole observation (the right-censored one).
 * `periods`: how far to project (the screen fills its heatmap's triangle instead of 12).
 */
export function projectRetention(cohorts: readonly CohortRow[] | null, basis: CohortBasis | null, periods = PROJECTION_PERIODS): ProjectionResult {
  if (basis !== 'subscriptions' || !cohorts || cohorts.length === 0) {
    return { projection: null, projectionPooled: null, notes: ['retention projection needs subscription cohorts'] };
  }
  const own = (c: CohortRow) => c.size >= POOL_BELOW_MEMBERS && c.onOrAfter.length > MIN_RENEWALS_FOR_OWN_FIT;
  const poolMembers = cohorts.filter((c) => !own(c));
  const pooled = poolMembers.length > 0 ? fitSbg(poolMembers.map((c) => c.onOrAfter)) : null;
  const notes: string[] = [];
  if (poolMembers.length > 0 && !pooled) notes.push('retention projection: the pooled small or young cohorts show no churn (or no survivor) to fit');
  const rows = cohorts.map((c): ProjectionRow => {
    const isOwn = own(c);
    const fit = isOwn ? fitSbg([c.onOrAfter]) : pooled;
    if (isOwn && !fit) notes.push(`retention projection: cohort ${c.cohort} shows no churn (or no survivor) to fit`);
    return {
      cohort: c.cohort, size: c.size, pooled: !isOwn, alpha: fit?.alpha ?? null, beta: fit?.beta ?? null, retained: c.onOrAfter,
      projected: fit ? sbgProject(fit, c.onOrAfter, periods).map(round) : null,
    };
  });
  return { projection: rows, projectionPooled: pooled ? { ...pooled, cohorts: poolMembers.map((c) => c.cohort) } : null, notes };
}
