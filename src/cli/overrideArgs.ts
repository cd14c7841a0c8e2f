import path from 'node:path';
import { CANONICAL_TABLES, SCHEMA, type CanonicalTable } from '../ingest/schema';
import type { MappingOverride } from '../ingest/types';

/** One `--table`, `--header-row` or `--map` as given, before it is matched to a FILE. */
export interface OverrideArg {
  flag: '--table' | '--header-row' | '--map';
  /** What names the file: its path or its base name (for --map, the text before the column). */
  spec: string;
  value: string;
}

const CANONICAL_COLUMNS = new Set(CANONICAL_TABLES.flatMap((t) => SCHEMA[t].map((c) => c.name)));

/** Does `spec` name this file (its path as given, or its base name)? */
function names(spec: string, file: string): boolean {
  return spec === file || spec === path.basename(file) || path.resolve(spec) === path.resolve(file);
}

/** Splits `FILE=VALUE` at its last '='. */
function splitLast(flag: string, v: string): [string, string] {
  const at = v.lastIndexOf('=');
  if (at <= 0 || at === v.length - 1) throw new Error(`${flag} needs FILE=VALUE, got "${v}"`);
  return [v.slice(0, at), v.slice(at + 1)];
}

/** Reads one `--table`/`--header-row`/`--map` value (checked here, matched to a file later). */
export function readOverrideArg(flag: OverrideArg['flag'], v: string, fail: (message: string) => Error): OverrideArg {
  try {
    const [spec, value] = splitLast(flag, v);
    if (flag === '--table' && !(CANONICAL_TABLES as string[]).includes(value)) {
      throw new Error(`--table must name one of ${CANONICAL_TABLES.join(', ')}, got "${value}"`);
    }
    if (flag === '--header-row' && !(/^\d+$/.test(value) && Number(value) >= 1)) throw new Error(`--header-row needs a line number from 1, got "${value}"`);
    if (flag === '--map') {
      if (!spec.includes(':')) throw new Error(`--map needs FILE:column=canonical, got "${v}"`);
      if (value !== '-' && !CANONICAL_COLUMNS.has(value)) throw new Error(`--map: "${value}" is not a canonical column (see data-model.md), or "-" to keep the column as an extra`);
    }
    return { flag, spec, value };
  } catch (e) {
    throw fail((e as Error).message);
  }
}

/**
 * The override of each FILE given on the command line, keyed as IngestOptions.overrides wants
 * ('*': every table of the file). A spec that names none of the files is a usage error.
 */
export function overridesByFile(args: OverrideArg[], files: string[], fail: (message: string) => Error): Map<string, MappingOverride> {
  const out = new Map<string, MappingOverride>();
  for (const a of args) {
    let file: string | undefined;
    let column = '';
    if (a.flag === '--map') {
      // FILE:column — the file part is the longest prefix that names a file (a column may hold ':').
      for (let at = a.spec.indexOf(':'); at > 0 && !file; at = a.spec.indexOf(':', at + 1)) {
        file = files.find((f) => names(a.spec.slice(0, at), f));
        column = a.spec.slice(at + 1);
      }
    } else file = files.find((f) => names(a.spec, f));
    if (!file) throw fail(`${a.flag} ${a.spec}${a.flag === '--map' ? '' : `=${a.value}`}: names none of the files given`);
    const o = out.get(file) ?? {};
    if (a.flag === '--table') o.table = a.value as CanonicalTable;
    else if (a.flag === '--header-row') o.headerRow = Number(a.value);
    else o.columns = { ...o.columns, [column]: a.value === '-' ? null : a.value };
    out.set(file, o);
  }
  return out;
}
