import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { HealthWeights } from '../settings';
import { availableSignals, detectSignalSources, effectiveWeights, type SignalSources } from './availability';
import type { Computed, ResolvedSettings } from './computed';
import { evaluateWarning, type WarningEvaluation } from './evaluate';
import { detectLabelSource, STATUS_TABLE, type LabelSource } from './labels';
import { numericAttributes, signalModelInputs, snapshotModelInputs, type ModelInputs } from './modelInputs';
import { buildCustomerRiskSql } from './scoreSql';
import { CUSTOMER_RISK_TABLE, SIGNALS, type SignalKey } from './signals';
import { buildRiskSignalsSql } from './signalsSql';
import { ensureFacts, tableColumns } from './tables';
import { tableExists } from '../common/meta';
import type { SnapshotRiskModel } from './snapshotRisk';
import { SCREEN_TABLES, type DerivedTables } from '../common/tableNames';

/** The risk object of the analyze contract, plus what the diagnosis and the screen need. */
export interface RiskSummary {
  /** Customers per tier, leaving out those cw_customer_status already calls churned. */
  red: number | null;
  amber: number | null;
  green: number | null;
  /** Customers with a score (some signal applies to them). */
  scored: number;
  auc: { rules: number | null; model: number | null };
  /** Signals the data supports, and the weights in force (0 = dropped out). */
  signals: SignalKey[];
  weights: HealthWeights;
  /** Best single model input by out-of-sample AUC (the "single-signal warning" diagnosis). */
  bestSignal: { signal: string; auc: number } | null;
  /**
   * The tiers' source when there is no health score: the logistic model fitted on the labels,
   * scored out of fold (snapshotRisk.ts); null when the tiers are the health score's (or absent).
   */
  tierModel: SnapshotRiskModel | null;
  evaluation: (Omit<WarningEvaluation, 'rules' | 'model' | 'bestSingle'> & {
    labelSource: LabelSource;
    mode: 'signals' | 'snapshot';
  }) | null;
}

const MISSING_WHY: Record<SignalKey, string> = {
  recency: 'no orders or activity',
  frequencyTrend: 'no orders or activity',
  monetaryTrend: 'no orders',
  complaints: 'no tickets with a type',
  serviceFailures: 'no ticket response times',
  nps: 'no NPS answers or ticket satisfaction',
  usageTrend: 'no activity',
};

/** What building the risk tables found: the signal sources, which signals are available, the weights used. */
export interface RiskTables {
  sources: SignalSources;
  available: Record<SignalKey, boolean>;
  weights: HealthWeights;
}

/**
 * Builds cw_risk_signals and cw_customer_risk for the as-of date; returns what was available.
 * Other `tables` (the back-test's) read their own facts table, which must exist already.
 */
export async function buildRiskTables(qm: QueryManager, settings: ResolvedSettings, tables: DerivedTables = SCREEN_TABLES): Promise<RiskTables> {
  if (tables.facts === SCREEN_TABLES.facts) await ensureFacts(qm, settings.asOf);
  const sources = await detectSignalSources(qm, settings.asOf);
  const available = availableSignals(sources);
  const weights = effectiveWeights(settings.healthWeights, available);
  await qm.exec(buildRiskSignalsSql(settings.asOf, {
    available,
    activityTyped: sources.activityTyped > 0,
    minGapDays: settings.minSilentDays / 2,
  }, tables));
  await qm.exec(buildCustomerRiskSql({ weights, redBelow: settings.redBelow, greenAbove: settings.greenAbove }, tables));
  return { sources, available, weights };
}

/** Builds the risk tables unless cw_customer_risk already exists (triggers and diagnosis read it). */
export async function ensureRiskTables(qm: QueryManager, settings: ResolvedSettings): Promise<void> {
  if (!(await tableExists(qm, CUSTOMER_RISK_TABLE))) await buildRiskTables(qm, settings);
}

/**
 * Health scores, tiers and (where a churn label exists) the out-of-sample AUCs of the rule score
 * and of a logistic regression on the same signals (metrics.md section 6). With no behavioural
 * signal at all (a label-only snapshot), there is no score; the model then uses the numeric
 * customer columns so the AUC still says how predictable churn is.
 */
export async function computeRisk(qm: QueryManager, settings: ResolvedSettings, built?: RiskTables,
  tierModel: SnapshotRiskModel | null = null): Promise<Computed<RiskSummary>> {
  const notes: string[] = [];
  // The screen's build graph builds the tables in a step of their own (they do not read the
  // customer status, so a churn-window change need not rebuild them) and passes what it found.
  const { available, weights } = built ?? (await buildRiskTables(qm, settings));
  const used = SIGNALS.filter((s) => weights[s.key] > 0).map((s) => s.key);
  const dropped = SIGNALS.filter((s) => !available[s.key]);
  if (dropped.length > 0) {
    notes.push('Health signals left out: ' + dropped.map((s) => `${s.key} (${MISSING_WHY[s.key]})`).join(', ') + '.');
  }

  // Customers already lost are scored (the AUC needs them) but are no longer a warning.
  const withStatus = (await tableColumns(qm, STATUS_TABLE)).includes('status');
  const lost = withStatus
    ? `customer_id IN (SELECT customer_id FROM ${STATUS_TABLE} WHERE status = 'churned')`
    : 'false';
  const [counts] = toRows<{ red: number; amber: number; green: number; scored: number; lost: number }>(
    await qm.query(
      `SELECT count(*) FILTER (WHERE tier = 'red' AND NOT lost) AS red, count(*) FILTER (WHERE tier = 'amber' AND NOT lost) AS amber,
        count(*) FILTER (WHERE tier = 'green' AND NOT lost) AS green, count(score) AS scored, count(score) FILTER (WHERE lost) AS lost
       FROM (SELECT tier, score, ${lost} AS lost FROM ${CUSTOMER_RISK_TABLE})`,
      { cache: false },
    ),
  );
  const scored = Number(counts.scored);
  if (Number(counts.lost) > 0) notes.push(`Risk tiers count customers not yet churned: ${counts.lost} churned customers are left out.`);
  // Without signals the tiers can come from the model on the labels (built by the riskModel step).
  const model = used.length === 0 ? tierModel : null;
  const tiered = used.length > 0 || model !== null;
  if (!tiered) notes.push('No behavioural signals (orders, activity, tickets, NPS): no health score, so no risk tiers.');
  if (model) {
    notes.push(`No behavioural signals: risk tiers from the logistic model on the churn labels, scored out of fold (${model.folds} folds, AUC ${model.auc}).`);
  }

  const summary: RiskSummary = {
    red: tiered ? Number(counts.red) : null,
    amber: tiered ? Number(counts.amber) : null,
    green: tiered ? Number(counts.green) : null,
    scored,
    auc: { rules: null, model: null },
    signals: used,
    weights,
    bestSignal: null,
    tierModel: model,
    evaluation: null,
  };

  const labelSource = await detectLabelSource(qm);
  if (labelSource === null) {
    notes.push('No churn label (churn flag column or labeled status): AUCs not computed.');
    return { value: summary, notes };
  }
  let inputs: ModelInputs;
  let mode: 'signals' | 'snapshot';
  if (used.length > 0) {
    inputs = await signalModelInputs(qm, labelSource, used);
    mode = 'signals';
    notes.push(`Model features: the health signals ${used.join(', ')}; label from ${labelSource}.`);
  } else {
    const { attributes, monthlyValue } = await numericAttributes(qm);
    inputs = await snapshotModelInputs(qm, labelSource, attributes, monthlyValue);
    mode = 'snapshot';
    const names = inputs.features.map((f) => f.name);
    notes.push(
      names.length > 0
        ? `Label-only snapshot: the model uses the numeric customer columns ${names.join(', ')}; label from ${labelSource}.`
        : 'Label-only snapshot without numeric columns: no model.',
    );
  }
  const ev = evaluateWarning(inputs);
  summary.auc = { rules: ev.rules, model: ev.model };
  summary.bestSignal = ev.bestSingle ? { signal: ev.bestSingle.feature, auc: ev.bestSingle.auc } : null;
  summary.evaluation = {
    labelSource,
    mode,
    trainSize: ev.trainSize,
    testSize: ev.testSize,
    testChurned: ev.testChurned,
    singles: ev.singles,
    coefficients: ev.coefficients,
  };
  if (ev.model === null && ev.rules === null) notes.push('The held-out customers are all of one class: AUCs not computed.');
  return { value: summary, notes };
}
