import { auc } from '../models/auc';
import { fitLogistic, predictLogistic, type LogisticModel } from '../models/logistic';
import { fnv1a32 } from './split';
import type { SnapshotDesign } from './snapshotFeatures';

/** Folds of the out-of-fold probabilities. */
export const SNAPSHOT_FOLDS = 5;
/** Ridge penalty on the standardised coefficients (as the hold-out evaluation, evaluate.ts). */
const L2 = 1;
/** Reasons kept per customer. */
const MAX_REASONS = 3;
/** A factor is a reason only when it raises the log-odds by at least this much over the average customer. */
export const MIN_REASON_LOGIT = 0.1;

/** A customer's fold: the same customer always lands in the same one (FNV-1a of the id). */
export function foldOf(customerId: string): number {
  return fnv1a32(customerId) % SNAPSHOT_FOLDS;
}

/** One reason: the factor and the customer's own value of it, with its log-odds contribution. */
export interface FactorReason {
  factor: string;
  kind: 'num' | 'cat';
  value: number | string;
  /** A number above the training mean (false for categories). */
  high: boolean;
  logit: number;
}

/** A model column's weight on the standardised scale, from the fit on every labelled customer. */
export interface FactorWeight {
  factor: string;
  /** The category level, null for a number. */
  level: string | null;
  standardized: number;
}

/** Out-of-fold scores of every labelled customer, and the full fit's weights. */
export interface SnapshotScores {
  ids: string[];
  /** Out-of-fold P(churn); NaN for customers without a label (they are not scored). */
  p: Float64Array;
  reasons: FactorReason[][];
  /** AUC of the out-of-fold probabilities against the labels. */
  auc: number | null;
  labelled: number;
  churned: number;
  weights: FactorWeight[];
}

function rowsOf(values: Float64Array, rows: number[]): Float64Array {
  return Float64Array.from(rows, (r) => values[r]);
}

/** Per factor, the log-odds the customer's values add over the training mean: coefficient x (x - mean), summed over a category's levels. */
function contributions(model: LogisticModel, design: SnapshotDesign, i: number): number[] {
  const out = new Array<number>(design.factors.length).fill(0);
  design.columns.forEach((c, j) => {
    const v = c.values[i];
    if (Number.isFinite(v)) out[c.factor] += model.coefficients[j] * (v - model.means[j]);
  });
  return out;
}

function reasonsFor(model: LogisticModel, design: SnapshotDesign, i: number): FactorReason[] {
  return contributions(model, design, i)
    .map((logit, f) => ({ logit, f }))
    .filter((x) => x.logit >= MIN_REASON_LOGIT)
    .sort((a, b) => b.logit - a.logit || a.f - b.f)
    .slice(0, MAX_REASONS)
    .map(({ logit, f }) => {
      const factor = design.factors[f];
      const column = design.columns.findIndex((c) => c.factor === f);
      const high = factor.kind === 'num' && (factor.values[i] as number) > model.means[column];
      return { factor: factor.name, kind: factor.kind, value: factor.values[i], high, logit };
    });
}

/**
 * Fits the L2 logistic regression (models/logistic.ts) on the labelled customers in
 * SNAPSHOT_FOLDS folds by id hash: each customer is scored by the model fitted on the other
 * folds, so its own label never scores it. Its reasons are that model's largest positive
 * contributions. The weights come from one more fit on every labelled customer.
 */
export function scoreSnapshot(design: SnapshotDesign): SnapshotScores {
  const n = design.ids.length;
  const labelled: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(design.labels[i])) labelled.push(i);
  const folds = design.ids.map(foldOf);
  const p = new Float64Array(n).fill(Number.NaN);
  const reasons: FactorReason[][] = design.ids.map(() => []);
  const fit = (rows: number[]) => fitLogistic(design.columns.map((c) => rowsOf(c.values, rows)), rowsOf(design.labels, rows), { l2: L2 });
  for (let k = 0; k < SNAPSHOT_FOLDS; k++) {
    const model = fit(labelled.filter((i) => folds[i] !== k));
    const rows = labelled.filter((i) => folds[i] === k);
    const scored = predictLogistic(model, design.columns.map((c) => rowsOf(c.values, rows)));
    rows.forEach((i, r) => {
      p[i] = scored[r];
      reasons[i] = reasonsFor(model, design, i);
    });
  }
  const full = fit(labelled);
  const churned = labelled.filter((i) => design.labels[i] === 1).length;
  return {
    ids: design.ids,
    p,
    reasons,
    auc: auc(rowsOf(p, labelled), rowsOf(design.labels, labelled)),
    labelled: labelled.length,
    churned,
    weights: design.columns.map((c, j) => ({ factor: design.factors[c.factor].name, level: c.level, standardized: full.standardized.coefficients[j] })),
  };
}
