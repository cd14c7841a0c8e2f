import type { Page } from 'playwright-core';

/** One drill as the page saw it: how long it took, and when it started on the page's clock. */
export interface DrillTiming {
  ms: number;
  startedAt: number;
}

/**
 * One drill step, timed inside the page (no Playwright round trips): a click on the red-tier KPI
 * (`down`) or Esc (back up), until the URL changed and every panel has re-queried and drawn.
 */
export function timedDrill(page: Page, down: boolean): Promise<DrillTiming> {
  return page.evaluate(async (drillDown) => {
    const t0 = performance.now();
    const url = location.href;
    if (drillDown) document.querySelector<HTMLElement>('[data-testid="kpi-red-customers"]')!.click();
    else window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    while (location.href === url) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(r));
    while (!window.__churnwatch!.status().idle) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => requestAnimationFrame(r));
    return { ms: performance.now() - t0, startedAt: t0 };
  }, down);
}

/** Waits until the app has drawn its first screen and nothing is loading. */
export async function screenDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__churnwatch !== undefined && window.__churnwatch.status().idle && window.__churnwatch.status().screenVersion > 0, undefined, { timeout: 600_000, polling: 200 });
}
