import type { AnalyticsSettings, HealthWeights } from '../../analytics/settings';

type FlatKey = Exclude<keyof AnalyticsSettings, 'healthWeights' | 'segmentWindows' | 'definitionPick'>;
/** A setting the panel edits: a top-level key or one health-score weight. */
export type FieldKey = FlatKey | `healthWeights.${keyof HealthWeights}`;

/** How one setting is shown, parsed and range-checked in the settings panel. */
export interface SettingField {
  key: FieldKey;
  group: 'churn' | 'health' | 'alerts' | 'value';
  kind: 'number' | 'date' | 'select' | 'text';
  /** Select choices; '' stands for null (automatic). */
  options?: readonly string[];
  /** Empty input means null (e.g. as-of = latest date in the data). */
  nullable?: boolean;
  integer?: boolean;
  min?: number;
  max?: number;
  /** Stored as a fraction, shown and typed as a percentage. */
  percent?: boolean;
}

const days = { kind: 'number', integer: true, min: 1, max: 3650 } as const;
const prob = { kind: 'number', min: 0, max: 1 } as const;
const score = { kind: 'number', min: 0, max: 100 } as const;
const WEIGHTS: (keyof HealthWeights)[] = ['recency', 'frequencyTrend', 'monetaryTrend', 'complaints', 'serviceFailures', 'nps', 'usageTrend'];

/** Every setting that changes a number on the screen, in display order. */
export const SETTING_FIELDS: SettingField[] = [
  { key: 'asOf', group: 'churn', kind: 'date', nullable: true },
  { key: 'period', group: 'churn', kind: 'select', options: ['week', 'month', 'quarter', 'year'] },
  { key: 'churnRule', group: 'churn', kind: 'select', options: ['', 'labeled', 'contractual', 'rule', 'model'], nullable: true },
  { key: 'aliveModel', group: 'churn', kind: 'select', options: ['', 'bgnbd', 'paretoNbd'], nullable: true },
  { key: 'silentDays', group: 'churn', ...days, nullable: true },
  { key: 'minSilentDays', group: 'churn', ...days },
  { key: 'churnDays', group: 'churn', ...days },
  { key: 'pAliveActive', group: 'churn', ...prob },
  { key: 'pAliveChurned', group: 'churn', ...prob },
  { key: 'modelMinRepeatCustomers', group: 'churn', kind: 'number', integer: true, min: 1, max: 10_000_000 },
  ...WEIGHTS.map((w): SettingField => ({ key: `healthWeights.${w}`, group: 'health', ...score })),
  { key: 'redBelow', group: 'health', ...score },
  { key: 'greenAbove', group: 'health', ...score },
  { key: 'modelRedAt', group: 'health', ...prob },
  { key: 'modelAmberAt', group: 'health', ...prob },
  { key: 'churnAlertThreshold', group: 'alerts', kind: 'number', min: 0, max: 100, percent: true },
  { key: 'renewalWarningDays', group: 'alerts', kind: 'number', integer: true, min: 0, max: 365 },
  { key: 'currency', group: 'value', kind: 'text' },
  { key: 'clvHorizonMonths', group: 'value', kind: 'number', integer: true, min: 1, max: 240 },
  { key: 'clvAnnualDiscountRate', group: 'value', kind: 'number', min: 0, max: 100, percent: true },
];

function weightKey(key: FieldKey): keyof HealthWeights | null {
  return key.startsWith('healthWeights.') ? (key.slice('healthWeights.'.length) as keyof HealthWeights) : null;
}

/** The i18n keys of a field's label and one-line explanation. */
export function fieldText(key: FieldKey): { label: string; help: string } {
  const w = weightKey(key);
  return w ? { label: `signal.${w}`, help: `settings.weightHelp.${w}` } : { label: `settings.label.${key}`, help: `settings.help.${key}` };
}

/** The stored value of a field. */
export function fieldValue(s: AnalyticsSettings, key: FieldKey): unknown {
  const w = weightKey(key);
  return w ? s.healthWeights[w] : s[key as FlatKey];
}

/** The text an input shows for a field's stored value. */
export function displayValue(s: AnalyticsSettings, f: SettingField): string {
  const v = fieldValue(s, f.key);
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && f.percent) return String(+(v * 100).toFixed(6));
  return String(v);
}

/** The store patch that sets one field (weights are replaced as a whole object). */
export function patchFor(s: AnalyticsSettings, key: FieldKey, value: unknown): Partial<AnalyticsSettings> {
  const w = weightKey(key);
  if (w) return { healthWeights: { ...s.healthWeights, [w]: value as number } };
  return { [key]: value } as Partial<AnalyticsSettings>;
}
