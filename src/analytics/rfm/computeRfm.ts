import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { ResolvedSettings } from '../prepare';
import { rfmSegmentSummarySql } from './rfmSql';
import { RFM_OTHERS, RFM_SEGMENTS } from './segments';
import { valueTierSummarySql } from './valueTierSummarySql';
import { VALUE_TIERS, type ValueTier } from './valueTiers';
import { DEFAULT_PLAYS, type ValuePlay } from './plays';

/** One row of the report's `rfm` block: a named segment, its buyers and their net value (sum of M). */
export interface RfmRow {
  segment: string;
  customers: number;
  value: number;
}

/** One value tier with its customers, churned customers and trailing-12-month value. */
export interface ValueTierRow {
  tier: ValueTier;
  customers: number;
  churned: number;
  value12m: number;
}

/** The RFM block: every segment in table order then Others (null without orders), tiers, plays. */
export interface RfmResult {
  rfm: RfmRow[] | null;
  valueTiers: ValueTierRow[];
  plays: readonly ValuePlay[];
  notes: string[];
}

/** RFM segments and value tiers (metrics.md section 5) from the tables prepareAnalytics built. */
export async function computeRfm(qm: QueryManager, settings: ResolvedSettings): Promise<RfmResult> {
  void settings;
  const seg = new Map(toRows<RfmRow>(await qm.query(rfmSegmentSummarySql())).map((r) => [r.segment, r]));
  const tiers = new Map(toRows<ValueTierRow>(await qm.query(valueTierSummarySql())).map((r) => [r.tier, r]));
  const valueTiers = VALUE_TIERS.map((tier) => tiers.get(tier) ?? { tier, customers: 0, churned: 0, value12m: 0 });
  if (seg.size === 0) return { rfm: null, valueTiers, plays: DEFAULT_PLAYS, notes: ['RFM needs orders: no customer has a purchase'] };
  const names = [...RFM_SEGMENTS.map((s) => s.segment), RFM_OTHERS];
  const rfm = names.map((segment) => seg.get(segment) ?? { segment, customers: 0, value: 0 });
  return { rfm, valueTiers, plays: DEFAULT_PLAYS, notes: [] };
}
