import { beforeAll, describe, expect, it } from 'vitest';
import type { QueryManager } from '../../src/engine/queryManager';
import { toRows } from '../../src/engine/rows';
import { loadDemo } from '../../src/demo/loadDemo';
import { prepareScreen } from '../../src/analytics/screen/prepareScreen';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { loadCustomerPage } from '../../src/analytics/screen/customerRows';
import { createNodeEngine } from '../../src/workspace/nodeHost';

// Issue 14 item 6: a key account that went silent is not demoted to a discount play.
describe('the play tier of a lapsing key account', () => {
  let qm: QueryManager;
  let asOf: string;

  beforeAll(async () => {
    qm = await createNodeEngine();
    await loadDemo(qm, { customers: 3000 });
    ({ asOf } = await prepareScreen(qm, DEFAULT_SETTINGS));
  }, 240_000);

  it('plays as 高价值 exactly when the 12 months up to the last purchase reach the 高价值 cut, counted from the raw orders', async () => {
    // From the orders table itself: last purchase (non-return lines), net value of the 365 days up to it.
    const expected = toRows<{ customer_id: string }>(await qm.query(`
      WITH last AS (
        SELECT customer_id, max(CAST(order_date AS DATE)) FILTER (WHERE NOT coalesce(is_return, false)) AS last_buy
        FROM orders WHERE customer_id IS NOT NULL AND CAST(order_date AS DATE) <= DATE '${asOf}' GROUP BY customer_id
      ),
      before AS (
        SELECT o.customer_id, sum(coalesce(o.amount, 0)) AS v FROM orders o JOIN last l USING (customer_id)
        WHERE CAST(o.order_date AS DATE) > l.last_buy - 365 AND CAST(o.order_date AS DATE) <= l.last_buy GROUP BY o.customer_id
      ),
      cut AS (SELECT min(value_12m) AS high FROM cw_customer_value_tier WHERE value_tier = '高价值')
      SELECT b.customer_id FROM before b JOIN cw_customer_value_tier vt USING (customer_id), cut
      WHERE vt.value_tier <> '高价值' AND b.v > 0 AND b.v >= cut.high ORDER BY 1`, { cache: false })).map((r) => r.customer_id);
    const promoted = toRows<{ customer_id: string }>(await qm.query(
      `SELECT customer_id FROM cw_screen_customers WHERE play_tier = '高价值' AND value_tier <> '高价值' ORDER BY 1`, { cache: false })).map((r) => r.customer_id);
    expect(expected.length, 'the demo has lapsing key accounts').toBeGreaterThan(0);
    expect(promoted).toEqual(expected);
    // Everyone else plays their own value tier.
    const others = toRows<{ n: number }>(await qm.query(
      `SELECT count(*)::INTEGER AS n FROM cw_screen_customers WHERE play_tier IS DISTINCT FROM value_tier AND NOT (play_tier = '高价值')`, { cache: false }))[0].n;
    expect(others).toBe(0);
  });

  it('a customer worth the top 20% before 145+ days of silence gets the dedicated account manager, never a discount', async () => {
    const [c] = toRows<{ customer_id: string; days: number }>(await qm.query(`
      SELECT c.customer_id, DATE '${asOf}' - c.last_purchase AS days FROM cw_screen_customers c
      WHERE c.play_tier = '高价值' AND c.value_tier <> '高价值' AND c.warning_tier IN ('red', 'amber') AND DATE '${asOf}' - c.last_purchase >= 145
      ORDER BY c.customer_id LIMIT 1`, { cache: false }));
    expect(c, 'a silent key account at risk in the demo').toBeDefined();
    const [row] = await loadCustomerPage(qm, { where: `c.customer_id = '${c.customer_id}'`, orderBy: (t) => `${t}.customer_id`, limit: 1 }, 'zh-CN');
    expect(row.value_tier).not.toBe('高价值');
    expect(row.value_before_silence!).toBeGreaterThan(row.value_12m ?? 0);
    expect(row.recommended_action).toBe('专属客户经理一对一关怀、定制化服务');
    const [en] = await loadCustomerPage(qm, { where: `c.customer_id = '${c.customer_id}'`, orderBy: (t) => `${t}.customer_id`, limit: 1 }, 'en');
    expect(en.recommended_action).toBe('one-to-one care by a dedicated account manager; tailored service');
    expect(en.recommended_action).not.toMatch(/offer|discount/);
  });
});
