import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTestEngine, rowsOf, FIXTURES, SHARED_DATA } from '../helpers/engine';
import { activityJsonLine, generatedInput, orderCsvLine } from '../helpers/hostileBig';
import { ingestFile } from '../../src/ingest/ingestFile';
import { describeLoadError } from '../../src/ingest/loadErrors';
import { assertSizeLimits } from '../../src/ingest/sizeLimits';
import { csvMaxBytes } from '../../src/cli/engineLimits';
import { bytesInput, type IngestInput } from '../../src/ingest/types';
import type { QueryManager } from '../../src/engine/queryManager';

const GB = 2 ** 30;

/** Counts the bytes a loader reads from `input`. */
function counted(input: IngestInput): { input: IngestInput; read: () => number } {
  let bytes = 0;
  return {
    input: { ...input, read: async (s, e) => { const b = await input.read(s, e); bytes += b.length; return b; } },
    read: () => bytes,
  };
}

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
  await ingestFile(qm, bytesInput('e2e-orders.csv', new Uint8Array(readFileSync(path.join(FIXTURES, 'e2e-orders.csv')))));
});

describe('files larger than the browser can hold', () => {
  it('refuses a 1.5 GB CSV by its size, reading only its first 64 KB, with the measured limit in the message', async () => {
    const big = counted(generatedInput('orders-1.5gb.csv', 1.5 * GB, 'order_id,customer_id,order_date,amount,status', orderCsvLine, 3));
    const [r] = await ingestFile(qm, big.input);
    expect(r.error).toBe('orders-1.5gb.csv: the file is 1,536 MB; the browser can hold about 640 MB of delimited text in one file (about 11,500,000 order lines). Split it into smaller files or export only the period you need.');
    expect(big.read()).toBe(65_536);
    expect(await rowsOf(qm, `SELECT count(*)::INT AS n FROM orders`)).toEqual([{ n: 5 }]);
  });

  it('the delimited limit is the host\'s: the CLI keeps the browser\'s on WASM and refuses no size on native (L\'s 0.7 GB orders)', async () => {
    const l = 696_634_210;
    expect(() => assertSizeLimits('orders.csv', l, 'csv', csvMaxBytes('wasm'))).toThrow('the file is 665 MB; the browser can hold about 640 MB');
    expect(() => assertSizeLimits('orders.csv', l, 'csv')).toThrow('the file is 665 MB');
    expect(() => assertSizeLimits('orders.csv', 50 * GB, 'csv', csvMaxBytes('native'))).not.toThrow();
    // Only delimited text: JSON is parsed whole in JavaScript on either engine.
    expect(() => assertSizeLimits('events.ndjson', 500 * 2 ** 20, 'ndjson', csvMaxBytes('native'))).toThrow('JSON is read whole');
    // ingestFile applies the host's figure.
    const bytes = readFileSync(path.join(FIXTURES, 'e2e-orders.csv'));
    const own = await createTestEngine();
    const [refused] = await ingestFile(own, bytesInput('e2e-orders.csv', new Uint8Array(bytes)), { csvMaxBytes: bytes.length - 1 });
    expect(refused.error).toMatch(/^e2e-orders\.csv: the file is 1 MB; the browser can hold about 640 MB/);
    const [loaded] = await ingestFile(own, bytesInput('e2e-orders.csv', new Uint8Array(bytes)), { csvMaxBytes: bytes.length });
    expect(loaded.error ?? null).toBeNull();
    expect(loaded.rowsLoaded).toBe(5);
  });

  it('refuses a 500 MB NDJSON file by its size (JSON is parsed whole)', async () => {
    const [r] = await ingestFile(qm, generatedInput('events.ndjson', 500 * 2 ** 20, null, activityJsonLine, 17));
    expect(r.error).toBe('events.ndjson: the file is 500 MB; JSON is read whole, and the browser can hold about 400 MB of it. Export CSV, or split the file.');
  });

  it('turns the engine running out of memory into what happened and what to do, never its raw text', () => {
    const raw = new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)\nDatabase is launched in in-memory mode and no temporary directory is specified.');
    expect(describeLoadError('orders.csv', raw)).toBe('orders.csv: the engine ran out of memory loading this file (the browser gives it about 3,174 MB in all); nothing of this file was kept. Remove other files from the workspace, or split this file.');
    expect(describeLoadError('orders.csv', new Error('Binder Error: column "x" not found'))).toBe('orders.csv: an unexpected error stopped the load and nothing of this file was kept; try again, or save the file as CSV.');
  });
});

describe('npm run analyze with a zip bomb among good files', () => {
  it('refuses the bomb by name and limit and still loads Telco (exit 0)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', '--json',
      path.join(FIXTURES, 'hostile', 'red-team', 'zip-bomb.xlsx'), path.join(SHARED_DATA, 'telco', 'Telco-Customer-Churn.csv')], { encoding: 'utf8', timeout: 170_000 });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { file: string; rowsLoaded: number; error: string | null }) => [f.file, f.rowsLoaded, f.error])).toEqual([
      ['zip-bomb.xlsx', 0, 'zip-bomb.xlsx: sheet "Sheet1" declares 12,000,000 rows; the browser can hold about 1,000,000 rows of a workbook sheet. Save the sheet as CSV, which loads in pieces, or split it.'],
      ['Telco-Customer-Churn.csv', 7_043, null],
    ]);
    expect(report.tables).toEqual({ customers: 7_043 });
  }, 180_000);
});
