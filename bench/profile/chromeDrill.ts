// npx tsx bench/profile/chromeDrill.ts ["?demo-customers=N"] (after npm run build). Profiles drills on the demo company in Chromium: per drill, wall time vs engine statements.
import { launchBrowser, startServer } from '../../tests/e2e/harness';
const { server, origin } = await startServer();
const browser = await launchBrowser();
const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
await page.goto(`${origin}/${process.argv[2] ?? ''}`);
await page.waitForFunction(() => window.__churnwatch !== undefined && window.__churnwatch.status().idle && window.__churnwatch.status().screenVersion > 0, undefined, { timeout: 600_000, polling: 200 });
const rows: string[] = [];
for (let i = 0; i < 20; i++) {
  const r = await page.evaluate(async (down) => {
    const t0 = performance.now();
    const url = location.href;
    if (down) document.querySelector<HTMLElement>('[data-testid="kpi-red-customers"]')!.click();
    else window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    while (location.href === url) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(r));
    while (!window.__churnwatch!.status().idle) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => requestAnimationFrame(r));
    const t1 = performance.now();
    const st = window.__churnwatch!.statements().filter((s) => s.endedAt > t0);
    return { ms: t1 - t0, n: st.length, sql: st.reduce((a, s) => a + s.ms, 0), lastEnd: Math.max(0, ...st.map((s) => s.endedAt - t0)), top: st.sort((a, b) => b.ms - a.ms).slice(0, 3).map((s) => `${s.ms.toFixed(0)} ${s.sql.slice(0, 80)}`) };
  }, i % 2 === 0);
  rows.push(`${i % 2 === 0 ? 'down' : 'up  '} ${r.ms.toFixed(0)} ms, ${r.n} statements, ${r.sql.toFixed(0)} ms in engine, last ended at ${r.lastEnd.toFixed(0)} | ${r.top.join(' | ')}`);
}
console.log(rows.join('\n'));
await browser.close();
await server.close();
