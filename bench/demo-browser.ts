/**
 * Demo-company generation and load time in headless Chromium on the built app (run `npm run build`
 * first): `npx tsx bench/demo-browser.ts [customers...]` (default 20000 and 1000000).
 * Prints figures; not a test.
 */
import { launchBrowser, startServer } from '../tests/e2e/harness';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const { server, origin } = await startServer();
const browser = await launchBrowser();
console.log('customers\tgenerate ms\tload ms\tto screen ms\tJS heap MB');
for (const customers of sizes.length ? sizes : [20_000, 1_000_000]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${origin}/?demo-customers=${customers}`);
  const report = page.getByTestId('demo-report');
  await report.waitFor({ timeout: 15 * 60_000 });
  // The screen is drawn when the customers KPI shows, or the analytics failed (e.g. out of memory).
  await page.locator('[data-testid="kpi-customers"], [data-testid="status"].error').first().waitFor({ timeout: 15 * 60_000 });
  const failure = await page.locator('[data-testid="status"].error').textContent().catch(() => null);
  const toScreen = failure ? `failed: ${failure.slice(0, 120)}` : String(Date.now() - started);
  const generate = await report.getAttribute('data-generate-ms');
  const load = await report.getAttribute('data-load-ms');
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
  console.log(`${customers}\t${generate}\t${load}\t${toScreen}\t${(heap / 1e6).toFixed(0)}`);
  await context.close();
}
await browser.close();
await server.close();
