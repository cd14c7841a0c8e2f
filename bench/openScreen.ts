/**
 * Opening the screen, side by side for one or more builds of the app, in headless Chromium:
 *
 *   npx tsx bench/openScreen.ts [--runs=3] [--builds=now=.,before=../base] [--settings]
 *
 * Each build is a folder holding a built app (dist/) and its vite.config.ts. Runs alternate
 * between builds so both see the same machine noise. Per run and build it prints:
 * - demo first visit (a fresh browser profile): first KPI drawn, overview drawn (every panel
 *   out of its loading state), and ready (engine idle with the screen built, drills answered);
 * - reopen (a reload of the same profile): the same three marks;
 * - with --settings, a settings change (W2 180 -> 60 days) until the rebuilt screen is idle.
 * Prints figures; not a test.
 */
import path from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/harness';

interface Build { label: string; dir: string; server?: PreviewServer; origin?: string }
interface Marks { kpiMs: number; overviewMs: number; readyMs: number }

const args = new Map(process.argv.slice(2).map((a) => {
  const body = a.replace(/^--/, '');
  const eq = body.indexOf('=');
  return (eq < 0 ? [body, 'true'] : [body.slice(0, eq), body.slice(eq + 1)]) as [string, string];
}));
const runs = Number(args.get('runs') ?? 3);
const builds: Build[] = (args.get('builds') ?? 'now=.').split(',').map((b) => {
  const [label, dir] = b.split('=');
  return { label, dir: path.resolve(dir) };
});

async function serve(b: Build): Promise<void> {
  b.server = await preview({
    root: b.dir,
    configFile: path.join(b.dir, 'vite.config.ts'),
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'error',
  });
  const address = b.server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  b.origin = `http://127.0.0.1:${address.port}`;
}

/**
 * Polls the page (every animation frame, inside the page: no round trips) from `t0` (the page's
 * performance.now() origin, i.e. navigation start) until the KPI strip shows numbers, until
 * every panel of the overview has left its loading state, and until the app reports idle.
 */
function marks(page: Page): Promise<Marks> {
  return page.evaluate(async () => {
    const out = { kpiMs: NaN, overviewMs: NaN, readyMs: NaN };
    const deadline = performance.now() + 600_000;
    for (;;) {
      const now = performance.now();
      const kpi = document.querySelector('[data-testid="kpi-customers"] [data-testid="kpi-value"]')?.textContent?.trim();
      if (Number.isNaN(out.kpiMs) && kpi) out.kpiMs = now;
      const panels = document.querySelectorAll('[data-testid="screen"] section.panel');
      const loading = document.querySelectorAll('[data-testid="screen"] section.panel .panel-body > p.state:not(.missing):not(.error)');
      if (Number.isNaN(out.overviewMs) && kpi && panels.length >= 6 && loading.length === 0) out.overviewMs = now;
      const s = window.__churnwatch?.status();
      if (Number.isNaN(out.readyMs) && s && s.idle && s.screenVersion > 0) out.readyMs = now;
      if (!Number.isNaN(out.kpiMs) && !Number.isNaN(out.overviewMs) && !Number.isNaN(out.readyMs)) return out;
      if (now > deadline) return out;
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
}

async function settingsChange(page: Page): Promise<number> {
  const before = await page.evaluate(() => window.__churnwatch!.status().screenVersion);
  await page.getByTestId('open-analyst').click();
  await page.getByTestId('analyst-tab-settings').click();
  const input = page.getByTestId('setting-churnDays');
  const t0 = Date.now();
  await input.fill('60');
  await input.press('Enter');
  await input.blur();
  await page.waitForFunction((v) => {
    const s = window.__churnwatch!.status();
    return s.idle && s.screenVersion > v;
  }, before, { timeout: 600_000, polling: 10 });
  return Date.now() - t0;
}

async function runOnce(browser: Browser, b: Build, withSettings: boolean): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  try {
    await page.goto(b.origin + '/');
    const first = await marks(page);
    await page.reload();
    const again = await marks(page);
    const settings = withSettings ? await settingsChange(page) : NaN;
    const f = (n: number) => (Number.isNaN(n) ? '—' : (n / 1000).toFixed(2));
    return [b.label, f(first.kpiMs), f(first.overviewMs), f(first.readyMs), f(again.kpiMs), f(again.overviewMs), f(again.readyMs), f(settings)];
  } finally {
    await context.close();
  }
}

for (const b of builds) await serve(b);
const browser = await launchBrowser();
console.log(['build', 'first KPI s', 'first overview s', 'first ready s', 'reopen KPI s', 'reopen overview s', 'reopen ready s', 'W2 change s'].join('\t'));
for (let i = 0; i < runs; i++) {
  for (const b of builds) console.log((await runOnce(browser, b, args.has('settings'))).join('\t'));
}
await browser.close();
for (const b of builds) await b.server?.close();
