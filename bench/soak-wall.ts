/**
 * Wall soak (a script, not a test): the built app in headless Chromium in wall mode, driven
 * through `cycles` carousel steps with a refresh (full analytics re-run) every `refreshEvery`
 * steps. Prints the JS heap after forced GC at the start and the end, and the live ECharts
 * instance count, so a leak shows as growth.
 *   npx tsx bench/soak-wall.ts [cycles=1000] [refreshEvery=1] [demoCustomers=2000]
 */
import { launchBrowser, startServer } from '../tests/e2e/harness';

const cycles = Number(process.argv[2] ?? 1000);
const refreshEvery = Number(process.argv[3] ?? 1);
const customers = Number(process.argv[4] ?? 2000);

const { server, origin } = await startServer();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const cdp = await page.context().newCDPSession(page);
await page.goto(`${origin}/?pages=overview,analysis&dwell=86400&demo-customers=${customers}`);
await page.getByTestId('kpi-customers').waitFor({ timeout: 300_000 });
await page.waitForTimeout(2000);

async function heapAfterGc(): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1e6;
}
const charts = () => page.evaluate(() => window.__cwCharts ?? 0);

const startHeap = await heapAfterGc();
const startCharts = await charts();
const started = Date.now();
let refreshes = 0;
for (let i = 1; i <= cycles; i++) {
  await page.evaluate(() => window.__churnwatch?.next());
  if (i % refreshEvery === 0) {
    await page.evaluate(() => window.__churnwatch?.refresh());
    refreshes++;
  }
  if (i % 100 === 0) console.error(`cycle ${i}: heap ${(await heapAfterGc()).toFixed(1)} MB, charts ${await charts()}`);
}
await page.waitForTimeout(1000);
const endHeap = await heapAfterGc();
const endCharts = await charts();
console.log(`cycles\trefreshes\tminutes\theap start MB\theap end MB\tcharts start\tcharts end`);
console.log(`${cycles}\t${refreshes}\t${((Date.now() - started) / 60000).toFixed(1)}\t${startHeap.toFixed(1)}\t${endHeap.toFixed(1)}\t${startCharts}\t${endCharts}`);
await browser.close();
await server.close();
