import type { Period } from '../analytics/settings';

/** Parsed command line of `npm run analyze`. */
export interface AnalyzeArgs {
  asOf: string | null;
  period: Period;
  json: boolean;
  /** Load the generated demo company with this many customers (0 = not). */
  demoCustomers: number;
  files: string[];
}

/** Thrown for a usage error (exit status 2). */
export class UsageError extends Error {}

export const USAGE = 'usage: npm run analyze -- [--as-of YYYY-MM-DD] [--period week|month|quarter|year] [--json] [--demo[=CUSTOMERS]] FILE...';

/** Parses argv (without node and script). */
export function parseArgs(argv: string[]): AnalyzeArgs {
  const out: AnalyzeArgs = { asOf: null, period: 'month', json: false, demoCustomers: 0, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json') out.json = true;
    else if (flag === '--demo') {
      const n = inline === undefined ? 20000 : Number(inline);
      if (!Number.isInteger(n) || n < 100) throw new UsageError('--demo=N needs a whole number of customers (at least 100)');
      out.demoCustomers = n;
    }
    else if (flag === '--as-of') {
      const v = value();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`--as-of must be YYYY-MM-DD, got "${v}"`);
      out.asOf = v;
    } else if (flag === '--period') {
      const v = value();
      if (!['week', 'month', 'quarter', 'year'].includes(v)) throw new UsageError(`--period must be week, month, quarter or year`);
      out.period = v as Period;
    } else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}`);
    else out.files.push(a);
  }
  if (out.files.length === 0 && !out.demoCustomers) throw new UsageError('no FILE given');
  return out;
}
