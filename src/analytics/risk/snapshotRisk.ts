import type { QueryManager } from '../../engine/queryManager';
import { lit } from '../../engine/sql';
import { writeTable } from '../common/writeTable';
import { loadSnapshotDesign } from './snapshotFeatures';
import { scoreSnapshot, SNAPSHOT_FOLDS, type FactorWeight } from './snapshotModel';
import { CUSTOMER_RISK_TABLE, SIGNALS } from './signals';

/** Per labelled customer: out-of-fold P(churn) and up to three reasons (code 'model-factor'). */
export const RISK_MODEL_SCORES_TABLE = 'cw_risk_model_scores';
/** Reason code of a model factor (reasons.ts formats it). */
export const MODEL_FACTOR_REASON = 'model-factor';

/**
 * Tiers only from a model whose out-of-fold AUC reaches this: below it the model barely ranks
 * churners above stayers, and red/amber/green would look like a warning without being one.
 */
export const MIN_TIER_AUC = 0.6;

/** What the snapshot model found: its cut-offs, its out-of-fold AUC and its weights. */
export interface SnapshotRiskModel {
  folds: number;
  /** Customers scored (every customer with a label) and the churned among them. */
  labelled: number;
  churned: number;
  auc: number | null;
  /** Red at P >= red; amber at P >= amber; green below. */
  cutoffs: { red: number; amber: number };
  factors: string[];
  weights: FactorWeight[];
}

/** SQL: cw_customer_risk from the model scores, shaped as the health score's (sub-scores NULL). */
function customerRiskSql(cutoffs: SnapshotRiskModel['cutoffs']): string {
  const reasons = [1, 2, 3].map((k) => `reason${k}, reason${k}_params`).join(', ');
  return `CREATE OR REPLACE TABLE ${CUSTOMER_RISK_TABLE} AS
SELECT customer_id, round(100 * (1 - p), 1) AS score,
  CASE WHEN p IS NULL THEN NULL WHEN p >= ${lit(cutoffs.red)} THEN 'red' WHEN p >= ${lit(cutoffs.amber)} THEN 'amber' ELSE 'green' END AS tier,
  ${SIGNALS.map((s) => `CAST(NULL AS DOUBLE) AS ${s.column}`).join(', ')},
  ${reasons}
FROM ${RISK_MODEL_SCORES_TABLE}`;
}

/**
 * For a label-only snapshot: fits the logistic model on the labels with out-of-fold scores
 * (snapshotModel.ts), writes them to cw_risk_model_scores and rebuilds cw_customer_risk from
 * them: score = 100 x (1 - P(churn)) so lower is riskier as for the health score, tiers by the
 * cut-offs (settings modelRedAt, modelAmberAt), reasons from the factors. No model (tables
 * untouched, with a note) when the labels hold one class, no customer column can be a factor, or
 * the out-of-fold AUC is below MIN_TIER_AUC.
 */
export async function buildSnapshotRisk(qm: QueryManager, cutoffs: SnapshotRiskModel['cutoffs']): Promise<{ model: SnapshotRiskModel | null; note: string | null }> {
  const design = await loadSnapshotDesign(qm);
  if (design.columns.length === 0) return { model: null, note: 'Labels but no customer column to model them: no risk tiers.' };
  const scores = scoreSnapshot(design);
  if (scores.churned === 0 || scores.churned === scores.labelled) return { model: null, note: null };
  if (scores.auc === null || scores.auc < MIN_TIER_AUC) {
    const auc = scores.auc === null ? 'none' : scores.auc.toFixed(3);
    return { model: null, note: `The model on the churn labels barely ranks churners first (out-of-fold AUC ${auc} < ${MIN_TIER_AUC}): no risk tiers.` };
  }
  const reason = (k: number) => scores.reasons.map((r) => (r[k] ? MODEL_FACTOR_REASON : null));
  const params = (k: number) => scores.reasons.map((r) => (r[k]
    ? JSON.stringify({ factor: r[k].factor, kind: r[k].kind, value: r[k].value, high: r[k].high, logit: Math.round(r[k].logit * 1000) / 1000 })
    : null));
  await writeTable(qm, RISK_MODEL_SCORES_TABLE, {
    customer_id: scores.ids,
    p: scores.p,
    reason1: reason(0), reason1_params: params(0),
    reason2: reason(1), reason2_params: params(1),
    reason3: reason(2), reason3_params: params(2),
  });
  await qm.exec(customerRiskSql(cutoffs));
  return { model: {
    folds: SNAPSHOT_FOLDS,
    labelled: scores.labelled,
    churned: scores.churned,
    auc: scores.auc === null ? null : Math.round(scores.auc * 1e4) / 1e4,
    cutoffs,
    factors: design.factors.map((f) => f.name),
    weights: scores.weights,
  }, note: null };
}
