import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { QueryManager } from '../../src/engine/queryManager';
import { QueryManager as QM } from '../../src/engine/queryManager';
import { createNativeConnector } from '../../src/engine/nativeConnector';
import { ident, lit } from '../../src/engine/sql';
import { analyzeWorkspace } from '../../src/analytics/report';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../../src/analytics/settings';
import { loadDemo } from '../../src/demo/loadDemo';
import { CANONICAL_TABLES } from '../../src/ingest/schema';
import { createNativeEngine } from '../../src/workspace/nativeHost';
import { FACTS_TABLES } from '../../src/workspace/factsBundle/contract';
import { writeFactsBundle, type FactsManifest } from '../../src/cli/factsOut';
import { fillParams, registerInputs, runSteps, SPARK_JOB, writeJobBundle, type SparkJobParams } from '../../scale/spark/duckdbRunner';
import { rowsOf } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import { ratio } from '../../src/analytics/churn/rates';
import type { ChurnPeriodRow } from '../../src/analytics/churn/periodRow';
import { assembleCohorts, type CohortCell, type CohortRow } from '../../src/analytics/cohorts/assemble';

const made: string[] = [];
const freshDir = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * The app's side: loads the data on native DuckDB, writes its canonical tables as Parquet (the
 * job's input) and the facts bundle exactly as `analyze --engine native --facts-out` does.
 */
async function appSide(load: (qm: QueryManager) => Promise<unknown>, settings: AnalyticsSettings): Promise<{ inputDir: string; appDir: string; manifest: FactsManifest; sections: Record<string, unknown> }> {
  const root = freshDir('cw-spark-');
  const inputDir = path.join(root, 'canonical');
  const appDir = path.join(root, 'app-bundle');
  const qm = await createNativeEngine({ threads: 1 });
  try {
    await load(qm);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(inputDir, { recursive: true });
    for (const t of CANONICAL_TABLES) {
      await qm.exec(`COPY ${ident(t)} TO ${lit(path.join(inputDir, `${t}.parquet`))} (FORMAT parquet)`);
    }
    const report = await analyzeWorkspace(qm, settings);
    const manifest = await writeFactsBundle(qm, appDir, { engine: 'native', settings });
    return { inputDir, appDir, manifest, sections: report.sections };
  } finally {
    await qm.connector.close();
  }
}

/** The job's parameters from the app's manifest: what a data team copies from a run of the app. */
const paramsOf = (m: FactsManifest): SparkJobParams => ({
  as_of: m.asOf,
  period: m.settings.period,
  churn_days: m.settings.churnDays,
  period_basis: (m.decisions.periodBasis ?? 'orders') as SparkJobParams['period_basis'],
  value_basis: (m.decisions.valueBasis ?? 'none') as SparkJobParams['value_basis'],
  // The app's model rule needs a BG/NBD fit; the job has none and judges those customers by the rule.
  churn_rule: (m.decisions.churnRule === 'model' ? 'rule' : m.decisions.churnRule) as SparkJobParams['churn_rule'],
  silent_days: m.settings.silentDays ?? -1,
  min_silent_days: m.settings.minSilentDays,
  renewal_warning_days: m.settings.renewalWarningDays,
});

/**
 * What of cw_customer_status the job cannot reproduce where the app fitted BG/NBD: P(alive), and
 * the status of customers the app judged by the model (its rule 'model'). Everything else is compared.
 */
const STATUS_SKIP: Skip = { always: ['p_alive'], appRowWhere: "a.rule = 'model'", columns: ['status', 'base_status', 'rule'] };

/** Runs the job's files on a fresh native DuckDB (no canonical tables but the Parquet views) and writes its bundle. */
async function jobSide(inputDir: string, params: SparkJobParams): Promise<{ qm: QueryManager; jobDir: string; manifest: Record<string, unknown> }> {
  const qm = new QM(await createNativeConnector({ threads: 1 }));
  await registerInputs(qm, inputDir, existsSync);
  await runSteps(qm, params);
  const jobDir = path.join(path.dirname(inputDir), 'job-bundle');
  const manifest = await writeJobBundle(qm, jobDir, params);
  return { qm, jobDir, manifest };
}

/** Columns not compared: `always`, and `columns` on the app rows matching `appRowWhere` (alias a). */
interface Skip { always: string[]; appRowWhere: string; columns: string[] }

interface Diff { onlyApp: number; onlyJob: number; columns: Record<string, number>; example: string | null }

/**
 * Compares two Parquet files of one contract table row by row on its key: rows in only one, and
 * per column the rows whose values differ (DOUBLE within 1e-9, relative beyond 1; anything else
 * exactly, NULL equal to NULL).
 */
async function diffFiles(qm: QueryManager, table: string, appFile: string, jobFile: string, skip: Skip | null = null): Promise<Diff> {
  const t = FACTS_TABLES.find((c) => c.name === table)!;
  const key = (a: string) => `concat_ws('|', ${t.key.map((k) => `CAST(${a}.${ident(k)} AS VARCHAR)`).join(', ')})`;
  const nonKey = t.columns.filter((c) => !t.key.includes(c.name) && !skip?.always.includes(c.name));
  const same = (c: { name: string; type: string }) => {
    const [a, b] = [`a.${ident(c.name)}`, `b.${ident(c.name)}`];
    const eq = c.type === 'DOUBLE'
      ? `((${a} IS NULL AND ${b} IS NULL) OR abs(${a} - ${b}) <= 1e-9 * greatest(1, abs(${a}), abs(${b})))`
      : `${a} IS NOT DISTINCT FROM ${b}`;
    return skip?.columns.includes(c.name) ? `(${skip.appRowWhere} OR ${eq})` : eq;
  };
  const [r] = await rowsOf<Record<string, number | string | null>>(qm, `
    SELECT CAST(count(*) FILTER (WHERE b.__k IS NULL) AS DOUBLE) AS __only_app,
      CAST(count(*) FILTER (WHERE a.__k IS NULL) AS DOUBLE) AS __only_job,
      ${nonKey.map((c, i) => `CAST(count(*) FILTER (WHERE a.__k IS NOT NULL AND b.__k IS NOT NULL AND NOT ${same(c)}) AS DOUBLE) AS c${i}`).join(',\n')},
      min(CASE WHEN a.__k IS NULL OR b.__k IS NULL OR NOT (${nonKey.map(same).join(' AND ')})
        THEN coalesce(a.__k, b.__k) || ' app=' || CAST(to_json(a) AS VARCHAR) || ' job=' || CAST(to_json(b) AS VARCHAR) END) AS __example
    FROM (SELECT *, ${key('x')} AS __k FROM read_parquet(${lit(appFile)}) x) a
    FULL JOIN (SELECT *, ${key('y')} AS __k FROM read_parquet(${lit(jobFile)}) y) b ON a.__k = b.__k`);
  return {
    onlyApp: Number(r.__only_app),
    onlyJob: Number(r.__only_job),
    columns: Object.fromEntries(nonKey.map((c, i) => [c.name, Number(r[`c${i}`])]).filter(([, n]) => n !== 0)),
    example: (r.__example as string | null) ?? null,
  };
}

/** Numbers equal within 1e-9 (relative beyond 1), everything else exactly: the paths that differ. */
function mismatches(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? [] : [`${at}: ${a} vs ${b}`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${at}: length ${a.length} vs ${b.length}`];
    return a.flatMap((x, i) => mismatches(x, b[i], `${at}[${i}]`));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => mismatches((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return Object.is(a, b) ? [] : [`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/**
 * The analyze JSON's sections that the job's bundle carries, rebuilt from its files with the app's
 * own assembly (what a bundle reader would show): churnByPeriod's logo figures, cohorts, RFM
 * segments, and the customers block. Compared with the same sections of the app's run on the raw data.
 */
async function checkAnalyzeJson(qm: QueryManager, jobDir: string, sections: Record<string, unknown>, compareStatus: boolean): Promise<Record<string, number>> {
  const file = (t: string) => lit(path.join(jobDir, `${t}.parquet`));
  const has = (t: string) => existsSync(path.join(jobDir, `${t}.parquet`));
  const pick = <T extends object>(o: T, keys: string[]) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));

  const appChurn = (sections.churnByPeriod as ChurnPeriodRow[] | null) ?? [];
  const churnKeys = ['period', 'periodStart', 'periodEnd', 'partial', 'start', 'retained', 'churned', 'rate', 'joinedAndLost'];
  const jobChurn = has('cw_period_churn') ? (await rowsOf<{ label: string; ps: string; e: string; partial: number; start: number; retained: number; jl: number }>(qm,
    `SELECT label, strftime(ps, '%Y-%m-%d') AS ps, strftime(e, '%Y-%m-%d') AS e, CAST(partial AS INTEGER) AS partial, start, retained,
       joined_and_lost AS jl FROM read_parquet(${file('cw_period_churn')}) ORDER BY ps`)).map((r) => ({
    period: r.label, periodStart: r.ps, periodEnd: r.e, partial: r.partial === 1, start: r.start, retained: r.retained,
    churned: r.start - r.retained, rate: ratio(r.start - r.retained, r.start), joinedAndLost: r.jl,
  })) : [];
  expect(mismatches(appChurn.map((r) => pick(r, churnKeys)), jobChurn), 'churnByPeriod').toEqual([]);

  const cohortKeys = ['cohort', 'cohortStart', 'size', 'retention', 'unbounded', 'revenueRetention', 'lastPeriodPartial'];
  const appCohorts = (sections.cohorts as CohortRow[] | null) ?? [];
  const cells = has('cw_cohort_cells') ? (await rowsOf<CohortCell & { p: number }>(qm,
    `SELECT strftime(cohort_start, '%Y-%m-%d') AS cohort_start, cohort, k, size, active, on_or_after, revenue, CAST(partial AS INTEGER) AS p
     FROM read_parquet(${file('cw_cohort_cells')}) ORDER BY cohort_start, k`)).map((c) => ({ ...c, partial: c.p === 1 })) : [];
  expect(mismatches(appCohorts.map((r) => pick(r, cohortKeys)), assembleCohorts(cells).map((r) => pick(r, cohortKeys))), 'cohorts').toEqual([]);

  const appRfm = (sections.rfm as { segment: string; customers: number; value: number }[] | null) ?? [];
  const seg = new Map((has('cw_customer_rfm') ? await rowsOf<{ segment: string; customers: number; value: number }>(qm,
    `SELECT segment, CAST(count(*) AS INTEGER) AS customers, CAST(coalesce(sum(monetary), 0) AS DOUBLE) AS value
     FROM read_parquet(${file('cw_customer_rfm')}) GROUP BY segment`) : []).map((r) => [r.segment, r]));
  expect(mismatches(appRfm, appRfm.map((r) => seg.get(r.segment) ?? { segment: r.segment, customers: 0, value: 0 })), 'rfm').toEqual([]);
  expect([...seg.keys()].every((k) => appRfm.some((r) => r.segment === k))).toBe(true);

  if (compareStatus) {
    const keys = ['total', 'active', 'silent', 'churned', 'new'];
    const [c] = await rowsOf<Record<string, number>>(qm, `SELECT CAST(count(*) AS INTEGER) AS total,
      CAST(count(*) FILTER (WHERE status = 'active') AS INTEGER) AS active, CAST(count(*) FILTER (WHERE status = 'silent') AS INTEGER) AS silent,
      CAST(count(*) FILTER (WHERE status = 'churned') AS INTEGER) AS churned, CAST(count(*) FILTER (WHERE status = 'new') AS INTEGER) AS "new"
      FROM read_parquet(${file('cw_customer_status')})`);
    expect(pick(c, keys), 'customers').toEqual(pick(sections.customers as object, keys));
  }
  return { churnByPeriod: jobChurn.length, cohortCells: cells.length, rfmSegments: seg.size };
}

const bundleSteps = SPARK_JOB.steps.filter((s) => s.bundle).map((s) => s.name);

/** Runs both sides and checks every table the job produces against the app's bundle. */
async function checkEquivalent(load: (qm: QueryManager) => Promise<unknown>, settings: AnalyticsSettings, expectRows: Record<string, 'some' | 'none'>) {
  const app = await appSide(load, settings);
  const job = await jobSide(app.inputDir, paramsOf(app.manifest));
  try {
    // The job's tables have exactly the contract's columns and DuckDB types.
    for (const name of bundleSteps) {
      const t = FACTS_TABLES.find((c) => c.name === name)!;
      const cols = await rowsOf<{ column_name: string; column_type: string }>(job.qm, `SELECT column_name, column_type FROM (DESCRIBE ${ident(name)})`);
      expect(cols.map((c) => `${c.column_name} ${c.column_type}`), name).toEqual(t.columns.map((c) => `${c.name} ${c.type}`));
    }
    const jobFiles = (job.manifest.files as { table: string; file: string | null; rows: number }[]);
    expect(jobFiles.map((f) => f.table)).toEqual(bundleSteps);
    expect((job.manifest.omitted as { table: string }[]).map((o) => o.table).sort()).toEqual(
      FACTS_TABLES.map((t) => t.name).filter((n) => !bundleSteps.includes(n)).sort());
    const summary: Record<string, number> = {};
    for (const name of bundleSteps) {
      const jf = jobFiles.find((f) => f.table === name)!;
      const af = app.manifest.files.find((f) => f.table === name);
      summary[name] = jf.rows;
      if (expectRows[name] === 'none') {
        // The app omits the table (or has no rows); the job must have none either.
        expect(af?.rows ?? 0, name).toBe(0);
        expect(jf.rows, name).toBe(0);
        continue;
      }
      expect(af?.file, name).toBeTruthy();
      expect(jf.file, name).toBeTruthy();
      expect(jf.rows, name).toBe(af!.rows);
      const [appFile, jobFile] = [path.join(app.appDir, af!.file!), path.join(job.jobDir, jf.file!)];
      const d = await diffFiles(job.qm, name, appFile, jobFile, name === 'cw_customer_status' ? STATUS_SKIP : null);
      expect(d, `${name}: ${d.example ?? ''}`).toEqual({ onlyApp: 0, onlyJob: 0, columns: {}, example: null });
      if (name === 'cw_customer_status') {
        // The job never has P(alive); the app's rows it could not judge are counted, not hidden.
        const [r] = await rowsOf<{ p: number; model: number }>(job.qm, `SELECT
          CAST((SELECT count(*) FROM read_parquet(${lit(jobFile)}) WHERE p_alive IS NOT NULL) AS DOUBLE) AS p,
          CAST((SELECT count(*) FROM read_parquet(${lit(appFile)}) WHERE rule = 'model') AS DOUBLE) AS model`);
        expect(Number(r.p)).toBe(0);
        summary['status: app rows judged by BG/NBD (status not compared)'] = Number(r.model);
      }
    }
    const json = await checkAnalyzeJson(job.qm, job.jobDir, app.sections, summary['status: app rows judged by BG/NBD (status not compared)'] === 0);
    for (const [k, n] of Object.entries(json)) summary[`analyze JSON ${k}`] = n;
    return summary;
  } finally {
    await job.qm.connector.close();
  }
}

const all = (v: 'some' | 'none') => Object.fromEntries(bundleSteps.map((s) => [s, v])) as Record<string, 'some' | 'none'>;
const settingsWith = (over: Partial<AnalyticsSettings>): AnalyticsSettings => ({ ...DEFAULT_SETTINGS, ...over });

describe('the reference Spark job (scale/spark) on native DuckDB', () => {
  it('reproduces every table it produces of the app\'s bundle on the demo company (2,000 customers), by month', async () => {
    const s = await checkEquivalent((qm) => loadDemo(qm, { customers: 2000 }), settingsWith({}), all('some'));
    console.info(`demo 2,000: ${JSON.stringify(s)}`);
    // The analyze JSON rebuilt from the job's bundle is not vacuous.
    expect(s['analyze JSON churnByPeriod']).toBeGreaterThan(12);
    expect(s['analyze JSON cohortCells']).toBeGreaterThan(100);
    expect(s['analyze JSON rfmSegments']).toBeGreaterThan(5);
  }, 120_000);

  it('and by quarter, with a fixed W1', async () => {
    for (const period of ['quarter'] as const) {
      await checkEquivalent((qm) => loadDemo(qm, { customers: 300 }), settingsWith({ period, silentDays: 60 }), all('some'));
    }
  }, 120_000);

  it('on a made-up company with an event on every day around the as-of date (window edges, month ends, a leap day), by week, month and year', async () => {
    // 420 customers, customer i signed up i days before the as-of date and bought then and i/3 days
    // before it (one return line each 7th), was active i/2 days before it; every 3rd has a
    // subscription ending or renewing within 0..40 days of the as-of date. Every 90/180/365-day
    // window edge, "new within one period", the 15-day renewal warning and the month-end clamp
    // of "as-of minus one month" (2024-03-31 -> 2024-02-29; 2024-02-29 minus a year -> 2023-02-28) is hit.
    const made = (asOf: string) => async (qm: QueryManager) => {
      const d = `DATE '${asOf}'`;
      await qm.exec(`INSERT INTO customers (customer_id, name, signup_date, segment, _source, _line)
        SELECT 'c' || lpad(CAST(i AS VARCHAR), 3, '0'), 'n' || i, CAST(${d} - INTERVAL (i) DAY AS DATE), CASE WHEN i % 2 = 0 THEN 'A' ELSE 'B' END, 'made', i
        FROM range(420) t(i)`);
      await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return, _source, _line)
        SELECT 'o' || i || '-' || j, 'c' || lpad(CAST(i AS VARCHAR), 3, '0'),
          CAST(${d} - INTERVAL (CASE WHEN j = 0 THEN i ELSE i // 3 END) DAY AS TIMESTAMP),
          CASE WHEN j = 2 THEN -5.5 ELSE 10 + i * 0.25 END, j = 2, 'made', i * 3 + j
        FROM range(420) t(i), range(3) u(j) WHERE j < 2 OR i % 7 = 0`);
      await qm.exec(`INSERT INTO activity (customer_id, event_date, event_type, count, _source, _line)
        SELECT 'c' || lpad(CAST(i AS VARCHAR), 3, '0'), CAST(${d} - INTERVAL (i // 2) DAY AS TIMESTAMP), 'e' || (i % 4), 1 + i % 3, 'made', i
        FROM range(420) t(i)`);
      await qm.exec(`INSERT INTO subscriptions (subscription_id, customer_id, start_date, end_date, renewal_date, mrr, _source, _line)
        SELECT 's' || i, 'c' || lpad(CAST(i AS VARCHAR), 3, '0'), CAST(${d} - INTERVAL (i) DAY AS DATE),
          CASE WHEN i % 2 = 0 THEN CAST(${d} + INTERVAL (i % 41 - 20) DAY AS DATE) END,
          CASE WHEN i % 2 = 1 THEN CAST(${d} + INTERVAL (i % 41) DAY AS DATE) END, 100 + i, 'made', i
        FROM range(420) t(i) WHERE i % 3 = 0`);
    };
    for (const [period, asOf] of [['week', '2024-03-31'], ['month', '2024-03-31'], ['year', '2024-02-29']] as const) {
      const s = await checkEquivalent(made(asOf), settingsWith({ period, asOf }), all('some'));
      expect(s.cw_customer_facts, `${period} ${asOf}`).toBe(420);
    }
  }, 120_000);

  it('on CDNOW_master under the windows rule (the status of every customer compared; the back-test picks it there too)', async () => {
    const s = await checkEquivalent((qm) => loadSharedFile(qm, 'cdnow/CDNOW_master.txt'), settingsWith({ churnRule: 'rule' }), all('some'));
    expect(s['status: app rows judged by BG/NBD (status not compared)']).toBe(0);
    console.info(`CDNOW: ${JSON.stringify(s)}`);
  }, 120_000);

  it('on the Telco snapshot (no dates: the per-period tables are empty, as the app omits them)', async () => {
    const s = await checkEquivalent((qm) => loadSharedFile(qm, 'telco/Telco-Customer-Churn.csv'), settingsWith({ asOf: '2026-01-31' }),
      { ...all('some'), cw_customer_rfm: 'none', cw_period_churn: 'none', cw_period_churners: 'none', cw_cohort_cells: 'none' });
    console.info(`Telco: ${JSON.stringify(s)}`);
    expect(s['status: app rows judged by BG/NBD (status not compared)']).toBe(0);
  }, 120_000);

  it('a job whose SQL differs from the app\'s definition is caught (the check can fail)', async () => {
    const app = await appSide((qm) => loadDemo(qm, { customers: 300 }), settingsWith({}));
    const job = await jobSide(app.inputDir, paramsOf(app.manifest));
    try {
      // Off by one day in the 90-day window: value_last_90d and its neighbours must differ.
      await job.qm.exec(`UPDATE cw_customer_facts SET value_last_90d = value_last_90d + 1 WHERE customer_id IN (SELECT customer_id FROM cw_customer_facts ORDER BY customer_id LIMIT 3)`);
      const broken = path.join(job.jobDir, 'broken.parquet');
      await job.qm.exec(`COPY (SELECT CAST(churned_label AS TINYINT) AS churned_label, * EXCLUDE (churned_label) FROM cw_customer_facts) TO ${lit(broken)} (FORMAT parquet)`);
      const d = await diffFiles(job.qm, 'cw_customer_facts', path.join(app.appDir, 'cw_customer_facts.parquet'), broken);
      expect(d.columns).toEqual({ value_last_90d: 3 });
      expect(d.onlyApp + d.onlyJob).toBe(0);
      expect(JSON.parse(readFileSync(path.join(job.jobDir, 'manifest.json'), 'utf8')).engine).toBe('spark-sql');
      // A placeholder the parameters do not name, or a value that is not what it says, is refused
      // before any SQL runs, never left for the engine.
      const params = paramsOf(app.manifest);
      expect(() => fillParams('SELECT ${as_off}', params)).toThrow(/unknown parameter \$\{as_off\}/);
      expect(() => fillParams('SELECT 1', { ...params, as_of: "2020-01-01' OR 1=1 --" })).toThrow(/as_of .* is not valid/);
      expect(() => fillParams('SELECT 1', { ...params, period: 'day' as SparkJobParams['period'] })).toThrow(/period .* is not valid/);
      expect(fillParams("SELECT DATE '${as_of}', ${churn_days}", params)).toBe(`SELECT DATE '${params.as_of}', ${params.churn_days}`);
    } finally {
      await job.qm.connector.close();
    }
  }, 120_000);
});
