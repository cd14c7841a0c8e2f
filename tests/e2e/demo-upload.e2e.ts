import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import path from 'node:path';
import { foreignRequests, launchBrowser, recordRequests, screenshot, startServer } from './harness';

const FIXTURE = path.resolve('tests/fixtures/e2e-orders.csv');

describe('the app in headless Chromium', () => {
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

  it('opens on the demo company, loads an uploaded file, and talks to no other origin', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(origin + '/');

    // The demo company loads by default: about 20,000 customers.
    const customers = page.getByTestId('kpi-customers').getByTestId('kpi-value');
    await customers.waitFor({ timeout: 120_000 });
    expect(await customers.textContent()).toMatch(/^2\.?\d*万$/);
    await screenshot(page, 'demo-1920x1080');

    // Upload a small orders file through the analyst panel's file input; its rows appear.
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('file-input').setInputFiles(FIXTURE);
    const row = page.getByTestId('file-row-e2e-orders.csv');
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getByTestId('file-rows-loaded').textContent()).toBe('5');
    // 5 orders of 3 customers: the customers KPI shows 3.
    await page.getByTestId('kpi-customers').getByTestId('kpi-value').getByText('3', { exact: true }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'uploaded-1920x1080');

    // The workspace survives a reload; "clear all data" brings the demo company back.
    await page.reload();
    await page.getByTestId('kpi-customers').getByTestId('kpi-value').getByText('3', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByTestId('open-analyst').click();
    await page.getByTestId('file-row-e2e-orders.csv').waitFor({ timeout: 60_000 });
    await page.getByTestId('analyst-tab-workspaces').click();
    await page.getByTestId('clear-all').click();
    await page.getByTestId('demo-report').waitFor({ timeout: 90_000 });
    await page.getByTestId('analyst-tab-files').click();
    await page.getByTestId('loaded-files').waitFor();
    expect(await page.getByTestId('loaded-files').getByTestId('file-row-e2e-orders.csv').count()).toBe(0);
    await page.reload();
    await customers.waitFor({ timeout: 120_000 });
    await page.getByTestId('demo-report').waitFor({ timeout: 90_000 });
    expect(await customers.textContent()).toMatch(/^2\.?\d*万$/);

    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(3);
    expect(foreignRequests(requests, origin)).toEqual([]);
    await context.close();
  });
});
