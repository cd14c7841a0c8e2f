/** Result of an unconstrained minimisation. */
export interface MinimizeResult {
  x: number[];
  fx: number;
  iterations: number;
  converged: boolean;
}

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  maxIterations?: number;
  /** Stop when the simplex' function values differ by less than this (absolute). */
  fTolerance?: number;
  /** ... and its vertices by less than this in every coordinate. */
  xTolerance?: number;
  /** Initial simplex step per coordinate. */
  step?: number;
  /** Restart from the best point until a restart no longer improves (guards against collapse). */
  restarts?: number;
}

/**
 * Minimises f by the Nelder-Mead simplex (standard coefficients 1, 2, 0.5, 0.5), restarting from the
 * best vertex so a prematurely collapsed simplex does not stop short of the optimum.
 * Non-finite function values count as +Infinity, so the search steps back from invalid regions.
 */
export function nelderMead(f: (x: number[]) => number, x0: number[], options: NelderMeadOptions = {}): MinimizeResult {
  const restarts = options.restarts ?? 3;
  let best = runSimplex(f, x0, options);
  let total = best.iterations;
  for (let i = 0; i < restarts; i++) {
    const again = runSimplex(f, best.x, { ...options, step: (options.step ?? 0.5) / 2 });
    total += again.iterations;
    const improved = best.fx - again.fx > (options.fTolerance ?? 1e-10);
    if (again.fx <= best.fx) best = again;
    if (!improved) break;
  }
  return { ...best, iterations: total };
}

function safe(f: (x: number[]) => number, x: number[]): number {
  const v = f(x);
  return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
}

function runSimplex(f: (x: number[]) => number, x0: number[], options: NelderMeadOptions): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 2000 * n;
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-9;
  const step = options.step ?? 0.5;
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += step;
    pts.push(p);
  }
  const vals = pts.map((p) => safe(f, p));
  let it = 0;
  let converged = false;
  const order = (): void => {
    const idx = vals.map((_, i) => i).sort((i, j) => vals[i] - vals[j]);
    const p2 = idx.map((i) => pts[i]);
    const v2 = idx.map((i) => vals[i]);
    for (let i = 0; i <= n; i++) {
      pts[i] = p2[i];
      vals[i] = v2[i];
    }
  };
  const towards = (from: number[], to: number[], t: number): number[] => from.map((v, i) => v + t * (to[i] - v));
  for (; it < maxIterations; it++) {
    order();
    const spreadF = Math.abs(vals[n] - vals[0]);
    let spreadX = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) spreadX = Math.max(spreadX, Math.abs(pts[i][j] - pts[0][j]));
    if (spreadF <= fTol && spreadX <= xTol) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    const reflected = towards(centroid, pts[n], -1);
    const fr = safe(f, reflected);
    if (fr < vals[0]) {
      const expanded = towards(centroid, pts[n], -2);
      const fe = safe(f, expanded);
      if (fe < fr) {
        pts[n] = expanded;
        vals[n] = fe;
      } else {
        pts[n] = reflected;
        vals[n] = fr;
      }
    } else if (fr < vals[n - 1]) {
      pts[n] = reflected;
      vals[n] = fr;
    } else {
      const outside = fr < vals[n];
      const contracted = outside ? towards(centroid, reflected, 0.5) : towards(centroid, pts[n], 0.5);
      const fc = safe(f, contracted);
      if (fc < (outside ? fr : vals[n])) {
        pts[n] = contracted;
        vals[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          pts[i] = towards(pts[0], pts[i], 0.5);
          vals[i] = safe(f, pts[i]);
        }
      }
    }
  }
  order();
  return { x: pts[0], fx: vals[0], iterations: it, converged };
}
