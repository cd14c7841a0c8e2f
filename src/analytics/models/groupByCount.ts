/**
 * Rows grouped by their purchase count x: the distinct x values and each row's index into them.
 * Likelihood terms that depend on x only (the lgamma calls) are then evaluated once per distinct
 * x per iteration, not once per customer: a few dozen x values against 100,000 customers.
 */
export interface CountGroups {
  /** Distinct x values. */
  values: Float64Array;
  /** For each row, the index of its x in `values`. */
  index: Int32Array;
}

/** Groups the rows of `x` by value. */
export function groupByCount(x: Float64Array): CountGroups {
  const seen = new Map<number, number>();
  const index = new Int32Array(x.length);
  const values: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let k = seen.get(x[i]);
    if (k === undefined) {
      k = values.length;
      values.push(x[i]);
      seen.set(x[i], k);
    }
    index[i] = k;
  }
  return { values: Float64Array.from(values), index };
}
