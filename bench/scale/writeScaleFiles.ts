import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createNativeConnector } from '../../src/engine/nativeConnector';
import { QueryManager } from '../../src/engine/queryManager';
import { loadDemo } from '../../src/demo/loadDemo';
import { ident } from '../../src/engine/sql';
import type { ScaleSize } from './sizes';

/** One exported table of a scale size, in both formats. */
export interface ScaleFile {
  table: string;
  csv: string;
  parquet: string;
  csvBytes: number;
  parquetBytes: number;
  rows: number;
}

/** The tables a CRM export would hold; derived columns and provenance are left out, as a CRM has none. */
const EXPORTS: { table: string; drop: string[] }[] = [
  { table: 'customers', drop: ['churned', '_source', '_line'] },
  { table: 'orders', drop: ['is_return', '_source', '_line'] },
  { table: 'subscriptions', drop: ['_source', '_line'] },
  { table: 'activity', drop: ['_source', '_line'] },
  { table: 'tickets', drop: ['_source', '_line'] },
  { table: 'nps', drop: ['_source', '_line'] },
  { table: 'interventions', drop: ['_source', '_line'] },
];

/**
 * Writes the demo company of `size` as one CSV and one Parquet file per table under
 * bench/out/data/<size> (native DuckDB's COPY), unless they are there already. The demo is
 * seeded, so the files are the same every time.
 */
export async function ensureScaleFiles(size: ScaleSize): Promise<ScaleFile[]> {
  const dir = path.resolve('bench/out/data', size.name);
  const done = path.join(dir, '.complete');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(done)) {
    const qm = new QueryManager(await createNativeConnector());
    try {
      await loadDemo(qm, { customers: size.customers, ordersPerCustomer: size.ordersPerCustomer });
      for (const { table, drop } of EXPORTS) {
        const select = `SELECT * EXCLUDE (${drop.map(ident).join(', ')}) FROM ${ident(table)}`;
        await qm.exec(`COPY (${select}) TO '${path.join(dir, `${table}.csv`)}' (HEADER, DELIMITER ',')`);
        await qm.exec(`COPY (${select}) TO '${path.join(dir, `${table}.parquet`)}' (FORMAT parquet, COMPRESSION zstd)`);
      }
      await qm.exec(`COPY (SELECT 1) TO '${done}' (HEADER false)`);
    } finally {
      await qm.connector.close();
    }
  }
  const qm = new QueryManager(await createNativeConnector());
  try {
    const out: ScaleFile[] = [];
    for (const { table } of EXPORTS) {
      const csv = path.join(dir, `${table}.csv`);
      const parquet = path.join(dir, `${table}.parquet`);
      const rows = Number((await qm.query(`SELECT count(*)::DOUBLE AS n FROM read_parquet('${parquet}')`)).getChild('n')!.get(0));
      out.push({ table, csv, parquet, csvBytes: statSync(csv).size, parquetBytes: statSync(parquet).size, rows });
    }
    return out;
  } finally {
    await qm.connector.close();
  }
}
