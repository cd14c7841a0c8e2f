import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { QueryManager } from '../../src/engine/queryManager';
import { SHARED_DATA } from './engine';

/**
 * Loads a file of ../shared/data into the canonical tables, as the app would.
 * TEMPORARY: until src/ingest/ingestFile.ts lands this uses direct SQL for the two shapes the
 * analytics tests need; it will switch to the real ingestion pipeline without changing callers.
 */
export async function loadSharedFile(qm: QueryManager, relPath: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(path.join(SHARED_DATA, relPath)));
  const name = path.basename(relPath);
  await qm.exclusive(async (c) => {
    await c.registerFile(name, bytes);
    if (name === 'Telco-Customer-Churn.csv') {
      await c.exec(`INSERT INTO customers (customer_id, status, churned, monthly_value, _source, _line)
        SELECT customerID, Churn, Churn = 'Yes', MonthlyCharges, '${name}', row_number() OVER () + 1
        FROM read_csv('${name}', header = true, all_varchar = false)`);
      await c.exec(`INSERT INTO customer_attributes
        SELECT customerID, unnest(['Contract','InternetService','PaymentMethod','gender','tenure','TotalCharges']),
          unnest([Contract, InternetService, PaymentMethod, gender, NULL, NULL]),
          unnest([NULL, NULL, NULL, NULL, tenure::DOUBLE, try_cast(TotalCharges AS DOUBLE)]), '${name}'
        FROM read_csv('${name}', header = true, all_varchar = true)`);
    } else if (name === 'CDNOW_master.txt' || name === 'CDNOW_sample.txt') {
      const text = new TextDecoder().decode(bytes).split(/\r?\n/).map((l) => l.trim().split(/\s+/).join('\t')).join('\n');
      const tsv = name + '.tsv';
      await c.registerFile(tsv, new TextEncoder().encode(text));
      const header = name === 'CDNOW_master.txt';
      const idCol = header ? 'column0' : 'column1';
      const dateCol = header ? 'column1' : 'column2';
      const qtyCol = header ? 'column2' : 'column3';
      const amtCol = header ? 'column3' : 'column4';
      await c.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, quantity, is_return, _source, _line)
        SELECT NULL, ${idCol}, strptime(${dateCol}, '%Y%m%d'), ${amtCol}::DOUBLE, ${qtyCol}::DOUBLE, false, '${name}', row_number() OVER () + ${header ? 1 : 0}
        FROM read_csv('${tsv}', delim = '\t', header = false, skip = ${header ? 1 : 0}, all_varchar = true,
          names = ['column0','column1','column2','column3','column4'], null_padding = true)
        WHERE ${idCol} IS NOT NULL`);
      await c.dropFile(tsv);
    } else {
      throw new Error(`loadSharedFile: no loader yet for ${name}`);
    }
    await c.dropFile(name);
  });
}
