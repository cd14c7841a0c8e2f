import type { MinimizeResult } from './nelderMead';

/** A function value with its gradient. */
export interface ValueAndGradient {
  value: number;
  gradient: number[];
}

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  maxIterations?: number;
  /** Converged when every gradient component is below this in absolute value. */
  gradientTolerance?: number;
  /** ... or when an iteration improves f by less than this (relative to max(1, |f|)). */
  fTolerance?: number;
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

/**
 * Minimises a smooth f by BFGS (inverse-Hessian updates) with a backtracking Armijo line search.
 * With analytic gradients it needs tens of evaluations where Nelder-Mead needs thousands, which
 * is what makes fitting 100,000 customers interactive. Non-finite values make the line search
 * step back, so parameters may wander into invalid regions without breaking the search.
 */
export function bfgs(fg: (x: number[]) => ValueAndGradient, x0: number[], options: BfgsOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const gTol = options.gradientTolerance ?? 1e-9;
  const fTol = options.fTolerance ?? 1e-14;
  let x = x0.slice();
  let cur = fg(x);
  if (!Number.isFinite(cur.value)) return { x, fx: cur.value, iterations: 0, converged: false };
  // Inverse Hessian approximation, starting from the identity.
  let h: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let it = 1; it <= maxIterations; it++) {
    if (cur.gradient.every((g) => Math.abs(g) < gTol)) return { x, fx: cur.value, iterations: it - 1, converged: true };
    let dir = h.map((row) => -dot(row, cur.gradient));
    let slope = dot(dir, cur.gradient);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went bad): restart from steepest descent.
      h = h.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      dir = cur.gradient.map((g) => -g);
      slope = dot(dir, cur.gradient);
    }
    let step = 1;
    let next: ValueAndGradient | null = null;
    let xNext = x;
    for (let k = 0; k < 60; k++) {
      xNext = x.map((v, i) => v + step * dir[i]);
      const trial = fg(xNext);
      if (Number.isFinite(trial.value) && trial.value <= cur.value + 1e-4 * step * slope && trial.gradient.every(Number.isFinite)) {
        next = trial;
        break;
      }
      step /= 2;
    }
    if (!next) return { x, fx: cur.value, iterations: it, converged: cur.gradient.every((g) => Math.abs(g) < Math.sqrt(gTol)) };
    const s = xNext.map((v, i) => v - x[i]);
    const y = next.gradient.map((g, i) => g - cur.gradient[i]);
    const sy = dot(s, y);
    const improvement = cur.value - next.value;
    x = xNext;
    cur = next;
    if (improvement <= fTol * Math.max(1, Math.abs(cur.value)) && cur.gradient.every((g) => Math.abs(g) < Math.sqrt(gTol))) {
      return { x, fx: cur.value, iterations: it, converged: true };
    }
    if (sy > 1e-12) {
      // H+ = (I - rho s y') H (I - rho y s') + rho s s'
      const rho = 1 / sy;
      const hy = h.map((row) => dot(row, y));
      const yhy = dot(y, hy);
      h = h.map((row, i) => row.map((v, j) => v - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]));
    }
  }
  return { x, fx: cur.value, iterations: maxIterations, converged: cur.gradient.every((g) => Math.abs(g) < Math.sqrt(gTol)) };
}
