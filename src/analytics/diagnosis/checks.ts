/**
 * The five analysis pitfalls of product.md "Diagnosis", each checked on the user's own figures and
 * returned as a structured finding (findingText.ts puts it in words). Pure functions: the inputs
 * come from the structural, status, service, RFM and risk families.
 */
import type { Backtest } from '../backtest/computeBacktest';
import { currentDefinition } from '../backtest/pickDefinition';
import type { AliveModel, ChurnRule } from '../settings';

export type CheckCode = 'structural-hidden' | 'silent-as-lost' | 'service-before-churn' | 'one-size-fits-all' | 'single-signal' | 'backtest-churned';
/** flag = the pitfall bites on this data; ok = checked and fine; na = the data cannot tell. */
export type FindingStatus = 'flag' | 'ok' | 'na';

/** One check's result: its code, status and the figures behind it. */
export interface Finding {
  check: CheckCode;
  status: FindingStatus;
  params: Record<string, number | string | null>;
}

/** A structural churn row (metrics.md section 3) as the structural family reports it (extra keys ignored). */
export interface StructuralRow {
  dimension: string;
  value: string;
  customers: number;
  churned: number;
  rate: number | null;
  lift: number | null;
}

/** Thresholds of the checks (documented defaults). */
export const DIAGNOSIS_THRESHOLDS = {
  /** A segment churning at this multiple of the overall rate is structural churn. */
  structuralLift: 1.5,
  /** Segments smaller than this many customers (or 2% of all) are noise. */
  minSegmentCustomers: 20,
  minSegmentShare: 0.02,
  /** Share of rule-churned customers still alive that makes the rule misleading. */
  silentShare: 0.1,
  /** Churned share of repeated complaints at least this, and this multiple of the retained share. */
  serviceMinShare: 0.1,
  serviceLift: 2,
  /** Max/min churn rate ratio across value tiers. */
  tierRatio: 2,
  minTierCustomers: 10,
  /** AUC points the multi-signal warning must gain over the best single signal to matter. */
  aucGain: 0.02,
  /** Share of the customers called churned at T0 who came back by the as-of date that flags the definition. */
  backtestReturnShare: 0.2,
} as const;

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const HIGH_VALUE = /高价值|high[ -]?value/i;
/**
 * Dimensions that restate churn itself (RFM segments are cut on recency, the churn rule's own
 * input): "Lost churns at 70%" is true but no structural finding.
 */
const TAUTOLOGICAL_DIMENSION = /rfm|status|churn|流失|状态/i;

/** Structural churn hidden by a normal overall rate: the segment churning most above the overall rate (a high-value tier first). */
export function checkStructuralHidden(rows: readonly StructuralRow[] | null, overallRate?: number): Finding {
  const check = 'structural-hidden';
  if (!rows || rows.length === 0) return { check, status: 'na', params: {} };
  let overall = overallRate;
  if (overall === undefined) {
    const first = rows.filter((r) => r.dimension === rows[0].dimension);
    const customers = first.reduce((s, r) => s + r.customers, 0);
    overall = customers > 0 ? first.reduce((s, r) => s + r.churned, 0) / customers : 0;
  }
  const total = Math.max(...[...new Set(rows.map((r) => r.dimension))].map((d) =>
    rows.filter((r) => r.dimension === d).reduce((s, r) => s + r.customers, 0)));
  const minCustomers = Math.max(DIAGNOSIS_THRESHOLDS.minSegmentCustomers, DIAGNOSIS_THRESHOLDS.minSegmentShare * total);
  const eligible = rows
    .filter((r) => !TAUTOLOGICAL_DIMENSION.test(r.dimension))
    .filter((r) => r.customers >= minCustomers && r.rate !== null && r.lift !== null && Number.isFinite(r.lift))
    .map((r) => ({ ...r, rate: r.rate as number, lift: r.lift as number }));
  if (eligible.length === 0) return { check, status: 'na', params: { overall: round4(overall) } };
  const byLift = eligible.sort((a, b) => b.lift - a.lift || b.customers - a.customers);
  // The seeds' case first: a high-value tier churning above the rest is what the screen must call out.
  const highValue = byLift.find((r) => HIGH_VALUE.test(r.value) && r.lift >= DIAGNOSIS_THRESHOLDS.structuralLift);
  const top = highValue ?? byLift[0];
  return {
    check,
    status: top.lift >= DIAGNOSIS_THRESHOLDS.structuralLift ? 'flag' : 'ok',
    params: {
      dimension: top.dimension, value: top.value, customers: top.customers,
      rate: round4(top.rate), overall: round4(overall), lift: round4(top.lift),
    },
  };
}

/** Counts behind the silent-as-lost check. */
export interface SilentCounts {
  /** Customers churned by the rule (no purchase for W2 days, or the rule-mode status). */
  ruleChurned: number;
  /** Of those, how many have a P(alive). */
  withPAlive: number;
  /** Of those, P(alive) >= threshold (at least silent by the model). */
  stillAlive: number;
  threshold: number;
  /** W2 in days when the rule was applied here; null when the status table's rule was used. */
  churnDays: number | null;
}

/** Silent customers counted as lost: how many rule-churned customers the BG/NBD model still sees alive. */
export function checkSilentAsLost(c: SilentCounts | null): Finding {
  const check = 'silent-as-lost';
  if (!c || c.ruleChurned === 0 || c.withPAlive === 0) return { check, status: 'na', params: {} };
  const share = c.stillAlive / c.withPAlive;
  return {
    check,
    status: share >= DIAGNOSIS_THRESHOLDS.silentShare ? 'flag' : 'ok',
    params: { ruleChurned: c.withPAlive, stillAlive: c.stillAlive, share: round4(share), threshold: c.threshold, churnDays: c.churnDays },
  };
}

/** The service comparison (service family) as this check needs it. */
export interface ServiceShares {
  windowDays: number;
  minComplaints: number;
  churned: { customers: number; share: number | null };
  retained: { customers: number; share: number | null };
}

/** Service failures before churn: repeated complaints before churn vs the retained baseline. */
export function checkServiceBeforeChurn(s: ServiceShares | null): Finding {
  const check = 'service-before-churn';
  if (!s || s.churned.share === null || s.retained.share === null) return { check, status: 'na', params: {} };
  const churned = s.churned.share;
  const retained = s.retained.share;
  const lift = retained > 0 ? round4(churned / retained) : null;
  const strong = retained === 0 ? churned > 0 : churned / retained >= DIAGNOSIS_THRESHOLDS.serviceLift;
  return {
    check,
    status: churned >= DIAGNOSIS_THRESHOLDS.serviceMinShare && strong ? 'flag' : 'ok',
    params: { churnedShare: churned, retainedShare: retained, lift, windowDays: s.windowDays, minComplaints: s.minComplaints },
  };
}

/** Churn per value tier. */
export interface TierChurn {
  tier: string;
  customers: number;
  churned: number;
}

/** One-size-fits-all plays: value tiers whose churn rates differ by a large factor. */
export function checkOneSizeFitsAll(tiers: readonly TierChurn[] | null): Finding {
  const check = 'one-size-fits-all';
  const eligible = (tiers ?? [])
    .filter((t) => t.customers >= DIAGNOSIS_THRESHOLDS.minTierCustomers)
    .map((t) => ({ ...t, rate: t.churned / t.customers }))
    .sort((a, b) => b.rate - a.rate || a.tier.localeCompare(b.tier));
  if (eligible.length < 2) return { check, status: 'na', params: {} };
  const hi = eligible[0];
  const lo = eligible[eligible.length - 1];
  const ratio = lo.rate > 0 ? round4(hi.rate / lo.rate) : null;
  const differs = lo.rate > 0 ? hi.rate / lo.rate >= DIAGNOSIS_THRESHOLDS.tierRatio : hi.rate > 0;
  return {
    check,
    status: differs ? 'flag' : 'ok',
    params: { highTier: hi.tier, highRate: round4(hi.rate), lowTier: lo.tier, lowRate: round4(lo.rate), ratio },
  };
}

/** Single-signal warning: the multi-signal AUC against the best single signal's. */
export function checkSingleSignal(
  multi: { auc: number | null; source: 'rules' | 'model' } | null,
  best: { signal: string; auc: number } | null,
): Finding {
  const check = 'single-signal';
  if (!multi || multi.auc === null || !best) return { check, status: 'na', params: {} };
  const gain = round4(multi.auc - best.auc);
  return {
    check,
    status: gain >= DIAGNOSIS_THRESHOLDS.aucGain ? 'flag' : 'ok',
    params: { multiAuc: multi.auc, source: multi.source, signal: best.signal, singleAuc: best.auc, gain },
  };
}

/**
 * The back-test in one finding (src/analytics/README.md "Back-test"): of the customers the current
 * definition called churned at T0 (as-of minus the horizon), how many came back by the as-of date.
 * Flag when at least DIAGNOSIS_THRESHOLDS.backtestReturnShare of them did. Null when there is no
 * back-test, the current definition was not back-tested (labels), or it called nobody churned at T0.
 */
export function checkBacktestChurned(bt: Backtest | null, rule: ChurnRule, aliveModel: AliveModel = 'bgnbd', chosen = false): Finding | null {
  if (!bt) return null;
  const def = currentDefinition(rule, bt, aliveModel);
  const churned = def?.classes.find((c) => c.status === 'churned');
  if (!def || !churned || churned.customers === 0) return null;
  return {
    check: 'backtest-churned',
    status: churned.share >= DIAGNOSIS_THRESHOLDS.backtestReturnShare ? 'flag' : 'ok',
    params: {
      definition: def.name, horizonDays: bt.horizonDays, t0: bt.t0, customers: churned.customers, cameBack: churned.cameBack, share: round4(churned.share),
      ...(chosen ? { chosen: 1 } : {}),
    },
  };
}
