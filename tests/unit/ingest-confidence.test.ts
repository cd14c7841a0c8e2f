import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { emptyTables, headline, loadRealWorld, realWorldPath } from '../helpers/realWorld';
import { analyze } from '../helpers/cli';
import type { QueryManager } from '../../src/engine/queryManager';
import { loadFile } from '../../src/cli/loadFile';
import { inLang, unsureWarning } from '../../src/cli/unsureWarning';
import { ASK_BELOW } from '../../src/ingest/certainty';
import { ingestFile } from '../../src/ingest/ingestFile';
import { say } from '../../src/ingest/messages';
import { bytesInput } from '../../src/ingest/types';

// Fixtures: tests/fixtures/realworld (npx tsx tests/fixtures/realworld/make-realworld-fixtures.ts).
const UNSURE = '导出数据-0601.csv';
const TWO_HEADERS = '客户名单-双表头.csv';

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
beforeEach(async () => {
  await emptyTables(qm);
});

const count = async (table: string) => (await rowsOf<{ n: number }>(qm, `select count(*)::int n from ${table}`))[0].n;

describe('a file that reads as two tables (a user snapshot or a visit log)', () => {
  it('carries the table choice, header row and key mappings with their confidence and evidence, and asks', async () => {
    const [r] = await loadRealWorld(qm, UNSURE);
    const c = r.certainty!;
    expect(r.table).toBe('customers');
    expect(c.table.confidence).toBe(r.confidence);
    expect(c.table.confidence).toBeLessThan(ASK_BELOW);
    expect(c.table.evidence).toMatch(/^read as customers: .*one row per customer id/);
    expect(c.headerRow).toEqual({ line: 1, confidence: 1, evidence: say('headerEvidence', { line: 1, names: 4, cells: 4 }) });
    expect(c.keys.map((k) => [k.column, k.source])).toEqual([['customer_id', '用户'], ['status', '状态']]);
    for (const k of c.keys) expect(k.evidence).toContain(`"${k.source}"`);
    expect(c.readings.map((x) => x.table)).toEqual(['customers', 'activity']);
    expect(c.readings[1].mapping).toMatchObject({ customer_id: '用户', event_date: '日期', count: '次数' });
    expect(c.readings[0].confidence).toBeGreaterThan(c.readings[1].confidence);
    expect(c.ask).toBe(true);
    // The CLI does not hold a file: it loads the best reading and warns.
    expect(r).toMatchObject({ rowsLoaded: 240, rowsRejected: 0, error: null });
    expect(r.awaitingChoice).toBeUndefined();
    expect(await headline(qm)).toMatchObject({ total: 240, churned: 60 });
  }, 60_000);

  it('warns in English and Chinese, naming the file, both readings and the flags that settle it', async () => {
    const [r] = await loadRealWorld(qm, UNSURE);
    const pct = Math.round(r.confidence * 100);
    const [a, b] = r.certainty!.readings.map((x) => `${x.table} (${Math.round(x.confidence * 100)}%)`);
    expect(unsureWarning(r, 'en')).toBe(`warning: ${UNSURE}: not sure which table this is (${pct}%, below 50%): ${a} or ${b}; `
      + `settle it with --table ${UNSURE}=customers | --table ${UNSURE}=activity`);
    expect(unsureWarning(r, 'zh-CN')).toBe(`警告: ${UNSURE}: 不确定这是哪张表（把握 ${pct}%，低于 50%）：${a} 还是 ${b}；`
      + `用 --table ${UNSURE}=customers | --table ${UNSURE}=activity 指定即可`);
  }, 60_000);

  it('is read as the table the user names, which then is settled', async () => {
    const [r] = await loadFile(qm, realWorldPath(UNSURE), new Map(), { override: { table: 'activity' } });
    expect(r).toMatchObject({ table: 'activity', rowsLoaded: 240, mappingOrigin: 'user', confidence: 1 });
    expect(r.certainty!.ask).toBe(false);
    expect(unsureWarning(r, 'en')).toBeNull();
    expect([await count('activity'), await count('customers')]).toEqual([240, 0]);
  }, 60_000);

  it('is held, not loaded, when the caller asks when unsure (the app), and says so', async () => {
    const bytes = new Uint8Array(readFileSync(realWorldPath(UNSURE)));
    const [r] = await ingestFile(qm, bytesInput(UNSURE, bytes), { askWhenUnsure: true });
    expect(r).toMatchObject({ table: 'customers', awaitingChoice: true, rowsLoaded: 0, error: null });
    expect(r.notes).toContain(say('awaitingChoice'));
    expect(r.preview.length).toBeGreaterThanOrEqual(5);
    expect(await count('customers')).toBe(0);
    const [chosen] = await ingestFile(qm, bytesInput(UNSURE, bytes), { askWhenUnsure: true, overrides: { '': { table: 'customers' } } });
    expect(chosen).toMatchObject({ table: 'customers', rowsLoaded: 240, mappingOrigin: 'user' });
    expect(chosen.awaitingChoice).toBeUndefined();
    expect(await count('customers')).toBe(240);
  }, 60_000);
});

describe('the header row', () => {
  it('is found with its line and evidence, and a well-labelled file does not ask', async () => {
    const [r] = await loadRealWorld(qm, TWO_HEADERS);
    expect(r.certainty).toMatchObject({ headerRow: { line: 1, confidence: 1 }, ask: false });
    expect(r.certainty!.table.confidence).toBeGreaterThanOrEqual(ASK_BELOW);
  }, 60_000);

  it('is the line the user names: lines above it are skipped as titles, and no second header is looked for', async () => {
    const [r] = await loadFile(qm, realWorldPath(TWO_HEADERS), new Map(), { override: { headerRow: 2 } });
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 200, rowsRejected: 0, error: null });
    expect(r.headers).toEqual(['Customer ID', 'Customer Name', 'Region', 'Churn', 'Monthly Spend']);
    expect(r.notes).toEqual([say('lineAboveTable', { line: 1 })]);
    expect(r.certainty!.headerRow).toEqual({ line: 2, confidence: 1, evidence: say('headerChosen', { line: 2 }) });
    expect(await headline(qm)).toMatchObject({ total: 200, churned: 66 });
  }, 60_000);
});

describe('a header row past the end of the table', () => {
  it('is refused with a message naming the file and the line, in English and Chinese', async () => {
    const [csv] = await loadFile(qm, realWorldPath(TWO_HEADERS), new Map(), { override: { headerRow: 999 } });
    expect(csv).toMatchObject({ rowsLoaded: 0, error: `${TWO_HEADERS}: ${say('headerRowPastEnd', { line: 999 })}` });
    expect(inLang(say('headerRowPastEnd', { line: 999 }), 'zh-CN')).toBe('指定的表头行（第 999 行）超出了表格的最后一行；请指定列名所在的行。');
    const [sheet] = await loadFile(qm, realWorldPath('用友U8-销售订单列表.xlsx'), new Map(), { override: { headerRow: 999 } });
    expect(sheet).toMatchObject({ file: '用友U8-销售订单列表.xlsx', sheet: '销售订单列表', rowsLoaded: 0, error: say('headerRowPastEnd', { line: 999 }) });
    expect(await count('orders') + await count('customers')).toBe(0);
  }, 60_000);
});

describe('the analyze command', () => {
  it('prints the warning in the chosen language, and takes --table, --header-row and --map by base name', () => {
    const unsure = analyze(['--lang', 'zh-CN', realWorldPath(UNSURE)]);
    expect(unsure.code, unsure.err).toBe(0);
    expect(unsure.err).toContain(`警告: ${UNSURE}: 不确定这是哪张表`);
    const settled = analyze(['--json', '--table', `${UNSURE}=activity`, '--header-row', `${TWO_HEADERS}=2`, '--map', `${TWO_HEADERS}:Monthly Spend=monthly_value`,
      realWorldPath(UNSURE), realWorldPath(TWO_HEADERS)]);
    expect(settled.code, settled.err).toBe(0);
    expect(settled.err).not.toMatch(/warning/);
    const files = (JSON.parse(settled.out) as { files: { table: string; rowsLoaded: number; mapping: Record<string, string> }[] }).files;
    expect(files.map((f) => [f.table, f.rowsLoaded])).toEqual([['activity', 240], ['customers', 200]]);
    expect(files[1].mapping).toMatchObject({ customer_id: 'Customer ID', status: 'Churn', monthly_value: 'Monthly Spend' });
  }, 120_000);
});
