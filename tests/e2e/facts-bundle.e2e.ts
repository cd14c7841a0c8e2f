import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { loadKpis } from '../../src/analytics/screen';
import { formatCompact } from '../../src/i18n/formatNumber';
import { loadSharedFile } from '../helpers/loadShared';
import { copyBundle, openBundle, removeTempDirs, writeBundleOf } from '../helpers/factsBundle';
import { foreignRequests, launchBrowser, recordRequests, screenshot, startServer } from './harness';

const TODAY = '2026-01-31';

/**
 * The intended enterprise setup: a data team's nightly job writes a facts bundle, served next to
 * the app, and a wall's data-url points at its manifest.json. The bundle here is CDNOW's, written
 * by `analyze --facts-out`'s writer on native DuckDB.
 */
describe('a wall whose data-url points at a facts bundle', () => {
  let server: PreviewServer;
  let origin: string;
  let browser: Browser;
  let dir: string;
  let expected: { customers: number; red: number };

  beforeAll(async () => {
    dir = await writeBundleOf('native', (qm) => loadSharedFile(qm, 'cdnow/CDNOW_sample.txt'), structuredClone(DEFAULT_SETTINGS), TODAY);
    // What the screen must show: the bundle's figures as the app's own code opens them in Node.
    const { qm, ctx } = await openBundle(dir, TODAY);
    const k = (await loadKpis(qm, ctx, [], 'en'))!;
    expected = { customers: k.customers.value!, red: k.redCustomers!.value! };
    await qm.connector.close();
    ({ server, origin } = await startServer());
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDirs();
  });

  it('opens it without ingesting anything: KPIs, a drill to the customer list, the customer 360 naming what the bundle lacks; nothing from another origin', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const served: string[] = [];
    const files = new Set(readdirSync(dir));
    await page.route(`${origin}/nightly/**`, (route: Route) => {
      const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop()!);
      served.push(name);
      if (!files.has(name)) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, contentType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream', body: readFileSync(path.join(dir, name)) });
    });

    await page.goto(`${origin}/?data-url=./nightly/manifest.json&lang=en`);
    const kpi = (name: string) => page.getByTestId(`kpi-${name}`).getByTestId('kpi-value');
    await expect.poll(async () => (await kpi('customers').textContent())?.replace(/\s+/g, ''), { timeout: 180_000 }).toBe(formatCompact(expected.customers, 'en'));
    await expect.poll(async () => (await kpi('red-customers').textContent())?.replace(/\s+/g, ''), { timeout: 60_000 }).toBe(formatCompact(expected.red, 'en'));
    await expect.poll(() => page.getByTestId('screen').innerText(), { timeout: 60_000 }).toMatch(/Facts bundle: nightly/);
    expect(await page.getByTestId('kpi-at-risk-value').innerText()).toMatch(/At-risk value \(12 months\)/);
    // Every file of the bundle came from the app's origin, each once; no raw file was ingested.
    expect([...served].sort()).toEqual([...files].sort());
    expect(await page.getByTestId('demo-report').count()).toBe(0);
    // Key-moment alerts read raw rows: the panel says the bundle lacks them.
    await expect.poll(() => page.getByTestId('panel-triggers').getByTestId('panel-missing').textContent(), { timeout: 60_000 })
      .toMatch(/^Not in the facts bundle: key-moment alerts/);
    await page.waitForTimeout(1500);
    const shot = await screenshot(page, 'wall-facts-bundle-1920x1080');

    // Drill: the red tier -> the customer list holds exactly the red customers.
    await page.getByTestId('kpi-red-customers').click();
    await expect.poll(() => page.getByTestId('drill-breadcrumb').innerText(), { timeout: 30_000 }).toMatch(/red|Red/);
    await expect.poll(() => page.getByTestId('panel-trend').getByTestId('panel-missing').textContent(), { timeout: 60_000 })
      .toMatch(/^Not in the facts bundle: churn by period of a drilled selection/);
    await page.getByTestId('open-list').click();
    const list = page.getByTestId('customer-list');
    await list.locator('tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('customer-total').innerText()).toBe(`${expected.red.toLocaleString('en')} customers`);

    // The customer 360 says which detail is not in the bundle.
    await list.locator('tbody tr').first().click();
    await page.getByTestId('customer-360').waitFor();
    const missing = page.getByTestId('c360-not-in-bundle');
    await missing.waitFor({ timeout: 30_000 });
    expect(await missing.innerText()).toMatch(/Not in the facts bundle[\s\S]*orders, tickets, NPS answers, activity, subscriptions and interventions[\s\S]*extra customer columns[\s\S]*lifetime value/);
    await screenshot(page, 'wall-facts-bundle-360-1920x1080');

    expect(errors).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
    console.info(`screenshot: ${shot}`);
    await context.close();
  });

  it('refuses a newer-version bundle chosen as a folder, by name; opens a good one dropped as several files', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/?empty=1&lang=en`);
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('analyst-tab-files').click();

    const newer = copyBundle(dir);
    writeFileSync(path.join(newer.dir, 'manifest.json'), JSON.stringify({ ...newer.manifest, version: 2 }));
    await page.getByTestId('folder-input').setInputFiles(newer.dir);
    const message = page.getByTestId('job-message-bundle');
    await message.waitFor({ timeout: 120_000 });
    expect(await message.innerText()).toBe('manifest.json: contract version 2 is newer than this app reads (version 1): update ChurnWatch, or write the bundle with a version 1 writer');

    // The good one dropped as several files at once (manifest.json with its Parquet files).
    const dropped = readdirSync(dir).map((name) => ({ name, b64: readFileSync(path.join(dir, name)).toString('base64') }));
    await page.getByTestId('file-drop').evaluate((el, list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, dropped);
    await page.getByTestId('close-analyst').click();
    await expect.poll(async () => (await page.getByTestId('kpi-customers').getByTestId('kpi-value').textContent())?.replace(/\s+/g, ''), { timeout: 120_000 })
      .toBe(formatCompact(expected.customers, 'en'));
    // Dropped as files, not a folder: the bundle is named by its as-of date.
    await expect.poll(() => page.getByTestId('screen').innerText(), { timeout: 60_000 }).toMatch(/Facts bundle: facts 1998-06-30/);
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
    await context.close();
  });

  it('where OPFS is missing (the IndexedDB fallback): a dropped bundle is kept, and a reload opens it again from IndexedDB', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/?empty=1&lang=en&storage=indexeddb`);
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('analyst-tab-files').click();
    const dropped = readdirSync(dir).map((name) => ({ name, b64: readFileSync(path.join(dir, name)).toString('base64') }));
    await page.getByTestId('file-drop').evaluate((el, list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, dropped);
    await page.getByTestId('close-analyst').click();
    const customers = async () => (await page.getByTestId('kpi-customers').getByTestId('kpi-value').textContent())?.replace(/\s+/g, '');
    await expect.poll(customers, { timeout: 120_000 }).toBe(formatCompact(expected.customers, 'en'));
    expect(await page.getByTestId('storage-kind').getAttribute('data-kind')).toBe('indexeddb');
    // Saved once the screen is built (the files tab idle); then the same tab reloads.
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('analyst-tab-files').click();
    await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('close-analyst').click();
    await expect.poll(() => page.evaluate(() => window.__churnwatch?.status().idle), { timeout: 120_000 }).toBe(true);
    await page.goto(`${origin}/?lang=en&storage=indexeddb`);
    await expect.poll(customers, { timeout: 120_000 }).toBe(formatCompact(expected.customers, 'en'));
    await expect.poll(async () => (await page.getByTestId('kpi-red-customers').getByTestId('kpi-value').textContent())?.replace(/\s+/g, ''), { timeout: 60_000 })
      .toBe(formatCompact(expected.red, 'en'));
    await expect.poll(() => page.getByTestId('screen').innerText(), { timeout: 60_000 }).toMatch(/Facts bundle: facts 1998-06-30/);
    expect(await page.getByTestId('storage-kind').getAttribute('data-kind')).toBe('indexeddb');
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
    await context.close();
  }, 400_000);
});
