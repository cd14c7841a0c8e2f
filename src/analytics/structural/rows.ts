import { ratio } from '../churn/rates';

/** Raw counts of one segment (or of the whole base). */
export interface SegmentCounts {
  customers: number;
  churned: number;
  /** Sum of the customers' value; null when the data has no money value. */
  value_total: number | null;
  value_churned: number;
}

/** One row of the report's `structural` block (cli-contract.md). */
export interface StructuralRow {
  dimension: string;
  value: string;
  customers: number;
  churned: number;
  rate: number | null;
  /** Segment rate / overall rate. */
  lift: number | null;
  /** Share of the segment's value held by its churned customers (value-weighted churn); null without value. */
  valueShare: number | null;
  /** Share of all churned customers' value that sits in this segment; null without value. */
  lostValueShare: number | null;
}

/** Overall figures the rows are compared with. */
export interface StructuralOverall {
  customers: number;
  churned: number;
  rate: number | null;
  valueShare: number | null;
}

/** The overall rate and value share of the whole base. */
export function overallOf(c: SegmentCounts): StructuralOverall {
  return { customers: c.customers, churned: c.churned, rate: ratio(c.churned, c.customers), valueShare: c.value_total === null ? null : ratio(c.value_churned, c.value_total) };
}

/** A segment's rate, lift and value shares against the overall figures. */
export function structuralRow(dimension: string, value: string, c: SegmentCounts, overall: StructuralOverall, overallValueChurned: number): StructuralRow {
  const rate = ratio(c.churned, c.customers);
  return {
    dimension, value, customers: c.customers, churned: c.churned, rate,
    lift: rate === null || overall.rate === null || overall.rate === 0 ? null : rate / overall.rate,
    valueShare: c.value_total === null ? null : ratio(c.value_churned, c.value_total),
    lostValueShare: c.value_total === null ? null : ratio(c.value_churned, overallValueChurned),
  };
}
