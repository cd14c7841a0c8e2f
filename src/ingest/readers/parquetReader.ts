import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { ident } from '../../engine/sql';
import { assertColumnLimit, cleanHeaders, newStagingName, stagingColumn, type Staging } from '../staging';
import { say } from '../messages';
import { NotATableError, type IngestInput } from '../types';
import { parquetWasm } from './parquetModule';

/**
 * Rows per record batch read from Parquet. The reader's default (1,024) meant ~400 inserts for a
 * 400k-row file at ~7 ms of fixed cost each; at 65,536 rows a batch stays a few MB.
 */
const PARQUET_BATCH_ROWS = 65_536;

/**
 * Reads a Parquet file with the bundled parquet-wasm reader into Arrow IPC, inserts it into
 * DuckDB, and exposes it in staging shape: every column as text so the same conversion path
 * applies (typed DATE/TIMESTAMP render as ISO text, which the converters parse exactly;
 * timezone-aware timestamps render in UTC with a '+00' suffix, read at their UTC clock time).
 */
export async function readParquetFile(qm: QueryManager, input: IngestInput): Promise<Staging> {
  const bytes = await input.read(0, input.size);
  const pq = await parquetWasm();
  let ipc: Uint8Array;
  try {
    ipc = pq.readParquet(bytes, { batchSize: PARQUET_BATCH_ROWS }).intoIPCStream();
  } catch {
    throw new NotATableError(input.name, say('parquetUnreadable'));
  }
  const raw = newStagingName() + '_raw';
  await qm.exclusive(async (c) => {
    // One IPC stream per record batch: DuckDB-WASM's worker bridge loses a multi-batch stream
    // handed over in one piece (a 400,000-row file came out with no columns in Chromium).
    const batches = tableFromIPC(ipc).batches;
    if (batches.length === 0) throw new NotATableError(input.name, say('parquetNoRows'));
    for (let i = 0; i < batches.length; i++) await c.insertArrowIPC(raw, tableToIPC(new Table(batches[i]), 'stream'), i === 0);
  });
  try {
    const cols = toRows<{ column_name: string }>(
      await qm.query(`SELECT column_name FROM (DESCRIBE ${raw})`, { cache: false }),
    ).map((r) => r.column_name);
    if (cols.length === 0) throw new NotATableError(input.name, say('parquetNoColumns'));
    assertColumnLimit(input.name, cols.length);
    const table = newStagingName();
    const select = cols.map((c, i) => `CAST(${ident(c)} AS VARCHAR) AS ${stagingColumn(i)}`).join(', ');
    await qm.exec(`CREATE TABLE ${table} AS SELECT ${select}, row_number() OVER () AS _line FROM ${raw}`);
    const n = toRows<{ n: number }>(await qm.query(`SELECT count(*) AS n FROM ${table}`, { cache: false }))[0].n;
    return { table, headers: cleanHeaders(cols), rowsRead: Number(n), rejected: [], rejectedCount: 0, encoding: null, delimiter: null, notes: [] };
  } finally {
    await qm.exec(`DROP TABLE IF EXISTS ${raw}`);
  }
}
