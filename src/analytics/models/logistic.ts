/**
 * L2-penalised logistic regression fitted by IRLS (Newton-Raphson), in plain TypeScript on
 * Float64Arrays so it runs the same in the browser and in Node. Features are standardised
 * (mean 0, sd 1) before fitting so one penalty suits features of any unit; the intercept is
 * not penalised. Missing values (NaN) are imputed with the training mean of their feature.
 */

export interface LogisticOptions {
  /** Penalty lambda on the standardised coefficients (objective: logLik - lambda/2 * |beta|^2). */
  l2?: number;
  maxIterations?: number;
  /** Converged when no standardised coefficient moves more than this in one step. */
  tolerance?: number;
}

/** A fitted model: coefficients on both scales, the standardisation and convergence facts. */
export interface LogisticModel {
  /** On the original feature scale: logit p = intercept + sum(coefficients[j] * x_j). */
  intercept: number;
  coefficients: number[];
  /** On the standardised scale (what the penalty sees); comparable across features. */
  standardized: { intercept: number; coefficients: number[] };
  means: number[];
  /** Standard deviations; 0 marks a constant feature, which gets coefficient 0. */
  sds: number[];
  iterations: number;
  converged: boolean;
  /** Penalised log-likelihood at the solution. */
  objective: number;
}

function columnMean(col: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n > 0 ? s / n : 0;
}

function columnSd(col: ArrayLike<number>, mean: number): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (Number.isFinite(v)) {
      s += (v - mean) * (v - mean);
      n++;
    }
  }
  return n > 1 ? Math.sqrt(s / n) : 0;
}

/** Standardised design columns; constant features become all-zero columns. */
function standardize(columns: ArrayLike<number>[], means: number[], sds: number[], n: number): Float64Array[] {
  return columns.map((col, j) => {
    const out = new Float64Array(n);
    if (sds[j] > 0) {
      for (let i = 0; i < n; i++) {
        const v = col[i];
        out[i] = Number.isFinite(v) ? (v - means[j]) / sds[j] : 0;
      }
    }
    return out;
  });
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solves A x = b (A square, small) by Gaussian elimination with partial pivoting. */
export function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (Math.abs(m[pivot][c]) < 1e-14) throw new Error('solveLinear: singular matrix');
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      if (f !== 0) for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

function penalizedLogLik(z: Float64Array[], y: ArrayLike<number>, beta: number[], l2: number): number {
  const n = y.length;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let eta = beta[0];
    for (let j = 0; j < z.length; j++) eta += beta[j + 1] * z[j][i];
    // log(1 + e^eta) computed without overflow.
    const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    ll += y[i] * eta - softplus;
  }
  let pen = 0;
  for (let j = 1; j < beta.length; j++) pen += beta[j] * beta[j];
  return ll - (l2 / 2) * pen;
}

/** Fits P(y = 1 | x) = sigmoid(b0 + b . x). `columns` holds one array per feature, `y` is 0/1. */
export function fitLogistic(columns: ArrayLike<number>[], y: ArrayLike<number>, options: LogisticOptions = {}): LogisticModel {
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const n = y.length;
  const p = columns.length;
  for (const col of columns) if (col.length !== n) throw new Error('fitLogistic: every feature needs one value per row');
  const means = columns.map(columnMean);
  const sds = columns.map((c, j) => columnSd(c, means[j]));
  const z = standardize(columns, means, sds, n);
  const active = sds.map((s) => s > 0);

  const yMean = columnMean(y);
  const beta = new Array<number>(p + 1).fill(0);
  // Starting at the base rate makes the first Newton step small and well behaved.
  beta[0] = yMean > 0 && yMean < 1 ? Math.log(yMean / (1 - yMean)) : 0;
  let objective = penalizedLogLik(z, y, beta, l2);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations && !converged) {
    iterations++;
    const grad = new Array<number>(p + 1).fill(0);
    const hess = Array.from({ length: p + 1 }, () => new Array<number>(p + 1).fill(0));
    const row = new Array<number>(p + 1);
    for (let i = 0; i < n; i++) {
      row[0] = 1;
      let eta = beta[0];
      for (let j = 0; j < p; j++) {
        row[j + 1] = z[j][i];
        eta += beta[j + 1] * row[j + 1];
      }
      const mu = sigmoid(eta);
      const w = Math.max(mu * (1 - mu), 1e-12);
      const r = y[i] - mu;
      for (let a = 0; a <= p; a++) {
        grad[a] += row[a] * r;
        const wa = w * row[a];
        for (let b = 0; b <= a; b++) hess[a][b] += wa * row[b];
      }
    }
    for (let a = 0; a <= p; a++) for (let b = 0; b < a; b++) hess[b][a] = hess[a][b];
    for (let j = 1; j <= p; j++) {
      grad[j] -= l2 * beta[j];
      // Constant features get a unit diagonal so the system stays solvable; their step is 0.
      hess[j][j] += active[j - 1] ? l2 : 1;
    }
    if (l2 === 0) for (let j = 1; j <= p; j++) if (active[j - 1]) hess[j][j] += 1e-10;
    const step = solveLinear(hess, grad);

    // Step halving keeps Newton from overshooting on near-separable data.
    let scale = 1;
    let next = beta.map((b, k) => b + step[k]);
    let nextObjective = penalizedLogLik(z, y, next, l2);
    while (nextObjective < objective - 1e-12 && scale > 1e-6) {
      scale /= 2;
      next = beta.map((b, k) => b + scale * step[k]);
      nextObjective = penalizedLogLik(z, y, next, l2);
    }
    const moved = Math.max(...next.map((b, k) => Math.abs(b - beta[k])));
    for (let k = 0; k <= p; k++) beta[k] = next[k];
    objective = nextObjective;
    converged = moved < tolerance;
  }

  const coefficients = beta.slice(1).map((b, j) => (active[j] ? b / sds[j] : 0));
  let intercept = beta[0];
  for (let j = 0; j < p; j++) intercept -= coefficients[j] * means[j];
  return {
    intercept,
    coefficients,
    standardized: { intercept: beta[0], coefficients: beta.slice(1) },
    means,
    sds,
    iterations,
    converged,
    objective,
  };
}

/** Predicted probabilities for new rows (NaN features take the training mean, as in the fit). */
export function predictLogistic(model: LogisticModel, columns: ArrayLike<number>[]): Float64Array {
  const n = columns.length > 0 ? columns[0].length : 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = model.intercept;
    for (let j = 0; j < columns.length; j++) {
      const v = columns[j][i];
      eta += model.coefficients[j] * (Number.isFinite(v) ? v : model.means[j]);
    }
    out[i] = sigmoid(eta);
  }
  return out;
}
