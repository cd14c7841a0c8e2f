import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { foreignRequests, launchBrowser, recordRequests, screenshot, startServer } from './harness';

const HEADER = 'order_id,customer_id,order_date,amount';
/** Night 1: three customers. Night 2: a fourth customer appears. Night 3: the export is broken. */
const NIGHT_1 = [HEADER, 'N1,C1,2024-05-01,100', 'N2,C2,2024-05-03,50', 'N3,C3,2024-05-20,70'].join('\n');
const NIGHT_2 = [NIGHT_1, 'N4,C4,2024-05-28,90'].join('\n');

const customers = async (page: Page) => (await page.getByTestId('kpi-customers').getByTestId('kpi-value').textContent())?.replace(/\s+/g, '') ?? '';

describe('a wall pointed at a data URL', () => {
  let server: PreviewServer;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, origin } = await startServer());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('re-reads the URL on refresh, shows the new rows, and keeps the last good data when a read fails', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The nightly file is served by the app's own origin; each night the route answers differently.
    let night = 1;
    const served: number[] = [];
    await page.route(`${origin}/nightly/orders.csv`, (route: Route) => {
      served.push(night);
      if (night === 3) return route.fulfill({ status: 503, body: 'export job still running' });
      return route.fulfill({ status: 200, contentType: 'text/csv', body: night === 1 ? NIGHT_1 : NIGHT_2 });
    });

    await page.goto(`${origin}/?data-url=./nightly/orders.csv&kiosk=1`);
    // No saved workspace and a data URL: no demo company, the nightly file instead.
    await expect.poll(() => customers(page), { timeout: 180_000 }).toBe('3');
    expect(await page.getByTestId('demo-report').count()).toBe(0);

    night = 2;
    await page.evaluate(() => window.__churnwatch?.refresh());
    await expect.poll(() => customers(page), { timeout: 120_000 }).toBe('4');
    await page.getByTestId('refresh-changes').waitFor();

    night = 3;
    await page.evaluate(() => window.__churnwatch?.refresh());
    await page.getByTestId('data-url-failed').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('data-url-failed').innerText()).toMatch(/HTTP 503/);
    expect(await customers(page)).toBe('4');
    await screenshot(page, 'wall-data-url-failed-1920x1080');

    // The last good copy survives a reload (it was saved), even while the URL keeps failing.
    await page.reload();
    await page.getByTestId('data-url-failed').waitFor({ timeout: 180_000 });
    await expect.poll(() => customers(page), { timeout: 180_000 }).toBe('4');

    expect(served).toEqual([1, 2, 3, 3]);
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
    await context.close();
  });
});
