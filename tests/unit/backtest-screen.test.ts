// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ingestFile } from '../../src/ingest/ingestFile';
import { bytesInput } from '../../src/ingest/types';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { backtestLine } from '../../src/analytics/screen/diagnosis';
import { computeBacktest } from '../../src/analytics/backtest/computeBacktest';
import { bgnbdPAlive, fitBgNbd, type BgNbdData } from '../../src/analytics/models/bgnbd';
import { fitParetoNbd, paretoNbdPAlive } from '../../src/analytics/models/paretoNbd';
import { formatFull, formatPercent } from '../../src/i18n/formatNumber';
import { fmtPct } from '../../src/analytics/risk/format';
import { createAppI18n } from '../../src/i18n';
import SettingsPanel from '../../src/components/analyst/SettingsPanel.vue';
import type { QueryManager } from '../../src/engine/queryManager';

const AS_OF = '1997-09-30';
// CDNOW_sample runs from 1997-01-01: H = 272 / 2 = 136 days (< 180), T0 = 1997-05-17.
const T0 = '1997-05-17';
const H = 136;

/** Purchase days of the raw orders (returns excluded), and who bought again in (T0, as-of]. */
const RAW = `p AS (SELECT DISTINCT customer_id, CAST(order_date AS DATE) AS d FROM orders WHERE NOT coalesce(is_return, false)),
  upto AS (SELECT * FROM p WHERE d <= DATE '${T0}'),
  back AS (SELECT DISTINCT customer_id FROM p WHERE d > DATE '${T0}' AND d <= DATE '${AS_OF}')`;

/** (x, t_x, T) in weeks at T0 from the raw rows, grouped by history, with how many of each came back. */
const HISTORIES_SQL = `WITH ${RAW},
  h AS (
    SELECT customer_id, CAST(count(*) - 1 AS DOUBLE) AS x, CAST((max(d) - min(d)) / 7.0 AS DOUBLE) AS tx,
      CAST((DATE '${T0}' - min(d)) / 7.0 AS DOUBLE) AS "T"
    FROM upto GROUP BY customer_id
  )
SELECT x, tx, "T", count(*)::DOUBLE AS n, count(b.customer_id)::DOUBLE AS k
FROM h LEFT JOIN back b USING (customer_id) GROUP BY x, tx, "T" ORDER BY x, tx, "T"`;

/** Customers silent more than `w2` days at T0 (the rule windows' churned) and how many of them came back. */
const ruleChurnedSql = (w2: number) => `WITH ${RAW}, c AS (SELECT customer_id, max(d) AS last_d FROM upto GROUP BY customer_id)
SELECT count(*)::INTEGER AS n, count(b.customer_id)::INTEGER AS k FROM c LEFT JOIN back b USING (customer_id) WHERE DATE '${T0}' - last_d > ${w2}`;

interface Tally { n: number; k: number }

/** The BG/NBD (or Pareto/NBD) classes at T0 counted from the raw rows: the model refitted on the T0 histories, P(alive) against the default cut-offs. */
async function bgnbdFromRaw(qm: QueryManager, model: 'bgnbd' | 'paretoNbd' = 'bgnbd'): Promise<Record<'active' | 'silent' | 'churned', Tally>> {
  const h = await rowsOf<{ x: number; tx: number; T: number; n: number; k: number }>(qm, HISTORIES_SQL);
  const data: BgNbdData = { x: Float64Array.from(h, (r) => r.x), tx: Float64Array.from(h, (r) => r.tx), T: Float64Array.from(h, (r) => r.T), weights: Float64Array.from(h, (r) => r.n) };
  const bg = fitBgNbd(data)!;
  const pn = model === 'paretoNbd' ? fitParetoNbd(data)! : null;
  const out = { active: { n: 0, k: 0 }, silent: { n: 0, k: 0 }, churned: { n: 0, k: 0 } };
  for (const r of h) {
    const p = pn ? paretoNbdPAlive(pn, r.x, r.tx, r.T) : bgnbdPAlive(bg, r.x, r.tx, r.T);
    const st = p >= DEFAULT_SETTINGS.pAliveActive ? 'active' : p < DEFAULT_SETTINGS.pAliveChurned ? 'churned' : 'silent';
    out[st].n += r.n;
    out[st].k += r.k;
  }
  return out;
}

let qm: QueryManager;
let ctx: ScreenContext;
let raw: Awaited<ReturnType<typeof bgnbdFromRaw>>;
let rawPareto: Awaited<ReturnType<typeof bgnbdFromRaw>>;

beforeAll(async () => {
  qm = await createTestEngine();
  // Under happy-dom import.meta.url is no file URL (tests/helpers/engine.ts SHARED_DATA): the shared data from the worktree's parent.
  const file = path.resolve(process.cwd(), '../shared/data/cdnow/CDNOW_sample.txt');
  const reports = await ingestFile(qm, bytesInput('CDNOW_sample.txt', new Uint8Array(readFileSync(file))));
  expect(reports.find((r) => r.error)).toBeUndefined();
  ctx = await prepareScreen(qm, { ...DEFAULT_SETTINGS, asOf: AS_OF });
  raw = await bgnbdFromRaw(qm);
  rawPareto = await bgnbdFromRaw(qm, 'paretoNbd');
}, 300_000);

describe('the back-test on the screen (CDNOW_sample as of 1997-09-30)', () => {
  it('reaches the screen context as the report computes it', async () => {
    const bt = ctx.families.backtest;
    expect(bt).not.toBeNull();
    expect([bt!.t0, bt!.asOf, bt!.horizonDays]).toEqual([T0, AS_OF, H]);
    expect(bt).toEqual((await computeBacktest(qm, ctx.settings, ctx.churnRule, ctx.valueBasis)).value);
  }, 300_000);

  it('states in the diagnosis how many the current definition (BG/NBD) called churned at T0 and the share who came back, as counted from the raw rows', () => {
    expect(ctx.churnRule).toBe('model');
    const { n, k } = raw.churned;
    expect(n).toBeGreaterThan(0);
    const churned = ctx.families.backtest!.definitions.find((d) => d.name === 'bgnbd')!.classes.find((c) => c.status === 'churned')!;
    expect([churned.customers, churned.cameBack]).toEqual([n, k]);
    const zh = backtestLine(ctx, 'zh-CN')!;
    const en = backtestLine(ctx, 'en')!;
    expect(zh.check).toBe('backtest-churned');
    const pct = fmtPct(k / n);
    expect(zh.text).toBe(`按当前口径（BG/NBD 存活概率），${H} 天前判为流失的 ${n} 位客户中 ${pct} 后来又下单或活跃`);
    expect(en.text).toBe(`Of the ${n} customers the current definition (BG/NBD P(alive)) called churned ${H} days ago, ${pct} bought or were active again`);
    expect(zh.status).toBe(k / n >= 0.2 ? 'flag' : 'ok');
  });

  it('follows the current definition: the rule windows with W2 = 90 days count the customers silent 90+ days at T0', async () => {
    const other = await prepareScreen(qm, { ...DEFAULT_SETTINGS, asOf: AS_OF, churnRule: 'rule', churnDays: 90 });
    expect(other.churnRule).toBe('rule');
    const [{ n, k }] = await rowsOf<Tally>(qm, ruleChurnedSql(90));
    expect(n).toBeGreaterThan(0);
    expect(backtestLine(other, 'en')!.text).toBe(`Of the ${n} customers the current definition (rule windows W1/W2) called churned ${H} days ago, ${fmtPct(k / n)} bought or were active again`);
    // The default W2 (180 days) is longer than H: nobody was churned by the rule at T0, so there is no finding.
    const [{ n: none }] = await rowsOf<Tally>(qm, ruleChurnedSql(DEFAULT_SETTINGS.churnDays));
    expect(none).toBe(0);
    const rule = await prepareScreen(qm, { ...DEFAULT_SETTINGS, asOf: AS_OF, churnRule: 'rule' });
    expect(backtestLine(rule, 'en')).toBeNull();
  }, 300_000);

  it('shows per definition and class the customers at T0 and the share who came back in the settings, and the pick', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const pinia = createPinia();
      setActivePinia(pinia);
      const w = mount(SettingsPanel, { props: { backtest: ctx.families.backtest, churnRule: ctx.churnRule }, global: { plugins: [pinia, createAppI18n(locale)] } });
      const cells = (def: string, status: string) => {
        const row = w.find(`[data-testid="backtest-${def}-${status}"]`);
        return [row.find('[data-col="customers"]').text(), row.find('[data-col="share"]').text()];
      };
      for (const st of ['active', 'silent', 'churned'] as const) {
        expect(cells('bgnbd', st), st).toEqual([formatFull(raw[st].n, locale), formatPercent(raw[st].k / raw[st].n, locale)]);
        expect(cells('paretoNbd', st), st).toEqual([formatFull(rawPareto[st].n, locale), formatPercent(rawPareto[st].k / rawPareto[st].n, locale)]);
      }
      for (const d of ctx.families.backtest!.definitions) {
        for (const c of d.classes) expect(cells(d.name, c.status)).toEqual([formatFull(c.customers, locale), formatPercent(c.share, locale)]);
      }
      // The rule calls nobody churned at T0 (W2 180 > H), so it is not rated; Pareto/NBD scores
      // above BG/NBD (whose churned come back more often than its active) and is picked.
      expect(w.find('[data-testid="backtest-rule-churned"]').exists()).toBe(false);
      expect(w.find('[data-testid="backtest-paretoNbd"] [data-testid="backtest-picked"]').exists()).toBe(true);
      expect(w.find('[data-testid="backtest-bgnbd"] [data-testid="backtest-picked"]').exists()).toBe(false);
      expect(w.find('[data-testid="backtest-bgnbd"] [data-testid="backtest-current"]').exists()).toBe(true);
      const paretoScore = rawPareto.active.k / rawPareto.active.n - rawPareto.churned.k / rawPareto.churned.n;
      expect(w.find('[data-testid="backtest-paretoNbd-score"]').text()).toContain(`${paretoScore > 0 ? '+' : ''}${formatPercent(paretoScore, locale)}`);
      expect(w.find('[data-testid="backtest-rule"] [data-testid="backtest-picked"]').exists()).toBe(false);
      const score = raw.active.k / raw.active.n - raw.churned.k / raw.churned.n;
      const scoreText = w.find('[data-testid="backtest-bgnbd-score"]').text();
      if (locale === 'en') {
        expect(w.find('[data-testid="backtest"] h4').text()).toBe('Back-test of the churn definitions');
        expect(scoreText).toContain(`Score ${score > 0 ? '+' : ''}${formatPercent(score, locale)}`);
        expect(w.find('[data-testid="backtest-rule-score"]').text()).toContain('Not rated');
        expect(w.find('[data-testid="backtest-pick"]').text()).toContain('The back-test picks: Pareto/NBD P(alive)');
        expect(w.find('[data-testid="backtest-bgnbd"] caption').text()).toContain('BG/NBD P(alive)');
      } else {
        expect(w.find('[data-testid="backtest"] h4').text()).toBe('流失口径回测');
        expect(scoreText).toContain(`得分 ${score > 0 ? '+' : ''}${formatPercent(score, locale)}`);
        expect(w.find('[data-testid="backtest-pick"]').text()).toContain('回测推荐：Pareto/NBD 存活概率');
        expect(w.find('[data-testid="backtest-bgnbd-churned"]').text()).toContain('流失');
      }
      w.unmount();
    }
  });

  it('says beside the definition in force when its score is negative, and when the back-test chose it', () => {
    setActivePinia(createPinia());
    const bt = ctx.families.backtest!;
    const bgScore = raw.active.k / raw.active.n - raw.churned.k / raw.churned.n;
    expect(bgScore).toBeLessThan(0);
    const bg = mount(SettingsPanel, { props: { backtest: bt, churnRule: 'model', aliveModel: 'bgnbd' }, global: { plugins: [createPinia(), createAppI18n('en')] } });
    expect(bg.find('[data-testid="backtest-negative"]').text()).toBe(`The current definition scores ${formatPercent(bgScore, 'en')}: the customers it called churned came back more often than those it called active.`);
    expect(bg.find('[data-testid="backtest-chosen"]').exists()).toBe(false);
    const pn = mount(SettingsPanel, { props: { backtest: bt, churnRule: 'model', aliveModel: 'paretoNbd', chosen: true }, global: { plugins: [createPinia(), createAppI18n('zh-CN')] } });
    expect(pn.find('[data-testid="backtest-negative"]').exists()).toBe(false);
    expect(pn.find('[data-testid="backtest-paretoNbd"] [data-testid="backtest-current"]').exists()).toBe(true);
    expect(pn.find('[data-testid="backtest-chosen"]').text()).toBe('当前流失口径（Pareto/NBD 存活概率）由回测选定；在上方选择流失口径可覆盖。');
  });

  it('says so in the settings when there is no back-test', () => {
    setActivePinia(createPinia());
    const w = mount(SettingsPanel, { global: { plugins: [createPinia(), createAppI18n('zh-CN')] } });
    expect(w.find('[data-testid="backtest-none"]').text()).toBe('无法回测：需要截止日期至少两天前的带日期数据。');
    expect(w.find('table[data-testid^="backtest-"]').exists()).toBe(false);
    // While a build is still running its late steps, it says so instead.
    const busy = mount(SettingsPanel, { props: { backtestPending: true }, global: { plugins: [createPinia(), createAppI18n('en')] } });
    expect(busy.find('[data-testid="backtest-pending"]').text()).toBe('Computing the back-test…');
    expect(busy.find('[data-testid="backtest-none"]').exists()).toBe(false);
  });
});
