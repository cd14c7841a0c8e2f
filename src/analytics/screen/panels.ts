import type { QueryManager } from '../../engine/queryManager';
import type { CustomerFilter } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { loadKpis } from './kpis';
import { loadTrend } from './trend';
import { loadStructural } from './structural';
import { loadRiskTiers } from './riskTiers';
import { loadRegions } from './regions';
import { loadRiskList } from './riskList';
import { loadTriggers } from './triggers';
import { loadCohorts } from './cohorts';
import { loadRfm } from './rfm';
import { loadDiagnosis } from './diagnosis';
import { loadDrivers } from './drivers';
import { loadTenureCurve } from './tenureCurve';

/** A panel's data loader: the prepared context, the drill filter, the language. */
export type PanelLoader<T> = (qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, lang: ScreenLang) => Promise<T | null>;

/**
 * Every loader of the big screen by panel id, in drawing order: the KPIs first (the figures a
 * viewer reads first), then the overview, then the analysis page. The unfiltered results of all
 * of them are what a stored screen keeps and what a rebuild publishes panel by panel.
 */
export const SCREEN_PANELS = {
  kpis: loadKpis,
  trend: loadTrend,
  riskTiers: loadRiskTiers,
  riskList: loadRiskList,
  structural: loadStructural,
  regions: loadRegions,
  triggers: loadTriggers,
  cohorts: loadCohorts,
  rfm: loadRfm,
  diagnosis: loadDiagnosis,
  drivers: loadDrivers,
  tenureCurve: loadTenureCurve,
} as const;

/** A screen panel's id. */
export type PanelId = keyof typeof SCREEN_PANELS;

const idByLoader = new Map<unknown, PanelId>(Object.entries(SCREEN_PANELS).map(([id, loader]) => [loader, id as PanelId]));

/** The panel id of a registered loader (undefined for loaders outside the screen, e.g. the customer list). */
export function panelIdOf(loader: unknown): PanelId | undefined {
  return idByLoader.get(loader);
}
