import type { QueryManager } from '../engine/queryManager';
import { scalar, toRows } from '../engine/rows';
import type { AnalyticsSettings, ChurnRule } from './settings';
import { buildCustomerFacts, latestDataDateSql } from './facts/customerFacts';
import { readMeta, writeMetaSql, type MetaValue } from './common/meta';
import { dataPresenceSql, type DataPresence } from './status/dataPresence';
import { pickChurnRule } from './status/pickRule';
import { periodBasisFor, valueBasisFor, type PeriodBasis, type ValueBasis } from './status/basis';
import { buildStatusSql } from './status/statusSql';
import { buildSpellsSql } from './status/spellsSql';
import { buildRfmSql } from './rfm/rfmSql';
import { buildValueTierSql } from './rfm/valueTierSql';
import type { BgNbdFit } from './models/bgnbd';
import type { GammaGammaFit } from './models/gammaGamma';
import { fitBgNbdFromFacts, fitGammaGammaFromOrders, MIN_REPEAT_BUYERS_FOR_FIT } from './models/fitFromData';
import { modelMetaEntries } from './models/storedModels';

/** Settings with the as-of date resolved: what every compute* function takes. */
export type ResolvedSettings = AnalyticsSettings & { asOf: string };

/** What prepareAnalytics decided and built; the same facts are also left in cw_analytics_meta. */
export interface PreparedAnalytics {
  asOf: string;
  /** Where the as-of date came from: the settings, the latest date in the data, or today (no dates). */
  asOfSource: 'settings' | 'data' | 'today';
  churnRule: ChurnRule;
  ruleReason: string;
  periodBasis: PeriodBasis;
  valueBasis: ValueBasis;
  presence: DataPresence;
  bgnbd: BgNbdFit | null;
  gammaGamma: GammaGammaFit | null;
  settings: ResolvedSettings;
  notes: string[];
}

/** The as-of date: settings.asOf, else the latest date in the data, else `today` (a dateless snapshot). */
export async function resolveAsOf(qm: QueryManager, settings: AnalyticsSettings, today: string = new Date().toISOString().slice(0, 10)):
Promise<{ asOf: string; source: PreparedAnalytics['asOfSource'] }> {
  if (settings.asOf) return { asOf: settings.asOf, source: 'settings' };
  const latest = scalar(await qm.query(latestDataDateSql(today), { cache: false }));
  if (typeof latest === 'string') return { asOf: latest, source: 'data' };
  return { asOf: today, source: 'today' };
}

/**
 * Builds, once per dataset and settings change, every per-customer table the panels read:
 * cw_customer_facts, cw_customer_status, cw_customer_spells, cw_customer_rfm,
 * cw_customer_value_tier and cw_analytics_meta (rule, bases, fitted BG/NBD and Gamma-Gamma).
 * Re-run it when the data, the as-of date or any status setting (rule, windows, thresholds,
 * period) changes; compute* functions only read.
 */
export async function prepareAnalytics(qm: QueryManager, settings: AnalyticsSettings, options: { today?: string } = {}): Promise<PreparedAnalytics> {
  const notes: string[] = [];
  const { asOf, source } = await resolveAsOf(qm, settings, options.today);
  if (source === 'today') notes.push(`the data has no dates; as-of = today (${asOf})`);
  await buildCustomerFacts(qm, asOf);
  const presence = toRows<DataPresence>(await qm.query(dataPresenceSql(asOf), { cache: false }))[0];

  const pick = pickChurnRule(presence, settings);
  let rule = pick.rule;
  let ruleReason = pick.reason;
  if (pick.note) notes.push(pick.note);

  const fittable = presence.repeatBuyers >= MIN_REPEAT_BUYERS_FOR_FIT;
  if (presence.repeatBuyers > 0 && !fittable) {
    notes.push(`${presence.repeatBuyers} repeat customers are too few to fit BG/NBD and Gamma-Gamma (at least ${MIN_REPEAT_BUYERS_FOR_FIT})`);
  }
  const bgnbd = fittable ? await fitBgNbdFromFacts(qm) : null;
  const gammaGamma = fittable ? await fitGammaGammaFromOrders(qm, asOf) : null;
  if (bgnbd && !bgnbd.converged) notes.push('the BG/NBD fit did not fully converge');
  if (rule === 'model' && !bgnbd) {
    rule = 'rule';
    ruleReason = 'BG/NBD could not be fitted; silent/churn windows';
    notes.push('model mode needs a BG/NBD fit; using the rule windows');
  }
  const periodBasis = periodBasisFor(rule, presence);
  const valueBasis = valueBasisFor(presence);
  const resolved: ResolvedSettings = { ...settings, asOf };

  await qm.exec(buildStatusSql({ asOf, rule, settings: resolved, bgnbd, valueBasis }));
  await qm.exec(buildSpellsSql(periodBasis, asOf));
  await qm.exec(buildRfmSql());
  await qm.exec(buildValueTierSql(valueBasis, asOf));
  const meta: Record<string, MetaValue> = {
    asOf, asOfSource: source, churnRule: rule, ruleReason, periodBasis, valueBasis, ...modelMetaEntries(bgnbd, gammaGamma),
  };
  await qm.exec(writeMetaSql(meta));
  return { asOf, asOfSource: source, churnRule: rule, ruleReason, periodBasis, valueBasis, presence, bgnbd, gammaGamma, settings: resolved, notes };
}

/** The decisions prepareAnalytics recorded (throws when it has not run on this engine). */
export async function readPrepared(qm: QueryManager): Promise<{ asOf: string; churnRule: ChurnRule; periodBasis: PeriodBasis; valueBasis: ValueBasis; meta: Record<string, MetaValue> }> {
  const meta = await readMeta(qm);
  if (typeof meta.asOf !== 'string') throw new Error('prepareAnalytics has not run on this engine');
  return {
    asOf: meta.asOf,
    churnRule: meta.churnRule as ChurnRule,
    periodBasis: (meta.periodBasis ?? null) as PeriodBasis,
    valueBasis: (meta.valueBasis ?? null) as ValueBasis,
    meta,
  };
}
