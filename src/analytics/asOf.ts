import type { QueryManager } from '../engine/queryManager';
import { scalar } from '../engine/rows';
import type { AnalyticsSettings } from './settings';
import { latestDataDateSql } from './facts/customerFacts';

/** The as-of date: settings.asOf, else the latest date in the data, else `today` (a dateless snapshot). */
export async function resolveAsOf(qm: QueryManager, settings: AnalyticsSettings, today: string = new Date().toISOString().slice(0, 10)):
Promise<{ asOf: string; source: 'settings' | 'data' | 'today' }> {
  if (settings.asOf) return { asOf: settings.asOf, source: 'settings' };
  const latest = scalar(await qm.query(latestDataDateSql(today), { cache: false }));
  if (typeof latest === 'string') return { asOf: latest, source: 'data' };
  return { asOf: today, source: 'today' };
}
