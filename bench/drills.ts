/**
 * Cached drill latency, side by side for one or more builds of the app, in headless Chromium at
 * 1920x1080 on the demo company:
 *
 *   npx tsx bench/drills.ts [--runs=3] [--drills=20] [--query=?demo-customers=100000] [--builds=now=.,before=../prev]
 *
 * Each build is a folder holding a built app (dist/) and its vite.config.ts. Per run and build it
 * opens the demo in a fresh context, drills 4 times so every scoped panel query is cached, then
 * times `--drills` steps alternating a red-tier KPI drill and Esc (bench/lib/timedDrill.ts). Runs
 * alternate between builds so both see the same machine noise. Besides the wall time it reads the
 * page main thread's CPU time per drill (Chromium's ThreadTime), which other processes on a shared
 * machine do not inflate, and the layouts per drill. Prints figures; not a test.
 */
import type { Browser } from 'playwright-core';
import { serveBuild, type ServedBuild } from './lib/serveBuild';
import { screenDrawn, timedDrill } from './lib/timedDrill';
import { launchBrowser } from '../tests/e2e/harness';

const args = new Map(process.argv.slice(2).map((a) => {
  const body = a.replace(/^--/, '');
  const eq = body.indexOf('=');
  return (eq < 0 ? [body, 'true'] : [body.slice(0, eq), body.slice(eq + 1)]) as [string, string];
}));
const runs = Number(args.get('runs') ?? 3);
const drills = Number(args.get('drills') ?? 20);
const query = args.get('query') ?? '';
const specs = (args.get('builds') ?? 'now=.').split(',').map((b) => b.split('=') as [string, string]);

interface Drills { wall: number[]; cpu: number[]; layouts: number[] }

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runOnce(browser: Browser, b: ServedBuild, into: Drills): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.goto(`${b.origin}/${query}`);
    await screenDrawn(page);
    for (let i = 0; i < 4; i++) await timedDrill(page, i % 2 === 0);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    for (let i = 0; i < drills; i++) {
      const before = await metrics();
      into.wall.push((await timedDrill(page, i % 2 === 0)).ms);
      const after = await metrics();
      into.cpu.push(((after.get('ThreadTime') ?? NaN) - (before.get('ThreadTime') ?? NaN)) * 1000);
      into.layouts.push((after.get('LayoutCount') ?? NaN) - (before.get('LayoutCount') ?? NaN));
    }
  } finally {
    await context.close();
  }
}

const builds: ServedBuild[] = [];
for (const [label, dir] of specs) builds.push(await serveBuild(label, dir));
const results = new Map<string, Drills>(builds.map((b) => [b.label, { wall: [], cpu: [], layouts: [] }]));
const browser = await launchBrowser();
for (let i = 0; i < runs; i++) {
  for (const b of builds) await runOnce(browser, b, results.get(b.label)!);
}
await browser.close();
for (const b of builds) await b.close();

const f = (n: number) => n.toFixed(0);
console.log(['build', 'drills', 'wall p50 ms', 'wall p95 ms', 'CPU p50 ms', 'CPU p95 ms', 'layouts per drill'].join('\t'));
for (const [label, d] of results) {
  const layouts = d.layouts.reduce((a, n) => a + n, 0) / d.layouts.length;
  console.log([label, d.wall.length, f(percentile(d.wall, 50)), f(percentile(d.wall, 95)), f(percentile(d.cpu, 50)), f(percentile(d.cpu, 95)), layouts.toFixed(1)].join('\t'));
}
if (results.size === 2) {
  const [[a, x], [b, y]] = [...results];
  const r = (xs: number[], ys: number[], p: number) => (percentile(xs, p) / percentile(ys, p)).toFixed(2);
  console.log(`${a} / ${b}: wall p50 ${r(x.wall, y.wall, 50)}x, p95 ${r(x.wall, y.wall, 95)}x; CPU p50 ${r(x.cpu, y.cpu, 50)}x, p95 ${r(x.cpu, y.cpu, 95)}x`);
}
