import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import type { QueryManager } from '../../src/engine/queryManager';
import { loadDemo } from '../../src/demo';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { playFor } from '../../src/analytics/rfm/plays';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { loadRiskList } from '../../src/analytics/screen/riskList';
import { loadCustomerList } from '../../src/analytics/screen/customerList';
import { loadCustomer360 } from '../../src/analytics/screen/customer360';
import { PLAY_EN } from '../../src/analytics/screen/playsText';
import type { CustomerRow } from '../../src/analytics/screen/types';

let qm: QueryManager;
let ctx: ScreenContext;

beforeAll(async () => {
  qm = await createTestEngine();
  await loadDemo(qm, { customers: 2000 });
  ctx = await prepareScreen(qm, DEFAULT_SETTINGS);
}, 120_000);

const region = [{ dimension: 'region', value: '华东' }];
const list = (sortBy: keyof CustomerRow, desc: boolean, offset = 0, limit = 50, filter = region) =>
  loadCustomerList(qm, ctx, filter, 'zh-CN', { sortBy, desc, offset, limit });

/** Compares two values the way the list sorts them (NULLs handled by the caller). */
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

describe('risk list', () => {
  it('lists red then amber customers not yet churned, by score ascending, then value descending', async () => {
    const rows = (await loadRiskList(qm, ctx, [], 'zh-CN'))!;
    expect(rows.length).toBe(50);
    const red = ctx.families.risk!.red!;
    expect(rows.slice(0, Math.min(red, 50)).every((r) => r.risk_tier === 'red')).toBe(true);
    expect(rows.every((r) => r.status !== 'churned' && (r.risk_tier === 'red' || r.risk_tier === 'amber'))).toBe(true);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      if (a.risk_tier !== b.risk_tier) continue;
      expect(a.score! < b.score! || (a.score === b.score && a.value! >= b.value!)).toBe(true);
    }
    const [lowest] = await rowsOf<{ id: string }>(qm, `SELECT r.customer_id AS id FROM cw_customer_risk r JOIN cw_customer_status s USING (customer_id)
      WHERE r.tier = 'red' AND s.status <> 'churned' ORDER BY r.score, r.customer_id LIMIT 1`);
    expect(rows[0].score).toBe((await rowsOf<{ s: number }>(qm, `SELECT score AS s FROM cw_customer_risk WHERE customer_id = '${lowest.id}'`))[0].s);
  });

  it('gives each row its reasons in words and the play of its play tier (its value tier, or 高价值 for a silent key account) for customers at risk, in both languages', async () => {
    const zh = (await loadRiskList(qm, ctx, region, 'zh-CN', 10))!;
    const en = (await loadRiskList(qm, ctx, region, 'en', 10))!;
    expect(zh.length).toBe(10);
    expect(zh.every((r) => r.region === '华东' && r.reasons.length > 0)).toBe(true);
    zh.forEach((r, i) => {
      const play = playFor(r.play_tier as '高价值', r.risk_tier as 'red');
      expect(r.recommended_action).toBe(play.join('、'));
      expect(en[i].recommended_action).toBe(play.map((p) => PLAY_EN[p]).join('; '));
      expect(en[i].reasons.join(' ')).toMatch(/[a-z]/);
    });
  });
});

describe('customer list', () => {
  it('counts every customer of the drill path and pages without overlap', async () => {
    const first = await list('customer_id', false, 0, 100);
    const second = await list('customer_id', false, 100, 100);
    const [{ n }] = await rowsOf<{ n: number }>(qm, `SELECT count(*)::INTEGER AS n FROM cw_customer_facts WHERE region = '华东'`);
    expect(first.total).toBe(n);
    expect(second.total).toBe(n);
    expect(first.rows.length).toBe(100);
    const ids = [...first.rows, ...second.rows].map((r) => r.customer_id);
    expect(new Set(ids).size).toBe(200);
    expect(ids).toEqual([...ids].sort());
    const last = await list('customer_id', false, n - 3, 50);
    expect(last.rows.length).toBe(3);
  });

  it('sorts on the server by each plain column, both ways, NULLs last', async () => {
    for (const key of ['score', 'value', 'last_purchase', 'name', 'owner'] as const) {
      for (const desc of [false, true]) {
        const { rows } = await list(key, desc, 0, 600);
        const values = rows.map((r) => r[key] as string | number | null);
        const firstNull = values.indexOf(null);
        if (firstNull >= 0) expect(values.slice(firstNull).every((v) => v === null), `${key} nulls last`).toBe(true);
        const present = values.filter((v): v is string | number => v !== null);
        for (let i = 1; i < present.length; i++) {
          expect(cmp(present[i - 1], present[i]) * (desc ? -1 : 1) <= 0, `${key} ${desc ? 'desc' : 'asc'} at ${i}`).toBe(true);
        }
      }
    }
  });

  it('sorts risk tiers and statuses by severity and matches a direct SQL sort of value', async () => {
    const tiers = (await list('risk_tier', false, 0, 600)).rows.map((r) => r.risk_tier);
    const order = ['red', 'amber', 'green', null];
    expect(tiers.map((t) => order.indexOf(t))).toEqual([...tiers.map((t) => order.indexOf(t))].sort((a, b) => a - b));
    const statuses = (await list('status', true, 0, 600)).rows.map((r) => r.status);
    const severity = ['churned', 'silent', 'new', 'active'];
    expect(statuses.map((s) => severity.indexOf(s!))).toEqual([...statuses.map((s) => severity.indexOf(s!))].sort((a, b) => b - a));
    const top = (await list('value', true, 0, 5)).rows.map((r) => r.customer_id);
    const expected = await rowsOf<{ id: string }>(qm, `SELECT c.customer_id AS id FROM cw_customer_clv c JOIN cw_customer_facts f USING (customer_id)
      WHERE f.region = '华东' ORDER BY c.clv DESC NULLS LAST, c.customer_id LIMIT 5`);
    expect(top).toEqual(expected.map((e) => e.id));
  });

  it('rejects a sort column outside the whitelist instead of putting it into SQL', async () => {
    await expect(list('score; DROP TABLE orders' as keyof CustomerRow, false)).rejects.toThrow(/Cannot sort/);
    await expect(list('__proto__' as keyof CustomerRow, false)).rejects.toThrow(/Cannot sort/);
    expect((await rowsOf<{ n: number }>(qm, 'SELECT count(*)::INTEGER AS n FROM orders'))[0].n).toBeGreaterThan(0);
  });

  it('gives churned customers no warning tier but the at-risk play of their play tier', async () => {
    const { rows } = await list('customer_id', false, 0, 50, [{ dimension: 'status', value: 'churned' }]);
    expect(rows.length).toBe(50);
    for (const r of rows) {
      expect(r.risk_tier).toBeNull();
      expect(r.recommended_action).toBe(playFor(r.play_tier as '高价值', 'red').join('、'));
    }
  });
});

describe('customer 360', () => {
  it('returns the row, P(alive), sub-scores, a newest-first timeline and the attributes of one customer', async () => {
    const [{ id }] = await rowsOf<{ id: string }>(qm, `SELECT customer_id AS id FROM cw_customer_facts
      WHERE first_subscription_date IS NOT NULL AND order_count > 3 AND last_activity_date IS NOT NULL ORDER BY customer_id LIMIT 1`);
    const c = (await loadCustomer360(qm, ctx, id, 'zh-CN'))!;
    expect(c.row.customer_id).toBe(id);
    const [s] = await rowsOf<{ p: number | null; first: string | null }>(qm, `SELECT s.p_alive AS p, f.first_seen_date AS first
      FROM cw_customer_status s JOIN cw_customer_facts f USING (customer_id) WHERE customer_id = '${id}'`);
    expect(c.pAlive).toBe(s.p);
    expect(c.firstSeen).toBe(s.first);
    expect(Object.keys(c.subScores)).toEqual(['recency', 'frequencyTrend', 'monetaryTrend', 'complaints', 'serviceFailures', 'nps', 'usageTrend']);
    // Scored by the health score, not by a model on labels.
    expect(c.pChurn).toBeNull();
    const dates = c.timeline.map((t) => t.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(c.timeline.length).toBeLessThanOrEqual(200);
    const kinds = new Set(c.timeline.map((t) => t.kind));
    for (const k of ['order', 'subscription', 'activity'] as const) expect(kinds.has(k), k).toBe(true);
    const [o] = await rowsOf<{ n: number }>(qm, `SELECT count(*)::INTEGER AS n FROM orders WHERE customer_id = '${id}' AND order_date < DATE '2026-10-01'`);
    if (c.timeline.length < 200) expect(c.timeline.filter((t) => t.kind === 'order').length).toBe(o.n);
    expect(c.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['tier', 'industry', 'contract_type', 'company_size']));
  });

  it('is null for an unknown or hostile customer id', async () => {
    expect(await loadCustomer360(qm, ctx, 'nobody', 'en')).toBeNull();
    expect(await loadCustomer360(qm, ctx, "x' OR 1=1 --", 'en')).toBeNull();
  });
});
