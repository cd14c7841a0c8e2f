import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueryManager } from '../../src/engine/queryManager';
import { toRows } from '../../src/engine/rows';
import { ident, lit } from '../../src/engine/sql';
import { canonicalDDL, type CanonicalTable } from '../../src/ingest/schema';
import { encodeColumnSql, encodingOf, type BundleColumn } from '../../src/workspace/tableBundle/codec';
import { FACTS_CONTRACT, FACTS_CONTRACT_VERSION, FACTS_MANIFEST, FACTS_TABLES } from '../../src/workspace/factsBundle/contract';
import { checkFactsOut } from '../../src/cli/factsOut';

/**
 * Runs the reference Spark job (scale/spark/sql, in the order of job.json) on DuckDB: the same
 * files, the same parameter substitution as the PySpark driver (run_bundle.py), so the tests can
 * check the job against the app's own bundle without a Spark cluster.
 */
export const SPARK_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SQL_DIR = path.join(SPARK_DIR, 'sql');

export interface SparkJob {
  contract: string;
  version: number;
  inputs: CanonicalTable[];
  /** Spark DDL of each input, for an input without a file (the PySpark driver). */
  inputSchemas: Record<string, string>;
  /** Key and `name:TYPE, ...` columns of each bundle table, as src/workspace/factsBundle/contract.ts (the PySpark driver's manifest). */
  contractTables: Record<string, { key: string[]; columns: string }>;
  parameters: Record<string, string>;
  steps: { name: string; bundle: boolean }[];
  notProduced: Record<string, string>;
  partlyProduced: Record<string, string>;
}

export const SPARK_JOB: SparkJob = JSON.parse(readFileSync(path.join(SPARK_DIR, 'job.json'), 'utf8')) as SparkJob;

/** The job's parameters: what the app's manifest calls asOf, settings.period, settings.churnDays and decisions. */
export interface SparkJobParams {
  as_of: string;
  period: 'week' | 'month' | 'quarter' | 'year';
  churn_days: number;
  period_basis: 'orders' | 'subscriptions';
  value_basis: 'orders' | 'mrr' | 'monthly_value' | 'none';
  churn_rule: 'labeled' | 'contractual' | 'rule';
  /** W1 in days, or -1 for 2 x each customer's median purchase gap (at least min_silent_days). */
  silent_days: number;
  min_silent_days: number;
  renewal_warning_days: number;
}

const CHECKS: Record<keyof SparkJobParams, (v: string) => boolean> = {
  as_of: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
  period: (v) => ['week', 'month', 'quarter', 'year'].includes(v),
  churn_days: (v) => /^\d{1,5}$/.test(v),
  period_basis: (v) => ['orders', 'subscriptions'].includes(v),
  value_basis: (v) => ['orders', 'mrr', 'monthly_value', 'none'].includes(v),
  churn_rule: (v) => ['labeled', 'contractual', 'rule'].includes(v),
  silent_days: (v) => v === '-1' || /^\d{1,5}(\.\d+)?$/.test(v),
  min_silent_days: (v) => /^\d{1,5}(\.\d+)?$/.test(v),
  renewal_warning_days: (v) => /^\d{1,5}$/.test(v),
};

/**
 * Fills the `${name}` placeholders of a job file. Every value is checked first (it is pasted into
 * SQL); a placeholder the parameters do not name is an error, never left for the engine to guess.
 */
export function fillParams(sql: string, params: SparkJobParams): string {
  for (const [k, check] of Object.entries(CHECKS)) {
    const v = String(params[k as keyof SparkJobParams]);
    if (!check(v)) throw new Error(`spark job: parameter ${k} = ${JSON.stringify(v)} is not valid`);
  }
  return sql.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    if (!(name in CHECKS)) throw new Error(`spark job: unknown parameter \${${name}}`);
    return String(params[name as keyof SparkJobParams]);
  });
}

/** The text of one step's file. */
export function jobSql(step: string): string {
  return readFileSync(path.join(SQL_DIR, `${step}.sql`), 'utf8');
}

/**
 * The one function the job uses that DuckDB lacks: Spark's unix_date(date), days since 1970-01-01.
 * Day differences are written unix_date(a) - unix_date(b) because the two engines share no
 * two-argument day-difference function (DuckDB's datediff takes a unit first).
 */
export const DUCKDB_SHIMS = [`CREATE OR REPLACE TEMP MACRO unix_date(d) AS datediff('day', DATE '1970-01-01', d)`];

/**
 * Registers the canonical tables as views over `<inputDir>/<table>.parquet`; a table without a
 * file is an empty table of the canonical schema (as a Spark driver would register an empty frame).
 */
export async function registerInputs(qm: QueryManager, inputDir: string, exists: (file: string) => boolean): Promise<void> {
  for (const sql of DUCKDB_SHIMS) await qm.exec(sql);
  for (const t of SPARK_JOB.inputs) {
    const file = path.join(inputDir, `${t}.parquet`);
    if (exists(file)) await qm.exec(`CREATE OR REPLACE VIEW ${ident(t)} AS SELECT * FROM read_parquet(${lit(file)})`);
    else await qm.exec(canonicalDDL(t));
  }
}

/** Runs every step as `CREATE TABLE <name> AS <file>`; returns the bundle steps' names. */
export async function runSteps(qm: QueryManager, params: SparkJobParams): Promise<string[]> {
  for (const step of SPARK_JOB.steps) {
    await qm.exec(`CREATE OR REPLACE TABLE ${ident(step.name)} AS ${fillParams(jobSql(step.name), params)}`);
  }
  return SPARK_JOB.steps.filter((s) => s.bundle).map((s) => s.name);
}

/**
 * Writes the job's bundle files and manifest.json (last) into `outDir` (as the PySpark driver does):
 * BOOLEAN as INT8 (the contract's codec), the manifest listing the tables the job does not produce
 * under `omitted` with the reason.
 */
export async function writeJobBundle(qm: QueryManager, outDir: string, params: SparkJobParams): Promise<Record<string, unknown>> {
  // As --facts-out: a new or empty directory, or an earlier bundle (replaced), nothing else.
  await checkFactsOut(outDir);
  const earlier = await readFile(path.join(outDir, FACTS_MANIFEST), 'utf8').then((t) => JSON.parse(t) as { files: { file: string | null }[] }, () => null);
  for (const f of earlier?.files ?? []) if (f.file) await rm(path.join(outDir, f.file), { force: true });
  await rm(path.join(outDir, FACTS_MANIFEST), { force: true });
  await mkdir(outDir, { recursive: true });
  const files = [];
  for (const step of SPARK_JOB.steps.filter((s) => s.bundle)) {
    const t = FACTS_TABLES.find((c) => c.name === step.name);
    if (!t) throw new Error(`spark job: ${step.name} is not a contract table`);
    const columns: BundleColumn[] = t.columns.map((c) => ({ ...c, encoding: encodingOf(c.type) }));
    const rows = Number(toRows<{ n: number }>(await qm.query(`SELECT CAST(count(*) AS DOUBLE) AS n FROM ${ident(t.name)}`, { cache: false }))[0].n);
    const entry = { table: t.name, file: null as string | null, rows, bytes: 0, sha256: null as string | null, key: t.key, columns };
    if (rows > 0) {
      entry.file = `${t.name}.parquet`;
      const file = path.join(outDir, entry.file);
      await qm.exec(`COPY (SELECT ${columns.map(encodeColumnSql).join(', ')} FROM ${ident(t.name)}) TO ${lit(file)} (FORMAT parquet, COMPRESSION zstd)`);
      const bytes = await readFile(file);
      entry.bytes = bytes.byteLength;
      entry.sha256 = createHash('sha256').update(bytes).digest('hex');
    }
    files.push(entry);
  }
  const manifest = {
    contract: FACTS_CONTRACT,
    version: FACTS_CONTRACT_VERSION,
    asOf: params.as_of,
    writtenAt: new Date().toISOString(),
    engine: 'spark-sql',
    settings: {
      asOf: params.as_of, period: params.period, churnDays: params.churn_days,
      silentDays: params.silent_days < 0 ? null : params.silent_days, minSilentDays: params.min_silent_days,
      renewalWarningDays: params.renewal_warning_days,
    },
    decisions: { churnRule: params.churn_rule, periodBasis: params.period_basis, valueBasis: params.value_basis === 'none' ? null : params.value_basis },
    files,
    omitted: Object.entries(SPARK_JOB.notProduced).map(([table, reason]) => ({ table, reason })),
    partial: Object.entries(SPARK_JOB.partlyProduced).map(([table, reason]) => ({ table, reason })),
  };
  await writeFile(path.join(outDir, FACTS_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
