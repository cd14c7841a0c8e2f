/**
 * The screen's data contract: what each panel receives (plain JSON, no Arrow) and the drill
 * filter every panel query takes. Builders in src/analytics/screen/ produce these; option
 * builders in src/components/chart/options/ and the panels consume them.
 */

/**
 * One drill step: customers whose `dimension` equals `value`. Dimensions:
 * - 'status' (active/silent/churned/new), 'risk_tier' (red/amber/green), 'value_tier' (高价值 ...),
 *   'rfm_segment' (Champions ...), 'region' | 'tier' | 'segment' | 'industry' | 'owner' | 'channel'
 *   (customer columns), 'tenure_band';
 * - 'cohort' (first-purchase period label, e.g. '2025-03'), 'churned_in' (period label: customers
 *   who churned in that period), 'trigger' (trigger kind);
 * - 'attr:<name>' for an extra column of a customer snapshot (e.g. 'attr:Contract').
 */
export interface DrillStep {
  dimension: string;
  value: string;
  /** What the breadcrumb shows, e.g. "区域: 华东". */
  label?: string;
}

/** The active drill path: every step must hold (AND). Empty = all customers. */
export type CustomerFilter = DrillStep[];

/** A number with what it is computed from, for hover text and drill lists. */
export interface Measure {
  value: number | null;
  /** The same measure one period earlier (for the change arrow). */
  previous: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** The KPI cards (product.md "KPI cards"). Null when the data cannot support the KPI. */
export interface KpiSet {
  asOf: string;
  period: string;
  customers: Measure;
  churnRate: Measure | null;
  /** Revenue churn (subscriptions, gross) or value churn (transactions). */
  revenueChurn: (Measure & { kind: 'gross-revenue' | 'value' }) | null;
  nrr: Measure | null;
  redCustomers: Measure | null;
  atRiskValue: Measure | null;
  /**
   * Set on a facts bundle's screen: the at-risk value is the red customers' trailing-12-month value,
   * as the bundle carries no CLV (contract version 1); the card says so.
   */
  atRiskBasis?: 'value_12m';
  winBackRate: Measure | null;
  /** Customers whose churn label is blank (labeled rule): in no rate, shown apart ("224 customers have no churn label"). */
  unlabeled?: number;
  /**
   * A labelled snapshot with no churn by period (metrics.md section 14): churn rate = labelled
   * churned / labelled customers, and value lost = churned customers' monthly value / all
   * labelled customers' monthly value (null without a monthly value column). Neither has a
   * previous value, and neither is a period rate (the lamp does not read them).
   */
  labelled?: { churnRate: Measure; valueLost: Measure | null };
  /**
   * The drill selects churners (the churn KPI's drill): the rate measures (churn rate, revenue or
   * value churn, NRR, the labelled rates) are the base's, the drill path without its churner steps.
   */
  ofBase?: boolean;
}

/** One point of the churn trend. */
export interface TrendPoint {
  period: string;
  start: number;
  churned: number;
  rate: number | null;
  valueChurnRate: number | null;
  partial: boolean;
}

export interface TrendData {
  points: TrendPoint[];
  /** Warning threshold for the logo churn rate (the dashed line). */
  threshold: number;
  /** Under a drill to churners: the base's trend (the drill path without its churner steps), as KpiSet.ofBase. */
  ofBase?: boolean;
}

/** One bar of structural churn (metrics.md section 3). */
export interface StructuralBar {
  dimension: string;
  value: string;
  customers: number;
  churned: number;
  rate: number | null;
  lift: number | null;
  valueShare: number | null;
  /** The high-value tier, called out on screen. */
  highlight: boolean;
  /** Composition mode: this value's share of the base (rate is then its share of the churners, churned/churnersTotal). */
  baseShare?: number | null;
  churnersTotal?: number;
}

export interface StructuralData {
  overallRate: number | null;
  /** Dimensions available, in display order; bars hold all of them. */
  dimensions: string[];
  bars: StructuralBar[];
  /** One-line call-outs (企业甲 / 企业乙 cases) in both languages. */
  callouts: { zh: string; en: string }[];
  /**
   * The drill selects churners: bars show the churners' composition against the base
   * (churnerComposition.ts), not churn rates that would all read 100%.
   */
  composition?: boolean;
}

/** One group of the driver panel: a dimension value (or numeric band) with its lift and model weight. */
export interface DriverRow {
  /** The drill dimension ('attr:Contract'), so a row is a DrillStep. */
  dimension: string;
  value: string;
  customers: number;
  churned: number;
  rate: number;
  /** rate / the overall rate. */
  lift: number;
  /** The model's standardised weight: of this value (a category), or of the column (a numeric band). */
  weight: number | null;
}

/** A model column ranked by weight: a category value (drillable) or a number (value null). */
export interface DriverWeight {
  dimension: string;
  value: string | null;
  weight: number;
}

/** The driver panel (流失驱动因素, metrics.md section 14): groups ranked by lift and model columns by weight. */
export interface DriversData {
  overallRate: number;
  byLift: DriverRow[];
  /** Empty when no model was fitted on the labels. */
  byWeight: DriverWeight[];
}

/** The tenure retention curve (Kaplan-Meier on tenure and the churn label, metrics.md section 14). */
export interface TenureCurveData {
  /** The tenure column's header. */
  attribute: string;
  points: { t: number; atRisk: number; churned: number; survival: number }[];
  /** The first tenure with S(t) <= 50%, null when the curve stays above. */
  median: number | null;
}

export interface CohortRow {
  cohort: string;
  size: number;
  /** N-period retention by period index (index 0 = 1). */
  retention: (number | null)[];
  /** Unbounded ("on or after") retention. */
  unbounded: (number | null)[];
  /**
   * Subscription cohorts: the sBG projection of the retained share (of size) for the periods after
   * the last observed one, up to the widest cohort shown; absent when not projected.
   */
  projected?: number[];
}

export interface RfmCell {
  segment: string;
  customers: number;
  value: number;
}

export interface RiskTierData {
  red: number;
  amber: number;
  green: number;
  /** The signals driving red/amber customers: how many have each as a top-3 reason. */
  topSignals: { signal: string; customers: number }[];
}

/** One row of the scrolling risk list and of the customer list. */
export interface CustomerRow {
  customer_id: string;
  name: string | null;
  status: string | null;
  risk_tier: string | null;
  score: number | null;
  /** Top reasons in words (current language chosen by the caller). */
  reasons: string[];
  owner: string | null;
  region: string | null;
  value_tier: string | null;
  /** The value tier that picks the play (screenTables.ts: a silent key account keeps 高价值). */
  play_tier: string | null;
  /** Net order value in the 12 months up to the last purchase (orders basis; else null). */
  value_before_silence: number | null;
  /** Trailing-12-month value. */
  value_12m: number | null;
  last_purchase: string | null;
  value: number | null;
  recommended_action: string | null;
}

export interface TriggerRow {
  kind: string;
  customer_id: string;
  name: string | null;
  due_date: string | null;
  reason: string;
  /** New since the previous refresh. */
  isNew: boolean;
}

export interface RegionBar {
  region: string;
  customers: number;
  churned: number;
  rate: number | null;
  red: number;
  atRiskValue: number | null;
  /** Composition mode (a drill to churners): rate is the region's share of the churners, baseShare its share of the base. */
  baseShare?: number | null;
  churnersTotal?: number;
}

export interface DiagnosisLine {
  check: string;
  status: 'flag' | 'ok' | 'na';
  text: string;
}

/** Everything on the customer 360 view. */
export interface Customer360 {
  row: CustomerRow;
  signupDate: string | null;
  firstSeen: string | null;
  pAlive: number | null;
  subScores: Record<string, number | null>;
  /** A labelled snapshot's out-of-fold P(churn) from the model on the labels (its tier's source); null otherwise. */
  pChurn: number | null;
  timeline: { date: string; kind: 'order' | 'ticket' | 'nps' | 'activity' | 'subscription' | 'intervention'; text: string; amount: number | null }[];
  attributes: { name: string; value: string }[];
  /**
   * Built from a facts bundle: the details of this view the bundle does not carry (contract
   * version 1 has no raw rows), which the view names instead of showing them empty. Absent otherwise.
   */
  notInBundle?: Customer360Detail[];
}

/** A detail of the customer 360 a facts bundle does not carry. */
export type Customer360Detail = 'timeline' | 'attributes' | 'clv' | 'valueBeforeSilence';
