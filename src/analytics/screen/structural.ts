import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { fmtPct } from '../risk/format';
import { STATUS_TABLE } from '../status/statusSql';
import { structuralOverallSql, structuralSql } from '../structural/structuralSql';
import { overallOf, structuralRow, type SegmentCounts, type StructuralOverall, type StructuralRow } from '../structural/rows';
import { structuralCallouts, type StructuralCallout } from '../structural/callouts';
import type { CustomerFilter, StructuralData } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { drillDimensionOf } from './drillNames';
import { scopedSql } from './scoped';
import { churnerComposition, splitChurnerSteps } from './churnerComposition';

/** The value tier the screen calls out (metrics.md section 3: 企业甲). */
export const HIGHLIGHT_TIER = '高价值';

/** A call-out in both languages (the English is the structural family's own message). */
export function calloutText(c: StructuralCallout, overall: StructuralOverall): { zh: string; en: string } {
  if (c.kind === 'high-value-churn') {
    return { zh: `高价值客户流失率${fmtPct(c.rate)}，高于整体${fmtPct(c.overallRate)}`, en: c.message };
  }
  return {
    zh: `流失率${fmtPct(c.overallRate)}集中在低价值客户（${fmtPct(c.rate)}），流失客户只占价值的${fmtPct(overall.valueShare ?? 0)}`,
    en: c.message,
  };
}

async function filteredStructural(qm: QueryManager, ctx: ScreenContext, filter: string): Promise<{ rows: StructuralRow[]; overall: StructuralOverall | null }> {
  const [counts] = toRows<SegmentCounts>(await qm.query(scopedSql(structuralOverallSql(), filter, [STATUS_TABLE], qm.schema)));
  if (!counts || counts.customers === 0) return { rows: [], overall: null };
  const overall = overallOf(counts);
  const raw = toRows<SegmentCounts & { dimension: string; value: string }>(await qm.query(scopedSql(structuralSql(), filter, [STATUS_TABLE], qm.schema)));
  return { rows: raw.map((r) => structuralRow(r.dimension, r.value, r, overall, counts.value_churned)), overall };
}

/**
 * Structural churn within the filtered customers (metrics.md section 3): rate, lift and
 * value-weighted churn by every dimension with 2..30 values there, computed by the structural
 * family's SQL on those customers. Bars name their drill dimension; the 高价值 tier is highlighted.
 * Null when the data has no dimension to compare.
 */
export async function loadStructural(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, _lang: ScreenLang): Promise<StructuralData | null> {
  if (!ctx.presence.structural) return null;
  if (splitChurnerSteps(filter).churners) {
    const { bars } = await churnerComposition(qm, filter);
    return { overallRate: null, dimensions: [...new Set(bars.map((b) => b.dimension))], bars, callouts: [], composition: true };
  }
  const f = customerFilterSql(filter);
  const { rows, overall } = f === null
    ? { rows: ctx.families.structural.structural ?? [], overall: ctx.families.structural.structuralOverall }
    : await filteredStructural(qm, ctx, f);
  const bars = rows.map((r) => ({
    dimension: drillDimensionOf(r.dimension), value: r.value, customers: r.customers, churned: r.churned,
    rate: r.rate, lift: r.lift, valueShare: r.valueShare,
    highlight: r.dimension === 'value_tier' && r.value === HIGHLIGHT_TIER,
  }));
  return {
    overallRate: overall?.rate ?? null,
    dimensions: [...new Set(bars.map((b) => b.dimension))],
    bars,
    callouts: overall ? structuralCallouts(rows, overall).map((c) => calloutText(c, overall)) : [],
  };
}
