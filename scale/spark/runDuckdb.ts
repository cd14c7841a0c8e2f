import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createNativeConnector } from '../../src/engine/nativeConnector';
import { QueryManager } from '../../src/engine/queryManager';
import { registerInputs, runSteps, writeJobBundle, type SparkJobParams } from './duckdbRunner';

/**
 * The reference Spark job on one machine's native DuckDB, with the PySpark driver's flags:
 *
 *   npx tsx scale/spark/runDuckdb.ts --input DIR --output DIR --as-of 2026-09-30 --period month \
 *     --churn-days 180 --period-basis subscriptions --value-basis orders --churn-rule contractual
 *
 * The same SQL files as on Spark; the only DuckDB addition is the unix_date macro (duckdbRunner.ts).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string' }, output: { type: 'string' }, 'as-of': { type: 'string' }, period: { type: 'string', default: 'month' },
      'churn-days': { type: 'string', default: '180' }, 'period-basis': { type: 'string' }, 'value-basis': { type: 'string' },
      'churn-rule': { type: 'string' }, 'silent-days': { type: 'string', default: '-1' }, 'min-silent-days': { type: 'string', default: '30' },
      'renewal-warning-days': { type: 'string', default: '15' }, threads: { type: 'string' },
    },
  });
  const need = (k: keyof typeof values) => {
    const v = values[k];
    if (typeof v !== 'string' || v === '') throw new Error(`--${k} is required`);
    return v;
  };
  const params = {
    as_of: need('as-of'), period: need('period'), churn_days: Number(need('churn-days')), period_basis: need('period-basis'),
    value_basis: need('value-basis'), churn_rule: need('churn-rule'), silent_days: Number(need('silent-days')),
    min_silent_days: Number(need('min-silent-days')), renewal_warning_days: Number(need('renewal-warning-days')),
  } as SparkJobParams;
  const qm = new QueryManager(await createNativeConnector(values.threads ? { threads: Number(values.threads) } : {}));
  try {
    await registerInputs(qm, need('input'), existsSync);
    await runSteps(qm, params);
    const manifest = await writeJobBundle(qm, need('output'), params);
    const files = manifest.files as { table: string; rows: number }[];
    process.stderr.write(`spark job on DuckDB: ${files.map((f) => `${f.table} ${f.rows}`).join(', ')}\n`);
  } finally {
    await qm.connector.close();
  }
}

main().catch((e: unknown) => {
  // The output directory is checked as analyze's --facts-out is (checkFactsOut): say which flag.
  process.stderr.write(`${(e instanceof Error ? e.message : String(e)).replace(/^--facts-out /, '--output ')}\n`);
  process.exitCode = 1;
});
