import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Connector } from '../../src/engine/connector';
import type { ScaleFile } from './writeScaleFiles';

/** The lean reference's time per step on one engine, and in all. */
export interface LeanRun {
  label: string;
  stepMs: Record<string, number>;
  totalMs: number;
  error?: string;
}

/**
 * The least work the screen's data needs, as issue 11 states it, and nothing else: a typed
 * read_csv of every file, one customer-day aggregation of orders, per-customer facts in one pass
 * over it, then the monthly churn series (W2 = 180 days), the monthly cohorts and the RFM scores.
 * It is the yardstick the app's own pipeline (ingestFile + prepareScreen on the same files and
 * engine) is compared against in bench/RESULTS.md; it checks no input, keeps no provenance and
 * draws nothing, so the app can approach it but is not expected to equal it.
 */
const STEPS: { name: string; sql: string[] }[] = [
  { name: 'customer-day', sql: [`CREATE TABLE lean_cday AS
    SELECT customer_id, CAST(order_date AS DATE) AS d, count(DISTINCT order_id) AS n, sum(amount) AS amount
    FROM orders GROUP BY ALL`] },
  { name: 'facts', sql: [`CREATE TABLE lean_facts AS
    WITH g AS (SELECT customer_id, d, amount, n, d - lag(d) OVER (PARTITION BY customer_id ORDER BY d) AS gap FROM lean_cday)
    SELECT customer_id, min(d) AS first_d, max(d) AS last_d, count(*) - 1 AS x, sum(n) AS orders,
      sum(amount) AS monetary, median(gap) AS median_gap,
      sum(amount) FILTER (WHERE d > (SELECT max(d) FROM lean_cday) - 365) AS value_12m
    FROM g GROUP BY customer_id`] },
  { name: 'churn series', sql: [`CREATE TABLE lean_churn AS
    WITH bounds AS (SELECT min(first_d) AS lo, max(last_d) AS hi FROM lean_facts),
    months AS (SELECT CAST(m AS DATE) AS ps, CAST(m + INTERVAL 1 MONTH AS DATE) AS pe
      FROM bounds, range(date_trunc('month', lo), hi, INTERVAL 1 MONTH) t(m)),
    -- a customer on day t: first purchase on or before t and a purchase within the 180 days up to t
    at_start AS (SELECT DISTINCT m.ps, c.customer_id FROM months m JOIN lean_cday c
      ON c.d <= m.ps AND c.d > m.ps - 180),
    at_end AS (SELECT DISTINCT m.ps, c.customer_id FROM months m JOIN lean_cday c
      ON c.d <= m.pe AND c.d > m.pe - 180)
    SELECT s.ps, count(*) AS start_customers, count(*) - count(e.customer_id) AS churned
    FROM at_start s LEFT JOIN at_end e USING (ps, customer_id) GROUP BY s.ps ORDER BY s.ps`] },
  { name: 'cohorts', sql: [`CREATE TABLE lean_cohorts AS
    SELECT date_trunc('month', f.first_d) AS cohort,
      datediff('month', date_trunc('month', f.first_d), date_trunc('month', c.d)) AS k,
      count(DISTINCT c.customer_id) AS active, sum(c.amount) AS revenue
    FROM lean_cday c JOIN lean_facts f USING (customer_id) GROUP BY ALL`] },
  { name: 'RFM', sql: [`CREATE TABLE lean_rfm AS
    SELECT customer_id,
      ntile(5) OVER (ORDER BY last_d) AS r, ntile(5) OVER (ORDER BY orders) AS f, ntile(5) OVER (ORDER BY monetary) AS m
    FROM lean_facts`] },
];

/** Runs the lean reference on `connector` over the CSVs of one scale size (registered as files). */
export async function runLeanReference(label: string, connector: Connector, files: ScaleFile[]): Promise<LeanRun> {
  const run: LeanRun = { label, stepMs: {}, totalMs: 0 };
  const timed = async (name: string, sql: string[]) => {
    const t0 = performance.now();
    for (const s of sql) await connector.query(s);
    run.stepMs[name] = performance.now() - t0;
  };
  try {
    const reads: string[] = [];
    for (const f of files) {
      const name = `lean_${path.basename(f.csv)}`;
      await connector.registerFile(name, new Uint8Array(readFileSync(f.csv)));
      reads.push(`CREATE TABLE ${f.table} AS SELECT * FROM read_csv('${name}', header = true)`);
    }
    await timed('typed read_csv, all files', reads);
    for (const step of STEPS) await timed(step.name, step.sql);
    run.totalMs = Object.values(run.stepMs).reduce((a, b) => a + b, 0);
  } catch (e) {
    run.error = String((e as Error)?.message ?? e).split('\n')[0].slice(0, 200);
  } finally {
    await connector.close();
  }
  return run;
}
