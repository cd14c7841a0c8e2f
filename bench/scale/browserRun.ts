import type { Browser, Page } from 'playwright-core';
import type { WallStatus } from '../../src/composables/useWallMode';
import { sampleChromiumRss } from './processMemory';
import type { ScaleFile } from './writeScaleFiles';
import { timedDrill } from '../lib/timedDrill';

/** What the built app did with one size in one format, in headless Chromium. */
export interface BrowserScaleRun {
  format: 'csv' | 'parquet';
  /** Which build of the app ran ('now', or 'before' with bench --before). */
  build?: string;
  bytes: number;
  /** From the file drop to every file loaded. */
  ingestMs: number;
  /** From the file drop to the KPI strip showing the dropped data's customer count. */
  firstKpiMs: number;
  /** From the file drop to the screen fully drawn (analytics rebuilt, every panel loaded). */
  dropToScreenMs: number;
  drillP50: number;
  drillP95: number;
  drills: number;
  jsHeapPeakMiB: number;
  engineMiB: number | null;
  rssPeakMiB: number;
  rendererPeakMiB: number;
  error?: string;
}

function status(page: Page): Promise<WallStatus> {
  return page.evaluate(() => window.__churnwatch!.status());
}

/** Waits until the screen has been rebuilt after `version` and nothing is loading or drawing. */
async function settled(page: Page, afterVersion: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await status(page);
    if (s.idle && s.screenVersion > afterVersion) return;
    if (await page.getByTestId('engine-failure').count()) throw new Error(await page.getByTestId('engine-failure-message').innerText());
    if (Date.now() > deadline) throw new Error(`not settled after ${timeoutMs} ms`);
    await page.waitForTimeout(25);
  }
}

/**
 * Logs every change of the KPI strip's customer count (polled in the page every animation frame)
 * and returns how to read, once the screen has settled, the wall-clock time it took its final
 * value: the first KPI drawn of the dropped data, not of a partial load.
 */
async function logKpi(page: Page): Promise<() => Promise<number>> {
  const perfAt = await page.evaluate(() => performance.now());
  const wallAt = Date.now();
  void page.evaluate(async () => {
    const w = window as unknown as { __cwKpiLog: [number, string][]; __cwKpiStop?: boolean };
    w.__cwKpiLog = [];
    while (!w.__cwKpiStop) {
      const text = document.querySelector('[data-testid="kpi-customers"] [data-testid="kpi-value"]')?.textContent?.trim() ?? '';
      if (w.__cwKpiLog.at(-1)?.[1] !== text) w.__cwKpiLog.push([performance.now(), text]);
      await new Promise((r) => requestAnimationFrame(r));
    }
  }).catch(() => undefined);
  return async () => {
    const log = await page.evaluate(() => {
      const w = window as unknown as { __cwKpiLog: [number, string][]; __cwKpiStop?: boolean };
      w.__cwKpiStop = true;
      return w.__cwKpiLog;
    });
    const last = log.at(-1);
    return last && /\d/.test(last[1]) ? wallAt + (last[0] - perfAt) : NaN;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Opens the built app empty (`?empty=1`), drops every file of one format at once, and measures
 * (`query`: more URL parameters, e.g. `&storage=indexeddb`) ingest, drop-to-screen, drill latency over `drills` clicks (a KPI drill, then Esc back: each
 * timed until every panel has re-queried), JS heap and memory at peak.
 */
export async function runInBrowser(browser: Browser, origin: string, files: ScaleFile[], format: 'csv' | 'parquet', drills: number, query = ''): Promise<BrowserScaleRun> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const paths = files.map((f) => (format === 'csv' ? f.csv : f.parquet));
  const bytes = files.reduce((n, f) => n + (format === 'csv' ? f.csvBytes : f.parquetBytes), 0);
  const run: BrowserScaleRun = {
    format, bytes, ingestMs: NaN, firstKpiMs: NaN, dropToScreenMs: NaN, drillP50: NaN, drillP95: NaN, drills: 0,
    jsHeapPeakMiB: NaN, engineMiB: null, rssPeakMiB: NaN, rendererPeakMiB: NaN,
  };
  const rss = sampleChromiumRss();
  let heapPeak = 0;
  const heapTimer = setInterval(() => {
    page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0)
      .then((h) => (heapPeak = Math.max(heapPeak, h)), () => undefined);
  }, 500);
  try {
    await page.goto(`${origin}/?empty=1${query}`);
    await page.waitForFunction(() => window.__churnwatch !== undefined, undefined, { timeout: 120_000 });
    await settled(page, 0, 120_000);
    const before = (await status(page)).screenVersion;
    await page.getByTestId('open-analyst').click();
    const firstKpi = await logKpi(page);
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(paths);
    // The batch's summary appears when its last file is in, then the saved workspace ends the batch.
    await page.getByTestId('append-summary').waitFor({ timeout: 60 * 60_000 });
    await page.locator('[data-testid="files-tab"][data-busy="false"]').waitFor({ timeout: 60 * 60_000 });
    run.ingestMs = Date.now() - t0;
    const failed = await page.getByTestId('file-error').allInnerTexts();
    if (failed.length) throw new Error(failed.join('; '));
    await settled(page, before, 60 * 60_000);
    run.dropToScreenMs = Date.now() - t0;
    run.firstKpiMs = (await firstKpi()) - t0;
    await page.getByTestId('close-analyst').click();

    const times: number[] = [];
    for (let i = 0; i < drills; i++) {
      times.push((await timedDrill(page, i % 2 === 0)).ms);
    }
    times.sort((a, b) => a - b);
    run.drills = times.length;
    if (times.length) {
      run.drillP50 = percentile(times, 50);
      run.drillP95 = percentile(times, 95);
    }
    const bytes = await page.evaluate(() => window.__churnwatch!.engineBytes());
    run.engineMiB = bytes === null ? null : bytes / 2 ** 20;
  } catch (e) {
    run.error = String((e as Error)?.message ?? e).split('\n')[0].slice(0, 200);
    await page.screenshot({ path: `bench/out/failed-${format}.png` }).catch(() => undefined);
  } finally {
    clearInterval(heapTimer);
    const peaks = rss.stop();
    run.rssPeakMiB = peaks.peakTotal / 2 ** 20;
    run.rendererPeakMiB = peaks.peakLargest / 2 ** 20;
    run.jsHeapPeakMiB = heapPeak / 2 ** 20;
    await context.close();
  }
  return run;
}
