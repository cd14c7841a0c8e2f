import type { AnalyticsSettings, SegmentWindows } from '../../analytics/settings';
import type { SettingField } from './settingFields';

/** A validation message: an i18n key under settings.error and its parameters. */
export interface SettingError {
  key: string;
  params?: Record<string, unknown>;
}

/** The outcome of parsing one input. */
export type ParseResult = { ok: true; value: unknown } | { ok: false; error: SettingError };

const DAYS: SettingField = { key: 'churnDays', group: 'churn', kind: 'number', integer: true, min: 1, max: 3650 };
const fail = (key: string, params?: Record<string, unknown>): ParseResult => ({ ok: false, error: { key: `settings.error.${key}`, params } });

function validDate(raw: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
  const d = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === raw;
}

/** Parses and range-checks what the user typed for one field (light validation, no cross-field rules). */
export function parseSetting(f: SettingField, input: string): ParseResult {
  const raw = input.trim();
  if (raw === '') return f.nullable ? { ok: true, value: null } : fail('required');
  if (f.kind === 'select') return f.options?.includes(raw) ? { ok: true, value: raw } : fail('choice');
  if (f.kind === 'date') return validDate(raw) ? { ok: true, value: raw } : fail('date');
  if (f.kind === 'text') return /^[A-Za-z]{3}$/.test(raw) ? { ok: true, value: raw.toUpperCase() } : fail('currency');
  const n = Number(raw);
  if (!Number.isFinite(n)) return fail('number');
  if (f.integer && !Number.isInteger(n)) return fail('integer');
  if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) return fail('range', { min: f.min, max: f.max });
  return { ok: true, value: f.percent ? n / 100 : n };
}

/** Rules between settings that a single field cannot check; null when the combination is fine. */
export function crossCheck(s: AnalyticsSettings): SettingError | null {
  if (s.silentDays !== null && s.silentDays >= s.churnDays) return { key: 'settings.error.silentBeforeChurn' };
  if (s.minSilentDays >= s.churnDays) return { key: 'settings.error.silentBeforeChurn' };
  if (s.pAliveChurned >= s.pAliveActive) return { key: 'settings.error.pAliveOrder' };
  if (s.redBelow >= s.greenAbove) return { key: 'settings.error.tierOrder' };
  if (s.modelAmberAt >= s.modelRedAt) return { key: 'settings.error.modelTierOrder' };
  if (Object.values(s.healthWeights).every((w) => w === 0)) return { key: 'settings.error.weightsZero' };
  return null;
}

/** Parses the add-row of the per-segment windows table (dimension and value required, W1 < W2). */
export function parseSegmentWindow(d: { dimension: string; value: string; silentDays: string; churnDays: string }): { ok: true; value: SegmentWindows } | { ok: false; error: SettingError } {
  const dimension = d.dimension.trim();
  const value = d.value.trim();
  if (!dimension || !value) return { ok: false, error: { key: 'settings.error.segmentRequired' } };
  const w1 = parseSetting(DAYS, d.silentDays);
  const w2 = parseSetting(DAYS, d.churnDays);
  if (!w1.ok) return w1;
  if (!w2.ok) return w2;
  const silentDays = w1.value as number;
  const churnDays = w2.value as number;
  if (silentDays >= churnDays) return { ok: false, error: { key: 'settings.error.silentBeforeChurn' } };
  return { ok: true, value: { dimension, value, silentDays, churnDays } };
}
