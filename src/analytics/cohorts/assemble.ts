import { ratio } from '../churn/rates';

/** One cohort x period cell as cohortCellsSql returns it. */
export interface CohortCell {
  cohort_start: string;
  cohort: string;
  k: number;
  size: number;
  active: number;
  on_or_after: number;
  revenue: number;
  partial: boolean;
}

/** One row of the report's `cohorts` block (cli-contract.md); arrays are indexed by k, periods since the cohort's. */
export interface CohortRow {
  cohort: string;
  cohortStart: string;
  size: number;
  /** N-period ("return on") retention: active in period k exactly / size. */
  retention: number[];
  /** Unbounded ("on or after") retention: active in k or later / size. */
  unbounded: number[];
  /** Revenue in k / revenue in period 0 (null when period 0 revenue is not positive). */
  revenueRetention: (number | null)[];
  active: number[];
  onOrAfter: number[];
  revenue: number[];
  /** The last period (the one containing the as-of date) is not over yet. */
  lastPeriodPartial: boolean;
}

/** Across cohorts, for each k: only cohorts old enough to have period k count (weighted by size / revenue). */
export interface CohortAverage {
  retention: number[];
  unbounded: number[];
  revenueRetention: (number | null)[];
  /** How many cohorts period k averages over. */
  cohorts: number[];
}

/** Groups cells (ordered by cohort, k) into cohort rows. */
export function assembleCohorts(cells: readonly CohortCell[]): CohortRow[] {
  const rows: CohortRow[] = [];
  let cur: CohortRow | null = null;
  for (const c of cells) {
    if (!cur || cur.cohortStart !== c.cohort_start) {
      cur = { cohort: c.cohort, cohortStart: c.cohort_start, size: c.size, retention: [], unbounded: [], revenueRetention: [],
        active: [], onOrAfter: [], revenue: [], lastPeriodPartial: false };
      rows.push(cur);
    }
    cur.active[c.k] = c.active;
    cur.onOrAfter[c.k] = c.on_or_after;
    cur.revenue[c.k] = c.revenue;
    cur.retention[c.k] = c.active / c.size;
    cur.unbounded[c.k] = c.on_or_after / c.size;
    if (c.partial) cur.lastPeriodPartial = true;
  }
  for (const r of rows) r.revenueRetention = r.revenue.map((v) => ratio(v, r.revenue[0]));
  return rows;
}

/** The average retention curve: sum of retained / sum of sizes over the cohorts that reached period k. */
export function averageCohorts(rows: readonly CohortRow[]): CohortAverage {
  const maxK = Math.max(-1, ...rows.map((r) => r.active.length - 1));
  const out: CohortAverage = { retention: [], unbounded: [], revenueRetention: [], cohorts: [] };
  for (let k = 0; k <= maxK; k++) {
    const eligible = rows.filter((r) => r.active.length > k);
    const size = eligible.reduce((s, r) => s + r.size, 0);
    const rev0 = eligible.reduce((s, r) => s + r.revenue[0], 0);
    out.cohorts.push(eligible.length);
    out.retention.push(eligible.reduce((s, r) => s + r.active[k], 0) / size);
    out.unbounded.push(eligible.reduce((s, r) => s + r.onOrAfter[k], 0) / size);
    out.revenueRetention.push(ratio(eligible.reduce((s, r) => s + r.revenue[k], 0), rev0));
  }
  return out;
}
