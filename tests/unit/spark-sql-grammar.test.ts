import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SparkSQL } from 'dt-sql-parser';
import { fillParams, SPARK_JOB, SQL_DIR, type SparkJobParams } from '../../scale/spark/duckdbRunner';
import { KIND_SQL_TYPE, PROVENANCE_COLUMNS, SCHEMA } from '../../src/ingest/schema';
import { FACTS_TABLES } from '../../src/workspace/factsBundle/contract';

/**
 * The reference Spark job's files parse with a real Spark SQL grammar: dt-sql-parser's SparkSQL
 * parser (ANTLR, generated from Spark's own SqlBaseParser.g4). Spark substitutes `${name}`
 * variables before parsing (spark-sql --hivevar, or the driver's replace), so each file is parsed
 * filled, for every period and basis.
 */
const spark = new SparkSQL();
const errorsOf = (sql: string) => spark.validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`);

const files = readdirSync(SQL_DIR).filter((f) => f.endsWith('.sql')).sort();
const sample: SparkJobParams = {
  as_of: '2024-06-30', period: 'month', churn_days: 180, period_basis: 'orders', value_basis: 'orders',
  churn_rule: 'rule', silent_days: -1, min_silent_days: 30, renewal_warning_days: 30,
};
const variants: SparkJobParams[] = [
  sample,
  { ...sample, period: 'week', period_basis: 'subscriptions', value_basis: 'mrr', churn_rule: 'contractual', silent_days: 45 },
  { ...sample, period: 'quarter', value_basis: 'monthly_value' },
  { ...sample, period: 'year', value_basis: 'none', churn_rule: 'labeled' },
];

/**
 * Every function the job calls, each a Spark SQL built-in (spark.apache.org "Built-in Functions",
 * the version that added it) and run by the DuckDB test. A new function must be checked in both
 * engines before it is added here.
 */
const SPARK_FUNCTIONS = new Map<string, string>([
  ['any_value', '3.4'], ['bool_or', '3.0'], ['cast', '1.0'], ['chr', '2.3'], ['coalesce', '1.0'], ['count', '1.0'],
  ['cume_dist', '1.4'], ['date_add', '1.5'], ['dayofmonth', '1.5'], ['last_day', '1.5'], ['date_trunc', '2.3'], ['floor', '1.0'], ['greatest', '1.5'],
  ['lag', '1.4'], ['least', '1.5'], ['lower', '1.0'], ['lpad', '1.5'], ['make_date', '3.0'], ['max', '1.0'],
  ['median', '3.4'], ['min', '1.0'], ['month', '1.5'], ['ntile', '1.4'], ['nullif', '2.0'], ['quarter', '1.5'],
  ['sum', '1.0'], ['unix_date', '3.1'], ['weekofyear', '1.5'], ['year', '1.5'],
]);

/** Syntax DuckDB accepts and Spark SQL does not (or reads differently), which the files must not use. */
const DUCKDB_ONLY: [RegExp, string][] = [
  [/::/, 'the :: cast'],
  [/\bFILTER\s*\(\s*WHERE\b/i, 'FILTER (WHERE ...) (kept out: CASE WHEN in the aggregate instead)'],
  [/\bQUALIFY\b/i, 'QUALIFY'],
  [/\bGROUP\s+BY\s+ALL\b/i, 'GROUP BY ALL'],
  [/\bEXCLUDE\s*\(/i, 'SELECT * EXCLUDE'],
  [/\/\//, 'integer division //'],
  [/"/, 'double quotes (an identifier in DuckDB, a string in Spark)'],
  [/\bINTERVAL\b/i, 'INTERVAL arithmetic (DATE + INTERVAL is a TIMESTAMP in DuckDB, a DATE in Spark): date_add'],
  [/\bdate_diff\b|\bdatediff\b/i, 'date_diff/datediff (different arguments in the two engines): unix_date(a) - unix_date(b)'],
];

/** Whether a string literal is followed right away by another (Spark concatenates 'Can''t' to 'Cant'; DuckDB reads "Can't"). */
function hasAdjacentLiterals(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    if (code[i] !== "'") continue;
    const close = code.indexOf("'", i + 1);
    if (close < 0) return false;
    if (code[close + 1] === "'") return true;
    i = close;
  }
  return false;
}

const strip = (sql: string) => sql.replace(/--[^\n]*/g, '').replace(/'[^'\n]*'/g, "''");

describe('the reference Spark job parses as Spark SQL (dt-sql-parser SparkSQL grammar)', () => {
  it('the job lists exactly the .sql files there are, and job.json agrees with the contract and the canonical schema', () => {
    expect(files).toEqual(SPARK_JOB.steps.map((s) => `${s.name}.sql`).sort());
    // The PySpark driver reads the bundle tables' keys and columns, and the empty inputs' schemas, from job.json.
    const bundle = SPARK_JOB.steps.filter((s) => s.bundle).map((s) => s.name);
    expect(Object.keys(SPARK_JOB.contractTables).sort()).toEqual([...bundle].sort());
    for (const name of bundle) {
      const t = FACTS_TABLES.find((c) => c.name === name)!;
      expect(SPARK_JOB.contractTables[name], name).toEqual({ key: t.key, columns: t.columns.map((c) => `${c.name}:${c.type}`).join(', ') });
    }
    const sparkType: Record<string, string> = { VARCHAR: 'STRING', DATE: 'DATE', TIMESTAMP: 'TIMESTAMP', DOUBLE: 'DOUBLE', BOOLEAN: 'BOOLEAN', BIGINT: 'BIGINT' };
    for (const t of SPARK_JOB.inputs) {
      const cols = [...SCHEMA[t].map((c) => ({ name: c.name, sql: KIND_SQL_TYPE[c.kind] })), ...PROVENANCE_COLUMNS];
      expect(SPARK_JOB.inputSchemas[t], t).toBe(cols.map((c) => `${c.name} ${sparkType[c.sql]}`).join(', '));
    }
    // Every table of the contract is produced, partly produced or named as not produced, once.
    expect([...bundle, ...Object.keys(SPARK_JOB.notProduced)].sort()).toEqual(FACTS_TABLES.map((t) => t.name).sort());
    expect(Object.keys(SPARK_JOB.partlyProduced).every((n) => bundle.includes(n))).toBe(true);
  });

  for (const file of files) {
    it(`${file}: no syntax error, for every period and basis`, () => {
      const raw = readFileSync(path.join(SQL_DIR, file), 'utf8');
      for (const p of variants) expect(errorsOf(fillParams(raw, p)), `${file} ${JSON.stringify(p)}`).toEqual([]);
      // One statement, and no ';' even in a comment: the runners wrap it as CREATE ... AS <file>, and
      // spark-sql -f splits a script at every ';'.
      expect(raw, file).not.toMatch(/;/);
      // The spark-sql route (README.md): CACHE TABLE <name> AS <file>.
      const name = file.replace(/\.sql$/, '');
      expect(errorsOf(`CACHE TABLE ${name} AS\n${fillParams(raw, sample)}`), `CACHE TABLE ${name}`).toEqual([]);
    });

    it(`${file}: only syntax and functions both Spark SQL and DuckDB accept`, () => {
      const code = readFileSync(path.join(SQL_DIR, file), 'utf8').replace(/--[^\n]*/g, '');
      for (const [re, what] of DUCKDB_ONLY) expect(re.test(code), `${file} uses ${what}`).toBe(false);
      expect(hasAdjacentLiterals(code), `${file} has a doubled quote in a literal (chr(39) instead)`).toBe(false);
      const called = [...strip(code).matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => m[1].toLowerCase())
        .filter((n) => !['as', 'in', 'values', 'over', 'and', 'or', 'not', 'on', 'from', 'select', 'with', 'exists', 'by', 'when', 'then', 'else', 'where', 'join'].includes(n))
        .filter((n) => !/^(t|d\d?|x|g|e|o|ev|pp)$/.test(n));
      const unknown = [...new Set(called)].filter((n) => !SPARK_FUNCTIONS.has(n) && !SPARK_JOB.steps.some((s) => s.name === n));
      expect(unknown, file).toEqual([]);
    });
  }

  it('the grammar rejects what Spark rejects (the check can fail)', () => {
    expect(errorsOf("SELECT customer_id FROM orders WHERE order_date <= DATE '2024-06-30'")).toEqual([]);
    expect(errorsOf('SELEC customer_id FROM orders').length).toBeGreaterThan(0);
    expect(errorsOf('SELECT amount::DOUBLE FROM orders').length).toBeGreaterThan(0);
    expect(errorsOf('SELECT customer_id FROM orders QUALIFY row_number() OVER (ORDER BY amount) = 1').length).toBeGreaterThan(0);
    expect(hasAdjacentLiterals("SELECT 'Can''t Lose Them'")).toBe(true);
    expect(hasAdjacentLiterals("SELECT coalesce(x, '') || 'a'")).toBe(false);
    // An unfilled parameter is not SQL.
    expect(errorsOf('SELECT * FROM orders WHERE amount > ${churn_days}').length).toBeGreaterThan(0);
  });
});
