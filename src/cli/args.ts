import type { Period } from '../analytics/settings';
import type { Locale } from '../i18n/index';
import type { MappingOverride } from '../ingest/types';
import { parseMemoryLimit, parseThreads } from './argValues';
import { overridesByFile, readOverrideArg, type OverrideArg } from './overrideArgs';

/** Which DuckDB runs the analysis: the DuckDB-WASM Node build (the browser's engine) or native DuckDB. */
export type EngineName = 'wasm' | 'native';

/** Native-engine options: omitted = DuckDB's own defaults (every core, 80% of RAM). */
export interface NativeOptions {
  threads: number | null;
  /** A DuckDB size as given (`8GB`, `512MiB`), checked by parseMemoryLimit. */
  memoryLimit: string | null;
  /** Where the spill directory is created (a fresh directory inside it); null = the OS temp dir. */
  spillDir: string | null;
}

/** Parsed command line of `npm run analyze`. */
export interface AnalyzeArgs {
  asOf: string | null;
  period: Period;
  json: boolean;
  lang: Locale;
  engine: EngineName;
  native: NativeOptions;
  /** Load the generated demo company with this many customers (0 = not). */
  demoCustomers: number;
  /** `--facts-out DIR`: write the facts bundle (docs/facts-contract.md) there; null = not. */
  factsOut: string | null;
  /** `--customers FILE.csv`: write one row per customer there (the list export's columns and more); null = not. */
  customersOut: string | null;
  files: string[];
  /** `--table`, `--header-row` and `--map` by FILE (as given): the user's reading of that file. */
  overrides: Map<string, MappingOverride>;
}

/** Thrown for a usage error (exit status 2). */
export class UsageError extends Error {}

export const USAGE = [
  'usage: npm run analyze -- [--as-of YYYY-MM-DD] [--period week|month|quarter|year] [--json] [--lang en|zh-CN]',
  '         [--engine wasm|native] [--threads N] [--memory-limit SIZE] [--spill-dir DIR] [--demo[=CUSTOMERS]] [--facts-out DIR] [--customers FILE.csv]',
  '         [--table FILE=TABLE] [--header-row FILE=LINE] [--map FILE:COLUMN=CANONICAL]... FILE...',
  '  --threads, --memory-limit (e.g. 8GB) and --spill-dir apply to --engine native only.',
  '  --table, --header-row and --map (repeatable) settle how FILE (its path or base name) is read.',
].join('\n');

/** Parses argv (without node and script). */
export function parseArgs(argv: string[]): AnalyzeArgs {
  const out: AnalyzeArgs = {
    asOf: null, period: 'month', json: false, lang: 'en', engine: 'wasm',
    native: { threads: null, memoryLimit: null, spillDir: null }, demoCustomers: 0, factsOut: null, customersOut: null, files: [], overrides: new Map(),
  };
  const nativeOnly: string[] = [];
  const overrideArgs: OverrideArg[] = [];
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
    } else if (flag === '--lang') {
      const v = value();
      if (v !== 'en' && v !== 'zh-CN') throw new UsageError(`--lang must be en or zh-CN, got "${v}"`);
      out.lang = v;
    } else if (flag === '--engine') {
      const v = value();
      if (v !== 'wasm' && v !== 'native') throw new UsageError(`--engine must be wasm or native, got "${v}"`);
      out.engine = v;
    } else if (flag === '--threads') {
      out.native.threads = parseThreads(value(), (m) => new UsageError(m));
      nativeOnly.push(flag);
    } else if (flag === '--memory-limit') {
      out.native.memoryLimit = parseMemoryLimit(value(), (m) => new UsageError(m));
      nativeOnly.push(flag);
    } else if (flag === '--spill-dir') {
      const v = value();
      if (v.trim() === '') throw new UsageError('--spill-dir needs a directory');
      out.native.spillDir = v;
      nativeOnly.push(flag);
    } else if (flag === '--facts-out') {
      const v = value();
      if (v.trim() === '') throw new UsageError('--facts-out needs a directory');
      out.factsOut = v;
    } else if (flag === '--customers') {
      const v = value();
      if (v.trim() === '') throw new UsageError('--customers needs a file name');
      out.customersOut = v;
    } else if (flag === '--table' || flag === '--header-row' || flag === '--map') {
      overrideArgs.push(readOverrideArg(flag, value(), (m) => new UsageError(m)));
    } else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}`);
    else out.files.push(a);
  }
  // The WASM engine has one thread and the tab's fixed memory: silently ignoring these would
  // let a user believe a limit or spill directory was in force.
  if (out.engine === 'wasm' && nativeOnly.length) throw new UsageError(`${nativeOnly.join(', ')} need${nativeOnly.length > 1 ? '' : 's'} --engine native`);
  if (out.files.length === 0 && !out.demoCustomers) throw new UsageError('no FILE given');
  out.overrides = overridesByFile(overrideArgs, out.files, (m) => new UsageError(m));
  return out;
}
