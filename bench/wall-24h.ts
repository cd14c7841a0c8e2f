/**
 * A 24-hour wall in minutes (a script, not a test): the built app in headless Chromium with the
 * page's clock under Playwright's control, `?pages=overview,analysis&dwell=30&refresh=300&data-url=`
 * and kiosk mode. Simulated time moves 30 s per step; every refresh re-reads the data URL, whose
 * nightly file grows at every read, and re-runs the analytics for real. Every 2 simulated hours
 * it prints the JS heap after forced GC, live ECharts instances, live intervals, DuckDB memory,
 * and whether the screen still shows its panels.
 *   npx tsx bench/wall-24h.ts [hours=24] [baseRows=40000]      (after `npm run build`)
 */
import { readFileSync } from 'node:fs';
import { launchBrowser, startServer } from '../tests/e2e/harness';
import { ensureScaleFiles } from './scale/writeScaleFiles';
import { SIZES } from './scale/sizes';

const hours = Number(process.argv[2] ?? 24);
const baseRows = Number(process.argv[3] ?? 40_000);
const STEP_MS = 30_000;
const REFRESH_S = 300;

// The nightly export: the first baseRows orders of the S demo, and 200 more at every read.
const orders = readFileSync((await ensureScaleFiles(SIZES.S)).find((f) => f.table === 'orders')!.csv, 'utf8').split('\n');
let reads = 0;
const nightly = () => orders.slice(0, 1 + baseRows + 200 * reads++).join('\n') + '\n';

const { server, origin } = await startServer();
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
const page = await context.newPage();
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.route(`${origin}/nightly/orders.csv`, (route) => route.fulfill({ status: 200, contentType: 'text/csv', body: nightly() }));
await page.clock.install();
// Counts live intervals (created minus cleared) on top of the fake clock: a leak shows as growth.
await page.addInitScript(() => {
  const live = new Set<unknown>();
  const set = window.setInterval.bind(window);
  const clear = window.clearInterval.bind(window);
  window.setInterval = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = set(fn, ms, ...args);
    live.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    live.delete(id);
    clear(id);
  }) as typeof window.clearInterval;
  (window as unknown as { __cwIntervals: () => number }).__cwIntervals = () => live.size;
});
const cdp = await context.newCDPSession(page);
const started = Date.now();
await page.goto(`${origin}/?pages=overview,analysis&dwell=30&refresh=${REFRESH_S}&data-url=./nightly/orders.csv&kiosk=1`);

async function idle(): Promise<void> {
  for (;;) {
    const s = await page.evaluate(() => window.__churnwatch?.status());
    if (s?.idle) return;
    await page.waitForTimeout(20);
  }
}
async function snapshot(label: string): Promise<void> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const engineBytes = await page.evaluate(() => window.__churnwatch!.engineBytes());
  const figures = await page.evaluate(() => ({
    charts: window.__cwCharts ?? 0,
    intervals: (window as unknown as { __cwIntervals: () => number }).__cwIntervals(),
    panels: document.querySelectorAll('[data-testid^="panel-"]').length,
    customers: document.querySelector('[data-testid="kpi-customers"] [data-testid="kpi-value"]')?.textContent?.replace(/\s+/g, '') ?? '',
  }));
  console.log(`${label}\t${(usedSize / 1e6).toFixed(1)}\t${figures.charts}\t${figures.intervals}\t${((engineBytes ?? 0) / 2 ** 20).toFixed(0)}\t${figures.panels}\t${figures.customers}\t${reads}\t${((Date.now() - started) / 60000).toFixed(1)}`);
}

await page.waitForFunction(() => window.__churnwatch !== undefined, undefined, { timeout: 120_000 });
await page.clock.runFor(2_000);
await idle();
console.log('sim time\theap MB (after GC)\tcharts\tintervals\tDuckDB MiB\tpanels\tcustomers KPI\tdata-URL reads\treal minutes');
await snapshot('0 h');
const steps = (hours * 3600_000) / STEP_MS;
for (let i = 1; i <= steps; i++) {
  await page.clock.runFor(STEP_MS);
  await idle();
  if ((i * STEP_MS) % (2 * 3600_000) === 0) await snapshot(`${(i * STEP_MS) / 3600_000} h`);
}
console.log(`page errors: ${errors.length}${errors.length ? ` (${errors.slice(0, 3).join(' | ')})` : ''}`);
await browser.close();
await server.close();
