/** Customers leaving (churned) or still there (censored) at one duration. */
export interface DurationCount {
  /** The duration (e.g. months as a customer). */
  t: number;
  /** Customers with this duration, churned or not. */
  customers: number;
  /** Of them, those who churned at it (the rest are censored there). */
  churned: number;
}

/** One step of a Kaplan-Meier curve. */
export interface SurvivalPoint {
  t: number;
  /** Customers with a duration of at least t. */
  atRisk: number;
  churned: number;
  /** S(t) = product over durations u <= t of (1 - churned(u) / atRisk(u)). */
  survival: number;
}

/**
 * The Kaplan-Meier estimate from durations and an end flag: at each distinct duration, in
 * ascending order, the share of those still at risk who did not churn, multiplied up. Customers
 * who have not churned are censored at their duration (at risk up to and including it).
 */
export function kaplanMeier(counts: readonly DurationCount[]): SurvivalPoint[] {
  const sorted = [...counts].filter((c) => Number.isFinite(c.t) && c.customers > 0).sort((a, b) => a.t - b.t);
  let atRisk = sorted.reduce((s, c) => s + c.customers, 0);
  let survival = 1;
  const out: SurvivalPoint[] = [];
  for (const c of sorted) {
    survival *= 1 - c.churned / atRisk;
    out.push({ t: c.t, atRisk, churned: c.churned, survival });
    atRisk -= c.customers;
  }
  return out;
}

/** The first duration at which S(t) is at or below 0.5 (the median lifetime), null when never. */
export function medianDuration(points: readonly SurvivalPoint[]): number | null {
  return points.find((p) => p.survival <= 0.5)?.t ?? null;
}
