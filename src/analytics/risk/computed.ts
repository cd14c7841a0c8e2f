import type { AnalyticsSettings } from '../settings';

/**
 * What every `compute*` function of the risk, triggers, service, interventions and diagnosis
 * families returns: the JSON-ready value for the CLI/screen (null when the loaded data cannot
 * support it) and the notes that say why, or which inputs were used.
 */
export interface Computed<T> {
  value: T | null;
  notes: string[];
}

/** Settings with the as-of date resolved (compute functions never guess it). */
export type ResolvedSettings = AnalyticsSettings & { asOf: string };

/** The two screen languages. */
export type Lang = 'zh' | 'en';

/** A value for both languages at once, for JSON output. */
export interface Bilingual {
  zh: string;
  en: string;
}
