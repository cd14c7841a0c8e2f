import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { AnalyticsSettings, ChurnRule } from '../settings';
import { prepareAnalytics, type PreparedAnalytics, type ResolvedSettings } from '../prepare';
import type { PeriodBasis, ValueBasis } from '../status/basis';
import { tableExists } from '../common/meta';
import { CLV_TABLE } from '../clv/clvTable';
import { runFamilies, type FamilyResults } from './pipeline';
import { tablePresenceSql, type ScreenPresence, type TablePresence } from './presence';
import { buildChurnersViewSql, buildOrderDaysSql, buildScreenCustomersSql, buildScreenDimsSql } from './screenTables';

/** What every panel loader takes: the decisions prepareAnalytics made and the families' results. */
export interface ScreenContext {
  asOf: string;
  asOfSource: PreparedAnalytics['asOfSource'];
  churnRule: ChurnRule;
  ruleReason: string;
  periodBasis: PeriodBasis;
  valueBasis: ValueBasis;
  /** The settings with the as-of date resolved. */
  settings: ResolvedSettings;
  presence: ScreenPresence;
  /** Unfiltered results (panels show them without querying again); the diagnosis lines live here. */
  families: FamilyResults;
  notes: string[];
}

/**
 * Runs, once per data or settings change, everything the panels read: prepareAnalytics, then the
 * families in the report's order (churn with its period churners, structural, risk tiers, CLV with
 * the red customers, triggers, service, interventions, diagnosis), then the screen's own
 * per-customer tables (screenTables.ts) that keep drills off the orders table.
 */
export async function prepareScreen(qm: QueryManager, settings: AnalyticsSettings, options: { today?: string } = {}): Promise<ScreenContext> {
  const prepared = await prepareAnalytics(qm, settings, options);
  const s = prepared.settings;
  const { results, notes } = await runFamilies(qm, s, 'screen');
  const hasClv = await tableExists(qm, CLV_TABLE);
  await qm.exec(buildOrderDaysSql(s.asOf));
  await qm.exec(buildScreenDimsSql(s.asOf, s.period, prepared.periodBasis));
  await qm.exec(buildChurnersViewSql(s.period, results.churn.churnByPeriod !== null));
  await qm.exec(buildScreenCustomersSql(hasClv));
  const tables = toRows<TablePresence>(await qm.query(tablePresenceSql(s.asOf), { cache: false }))[0];
  const presence: ScreenPresence = {
    ...tables,
    churnByPeriod: results.churn.churnByPeriod !== null,
    risk: results.risk !== null && results.risk.red !== null,
    clv: hasClv,
    structural: results.structural.structural !== null,
    triggers: (results.triggers ?? []).some((t) => t.customers !== null),
  };
  return {
    asOf: prepared.asOf,
    asOfSource: prepared.asOfSource,
    churnRule: prepared.churnRule,
    ruleReason: prepared.ruleReason,
    periodBasis: prepared.periodBasis,
    valueBasis: prepared.valueBasis,
    settings: s,
    presence,
    families: results,
    notes: [...prepared.notes, ...notes],
  };
}
