// npx tsx bench/profile/chromeDrill.ts ["?demo-customers=N"] (after npm run build). Profiles drills on the demo company in Chromium: per drill, wall time vs engine statements.
import { launchBrowser, startServer } from '../../tests/e2e/harness';
import { screenDrawn, timedDrill } from '../lib/timedDrill';
const { server, origin } = await startServer();
const browser = await launchBrowser();
const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
await page.goto(`${origin}/${process.argv[2] ?? ''}`);
await screenDrawn(page);
for (let i = 0; i < 20; i++) {
  const { ms, startedAt } = await timedDrill(page, i % 2 === 0);
  const st = (await page.evaluate(() => window.__churnwatch!.statements())).filter((s) => s.endedAt > startedAt);
  const engineMs = st.reduce((a, s) => a + s.ms, 0);
  const top = st.sort((a, b) => b.ms - a.ms).slice(0, 3).map((s) => `${s.ms.toFixed(0)} ${s.sql.slice(0, 80)}`);
  console.log(`${i % 2 === 0 ? 'down' : 'up  '} ${ms.toFixed(0)} ms, ${st.length} statements, ${engineMs.toFixed(0)} ms in engine | ${top.join(' | ')}`);
}
await browser.close();
await server.close();
