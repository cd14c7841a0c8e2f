import { auc } from '../models/auc';
import { fitLogistic, predictLogistic } from '../models/logistic';
import { DEFAULT_TEST_SHARE, isHoldout } from './split';

/** One model input. direction: +1 larger = riskier, -1 smaller = riskier, 0 learn it on the training rows. */
export interface FeatureColumn {
  name: string;
  values: Float64Array;
  direction: 1 | -1 | 0;
}

/** Labeled customers, their model features and the rule risk to compare. */
export interface WarningInput {
  ids: string[];
  /** 1 = churned. */
  labels: Float64Array;
  features: FeatureColumn[];
  /** The rule score's risk (100 - health score), or null when there is no rule score. */
  ruleRisk: Float64Array | null;
  testShare?: number;
  l2?: number;
}

/** Out-of-sample comparison of the rule score, the logistic model and each single signal. */
export interface WarningEvaluation {
  trainSize: number;
  testSize: number;
  testChurned: number;
  /** AUC of 100 - score on the held-out customers. */
  rules: number | null;
  /** AUC of the logistic model fitted on the training customers, on the held-out ones. */
  model: number | null;
  singles: { feature: string; auc: number | null }[];
  bestSingle: { feature: string; auc: number } | null;
  coefficients: { feature: string; coefficient: number; standardized: number }[];
}

function subset(values: Float64Array, rows: number[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

function meanOf(values: Float64Array): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n > 0 ? s / n : 0;
}

function imputed(values: Float64Array, fill: number): Float64Array {
  return values.map((v) => (Number.isFinite(v) ? v : fill));
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

/**
 * Splits customers by id hash (split.ts), fits the logistic regression on the training side and
 * reports AUCs on the held-out side. A single signal is scored in its known direction, or in the
 * direction it has on the training side; missing values take the training mean (as in the model).
 */
export function evaluateWarning(input: WarningInput): WarningEvaluation {
  const testShare = input.testShare ?? DEFAULT_TEST_SHARE;
  const train: number[] = [];
  const test: number[] = [];
  input.ids.forEach((id, i) => {
    (isHoldout(id, testShare) ? test : train).push(i);
  });
  const yTrain = subset(input.labels, train);
  const yTest = subset(input.labels, test);
  const testChurned = yTest.reduce((s, v) => s + v, 0);

  const rules = input.ruleRisk ? auc(subset(input.ruleRisk, test), yTest) : null;

  const singles = input.features.map((f) => {
    const fill = meanOf(subset(f.values, train));
    const tr = imputed(subset(f.values, train), fill);
    let dir: number = f.direction;
    if (dir === 0) dir = (auc(tr, yTrain) ?? 0.5) >= 0.5 ? 1 : -1;
    const te = imputed(subset(f.values, test), fill).map((v) => dir * v);
    return { feature: f.name, auc: round4(auc(te, yTest)) };
  });
  let bestSingle: WarningEvaluation['bestSingle'] = null;
  for (const s of singles) if (s.auc !== null && (bestSingle === null || s.auc > bestSingle.auc)) bestSingle = { feature: s.feature, auc: s.auc };

  let model: number | null = null;
  let coefficients: WarningEvaluation['coefficients'] = [];
  const trainPositives = yTrain.reduce((s, v) => s + v, 0);
  if (input.features.length > 0 && trainPositives > 0 && trainPositives < yTrain.length) {
    const fit = fitLogistic(input.features.map((f) => subset(f.values, train)), yTrain, { l2: input.l2 ?? 1 });
    model = round4(auc(predictLogistic(fit, input.features.map((f) => subset(f.values, test))), yTest));
    coefficients = input.features.map((f, j) => ({
      feature: f.name,
      coefficient: fit.coefficients[j],
      standardized: fit.standardized.coefficients[j],
    }));
  }
  return { trainSize: train.length, testSize: test.length, testChurned, rules: round4(rules), model, singles, bestSingle, coefficients };
}
