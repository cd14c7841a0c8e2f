import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { readPrepared, type ResolvedSettings } from '../prepare';
import { structuralOverallSql, structuralSql } from './structuralSql';
import { overallOf, structuralRow, type SegmentCounts, type StructuralOverall, type StructuralRow } from './rows';
import { structuralCallouts, type StructuralCallout } from './callouts';

/** The structural block: rows (null when nothing to compare), the overall figures, call-outs, notes. */
export interface StructuralResult {
  structural: StructuralRow[] | null;
  structuralOverall: StructuralOverall | null;
  structuralCallouts: StructuralCallout[];
  notes: string[];
}

/** Structural churn by every low-cardinality dimension (metrics.md section 3), on cw_customer_status. */
export async function computeStructural(qm: QueryManager, settings: ResolvedSettings): Promise<StructuralResult> {
  const { valueBasis } = await readPrepared(qm);
  void settings;
  const overallCounts = toRows<SegmentCounts>(await qm.query(structuralOverallSql()))[0];
  if (!overallCounts || overallCounts.customers === 0) {
    return { structural: null, structuralOverall: null, structuralCallouts: [], notes: ['structural churn: no customers'] };
  }
  const overall = overallOf(overallCounts);
  const raw = toRows<SegmentCounts & { dimension: string; value: string }>(await qm.query(structuralSql()));
  const rows = raw.map((r) => structuralRow(r.dimension, r.value, r, overall, overallCounts.value_churned));
  const notes: string[] = [];
  if (rows.length === 0) notes.push('structural churn: no dimension with 2 to 30 values');
  if (valueBasis === null) notes.push('structural churn: the data has no money value, valueShare is null');
  return { structural: rows.length ? rows : null, structuralOverall: overall, structuralCallouts: structuralCallouts(rows, overall), notes };
}
