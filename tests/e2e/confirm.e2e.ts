import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import path from 'node:path';
import { foreignRequests, launchBrowser, recordRequests, screenshot, startServer } from './harness';

/** Users or visits? 240 users, 60 流失; its headers and name do not settle the table (tests/unit/ingest-confidence.test.ts). */
const UNSURE_NAME = '导出数据-0601.csv';
const UNSURE = path.resolve('tests/fixtures/realworld', UNSURE_NAME);

/** A KPI's value as text (textContent: the flip counter puts each digit in its own box). */
const kpi = async (page: Page, name: string) => (await page.getByTestId(`kpi-${name}`).getByTestId('kpi-value').textContent())?.replace(/\s+/g, '') ?? '';

/** Waits until no load, reload or removal is running and none failed. */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 180_000 });
  expect(await page.getByTestId('files-error').count()).toBe(0);
}

async function openFiles(page: Page): Promise<void> {
  if (!(await page.getByTestId('analyst').isVisible().catch(() => false))) await page.getByTestId('open-analyst').click();
  await page.getByTestId('analyst-tab-files').click();
}

describe('a file whose reading is unsure waits for the analyst in headless Chromium', () => {
  let server: PreviewServer;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, origin } = await startServer());
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    page = await context.newPage();
    requests = recordRequests(page);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(origin + '/');
    await page.getByTestId('kpi-customers').waitFor({ timeout: 180_000 });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the two best readings side by side and loads nothing until one is chosen', async () => {
    const demoCustomers = await kpi(page, 'customers');
    await openFiles(page);
    await page.getByTestId('file-input').setInputFiles([UNSURE]);
    await settled(page);
    const row = page.getByTestId(`file-row-${UNSURE_NAME}`);
    expect(await row.getByTestId('file-awaiting').innerText()).toBe('等待确认');
    const card = page.getByTestId('confirm-reading');
    await card.waitFor();
    expect(await card.getByTestId('reading-table').allInnerTexts()).toEqual(['客户', '活跃行为']);
    for (const table of ['customers', 'activity']) {
      const reading = card.getByTestId(`reading-${table}`);
      expect(await reading.getByTestId('reading-row').count()).toBe(5);
      expect(await reading.locator('thead').innerText()).toContain('customer_id ← 用户');
    }
    expect(await card.getByTestId('reading-activity').locator('thead').innerText()).toContain('event_date ← 日期');
    expect(await card.getByTestId('confirm-why').innerText()).toMatch(/把握为 \d+%，低于 50% 时会询问/);
    // Nothing of the file is on the screen yet: the demo company left, and no customer came.
    await expect.poll(() => kpi(page, 'customers'), { timeout: 120_000 }).not.toBe(demoCustomers);
    expect(await kpi(page, 'customers')).not.toContain('240');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'confirm-reading-zh-1920x1080');

    // The language button is in the screen's header, under the panel.
    const switchLanguage = async () => {
      await page.getByTestId('close-analyst').click();
      await page.getByTestId('toggle-lang').click();
      await openFiles(page);
      await row.click();
    };
    await switchLanguage();
    await expect.poll(() => card.locator('h4').innerText()).toBe('Which reading is right?');
    expect(await card.getByTestId('reading-choose-customers').innerText()).toBe('Load as Customers');
    expect(await row.getByTestId('file-awaiting').innerText()).toBe('waiting for your choice');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'confirm-reading-en-1920x1080');
    await switchLanguage();
    await card.waitFor();
  });

  it('loads the chosen reading, and the screen shows its customers and churn', async () => {
    await page.getByTestId('reading-choose-customers').click();
    await settled(page);
    const row = page.getByTestId(`file-row-${UNSURE_NAME}`);
    await expect.poll(() => row.getByTestId('file-rows-loaded').innerText(), { timeout: 60_000 }).toBe('240');
    expect(await row.innerText()).toContain('手工修正');
    expect(await page.getByTestId('confirm-reading').count()).toBe(0);
    await expect.poll(() => kpi(page, 'customers'), { timeout: 120_000 }).toBe('240');
    await expect.poll(() => kpi(page, 'churn-rate'), { timeout: 60_000 }).toMatch(/^25(\.0)?%$/);
  });

  it('remembers the choice: the same headers load at once the next time', async () => {
    await page.getByTestId(`file-remove-${UNSURE_NAME}`).click();
    await settled(page);
    await page.getByTestId('file-input').setInputFiles([UNSURE]);
    await settled(page);
    const row = page.getByTestId(`file-row-${UNSURE_NAME}`);
    await expect.poll(() => row.getByTestId('file-rows-loaded').innerText(), { timeout: 60_000 }).toBe('240');
    expect(await row.innerText()).toContain('沿用已记住的修正');
    expect(await page.getByTestId('confirm-reading').count()).toBe(0);
    await expect.poll(() => kpi(page, 'customers'), { timeout: 120_000 }).toBe('240');
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
  });

  it('keeps a file waiting across a reload of the page, and it can be chosen then', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const p = await fresh.newPage();
    const pageErrors: string[] = [];
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(origin + '/');
    await p.getByTestId('kpi-customers').waitFor({ timeout: 180_000 });
    await openFiles(p);
    await p.getByTestId('file-input').setInputFiles([UNSURE]);
    await settled(p);
    await p.getByTestId(`file-row-${UNSURE_NAME}`).getByTestId('file-awaiting').waitFor();
    await p.reload();
    await p.getByTestId('kpi-customers').waitFor({ timeout: 180_000 });
    await openFiles(p);
    const row = p.getByTestId(`file-row-${UNSURE_NAME}`);
    await row.getByTestId('file-awaiting').waitFor({ timeout: 60_000 });
    await row.click();
    await p.getByTestId('reading-choose-customers').click();
    await settled(p);
    await expect.poll(() => row.getByTestId('file-rows-loaded').innerText(), { timeout: 60_000 }).toBe('240');
    await expect.poll(() => kpi(p, 'customers'), { timeout: 120_000 }).toBe('240');
    expect(pageErrors).toEqual([]);
    await fresh.close();
  });
});
