/**
 * Every setting metrics.md says a user can change, with its documented default.
 * Analytics functions take this object; the settings store (UI) and the CLI build it.
 */
export type Period = 'week' | 'month' | 'quarter' | 'year';
export type ChurnRule = 'labeled' | 'contractual' | 'rule' | 'model';
/** The P(alive) model of model mode (metrics.md sections 1 and 12). */
export type AliveModel = 'bgnbd' | 'paretoNbd';

/**
 * The non-contractual definition the back-test rated best on the current rows (metrics.md
 * sections 1 and 11; src/analytics/README.md "Choosing the default non-contractual definition by
 * the back-test"). Recorded, not chosen by the user: the app after its deferred back-test, the
 * CLI before status. `data` is the rows' version it was computed on (the app's generation; null
 * in the CLI), so new rows drop it.
 */
export interface DefinitionPick {
  name: 'rule' | AliveModel;
  /** Its back-test score: share of its active who came back - share of its churned who came back. */
  score: number;
  data: string | null;
}

export interface SegmentWindows {
  /** Which customer attribute the override applies to (e.g. 'industry', 'tier'). */
  dimension: string;
  value: string;
  /** Days without purchase before a customer is silent. */
  silentDays: number;
  /** Days without purchase before a customer is churned. */
  churnDays: number;
}

export interface HealthWeights {
  recency: number;
  frequencyTrend: number;
  monetaryTrend: number;
  complaints: number;
  serviceFailures: number;
  nps: number;
  usageTrend: number;
}

export interface AnalyticsSettings {
  /** ISO date; null = the latest date in the data. */
  asOf: string | null;
  period: Period;
  /** null = picked automatically from the loaded tables. */
  churnRule: ChurnRule | null;
  /** Model mode's P(alive) model; null = automatic (src/analytics/README.md "Status"). */
  aliveModel: AliveModel | null;
  /** The back-test's pick, the default definition when `churnRule` is null (not a user setting). */
  definitionPick: DefinitionPick | null;
  /** Rule mode W1: null = 2 x each customer's median inter-purchase gap, at least `minSilentDays`. */
  silentDays: number | null;
  minSilentDays: number;
  /** Rule mode W2. */
  churnDays: number;
  segmentWindows: SegmentWindows[];
  /** Model mode is the default when at least this many repeat customers exist. */
  modelMinRepeatCustomers: number;
  pAliveActive: number;
  pAliveChurned: number;
  healthWeights: HealthWeights;
  /** Score below = red; at or above `amberBelow`... see tierOf in analytics/risk. */
  redBelow: number;
  greenAbove: number;
  /**
   * A labelled snapshot's model tiers (no health score; metrics.md section 14): out-of-fold
   * P(churn) at or above `modelRedAt` is red, at or above `modelAmberAt` amber, below green.
   */
  modelRedAt: number;
  modelAmberAt: number;
  currency: string;
  /** CLV horizon in months and annual discount rate. */
  clvHorizonMonths: number;
  clvAnnualDiscountRate: number;
  /** Contractual 'silent': renewal (or contract end) due within this many days while risk signals show. */
  renewalWarningDays: number;
  /**
   * Alert threshold for the logo churn rate of one `period` (the trend's dashed line, the header
   * lamp): 0.05 = 5% of the customers at a period's start lost within it.
   */
  churnAlertThreshold: number;
}

export const DEFAULT_SETTINGS: AnalyticsSettings = {
  asOf: null,
  period: 'month',
  churnRule: null,
  aliveModel: null,
  definitionPick: null,
  silentDays: null,
  minSilentDays: 30,
  churnDays: 180,
  segmentWindows: [],
  modelMinRepeatCustomers: 500,
  pAliveActive: 0.7,
  pAliveChurned: 0.3,
  healthWeights: {
    recency: 25,
    frequencyTrend: 15,
    monetaryTrend: 15,
    complaints: 15,
    serviceFailures: 10,
    nps: 10,
    usageTrend: 10,
  },
  redBelow: 40,
  greenAbove: 70,
  modelRedAt: 0.5,
  modelAmberAt: 0.25,
  currency: 'CNY',
  clvHorizonMonths: 36,
  clvAnnualDiscountRate: 0.1,
  renewalWarningDays: 15,
  churnAlertThreshold: 0.05,
};
