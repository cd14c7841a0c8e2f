import type { Browser, Page } from 'playwright-core';

/** Seconds from navigation start: first KPI drawn, every overview panel drawn, engine idle with the screen built. */
export interface OpenMarks { kpiMs: number; overviewMs: number; readyMs: number }

/** One fresh profile's demo first visit, its reload, and (optionally) a settings change. */
export interface OpenRun { first: OpenMarks; reopen: OpenMarks; settingsKpiMs: number; settingsMs: number; settingsIdleMs: number }

/**
 * Polls the page (every animation frame, inside the page: no round trips) from `t0` (the page's
 * performance.now() origin, i.e. navigation start) until the KPI strip shows numbers, until
 * every panel of the overview has left its loading state, and until the app reports idle.
 */
export function marks(page: Page): Promise<OpenMarks> {
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

/**
 * A W2 change (180 -> 60 days) in the settings tab: ms until the rebuilt KPI strip is drawn
 * (the app's kpiVersion; a build without it: until the strip's figures change, NaN if none did
 * by the time the screen is drawn), until the rebuilt screen is drawn (its panels published; a build without that mark
 * counts when idle) and until the app is idle (the rebuild persisted).
 */
export async function settingsChange(page: Page): Promise<{ kpiMs: number; drawnMs: number; idleMs: number }> {
  const before = await page.evaluate(() => {
    const s = window.__churnwatch!.status();
    return { drawn: s.drawnVersion ?? s.screenVersion, version: s.screenVersion, kpi: s.kpiVersion };
  });
  const kpiBefore = await page.evaluate(() => [...document.querySelectorAll('.kpis button.kpi')].map((b) => b.getAttribute('title')).join('|'));
  await page.getByTestId('open-analyst').click();
  await page.getByTestId('analyst-tab-settings').click();
  const input = page.getByTestId('setting-churnDays');
  const t0 = Date.now();
  await input.fill('60');
  await input.press('Enter');
  await input.blur();
  // The app's own mark (a KPI strip drawn for this build) where the build has it; else the strip's
  // figures changing, which W2 on the demo may not do (NaN then).
  const kpiChanged = page.waitForFunction(({ v, text }) => {
    const s = window.__churnwatch!.status();
    if (v.kpi !== undefined) return s.kpiVersion! > v.kpi ? 'changed' : false;
    const now = [...document.querySelectorAll('.kpis button.kpi')].map((b) => b.getAttribute('title')).join('|');
    if (now !== text) return 'changed';
    return (s.drawnVersion ?? s.screenVersion) > v.drawn ? 'unchanged' : false;
  }, { v: before, text: kpiBefore }, { timeout: 600_000, polling: 10 }).then(async (h) => ((await h.jsonValue()) === 'changed' ? Date.now() - t0 : NaN));
  await page.waitForFunction((v) => {
    const s = window.__churnwatch!.status();
    return (s.drawnVersion ?? s.screenVersion) > v.drawn && (s.drawnVersion !== undefined || s.idle);
  }, before, { timeout: 600_000, polling: 10 });
  const drawnMs = Date.now() - t0;
  const kpiMs = await kpiChanged;
  await page.waitForFunction((v) => {
    const s = window.__churnwatch!.status();
    return s.idle && s.screenVersion > v.version;
  }, before, { timeout: 600_000, polling: 10 });
  return { kpiMs, drawnMs, idleMs: Date.now() - t0 };
}

/** A fresh browser profile on `origin`: first visit, reload, and with `withSettings` a W2 change. */
export async function openScreenOnce(browser: Browser, origin: string, withSettings: boolean): Promise<OpenRun> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  try {
    await page.goto(origin + '/');
    const first = await marks(page);
    await page.reload();
    const reopen = await marks(page);
    const settings = withSettings ? await settingsChange(page) : { kpiMs: NaN, drawnMs: NaN, idleMs: NaN };
    return { first, reopen, settingsKpiMs: settings.kpiMs, settingsMs: settings.drawnMs, settingsIdleMs: settings.idleMs };
  } finally {
    await context.close();
  }
}
