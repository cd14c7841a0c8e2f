import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestEngine, rowsOf, FIXTURES, SHARED_DATA } from '../helpers/engine';
import { FAST_LANE_MAX_BYTES, ingestFile } from '../../src/ingest/ingestFile';
import { fastLaneMaxBytes } from '../../src/cli/engineLimits';
import { fileInput } from '../../src/cli/fileInput';
import { createNativeEngine } from '../../src/workspace/nativeHost';
import { bytesInput, type FileReport, type IngestOptions } from '../../src/ingest/types';
import { CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from '../../src/ingest/schema';
import { loadDemo } from '../../src/demo/loadDemo';
import { ident } from '../../src/engine/sql';
import type { QueryManager } from '../../src/engine/queryManager';

/**
 * The typed fast lane (src/ingest/readers/fastLane.ts) against the text path: every delimited file
 * the project has loads into the same canonical rows (every column, provenance included) with the
 * same report, once and again (re-upload dedupe), whichever lane takes it.
 */

const TABLES = [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every delimited fixture, the shared Telco and CDNOW files. */
const FILES = [
  ...walk(FIXTURES).filter((f) => /\.(csv|tsv|txt)$/i.test(f)),
  ...['telco/Telco-Customer-Churn.csv', 'cdnow/CDNOW_master.txt', 'cdnow/CDNOW_sample.txt', 'cdnow/cdnow_customers_summary.csv'].map((f) => path.join(SHARED_DATA, f)),
].sort();

/** Every row of every canonical table as DuckDB's own text of the row (exact: -0.0, timestamps, NULLs), sorted. */
async function tablesText(qm: QueryManager): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of TABLES) {
    out[t] = (await rowsOf<{ r: string }>(qm, `SELECT CAST(x AS VARCHAR) AS r FROM ${ident(t)} x ORDER BY r`)).map((r) => r.r);
  }
  return out;
}

async function emptyAll(qm: QueryManager): Promise<void> {
  for (const t of TABLES) await qm.exec(`DELETE FROM ${ident(t)}`);
}

interface Run {
  reports: FileReport[];
  tables: Record<string, string[]>;
  lanes: string[];
}

/** Loads `bytes` twice (the second load is a re-upload: newest wins, duplicates counted) on one lane. */
async function loadTwice(qm: QueryManager, name: string, bytes: Uint8Array, options: IngestOptions): Promise<Run> {
  await emptyAll(qm);
  const lanes: string[] = [];
  const onLane: IngestOptions['onLane'] = (_file, lane) => lanes.push(lane);
  const reports = [
    ...(await ingestFile(qm, bytesInput(name, bytes), { ...options, onLane })),
    ...(await ingestFile(qm, bytesInput(name, bytes), { ...options, onLane })),
  ];
  return { reports, tables: await tablesText(qm), lanes };
}

describe('the typed fast lane loads exactly what the text path loads', () => {
  let fastQm: QueryManager;
  let textQm: QueryManager;
  beforeAll(async () => {
    fastQm = await createTestEngine();
    textQm = await createTestEngine();
  });

  it('on every delimited fixture, Telco and CDNOW: same rows, provenance and reports, loaded once and re-uploaded', async () => {
    const typed: string[] = [];
    for (const file of FILES) {
      const bytes = new Uint8Array(readFileSync(file));
      const name = path.basename(file);
      const fast = await loadTwice(fastQm, name, bytes, { fastLane: 'always' });
      const text = await loadTwice(textQm, name, bytes, { fastLane: false });
      expect(text.lanes, name).toEqual(['text', 'text']);
      expect(fast.reports, name).toEqual(text.reports);
      expect(fast.tables, name).toEqual(text.tables);
      if (fast.lanes.includes('typed')) typed.push(name);
    }
    // The comparison means something only if the lane was taken: clean files do take it.
    expect(typed).toEqual(expect.arrayContaining(['Telco-Customer-Churn.csv', 'cdnow_customers_summary.csv', 'orders-300-lines.csv']));
    expect(typed.length).toBeGreaterThanOrEqual(10);
  }, 600_000);

  it('on demo orders, customers and tickets exported as CSV (dates, timestamps, typed numbers, many sample-sized chunks)', async () => {
    const demo = await createTestEngine();
    await loadDemo(demo, { customers: 600 });
    for (const table of ['orders', 'customers', 'tickets', 'subscriptions']) {
      const bytes = await exportCsv(demo, table);
      const fast = await loadTwice(fastQm, `${table}.csv`, bytes, { fastLane: 'always' });
      const text = await loadTwice(textQm, `${table}.csv`, bytes, { fastLane: false });
      expect(fast.lanes, table).toEqual(['typed', 'typed']);
      expect(fast.reports, table).toEqual(text.reports);
      expect(fast.tables, table).toEqual(text.tables);
      expect(fast.reports[0].rowsLoaded, table).toBeGreaterThan(0);
    }
  }, 600_000);
});

/** A demo table as a CRM would export it: a header, LF lines, DuckDB's text of every value, empty for NULL. */
async function exportCsv(qm: QueryManager, table: string): Promise<Uint8Array> {
  const cols = (await rowsOf<{ name: string }>(qm, `SELECT name FROM pragma_table_info(${`'${table}'`}) ORDER BY cid`))
    .map((c) => c.name).filter((c) => !['_source', '_line', 'churned', 'is_return'].includes(c));
  const [row] = await rowsOf<{ body: string }>(qm, `SELECT string_agg(concat_ws(',', ${cols.map((c) => `coalesce(CAST(${ident(c)} AS VARCHAR), '')`).join(', ')}), chr(10) ORDER BY _line) AS body FROM ${ident(table)}`);
  return new TextEncoder().encode(`${cols.join(',')}\n${row.body}\n`);
}

describe('the fast lane declines where its rows could differ, and the text path reports as before', () => {
  /** A clean orders file of 16,000 lines (past the detection sample) with `edit` applied to one record. */
  function orders(edit: (cells: string[]) => void, at = 15000, newline = '\n'): Uint8Array {
    const lines = ['order_id,customer_id,order_date,amount,quantity,status'];
    for (let i = 1; i <= 16000; i++) {
      const cells = [`O${i}`, `C${i % 500}`, `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`, `${(i % 997) + 0.5}`, `${(i % 3) + 1}`, 'paid'];
      if (i === at) edit(cells);
      lines.push(cells.join(','));
    }
    return new TextEncoder().encode(lines.join(newline) + newline);
  }

  async function both(name: string, bytes: Uint8Array) {
    const fastQm = await createTestEngine();
    const textQm = await createTestEngine();
    const lanes: { lane: string; reason: string | null }[] = [];
    const [fast] = await ingestFile(fastQm, bytesInput(name, bytes), { onLane: (_f, lane, reason) => lanes.push({ lane, reason }) });
    const [text] = await ingestFile(textQm, bytesInput(name, bytes), { fastLane: false });
    expect(fast).toEqual(text);
    expect(await tablesText(fastQm)).toEqual(await tablesText(textQm));
    return { report: fast, lanes };
  }

  it('takes the lane on the clean file: numbers typed, the whole file in one read (a short file keeps its text staging)', async () => {
    const { report, lanes } = await both('orders.csv', orders(() => undefined));
    expect(lanes).toEqual([{ lane: 'typed', reason: null }]);
    const crlf = await both('orders.csv', orders(() => undefined, 0, '\r\n'));
    expect(crlf.lanes).toEqual([{ lane: 'text', reason: 'bytes' }]);
    expect(crlf.report).toMatchObject({ rowsLoaded: 16000, rowsRejected: 0 });
    const short = await both('orders.csv', new TextEncoder().encode('order_id,customer_id,order_date,amount\nO1,C1,2024-01-02,5\n'));
    expect(short.lanes).toEqual([{ lane: 'text', reason: 'short file' }]);
    expect(report).toMatchObject({ table: 'orders', rowsRead: 16000, rowsLoaded: 16000, rowsRejected: 0 });
  }, 300_000);

  it('one unreadable amount past the sample: declines, and the text path rejects that line with its reason', async () => {
    const { report, lanes } = await both('orders.csv', orders((c) => { c[3] = 'abc'; }));
    expect(lanes).toEqual([{ lane: 'text', reason: 'fast lane declined: typed read failed' }]);
    expect(report).toMatchObject({ rowsRead: 16000, rowsLoaded: 15999, rowsRejected: 1 });
    expect(report.rejected).toEqual([{ line: 15001, reason: 'amount "abc" is not a number' }]);
  }, 300_000);

  it('an amount DuckDB reads but the text path refuses ("inf", 1e20): declines; "1_000": numbers stay text', async () => {
    for (const [value, reason] of [['inf', 'typed read'], ['1e20', 'typed read']] as const) {
      const { report, lanes } = await both('orders.csv', orders((c) => { c[3] = value; }));
      expect(lanes[0].lane, value).toBe('text');
      expect(lanes[0].reason, value).toContain('a number the text path rejects');
      expect(report.rowsRejected, `${value} ${reason}`).toBe(1);
    }
    // DuckDB's cast reads 1_000 as 1000; the text path rejects it. With a '_' in the records the
    // lane still reads the file but converts numbers from text, so the reject is the text path's.
    const { report, lanes } = await both('orders.csv', orders((c) => { c[3] = '1_000'; }));
    expect(lanes).toEqual([{ lane: 'typed', reason: null }]);
    expect(report.rejected).toEqual([{ line: 15001, reason: 'amount "1_000" is not a number' }]);
  }, 300_000);

  it('a ragged row, a blank line, a quote, a total row, CR line ends: declines with the text path\'s rejects and notes', async () => {
    const cases: [string, (c: string[]) => void, RegExp][] = [
      ['ragged', (c) => { c.push('extra'); }, /typed read failed/],
      ['blank line', (c) => { c[5] = 'paid\n'; }, /one per line|typed read failed/],
      ['quote', (c) => { c[5] = '"paid, late"'; }, /bytes/],
      ['lone CR', (c) => { c[5] = 'paid\r'; }, /bytes/],
    ];
    for (const [label, edit, why] of cases) {
      const { lanes } = await both('orders.csv', orders(edit));
      expect(lanes[0].lane, label).toBe('text');
      expect(lanes[0].reason ?? '', label).toMatch(why);
    }
    // A byte that is no UTF-8 past the sample: the text path reads it as U+FFFD, DuckDB refuses it.
    const bad = orders((c) => { c[5] = 'paid\u0001'; });
    bad[bad.lastIndexOf(1)] = 0xff;
    const invalid = await both('orders.csv', bad);
    expect(invalid.lanes[0]).toEqual({ lane: 'text', reason: 'fast lane declined: typed read failed' });
    const total = await both('orders.csv', orders((c) => { c.splice(0, 6, 'Total', '', '', '123', '', ''); }, 16000));
    expect(total.lanes[0]).toEqual({ lane: 'text', reason: 'fast lane declined: total row' });
    expect(total.report.notes.join(' ')).toMatch(/Total/);
  }, 300_000);
});

describe('the fast lane\'s size limit is the host\'s, and native DuckDB reads the file where it is on disk', () => {
  /** A clean orders file past the detection sample. */
  const clean = (): Uint8Array => {
    const lines = ['order_id,customer_id,order_date,amount,quantity,status'];
    for (let i = 1; i <= 12000; i++) lines.push(`O${i},C${i % 400},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 991) + 0.25},${(i % 4) + 1},paid`);
    return new TextEncoder().encode(lines.join('\n') + '\n');
  };

  it('a file over the limit takes the text path; the CLI\'s limit is the app\'s on WASM and larger on native', async () => {
    const bytes = clean();
    const small = await createTestEngine();
    const lanes: { lane: string; reason: string | null }[] = [];
    const [over] = await ingestFile(small, bytesInput('orders.csv', bytes), { fastLaneMaxBytes: bytes.length - 1, onLane: (_f, lane, reason) => lanes.push({ lane, reason }) });
    expect(lanes).toEqual([{ lane: 'text', reason: 'bytes' }]);
    const typed = await createTestEngine();
    const [under] = await ingestFile(typed, bytesInput('orders.csv', bytes), { fastLaneMaxBytes: bytes.length, onLane: (_f, lane, reason) => lanes.push({ lane, reason }) });
    expect(lanes[1]).toEqual({ lane: 'typed', reason: null });
    expect(under).toEqual(over);
    expect(await tablesText(typed)).toEqual(await tablesText(small));
    expect(fastLaneMaxBytes('wasm')).toBe(FAST_LANE_MAX_BYTES);
    // L's orders file (0.7 GB) is over the app's limit and within native's.
    expect(FAST_LANE_MAX_BYTES).toBeLessThan(700e6);
    expect(fastLaneMaxBytes('native')).toBeGreaterThan(700e6);
  }, 300_000);

  it('native DuckDB, a file on disk as the CLI opens it: the typed lane reads it in place, the rows are the text path\'s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-lane-'));
    try {
      const file = path.join(dir, 'orders.csv');
      writeFileSync(file, clean());
      const input = await fileInput(file);
      expect(input.path).toBe(file);
      const native = await createNativeEngine({ threads: 1 });
      const lanes: string[] = [];
      const [fast] = await ingestFile(native, input, { fastLaneMaxBytes: fastLaneMaxBytes('native'), onLane: (_f, lane) => lanes.push(lane) });
      expect(lanes).toEqual(['typed']);
      const text = await createNativeEngine({ threads: 1 });
      const [slow] = await ingestFile(text, input, { fastLane: false });
      const wasm = await createTestEngine();
      const [wasmText] = await ingestFile(wasm, bytesInput('orders.csv', clean()), { fastLane: false });
      expect(fast).toEqual(slow);
      expect(fast).toEqual(wasmText);
      expect(fast).toMatchObject({ rowsLoaded: 12000, rowsRejected: 0 });
      expect(await tablesText(native)).toEqual(await tablesText(text));
      expect(await tablesText(native)).toEqual(await tablesText(wasm));
      // Registered in place: a link, dropped without touching the file.
      await native.exclusive(async (c) => {
        await c.registerLocalFile!('linked.csv', file);
        const t = await c.query(`SELECT count(*)::INTEGER AS n FROM read_csv('linked.csv')`);
        expect(Number(t.getChild('n')!.get(0))).toBe(12000);
        await c.dropFile('linked.csv');
      });
      expect(readFileSync(file)).toEqual(Buffer.from(clean()));
      for (const qm of [native, text, wasm]) await qm.connector.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
  it('native DuckDB on two threads reads the file in parallel and every row keeps its own line number', async () => {
    // 1.5M short lines (about 50 MB): DuckDB's parallel CSV reader splits a file this size between
    // its threads; row_number() still numbers the file's lines only because the reader keeps row order.
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-lane-par-'));
    try {
      const file = path.join(dir, 'orders.csv');
      const lines = ['order_id,customer_id,order_date,amount,quantity,status'];
      for (let i = 1; i <= 1_500_000; i++) lines.push(`O${i},C${i % 5000},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 991) + 0.25},${(i % 4) + 1},paid`);
      writeFileSync(file, lines.join('\n') + '\n');
      const native = await createNativeEngine({ threads: 2 });
      const lanes: string[] = [];
      const [report] = await ingestFile(native, await fileInput(file), { fastLaneMaxBytes: fastLaneMaxBytes('native'), onLane: (_f, lane) => lanes.push(lane) });
      expect(lanes).toEqual(['typed']);
      expect(report).toMatchObject({ rowsLoaded: 1_500_000, rowsRejected: 0 });
      // O<i> is on line i + 1 (the header is line 1).
      const [row] = await rowsOf<{ n: number; off: number }>(native,
        `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE _line <> CAST(substr(order_id, 2) AS BIGINT) + 1)::INTEGER AS off FROM orders`);
      expect(row).toEqual({ n: 1_500_000, off: 0 });
      await native.connector.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
