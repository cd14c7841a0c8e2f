import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { foreignRequests, launchBrowser, recordRequests, screenshot, startServer } from './harness';

const PANELS = ['trend', 'structural', 'risk', 'region', 'risk-list', 'triggers'];

async function openScreen(browser: Browser, origin: string, width: number, height: number, query = ''): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const requests = recordRequests(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/${query}`);
  await page.getByTestId('kpi-customers').waitFor({ timeout: 120_000 });
  // The stored screen draws before the engine is up; drills and the checks below need it up.
  await page.waitForFunction(() => window.__churnwatch?.status().idle && window.__churnwatch.status().screenVersion > 0, undefined, { timeout: 180_000, polling: 100 });
  return { page, requests, errors };
}

async function breadcrumb(page: Page): Promise<string> {
  return (await page.getByTestId('drill-breadcrumb').innerText()).replace(/\s+/g, ' ');
}

describe('the big screen in headless Chromium', () => {
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

  for (const [w, h] of [[1920, 1080], [3840, 2160]] as const) {
    it(`draws every panel of both pages at ${w}x${h} with charts at the real pixel size`, async () => {
      const { page, requests, errors } = await openScreen(browser, origin, w, h);
      for (const p of PANELS) await page.getByTestId(`panel-${p}`).waitFor();
      await page.locator('[data-testid="chart-trend"] canvas').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1500);
      // The canvas is laid out at the real size (no CSS transform), so text is sharp and clicks land.
      const box = await page.getByTestId('chart-trend').boundingBox();
      const canvas = await page.locator('[data-testid="chart-trend"] canvas').first().evaluate((c: HTMLCanvasElement) => ({ w: c.width, cssW: c.getBoundingClientRect().width }));
      expect(Math.abs(canvas.w - canvas.cssW)).toBeLessThan(2);
      expect(box!.width).toBeGreaterThan(w * 0.25);
      await screenshot(page, `screen-overview-${w}x${h}`);
      await page.getByTestId('page-analysis').click();
      for (const p of ['cohort', 'rfm', 'diagnosis']) await page.getByTestId(`panel-${p}`).waitFor();
      await page.locator('[data-testid="chart-cohort"] canvas').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1500);
      await screenshot(page, `screen-analysis-${w}x${h}`);
      // The header holds the title, the lamp, the clock and the buttons in both languages: no side
      // clipped, and the title clear of both sides.
      for (const lang of ['zh-CN', 'en']) {
        if (lang === 'en') {
          await page.getByTestId('toggle-lang').click();
          await expect.poll(() => page.getByTestId('screen-title').innerText()).toMatch(/Customer Churn/i);
          await page.getByTestId('page-overview').click();
          await page.waitForTimeout(1500);
          await screenshot(page, `screen-overview-en-${w}x${h}`);
        }
        const fit = await page.evaluate(() => {
          const side = (sel: string) => document.querySelector<HTMLElement>(`[data-testid="screen-header"] ${sel}`)!;
          const boxes = (el: HTMLElement) => [...el.children].map((c) => c.getBoundingClientRect()).filter((b) => b.width > 0);
          const title = document.querySelector('[data-testid="screen-title"]')!.getBoundingClientRect();
          const left = side('.left');
          const right = side('.right');
          const rule = side('[data-testid="header-rule"]');
          return {
            clipped: Math.max(left.scrollWidth - left.clientWidth, right.scrollWidth - right.clientWidth, rule.scrollWidth - rule.clientWidth),
            gapLeft: title.left - Math.max(...boxes(left).map((b) => b.right)),
            gapRight: Math.min(...boxes(right).map((b) => b.left)) - title.right,
          };
        });
        expect(fit.clipped, `${lang}: a header side is clipped`).toBeLessThanOrEqual(1);
        expect(fit.gapLeft, `${lang}: the title runs into the left side`).toBeGreaterThan(0);
        expect(fit.gapRight, `${lang}: the title runs into the lamp and clock`).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
      expect(foreignRequests(requests, origin)).toEqual([]);
      await page.context().close();
    });
  }

  it('a drill that leaves a panel nothing says so in words, not that a file is missing', async () => {
    const { page, errors } = await openScreen(browser, origin, 1920, 1080);
    const board = page.getByTestId('panel-risk-list');
    await board.locator('[data-testid^="risk-row-"]').first().waitFor();
    // The churn KPI drills to the period's churners: lost customers carry no warning tier, so the
    // at-risk board is empty although the data fills it.
    await page.getByTestId('kpi-churn-rate').click();
    await expect.poll(() => page.url()).toContain('drill=');
    await expect.poll(() => board.getByTestId('panel-missing').textContent(), { timeout: 30_000 }).toBe('当前筛选下没有可显示的客户。按 Esc 返回上一级，或换一个分组。');
    await page.keyboard.press('Escape');
    await board.locator('[data-testid^="risk-row-"]').first().waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('draws a drill answered from the cache, and Esc back, exactly as the first time', async () => {
    const { page, errors } = await openScreen(browser, origin, 1920, 1080);
    const settled = async (url: string) => {
      await expect.poll(() => page.url()).not.toBe(url);
      await page.waitForFunction(() => window.__churnwatch!.status().idle, undefined, { timeout: 60_000, polling: 50 });
      // The charts animate into place; compare what they settle on.
      await page.waitForTimeout(2000);
    };
    // What the screen shows: every KPI card, the risk panel's signals, and each chart's drawn pixels.
    const shown = async () => ({
      kpis: await page.locator('[data-testid^="kpi-"][data-testid$="-customers"], [data-testid="kpi-churn-rate"], [data-testid="kpi-value"]').allInnerTexts(),
      signals: await page.getByTestId('risk-top-signals').innerText(),
      charts: await Promise.all(['trend', 'structural', 'risk', 'region'].map(async (n) => (await page.getByTestId(`chart-${n}`).screenshot()).toString('base64'))),
    });
    const top = await shown();
    const drill = async () => {
      const url = page.url();
      await page.getByTestId('kpi-red-customers').click();
      await settled(url);
      return shown();
    };
    const back = async () => {
      const url = page.url();
      await page.keyboard.press('Escape');
      await settled(url);
      return shown();
    };
    const first = await drill();
    // The drill changes every chart, so equal pixels below mean the same figures, not a chart left as it was.
    first.charts.forEach((c, i) => expect(c, `chart ${i} drilled`).not.toBe(top.charts[i]));
    expect(first.kpis).not.toEqual(top.kpis);
    expect(await back()).toEqual(top);
    expect(await drill()).toEqual(first);
    expect(await back()).toEqual(top);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('drills from a KPI, a segment and a row down to the customer 360, and Esc climbs back to the top', async () => {
    const { page, errors } = await openScreen(browser, origin, 1920, 1080);
    const customersBefore = await page.getByTestId('kpi-customers').getByTestId('kpi-value').innerText();

    // KPI: red-tier customers -> every panel filtered to the red tier, breadcrumb shows the step.
    await page.getByTestId('kpi-red-customers').click();
    await expect.poll(() => breadcrumb(page)).toMatch(/风险: 高风险/);
    await expect.poll(() => page.getByTestId('kpi-customers').getByTestId('kpi-value').innerText(), { timeout: 30_000 }).not.toBe(customersBefore);
    expect(page.url()).toContain('drill=risk_tier%3Ared');

    // Segment: click the biggest RFM tile (the centre of the treemap) -> a second step.
    await page.getByTestId('page-analysis').click();
    const rfm = page.getByTestId('chart-rfm');
    await rfm.locator('canvas').first().waitFor();
    await page.waitForTimeout(1500);
    const box = (await rfm.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await expect.poll(() => breadcrumb(page)).toMatch(/RFM: /);

    // -> the customer list (sortable) -> a customer -> customer 360.
    await page.getByTestId('open-list').click();
    const list = page.getByTestId('customer-list');
    await list.waitFor();
    await list.locator('tbody tr').first().waitFor();
    const total = await page.getByTestId('customer-total').innerText();
    await page.getByTestId('sort-value').click();
    const listUrl = page.url();
    await list.locator('tbody tr').first().click();
    await page.getByTestId('customer-360').waitFor();
    await page.getByTestId('c360-timeline').locator('li').first().waitFor();
    expect(await page.getByTestId('c360-action').innerText()).not.toBe('—');
    await screenshot(page, 'customer-360-1920x1080');

    // Esc pops one level at a time: 360 -> list -> screen (2 steps) -> 1 step -> top.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Escape');
    await expect.poll(() => breadcrumb(page)).not.toMatch(/RFM|风险:/);
    await expect.poll(() => page.getByTestId('kpi-customers').getByTestId('kpi-value').innerText(), { timeout: 30_000 }).toBe(customersBefore);

    // A bookmarked drill URL reopens the same state.
    const again = await openScreen(browser, origin, 1920, 1080, listUrl.slice(origin.length + 1));
    await again.page.getByTestId('customer-list').locator('tbody tr').first().waitFor();
    expect(await again.page.getByTestId('customer-total').innerText()).toBe(total);
    expect(await breadcrumb(again.page)).toMatch(/风险: 高风险.*RFM: /);
    expect(errors).toEqual([]);
    await page.context().close();
    await again.page.context().close();
  });
});
