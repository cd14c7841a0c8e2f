import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { readPrepared, type ResolvedSettings } from '../prepare';
import { cohortCellsSql, type CohortBasis } from './cohortSql';
import { assembleCohorts, averageCohorts, type CohortAverage, type CohortCell, type CohortRow } from './assemble';

/** The cohorts block: rows by cohort (null when not computable), the average curve, the basis, notes. */
export interface CohortsResult {
  cohorts: CohortRow[] | null;
  cohortAverage: CohortAverage | null;
  cohortBasis: CohortBasis | null;
  notes: string[];
}

/** Cohort retention by settings.period (week/month/quarter; year also works), metrics.md section 4. */
export async function computeCohorts(qm: QueryManager, settings: ResolvedSettings): Promise<CohortsResult> {
  const { asOf, periodBasis } = await readPrepared(qm);
  if (!periodBasis) {
    return { cohorts: null, cohortAverage: null, cohortBasis: null, notes: ['cohorts need dated orders or subscriptions'] };
  }
  const cells = toRows<CohortCell>(await qm.query(cohortCellsSql(periodBasis, settings.period, asOf)));
  if (cells.length === 0) return { cohorts: null, cohortAverage: null, cohortBasis: periodBasis, notes: ['cohorts: no customer has a first purchase or subscription'] };
  const rows = assembleCohorts(cells);
  return { cohorts: rows, cohortAverage: averageCohorts(rows), cohortBasis: periodBasis, notes: [] };
}
