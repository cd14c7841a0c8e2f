import type { HealthWeights } from '../settings';
import { SCREEN_TABLES } from '../common/tableNames';

/** One health signal of metrics.md section 6; the key is its weight's name in settings. */
export type SignalKey = keyof HealthWeights;

/** How a signal appears in the tables and the reasons. */
export interface SignalSpec {
  key: SignalKey;
  /** Sub-score column (0..1, 1 = healthy) in cw_risk_signals and cw_customer_risk. */
  column: string;
  /** Reason code emitted when this signal pulls the score down. */
  reason: string;
}

/** The signals in tie-break order (earlier wins when two reasons weigh the same). */
export const SIGNALS: readonly SignalSpec[] = [
  { key: 'recency', column: 'sub_recency', reason: 'recency' },
  { key: 'frequencyTrend', column: 'sub_frequency', reason: 'frequency-drop' },
  { key: 'monetaryTrend', column: 'sub_monetary', reason: 'monetary-drop' },
  { key: 'complaints', column: 'sub_complaints', reason: 'complaints' },
  { key: 'serviceFailures', column: 'sub_service', reason: 'service-failures' },
  { key: 'nps', column: 'sub_nps', reason: 'nps' },
  { key: 'usageTrend', column: 'sub_usage', reason: 'usage-drop' },
];

/** Per-customer signals table: raw inputs and sub-scores. */
export const RISK_SIGNALS_TABLE = SCREEN_TABLES.riskSignals;
/** Per-customer risk table: score, tier, sub-scores and top three reasons. */
export const CUSTOMER_RISK_TABLE = SCREEN_TABLES.customerRisk;

/** A signal's reason shows only when its sub-score is at most this (smaller dips are noise). */
export const REASON_MAX_SUBSCORE = 0.9;
/** Complaints look back this many days (2+ in the window = repeated). */
export const COMPLAINT_WINDOW_DAYS = 30;
/** Service failures look back this many days. */
export const SERVICE_WINDOW_DAYS = 90;
/** NPS / satisfaction answers older than this no longer describe the customer. */
export const SENTIMENT_WINDOW_DAYS = 365;
/** A ticket with no first response after this many hours is a service failure... */
export const UNANSWERED_HOURS = 48;
/** ...and one answered after this many (but within UNANSWERED_HOURS) is a slow response. */
export const SLOW_RESPONSE_HOURS = 24;
