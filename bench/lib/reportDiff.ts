/** How two analytics reports differ, number by number. */
export interface ReportDiff {
  /** Numbers compared. */
  numbers: number;
  /** Numbers that differ at all (summation order under threads moves the last bits). */
  inexact: number;
  /** Largest relative difference outside models/clv, and inside them. */
  maxRel: number;
  maxRelModels: number;
  /** Paths beyond tolerance, or whose non-numeric values differ. */
  mismatches: string[];
}

/** Relative tolerance: 1e-9, and 1e-5 for fitted models and what depends on them (see tests/unit/nativeConnector.test.ts). */
export function toleranceFor(path: string): number {
  return /^(\.sections)?\.(models|clv)\b/.test(path) ? 1e-5 : 1e-9;
}

/** Compares two JSON-ready reports (after a JSON round trip) with toleranceFor. */
export function diffReports(a: unknown, b: unknown): ReportDiff {
  const d: ReportDiff = { numbers: 0, inexact: 0, maxRel: 0, maxRelModels: 0, mismatches: [] };
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      d.numbers++;
      if (x === y) return;
      d.inexact++;
      const rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
      if (toleranceFor(path) > 1e-9) d.maxRelModels = Math.max(d.maxRelModels, rel);
      else d.maxRel = Math.max(d.maxRel, rel);
      if (!(rel <= toleranceFor(path))) d.mismatches.push(`${path}: ${x} vs ${y}`);
    } else if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) d.mismatches.push(`${path}: ${x.length} vs ${y.length} items`);
      for (let i = 0; i < Math.min(x.length, y.length); i++) walk(x[i], y[i], `${path}[${i}]`);
    } else if (x && y && typeof x === 'object' && typeof y === 'object') {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    } else if (x !== y) {
      d.mismatches.push(`${path}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
  };
  walk(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)), '');
  return d;
}
