import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { foreignRequests, launchBrowser, recordRequests, screenshot, startServer } from './harness';
import { hundredMegabyteLine, megabyteCells, tenThousandColumns } from '../helpers/hostileBig';
import { createNativeConnector } from '../../src/engine/nativeConnector';
import { QueryManager } from '../../src/engine/queryManager';

const fixture = (name: string) => path.resolve('tests/fixtures', name);
const customers = async (page: Page) => (await page.getByTestId('kpi-customers').getByTestId('kpi-value').textContent())?.replace(/\s+/g, '') ?? '';

/** The Content-Security-Policy of the built page, as directive -> sources. */
function builtPolicy(): Record<string, string[]> {
  const html = readFileSync('dist/index.html', 'utf8');
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  if (!content) throw new Error('dist/index.html has no Content-Security-Policy meta tag');
  return Object.fromEntries(content.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
}

describe('resilience in headless Chromium', () => {
  let server: PreviewServer;
  let origin: string;
  let browser: Browser;

  /** A fresh page that records CSP violations, page errors and every request. */
  async function open(context: BrowserContext, query = ''): Promise<{ page: Page; violations: () => Promise<string[]>; errors: string[]; requests: string[] }> {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    const requests = recordRequests(page);
    await page.goto(`${origin}/${query}`);
    await page.getByTestId('kpi-customers').waitFor({ timeout: 180_000 });
    return { page, errors, requests, violations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations) };
  }

  beforeAll(async () => {
    ({ server, origin } = await startServer());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('ships a Content-Security-Policy that allows no other origin', () => {
    const csp = builtPolicy();
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp['font-src']).toEqual(["'self'", 'data:']);
    expect(csp['object-src']).toEqual(["'none'"]);
    for (const sources of Object.values(csp)) {
      for (const s of sources) expect(s).not.toMatch(/^https?:|^\*$|'unsafe-eval'/);
    }
  });

  it('runs DuckDB-WASM, Parquet, XLSX and the PNG export under that policy without one violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
    const { page, violations, errors, requests } = await open(context);
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('file-input').setInputFiles([fixture('online-retail.parquet'), fixture('two-sheets.xlsx'), fixture('events.ndjson')]);
    await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('file-row-online-retail.parquet').getByTestId('file-rows-loaded').innerText()).toBe('3');
    expect(await page.getByTestId('file-row-two-sheets.xlsx-订单').getByTestId('file-rows-loaded').innerText()).toBe('3');
    await page.getByTestId('close-analyst').click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(readFileSync((await png.path())!).subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
    await context.close();
  });

  it('loads a multi-batch Parquet file dropped before the engine has even started', async () => {
    // 60,000 orders in row groups of 10,000: several Arrow record batches through the worker bridge.
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-parquet-'));
    const file = path.join(dir, 'orders-60k.parquet');
    const native = new QueryManager(await createNativeConnector({ threads: 1 }));
    await native.exec(`COPY (SELECT 'P' || i AS order_id, 'C' || (i % 3000) AS customer_id, DATE '2024-01-01' + (i % 500)::INTEGER AS order_date,
      round(10 + (i % 97) * 3.5, 2) AS amount FROM range(60000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 10000)`);
    await native.connector.close();

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/?empty=1`);
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('file-input').setInputFiles([file]);
    await page.getByTestId('append-summary').waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('file-row-orders-60k.parquet').getByTestId('file-rows-loaded').innerText()).toBe('60,000');
    await page.getByTestId('close-analyst').click();
    await expect.poll(() => customers(page), { timeout: 180_000 }).toBe('3,000');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps hostile files inert, names each failure, and leaves the loaded data and the screen intact', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const { page, violations, errors } = await open(context);
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('file-input').setInputFiles([fixture('e2e-orders.csv')]);
    await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 180_000 });
    await expect.poll(() => customers(page), { timeout: 120_000 }).toBe('3');

    const dir = mkdtempSync(path.join(tmpdir(), 'cw-hostile-'));
    const bigLine = path.join(dir, 'hundred-mb-line.csv');
    writeFileSync(bigLine, hundredMegabyteLine());
    const wide = path.join(dir, 'ten-thousand-columns.csv');
    writeFileSync(wide, tenThousandColumns());
    const cells = path.join(dir, 'megabyte-cells.csv');
    writeFileSync(cells, megabyteCells());
    await page.getByTestId('file-input').setInputFiles([
      fixture('hostile/html-in-names.csv'), fixture('hostile/formulas.csv'), fixture('hostile/not-a-workbook.xlsx'),
      fixture('hostile/truncated-workbook.xlsx'), fixture('hostile/nul-bytes.csv'), fixture('hostile/extreme-amounts.csv'),
      fixture('hostile/extreme-dates.csv'), fixture('hostile/invalid-utf8.csv'), fixture('hostile/mixed-encodings.csv'),
      fixture('hostile/duplicate-headers.csv'), fixture('hostile/empty-headers.csv'), bigLine, wide, cells,
    ]);
    await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 300_000 });
    const zipRow = page.getByTestId('file-row-not-a-workbook.xlsx');
    expect(await zipRow.getByTestId('file-error').innerText()).toMatch(/^not-a-workbook\.xlsx: /);
    expect(await page.getByTestId('file-row-truncated-workbook.xlsx').getByTestId('file-error').innerText()).toMatch(/^truncated-workbook\.xlsx: .*(damaged|truncated)/);
    expect(await page.getByTestId('file-row-ten-thousand-columns.csv').getByTestId('file-error').innerText()).toMatch(/10,000 columns/);
    expect(await page.getByTestId('file-row-megabyte-cells.csv').getByTestId('file-rows-loaded').innerText()).toBe('5');
    expect(await page.getByTestId('file-row-extreme-amounts.csv').getByTestId('file-rows-rejected').innerText()).toBe('3');
    expect(await page.getByTestId('file-row-duplicate-headers.csv').getByTestId('file-rows-loaded').innerText()).toBe('2');
    expect(await page.getByTestId('file-row-hundred-mb-line.csv').getByTestId('file-rows-rejected').innerText()).toBe('1');
    expect(await page.getByTestId('file-row-e2e-orders.csv').getByTestId('file-rows-loaded').innerText()).toBe('5');
    // The HTML in names and headers is shown as text, and none of it ran.
    await page.getByTestId('file-row-html-in-names.csv').click();
    await page.getByTestId('detail-tab-preview').click();
    expect(await page.getByTestId('file-preview').innerText()).toContain('<img src=x onerror="window.__cwXss=3">');
    await page.getByTestId('close-analyst').click();
    await page.getByTestId('open-list').click();
    const list = page.getByTestId('customer-list');
    await list.locator('tbody tr').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { __cwXss?: number }).__cwXss)).toBeUndefined();
    expect(await list.locator('img').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'hostile-files-loaded-1920x1080');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when the engine stops, and a reload brings back the saved workspace', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const { page, errors } = await open(context);
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('file-input').setInputFiles([fixture('e2e-orders.csv')]);
    await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 180_000 });
    await expect.poll(() => customers(page), { timeout: 120_000 }).toBe('3');
    await page.getByTestId('close-analyst').click();

    await page.evaluate(() => window.__churnwatch?.crashEngine());
    await page.getByTestId('engine-failure').waitFor();
    expect(await page.getByTestId('engine-failure-message').innerText()).toMatch(/worker stopped/);
    await screenshot(page, 'engine-failure-1920x1080');
    await Promise.all([page.waitForEvent('load'), page.getByTestId('engine-reload').click()]);
    await expect.poll(() => customers(page), { timeout: 180_000 }).toBe('3');
    expect(await page.getByTestId('engine-failure').count()).toBe(0);
    await page.getByTestId('open-analyst').click();
    expect(await page.getByTestId('file-row-e2e-orders.csv').getByTestId('file-rows-loaded').innerText()).toBe('5');
    expect(errors).toEqual([]);
    await context.close();
  });
});
