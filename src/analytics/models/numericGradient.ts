/**
 * Central-difference gradient of f at v (for likelihoods whose derivatives have no convenient
 * closed form, such as those through 2F1). The step is relative to |v_i| (at least `h`), so the
 * truncation and rounding errors stay near sqrt-of-epsilon balance whatever the scale.
 */
export function centralGradient(f: (v: number[]) => number, v: number[], h = 1e-5): number[] {
  return v.map((vi, i) => {
    const step = h * Math.max(1, Math.abs(vi));
    const up = v.slice();
    const down = v.slice();
    up[i] = vi + step;
    down[i] = vi - step;
    return (f(up) - f(down)) / (2 * step);
  });
}
