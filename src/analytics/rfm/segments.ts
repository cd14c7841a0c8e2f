/** An inclusive score range 1..5. */
export type ScoreRange = readonly [number, number];

/** One named RFM segment rule. */
export interface RfmSegmentRule {
  segment: string;
  r: ScoreRange;
  f: ScoreRange;
  m: ScoreRange;
}

/**
 * The named segments of metrics.md section 5 (the CRAN `rfm` package table up to 0.2.2), in the
 * order they are applied: a later match overwrites an earlier one; no match is 'Others'.
 */
export const RFM_SEGMENTS: readonly RfmSegmentRule[] = [
  { segment: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { segment: 'Loyal Customers', r: [2, 5], f: [3, 5], m: [3, 5] },
  { segment: 'Potential Loyalist', r: [3, 5], f: [1, 3], m: [1, 3] },
  { segment: 'New Customers', r: [4, 5], f: [1, 1], m: [1, 1] },
  { segment: 'Promising', r: [3, 4], f: [1, 1], m: [1, 1] },
  { segment: 'Need Attention', r: [2, 3], f: [2, 3], m: [2, 3] },
  { segment: 'About To Sleep', r: [2, 3], f: [1, 2], m: [1, 2] },
  { segment: 'At Risk', r: [1, 2], f: [2, 5], m: [2, 5] },
  { segment: "Can't Lose Them", r: [1, 1], f: [4, 5], m: [4, 5] },
  { segment: 'Lost', r: [1, 2], f: [1, 2], m: [1, 2] },
];

/** The segment name given to customers no rule matches. */
export const RFM_OTHERS = 'Others';

/** The segment of one (r, f, m) score triple: the last matching rule wins (pure mirror of the SQL). */
export function rfmSegmentOf(r: number, f: number, m: number, rules: readonly RfmSegmentRule[] = RFM_SEGMENTS): string {
  let out = RFM_OTHERS;
  const inRange = (v: number, [lo, hi]: ScoreRange) => v >= lo && v <= hi;
  for (const rule of rules) if (inRange(r, rule.r) && inRange(f, rule.f) && inRange(m, rule.m)) out = rule.segment;
  return out;
}
