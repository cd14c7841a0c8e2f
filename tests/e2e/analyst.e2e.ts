import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { read, utils } from '@e965/xlsx';
import { OUTPUT_DIR, foreignRequests, launchBrowser, recordRequests, screenshot, startServer } from './harness';

const TELCO = path.resolve('../shared/data/telco/Telco-Customer-Churn.csv');
const CDNOW = path.resolve('../shared/data/cdnow/CDNOW_master.txt');
const WORKBOOK = path.resolve('tests/fixtures/two-sheets.xlsx');
const HOSTILE = path.resolve('tests/fixtures/hostile-customers.csv');
const ORDERS = path.resolve('tests/fixtures/e2e-orders.csv');

/** A KPI's value as text (textContent: the flip counter puts each digit in its own box). */
const kpi = (page: Page, name: string) => ({
  text: async () => (await page.getByTestId(`kpi-${name}`).getByTestId('kpi-value').textContent())?.replace(/\s+/g, '') ?? '',
});

/** Waits until no load, reload or removal is running (the files tab says so) and none failed. */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 180_000 });
  expect(await page.getByTestId('files-error').count()).toBe(0);
}

async function openTab(page: Page, tab: 'files' | 'checks' | 'settings' | 'workspaces'): Promise<void> {
  if (!(await page.getByTestId('analyst').isVisible().catch(() => false))) await page.getByTestId('open-analyst').click();
  await page.getByTestId(`analyst-tab-${tab}`).click();
}

async function setSetting(page: Page, key: string, value: string): Promise<void> {
  const input = page.getByTestId(`setting-${key}`);
  await input.fill(value);
  await input.press('Enter');
  await input.blur();
}

/** Saves a download from clicking `testId` and returns its bytes. */
async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync((await file.path())!);
}

describe('analyst mode in headless Chromium', () => {
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
    // One context for the whole file: the workspaces saved by one step are opened by the next.
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
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

  it('loads Telco and a two-sheet workbook together, showing each sheet, its rejects and its preview', async () => {
    await openTab(page, 'files');
    await page.getByTestId('file-input').setInputFiles([TELCO, WORKBOOK, HOSTILE]);
    await page.getByTestId('append-summary').waitFor({ timeout: 180_000 });
    await settled(page);
    // 7,043 Telco + 3 workbook + 4 hostile customers; the workbook's orders sheet rejects its bad date.
    expect(await page.getByTestId('append-changes').innerText()).toBe('+7,050 客户，+3 订单，订单 1 行被拒绝');
    expect(await page.getByTestId('file-row-Telco-Customer-Churn.csv').getByTestId('file-rows-loaded').innerText()).toBe('7,043');
    const ordersSheet = page.getByTestId('file-row-two-sheets.xlsx-订单');
    expect(await ordersSheet.getByTestId('file-rows-loaded').innerText()).toBe('3');
    expect(await ordersSheet.getByTestId('file-rows-rejected').innerText()).toBe('1');
    expect(await page.getByTestId('file-row-two-sheets.xlsx-客户').getByTestId('file-rows-loaded').innerText()).toBe('3');
    await expect.poll(() => kpi(page, 'customers').text(), { timeout: 120_000 }).toBe('7,050');
    await screenshot(page, 'analyst-upload-1920x1080');

    await ordersSheet.click();
    await page.getByTestId('detail-tab-rejected').click();
    const rejected = page.getByTestId('rejected-row');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().innerText()).toMatch(/^5\s+order_date "bad date" is not a date$/);
    await page.getByTestId('detail-tab-preview').click();
    expect(await page.getByTestId('preview-row').count()).toBe(4);
    expect(await page.getByTestId('file-preview').innerText()).toContain('SO-4');
  });

  it('exports the screen as a PNG at the window size, drawn in the page under the CSP', async () => {
    await page.getByTestId('close-analyst').click();
    const png = await download(page, 'export-png');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16..23.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);
    expect(png.length).toBeGreaterThan(50_000);
    writeFileSync(path.join(OUTPUT_DIR, 'screen-export-png-1920x1080.png'), png);
  });

  it('changes one column mapping and reloads only that file, remembering the fix', async () => {
    await openTab(page, 'files');
    await page.getByTestId('file-row-Telco-Customer-Churn.csv').click();
    await page.getByTestId('detail-tab-mapping').click();
    const target = page.getByTestId('mapping-target-PaymentMethod');
    expect(await target.inputValue()).toBe('');
    await target.selectOption('region');
    await page.getByTestId('mapping-apply').click();
    await settled(page);
    await expect.poll(() => page.getByTestId('mapping-target-PaymentMethod').inputValue(), { timeout: 60_000 }).toBe('region');
    const telcoRow = page.getByTestId('file-row-Telco-Customer-Churn.csv');
    expect(await telcoRow.innerText()).toContain('手工修正');
    expect(await telcoRow.getByTestId('file-rows-loaded').innerText()).toBe('7,043');
    // The other files were not touched.
    expect(await page.getByTestId('file-row-two-sheets.xlsx-订单').getByTestId('file-rows-loaded').innerText()).toBe('3');
    await screenshot(page, 'analyst-mapping-1920x1080');

    // The payment method now fills the region column of the customer list.
    await page.getByTestId('close-analyst').click();
    await page.getByTestId('open-list').click();
    await page.getByTestId('customer-list').locator('tbody tr').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('customer-list').innerText(), { timeout: 60_000 })
      .toMatch(/Electronic check|Mailed check|Bank transfer \(automatic\)|Credit card \(automatic\)/);
  });

  it('exports the drilled list as CSV and XLSX that keep a leading "=" as text', async () => {
    const csv = (await download(page, 'export-csv')).toString('utf8');
    const hyperlinkLine = csv.split('\r\n').find((l) => l.includes('HYPERLINK'));
    expect(hyperlinkLine).toBeDefined();
    expect(hyperlinkLine).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.split('\r\n')[0]).toBe('\uFEFF客户ID,客户名称,风险,状态,健康分,主要原因,负责人,最近购买,价值,建议动作');

    const book = read(await download(page, 'export-xlsx'), { type: 'buffer', cellFormula: true });
    const sheet = book.Sheets[book.SheetNames[0]];
    const cells = Object.entries(sheet).filter(([k]) => !k.startsWith('!')).map(([, c]) => c as { t: string; v: unknown; f?: string });
    const hyperlink = cells.find((c) => String(c.v).includes('HYPERLINK'));
    expect(hyperlink).toMatchObject({ t: 's', v: `'=HYPERLINK("http://evil.example","click")` });
    expect(cells.some((c) => c.f !== undefined)).toBe(false);
    expect(utils.sheet_to_json(sheet).length).toBe(7050);
    await page.keyboard.press('Escape');
  });

  it('appends orders of unknown customers, shows them in the join diagnostics, and undoes the append', async () => {
    await openTab(page, 'workspaces');
    await page.getByTestId('workspace-name').fill('Telco');
    await page.getByTestId('workspace-save-as').click();
    await page.getByTestId('workspace-Telco').waitFor();

    await openTab(page, 'files');
    await page.getByTestId('file-input').setInputFiles([ORDERS]);
    await settled(page);
    expect(await page.getByTestId('append-changes').innerText()).toBe('+5 订单');
    await openTab(page, 'checks');
    const unknown = page.getByTestId('check-unknown-customer:orders');
    await expect.poll(() => unknown.getByTestId('check-rows').innerText(), { timeout: 60_000 }).toBe('5 行');
    await page.getByTestId('check-open-unknown-customer:orders').click();
    const rows = page.getByTestId('check-rows-unknown-customer:orders').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    expect(await rows.first().innerText()).toContain('A-1001');
    await screenshot(page, 'analyst-checks-1920x1080');

    await openTab(page, 'files');
    await page.getByTestId('append-undo').click();
    await settled(page);
    await page.getByTestId('append-undone').waitFor();
    expect(await page.getByTestId('file-row-e2e-orders.csv').count()).toBe(0);
    await openTab(page, 'checks');
    await expect.poll(() => unknown.getByTestId('check-rows').innerText(), { timeout: 60_000 }).toBe('0 行');
  });

  it('saves workspaces, sees a churn-window change on the KPI, and keeps both across a reload', async () => {
    await openTab(page, 'workspaces');
    await page.getByTestId('workspace-name').fill('CDNOW');
    await page.getByTestId('workspace-new').click();
    await page.getByTestId('workspace-CDNOW').waitFor();
    await openTab(page, 'files');
    await page.getByTestId('file-input').setInputFiles([CDNOW]);
    await page.getByTestId('append-summary').waitFor({ timeout: 180_000 });
    await settled(page);
    await expect.poll(() => kpi(page, 'customers').text(), { timeout: 120_000 }).toMatch(/^2\.4万$/);
    const churnAt180 = await kpi(page, 'churn-rate').text();

    // The header names the rule the back-test chose, whole, in English too (it was cut off at the title).
    await page.getByTestId('close-analyst').click();
    await page.getByTestId('toggle-lang').click();
    const rule = page.getByTestId('header-rule');
    await expect.poll(() => rule.innerText(), { timeout: 60_000 }).toMatch(/^Churn rule: no purchase for .* days, chosen by the back-test$/);
    expect(await rule.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    await screenshot(page, 'analyst-cdnow-en-1920x1080');
    await page.getByTestId('toggle-lang').click();
    await expect.poll(() => rule.innerText()).toContain('由回测选定');

    // W2 180 -> 60 days: more customers have lapsed, so June 1998's churn rate changes.
    await openTab(page, 'settings');
    const changed = Date.now();
    await setSetting(page, 'churnDays', '60');
    await expect.poll(() => kpi(page, 'churn-rate').text(), { timeout: 120_000 }).not.toBe(churnAt180);
    console.log(`churn window change reached the KPI in ${Date.now() - changed} ms (CDNOW, 23,570 customers)`);
    const churnAt60 = await kpi(page, 'churn-rate').text();
    await screenshot(page, 'analyst-settings-1920x1080');

    // A reload restores the open workspace with its settings.
    await page.reload();
    await expect.poll(() => kpi(page, 'churn-rate').text(), { timeout: 180_000 }).toBe(churnAt60);
    await openTab(page, 'settings');
    expect(await page.getByTestId('setting-churnDays').inputValue()).toBe('60');

    // Switching brings back the other workspace's data and settings, and back again.
    await openTab(page, 'workspaces');
    await page.getByTestId('workspace-open-Telco').click();
    await expect.poll(() => kpi(page, 'customers').text(), { timeout: 180_000 }).toBe('7,050');
    await openTab(page, 'settings');
    expect(await page.getByTestId('setting-churnDays').inputValue()).toBe('180');
    await openTab(page, 'workspaces');
    await page.getByTestId('workspace-open-CDNOW').click();
    await expect.poll(() => kpi(page, 'churn-rate').text(), { timeout: 180_000 }).toBe(churnAt60);
    expect(await page.getByTestId('storage-use').innerText()).toMatch(/浏览器存储已用/);
    await screenshot(page, 'analyst-workspaces-1920x1080');

    expect(errors).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
  });
});
