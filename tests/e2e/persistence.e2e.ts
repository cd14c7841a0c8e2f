import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import path from 'node:path';
import { foreignRequests, launchBrowser, recordRequests, screenshot, startServer } from './harness';

const TELCO = path.resolve('../shared/data/telco/Telco-Customer-Churn.csv');
const CDNOW = path.resolve('../shared/data/cdnow/CDNOW_master.txt');

/** A KPI's value as text (the flip counter puts each digit in its own box). */
async function kpi(page: Page, name: string): Promise<string> {
  return (await page.getByTestId(`kpi-${name}`).getByTestId('kpi-value').textContent())?.replace(/\s+/g, '') ?? '';
}

/** Waits until the engine is up, the screen built and nothing loads or draws. */
async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__churnwatch?.status().idle && window.__churnwatch.status().screenVersion > 0, undefined, { timeout: 240_000, polling: 100 });
}

/**
 * Follows a page from navigation on, every animation frame: when the KPIs first showed a
 * number, and whether the engine had started by then (its storage line is in the footer only
 * once it has).
 */
function firstKpi(page: Page): Promise<{ ms: number; engineUp: boolean }> {
  return page.evaluate(async () => {
    for (;;) {
      const text = document.querySelector('[data-testid="kpi-customers"] [data-testid="kpi-value"]')?.textContent?.trim();
      if (text) return { ms: performance.now(), engineUp: document.querySelector('[data-testid="storage-kind"]') !== null };
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
}

/** Statements of the engine that build customer facts (a screen computed rather than reopened). */
async function factBuilds(page: Page): Promise<number> {
  return page.evaluate(() => window.__churnwatch!.statements().filter((s) => s.sql.includes('CREATE OR REPLACE TABLE cw_customer_facts')).length);
}

async function loadFile(page: Page, file: string): Promise<void> {
  if (!(await page.getByTestId('analyst').isVisible().catch(() => false))) await page.getByTestId('open-analyst').click();
  await page.getByTestId('analyst-tab-files').click();
  await page.getByTestId('file-input').setInputFiles([file]);
}

async function loadedFiles(page: Page): Promise<string[]> {
  if (!(await page.getByTestId('analyst').isVisible().catch(() => false))) await page.getByTestId('open-analyst').click();
  await page.getByTestId('analyst-tab-files').click();
  return page.locator('[data-testid^="file-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('file-row-'.length)));
}

describe('the workspace kept in OPFS, in headless Chromium', () => {
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
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the prebuilt demo before the engine is up on a first visit, and fills it without computing', async () => {
    await page.goto(`${origin}/`);
    const first = await firstKpi(page);
    expect(first.engineUp).toBe(false);
    await ready(page);
    expect(await page.getByTestId('storage-kind').getAttribute('data-kind')).toBe('opfs');
    expect(await factBuilds(page)).toBe(0);
    expect(await kpi(page, 'customers')).toBe('2万');
  });

  it('reopens a loaded workspace from storage: its screen first, then its tables, with no rebuild', async () => {
    await loadFile(page, TELCO);
    await page.getByTestId('append-summary').waitFor({ timeout: 180_000 });
    await ready(page);
    await expect.poll(() => kpi(page, 'customers'), { timeout: 60_000 }).toBe('7,043');
    // A labelled snapshot: the churn rate over labelled customers, 1,869 / 7,043.
    await expect.poll(() => kpi(page, 'churn-rate'), { timeout: 60_000 }).toBe('26.5%');
    const churn = await kpi(page, 'churn-rate').catch(() => '');

    await page.reload();
    const reopened = await firstKpi(page);
    expect(reopened.engineUp).toBe(false);
    expect(await kpi(page, 'customers')).toBe('7,043');
    await ready(page);
    expect(await factBuilds(page)).toBe(0);
    expect(await kpi(page, 'customers')).toBe('7,043');
    expect(await kpi(page, 'churn-rate').catch(() => '')).toBe(churn);
    expect(await loadedFiles(page)).toEqual(['Telco-Customer-Churn.csv']);
    await screenshot(page, 'persistence-reopened-1920x1080');
  });

  it('shows the Telco snapshot\'s labelled KPIs at 1920x1080 and 3840x2160 in both languages, and drills from the churn rate to the churned', async () => {
    if (await page.getByTestId('analyst').isVisible().catch(() => false)) await page.getByTestId('close-analyst').click();
    const churnCard = page.getByTestId('kpi-churn-rate');
    expect((await churnCard.innerText()).replace(/\s+/g, ' ')).toContain('1,869 / 7,043');
    for (const lang of ['zh-CN', 'en'] as const) {
      await expect.poll(() => page.getByTestId('kpi-churn-rate').locator('.label').innerText()).toBe(lang === 'zh-CN' ? '流失率（标签）' : 'Churn rate (labelled)');
      for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(1500);
        expect(await kpi(page, 'churn-rate')).toBe('26.5%');
        expect(await kpi(page, 'value-lost')).toBe('30.5%');
        await screenshot(page, `telco-snapshot-${lang}-${width}x${height}`);
      }
      await page.getByTestId('toggle-lang').click();
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
    // Back in 中文; the churn-rate KPI drills to the 1,869 churned customers.
    await expect.poll(() => page.getByTestId('kpi-churn-rate').locator('.label').innerText()).toBe('流失率（标签）');
    await churnCard.click();
    await expect.poll(() => kpi(page, 'customers'), { timeout: 60_000 }).toBe('1,869');
    // The rate stays the base's under the drill to the churned, and says so (it read 100%).
    expect(await kpi(page, 'churn-rate')).toBe('26.5%');
    expect(await page.getByTestId('kpi-churn-rate').getByTestId('kpi-of-base').innerText()).toBe('按流失筛选前的全体计算');
    await page.getByTestId('open-list').click();
    await expect.poll(() => page.getByTestId('customer-list').innerText(), { timeout: 60_000 }).toContain('1,869');
    await screenshot(page, 'telco-snapshot-churned-list-1920x1080');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => kpi(page, 'customers'), { timeout: 60_000 }).toBe('7,043');
    await ready(page);
  });

  it('a worker killed before a load commits reopens the last complete state', async () => {
    await page.evaluate(() => window.__churnwatch!.killDuringNextSave('commit'));
    await loadFile(page, CDNOW);
    await page.getByTestId('engine-failure').waitFor({ timeout: 180_000 });

    await page.reload();
    await ready(page);
    expect(await loadedFiles(page)).toEqual(['Telco-Customer-Churn.csv']);
    await page.getByTestId('close-analyst').click();
    expect(await kpi(page, 'customers')).toBe('7,043');
    expect(await factBuilds(page)).toBe(0);
  });

  it('a worker killed after a commit, before the checkpoint, reopens a complete state and rebuilds what it must', async () => {
    await page.evaluate(() => window.__churnwatch!.killDuringNextSave('persist'));
    await loadFile(page, CDNOW);
    await page.getByTestId('engine-failure').waitFor({ timeout: 180_000 });

    await page.reload();
    await ready(page);
    const files = await loadedFiles(page);
    await page.getByTestId('close-analyst').click();
    // Either the load made it to disk whole (its rows and its files line) or not at all.
    if (files.length === 2) {
      expect(files).toEqual(['Telco-Customer-Churn.csv', 'CDNOW_master.txt']);
      await expect.poll(() => kpi(page, 'customers'), { timeout: 120_000 }).toBe('3.1万');
    } else {
      expect(files).toEqual(['Telco-Customer-Churn.csv']);
      expect(await kpi(page, 'customers')).toBe('7,043');
    }
  });

  it('a second tab says the first holds the data, shows the stored screen, and takes over when the first closes', async () => {
    const second = await context.newPage();
    second.on('pageerror', (e) => errors.push(e.message));
    await second.goto(`${origin}/`);
    await second.getByTestId('other-tab').waitFor({ timeout: 60_000 });
    await second.getByTestId('kpi-customers').waitFor();
    expect(await kpi(second, 'customers')).toBe(await kpi(page, 'customers'));
    await screenshot(second, 'persistence-second-tab-1920x1080');
    await page.close();
    await ready(second);
    expect(await second.getByTestId('other-tab').count()).toBe(0);
    expect(await second.getByTestId('storage-kind').getAttribute('data-kind')).toBe('opfs');
    page = second;
  });

  it('talks to no other origin and throws no page error', () => {
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
  });
});
