import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { RFM_TABLE, rfmSegmentSummarySql } from '../rfm/rfmSql';
import { RFM_OTHERS, RFM_SEGMENTS } from '../rfm/segments';
import type { CustomerFilter, RfmCell } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { scopedSql } from './scoped';

/**
 * The RFM segment map of the filtered buyers (metrics.md section 5): every named segment in table
 * order, then Others, with its customers and net value (sum of M); segments without customers
 * stay in with zeros. Null without purchases.
 */
export async function loadRfm(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, _lang: ScreenLang): Promise<RfmCell[] | null> {
  if (!ctx.presence.rfm) return null;
  const sql = scopedSql(rfmSegmentSummarySql(), customerFilterSql(filter), [RFM_TABLE], qm.schema);
  const bySegment = new Map(toRows<RfmCell>(await qm.query(sql)).map((r) => [r.segment, r]));
  return [...RFM_SEGMENTS.map((s) => s.segment), RFM_OTHERS].map((segment) => bySegment.get(segment) ?? { segment, customers: 0, value: 0 });
}
