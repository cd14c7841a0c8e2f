import { describe, expect, it } from 'vitest';
import { auc } from '../../src/analytics/models/auc';
import { fitLogistic, predictLogistic, solveLinear } from '../../src/analytics/models/logistic';

/** mulberry32: a tiny seeded PRNG so the synthetic data is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

describe('auc (Mann-Whitney)', () => {
  it('is 1 when every positive scores above every negative and 0 when reversed', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('counts ties as one half, so identical scores give 0.5', () => {
    expect(auc([5, 5, 5, 5], [1, 0, 1, 0])).toBe(0.5);
  });

  it('matches a hand count of concordant pairs with a tie across classes', () => {
    // Positives 3, 2; negatives 1, 2. Pairs: (3>1) 1, (3>2) 1, (2>1) 1, (2=2) 0.5 -> 3.5 / 4.
    expect(auc([3, 2, 1, 2], [1, 1, 0, 0])).toBe(0.875);
    // Booleans work as labels; non-finite scores are skipped.
    expect(auc([3, 2, Number.NaN, 1, 2], [true, true, true, false, false])).toBe(0.875);
  });

  it('is null when one class is missing', () => {
    expect(auc([1, 2, 3], [0, 0, 0])).toBeNull();
    expect(auc([], [])).toBeNull();
  });
});

describe('logistic regression', () => {
  it('solves a small linear system exactly', () => {
    // 2x + y = 5, x + 3y = 10 -> x = 1, y = 3.
    const [x, y] = solveLinear([[2, 1], [1, 3]], [5, 10]);
    expect(x).toBeCloseTo(1, 12);
    expect(y).toBeCloseTo(3, 12);
  });

  it('recovers known coefficients from seeded synthetic data', () => {
    const rand = rng(42);
    const n = 40_000;
    const x1 = new Float64Array(n);
    const x2 = new Float64Array(n);
    const y = new Float64Array(n);
    // True model: logit p = -1 + 2 x1 - 0.5 x2, with x2 on a different scale (mean 3, sd 2).
    for (let i = 0; i < n; i++) {
      x1[i] = normal(rand);
      x2[i] = 3 + 2 * normal(rand);
      const p = 1 / (1 + Math.exp(-(-1 + 2 * x1[i] - 0.5 * x2[i])));
      y[i] = rand() < p ? 1 : 0;
    }
    const model = fitLogistic([x1, x2], y, { l2: 1e-6 });
    expect(model.converged).toBe(true);
    expect(model.intercept).toBeCloseTo(-1, 1);
    expect(model.coefficients[0]).toBeCloseTo(2, 1);
    expect(model.coefficients[1]).toBeCloseTo(-0.5, 1);
    // The fitted probabilities rank the data well above chance.
    expect(auc(predictLogistic(model, [x1, x2]), y)!).toBeGreaterThan(0.85);
  });

  it('stays finite on perfectly separable data thanks to the L2 penalty', () => {
    const x = Float64Array.from([-3, -2, -1, 1, 2, 3]);
    const y = Float64Array.from([0, 0, 0, 1, 1, 1]);
    const model = fitLogistic([x], y, { l2: 1 });
    expect(model.converged).toBe(true);
    expect(Number.isFinite(model.coefficients[0])).toBe(true);
    expect(model.coefficients[0]).toBeGreaterThan(0);
    expect(auc(predictLogistic(model, [x]), y)).toBe(1);
  });

  it('gives a constant feature a zero coefficient and imputes missing values with the mean', () => {
    const rand = rng(7);
    const n = 2000;
    const x = new Float64Array(n);
    const constant = new Float64Array(n).fill(4);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = normal(rand);
      y[i] = rand() < 1 / (1 + Math.exp(-x[i])) ? 1 : 0;
    }
    x[0] = Number.NaN;
    const model = fitLogistic([x, constant], y);
    expect(model.coefficients[1]).toBe(0);
    expect(model.coefficients[0]).toBeGreaterThan(0.7);
    const [p0] = predictLogistic(model, [Float64Array.from([Number.NaN]), Float64Array.from([4])]);
    const [pMean] = predictLogistic(model, [Float64Array.from([model.means[0]]), Float64Array.from([4])]);
    expect(p0).toBe(pMean);
  });
});
