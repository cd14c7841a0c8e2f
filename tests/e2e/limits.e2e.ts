import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, screenshot, startServer } from './harness';
import { generatedInput, orderCsvLine, writeInputToFile } from '../helpers/hostileBig';

const fixture = (name: string) => path.resolve('tests/fixtures', name);
const BIG_CSV_BYTES = 1.5 * 2 ** 30;

/** A real 1.5 GB orders CSV (about 20 s to write), written once into the temp dir and reused by later runs. */
async function bigCsv(): Promise<string> {
  const dir = path.join(tmpdir(), 'churnwatch-e2e-limits');
  const file = path.join(dir, 'orders-1.5gb.csv');
  mkdirSync(dir, { recursive: true });
  try {
    if (statSync(file).size === BIG_CSV_BYTES) return file;
  } catch {
    // not written yet
  }
  await writeInputToFile(generatedInput('orders-1.5gb.csv', BIG_CSV_BYTES, 'order_id,customer_id,order_date,amount,status', orderCsvLine, 3), file);
  return file;
}

describe('files too big for the browser, in headless Chromium', () => {
  let server: PreviewServer;
  let origin: string;
  let browser: Browser;
  let big: string;

  beforeAll(async () => {
    big = await bigCsv();
    ({ server, origin } = await startServer());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a 1.5 GB CSV and a zip-bomb workbook by name, size and limit, and the loaded workspace survives', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/?empty=1`);
    const customers = async () => (await page.getByTestId('kpi-customers').getByTestId('kpi-value').textContent())?.replace(/\s+/g, '') ?? '';
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('file-input').setInputFiles([fixture('e2e-orders.csv')]);
    await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 180_000 });
    await expect.poll(customers, { timeout: 120_000 }).toBe('3');

    // Handed over by path: Chromium reads the file itself, so 1.5 GB costs the test no transfer.
    await page.getByTestId('file-input').setInputFiles([big, fixture('hostile/red-team/zip-bomb.xlsx')]);
    await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 180_000 });
    const bigError = await page.getByTestId('file-row-orders-1.5gb.csv').getByTestId('file-error').innerText();
    expect(bigError).toMatch(/^orders-1\.5gb\.csv: 文件有 1,536 MB；浏览器单个文件约能容纳 \d{3} MB 的分隔文本（约 [\d,]+ 行订单）。请拆分成较小的文件/);
    expect(bigError).toMatch(/\(the file is 1,536 MB; the browser can hold about \d{3} MB of delimited text in one file/);
    const bombError = await page.getByTestId('file-row-zip-bomb.xlsx').getByTestId('file-error').innerText();
    expect(bombError).toMatch(/^zip-bomb\.xlsx: 工作表“Sheet1”声明有 12,000,000 行；浏览器每个工作表约能容纳 1,000,000 行。请将该工作表另存为 CSV/);
    expect(await page.getByTestId('file-row-e2e-orders.csv').getByTestId('file-rows-loaded').innerText()).toBe('5');
    await screenshot(page, 'limits-refused-1920x1080');
    await page.getByTestId('close-analyst').click();
    await expect.poll(customers, { timeout: 120_000 }).toBe('3');
    expect(errors).toEqual([]);
    await context.close();
  });
});
