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
import type { Browser } from 'playwright-core';
import { openScreenOnce } from './lib/openScreen';
import { serveBuild, type ServedBuild } from './lib/serveBuild';
import { launchBrowser } from '../tests/e2e/harness';

const args = new Map(process.argv.slice(2).map((a) => {
  const body = a.replace(/^--/, '');
  const eq = body.indexOf('=');
  return (eq < 0 ? [body, 'true'] : [body.slice(0, eq), body.slice(eq + 1)]) as [string, string];
}));
const runs = Number(args.get('runs') ?? 3);
const specs = (args.get('builds') ?? 'now=.').split(',').map((b) => b.split('=') as [string, string]);

async function runOnce(browser: Browser, b: ServedBuild, withSettings: boolean): Promise<string[]> {
  const { first, reopen, settingsKpiMs, settingsMs, settingsIdleMs } = await openScreenOnce(browser, b.origin, withSettings);
  const f = (n: number) => (Number.isNaN(n) ? '—' : (n / 1000).toFixed(2));
  return [b.label, f(first.kpiMs), f(first.overviewMs), f(first.readyMs), f(reopen.kpiMs), f(reopen.overviewMs), f(reopen.readyMs), f(settingsKpiMs), f(settingsMs), f(settingsIdleMs)];
}

const builds: ServedBuild[] = [];
for (const [label, dir] of specs) builds.push(await serveBuild(label, dir));
const browser = await launchBrowser();
console.log(['build', 'first KPI s', 'first overview s', 'first ready s', 'reopen KPI s', 'reopen overview s', 'reopen ready s', 'W2 change KPI s', 'W2 change drawn s', 'W2 change idle s'].join('\t'));
for (let i = 0; i < runs; i++) {
  for (const b of builds) console.log((await runOnce(browser, b, args.has('settings'))).join('\t'));
}
await browser.close();
for (const b of builds) await b.close();
