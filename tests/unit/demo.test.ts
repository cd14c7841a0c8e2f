import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import type { QueryManager } from '../../src/engine/queryManager';
import { dateLit, lit } from '../../src/engine/sql';
import {
  CANCEL_REASONS,
  DEMO_AS_OF,
  HIGH_VALUE_TIERS,
  RENEWAL_CLIFF_MONTH,
  SLOWDOWN_REGION,
  SLOWDOWN_START,
  loadDemo,
  type DemoLoadReport,
} from '../../src/demo';

const AS_OF = dateLit(DEMO_AS_OF);
const SLOWDOWN = dateLit(SLOWDOWN_START);
const HIGH = HIGH_VALUE_TIERS.map(lit).join(', ');

/** Non-contractual churn as the screen's rule mode sees it by default: no purchase in the last 180 days. */
const LAST_PURCHASE = `SELECT customer_id, max(CAST(order_date AS DATE)) AS last_purchase
  FROM orders WHERE NOT is_return GROUP BY customer_id`;

describe('demo company loaded into DuckDB (default size)', () => {
  let qm: QueryManager;
  let report: DemoLoadReport;

  beforeAll(async () => {
    qm = await createTestEngine();
    report = await loadDemo(qm);
  });

  const one = async (sql: string) => (await rowsOf<Record<string, number>>(qm, sql))[0];

  it('has about 20,000 customers and 400,000 orders, and reports what it loaded', async () => {
    expect(report.customers).toBe(20_000);
    expect(report.rows.customers).toBe(20_000);
    expect(report.rows.orders).toBeGreaterThan(380_000);
    expect(report.rows.orders).toBeLessThan(420_000);
    const counts = await one(`SELECT (SELECT count(*) FROM customers)::INT c, (SELECT count(*) FROM orders)::INT o,
      (SELECT count(*) FROM subscriptions)::INT s, (SELECT count(*) FROM activity)::INT a, (SELECT count(*) FROM tickets)::INT t,
      (SELECT count(*) FROM nps)::INT n, (SELECT count(*) FROM interventions)::INT i, (SELECT count(*) FROM customer_attributes)::INT x`);
    expect(counts).toEqual({
      c: report.rows.customers, o: report.rows.orders, s: report.rows.subscriptions, a: report.rows.activity,
      t: report.rows.tickets, n: report.rows.nps, i: report.rows.interventions, x: report.rows.customer_attributes,
    });
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(1_000);
    expect(report.generateMs).toBeGreaterThan(0);
    expect(report.loadMs).toBeGreaterThan(0);
  });

  it('spans two-plus years of orders and dates nothing after the as-of date but future renewals', async () => {
    const r = await one(`SELECT
      (SELECT min(CAST(order_date AS DATE)) <= DATE '2024-01-01' FROM orders)::INT starts_early,
      greatest(
        (SELECT max(signup_date) FROM customers), (SELECT max(CAST(order_date AS DATE)) FROM orders),
        (SELECT max(greatest(start_date, coalesce(end_date, start_date))) FROM subscriptions),
        (SELECT max(CAST(event_date AS DATE)) FROM activity),
        (SELECT max(CAST(greatest(opened_at, coalesce(first_response_at, opened_at), coalesce(closed_at, opened_at)) AS DATE)) FROM tickets),
        (SELECT max(survey_date) FROM nps), (SELECT max(action_date) FROM interventions)) = ${AS_OF} AS latest_is_as_of,
      (SELECT count(*) FROM subscriptions WHERE end_date IS NULL AND NOT renewal_date > ${AS_OF})::INT active_without_future_renewal`);
    expect(r).toEqual({ starts_early: 1, latest_is_as_of: true, active_without_future_renewal: 0 });
  });

  it('references only existing customers from every table, with unique ids', async () => {
    const r = await one(`SELECT
      (SELECT count(*) FROM (SELECT customer_id FROM orders UNION ALL SELECT customer_id FROM subscriptions
        UNION ALL SELECT customer_id FROM activity UNION ALL SELECT customer_id FROM tickets UNION ALL SELECT customer_id FROM nps
        UNION ALL SELECT customer_id FROM interventions UNION ALL SELECT customer_id FROM customer_attributes) x
        ANTI JOIN customers USING (customer_id))::INT orphans,
      (SELECT count(*) - count(DISTINCT customer_id) FROM customers)::INT dup_customers,
      (SELECT count(*) - count(DISTINCT order_id) FROM orders)::INT dup_orders,
      (SELECT count(*) - count(DISTINCT ticket_id) FROM tickets)::INT dup_tickets`);
    expect(r).toEqual({ orphans: 0, dup_customers: 0, dup_orders: 0, dup_tickets: 0 });
  });

  it('leaves status and churned empty so churn must be derived from behaviour, and tags rows as demo', async () => {
    const r = await one(`SELECT count(status)::INT s, count(churned)::INT c,
      (SELECT count(*) FROM orders WHERE _source <> 'demo' OR _line IS NULL)::INT untagged,
      (SELECT max(_line) = count(*) AND min(_line) = 1 FROM orders) AS lines_dense FROM customers`);
    expect(r).toEqual({ s: 0, c: 0, untagged: 0, lines_dense: true });
  });

  it('writes refunds as negative 已退款 rows and purchases as quantity x unit price', async () => {
    const r = await one(`SELECT
      count(*) FILTER (WHERE is_return AND (amount >= 0 OR status <> '已退款'))::INT bad_refunds,
      count(*) FILTER (WHERE NOT is_return AND (amount <= 0 OR status <> '已完成'))::INT bad_purchases,
      count(*) FILTER (WHERE abs(amount - quantity * unit_price) > 0.01)::INT mismatched,
      avg(is_return::INT) refund_share FROM orders`);
    expect(r).toMatchObject({ bad_refunds: 0, bad_purchases: 0, mismatched: 0 });
    expect(r.refund_share).toBeGreaterThan(0.01);
    expect(r.refund_share).toBeLessThan(0.06);
  });

  it('gives about 40% of customers a subscription and their MRR as monthly_value', async () => {
    const r = await one(`WITH s AS (SELECT DISTINCT customer_id FROM subscriptions)
      SELECT avg((s.customer_id IS NOT NULL)::INT) sub_share,
        count(*) FILTER (WHERE (s.customer_id IS NULL) <> (c.monthly_value IS NULL))::INT mismatched
      FROM customers c LEFT JOIN s USING (customer_id)`);
    expect(r.sub_share).toBeGreaterThan(0.35);
    expect(r.sub_share).toBeLessThan(0.5);
    expect(r.mismatched).toBe(0);
  });

  it('records cancel reasons only on ended contracts, each in one of the five reason groups', async () => {
    const reasons = await rowsOf<{ cancel_reason: string }>(qm, 'SELECT DISTINCT cancel_reason FROM subscriptions WHERE cancel_reason IS NOT NULL');
    expect(reasons.length).toBeGreaterThanOrEqual(10);
    for (const { cancel_reason } of reasons) expect(CANCEL_REASONS.map((r) => r.reason)).toContain(cancel_reason);
    const r = await one(`SELECT count(*) FILTER (WHERE end_date IS NULL AND cancel_reason IS NOT NULL)::INT active_with_reason FROM subscriptions`);
    expect(r.active_with_reason).toBe(0);
  });

  it('stores company_size and contract_type (订阅合同 exactly for subscribers) as extra dimensions for every customer', async () => {
    const rows = await rowsOf(qm, `SELECT attribute, count(DISTINCT customer_id)::INT n, count(DISTINCT value_text)::INT v,
      count(value_num)::INT nums FROM customer_attributes GROUP BY attribute ORDER BY attribute`);
    expect(rows).toEqual([
      { attribute: 'company_size', n: 20_000, v: 4, nums: 20_000 },
      { attribute: 'contract_type', n: 20_000, v: 3, nums: 0 },
    ]);
    const r = await one(`SELECT count(*)::INT mismatched FROM customer_attributes a
      LEFT JOIN (SELECT DISTINCT customer_id FROM subscriptions) s USING (customer_id)
      WHERE a.attribute = 'contract_type' AND (a.value_text = '订阅合同') <> (s.customer_id IS NOT NULL)`);
    expect(r.mismatched).toBe(0);
  });

  it('loses about a fifth of its active customers a year', async () => {
    // Active at the start of 2025 = bought in the half year before; lost = no purchase after September 2025.
    const r = await one(`WITH p AS (SELECT DISTINCT customer_id, CAST(order_date AS DATE) d FROM orders WHERE NOT is_return),
      a AS (SELECT DISTINCT customer_id FROM p WHERE d BETWEEN DATE '2024-07-05' AND DATE '2024-12-31')
      SELECT avg((l.last_purchase < DATE '2025-10-01')::INT) lost FROM a JOIN (${LAST_PURCHASE}) l USING (customer_id)`);
    expect(r.lost).toBeGreaterThan(0.15);
    expect(r.lost).toBeLessThan(0.25);
  });

  it('story 1: first responses in the slowed region exceed 48 h for most tickets from the slowdown on', async () => {
    const rows = await rowsOf<{ slowed: boolean; after: boolean; slow_share: number }>(qm, `
      SELECT c.region = ${lit(SLOWDOWN_REGION)} AS slowed, t.opened_at >= ${SLOWDOWN} AS "after",
        avg((t.first_response_at - t.opened_at > INTERVAL 48 HOUR)::INT) slow_share
      FROM tickets t JOIN customers c USING (customer_id) WHERE t.first_response_at IS NOT NULL GROUP BY ALL`);
    const share = (slowed: boolean, after: boolean) => rows.find((r) => r.slowed === slowed && r.after === after)!.slow_share;
    expect(share(true, true)).toBeGreaterThan(0.5);
    expect(share(true, true)).toBeGreaterThan(3 * share(true, false));
    expect(share(true, true)).toBeGreaterThan(3 * share(false, true));
  });

  it('story 1: high-value customers of the slowed region churn after the slowdown at over 1.5x the rate elsewhere', async () => {
    // Customers buying in the half year before the slowdown; churned = no purchase in the 180 days to the as-of date.
    const rows = await rowsOf<{ slowed: boolean; n: number; churned: number }>(qm, `
      WITH p AS (SELECT customer_id, CAST(order_date AS DATE) d FROM orders WHERE NOT is_return),
      alive AS (SELECT DISTINCT customer_id FROM p WHERE d >= ${SLOWDOWN} - 180 AND d < ${SLOWDOWN})
      SELECT c.region = ${lit(SLOWDOWN_REGION)} AS slowed, count(*)::INT n,
        avg((l.last_purchase < ${AS_OF} - 180)::INT) churned
      FROM customers c JOIN alive USING (customer_id) JOIN (${LAST_PURCHASE}) l USING (customer_id)
      WHERE c.tier IN (${HIGH}) GROUP BY ALL`);
    const slowed = rows.find((r) => r.slowed)!;
    const others = rows.find((r) => !r.slowed)!;
    expect(slowed.n).toBeGreaterThan(300);
    expect(slowed.churned).toBeGreaterThan(1.5 * others.churned);
  });

  it('story 2: churners had 2+ complaints in the 30 days before their last order over 3x as often as retained customers', async () => {
    const rows = await rowsOf<{ grp: string; n: number; pile_share: number }>(qm, `
      WITH l AS (SELECT customer_id, last_purchase,
          CASE WHEN last_purchase <= ${AS_OF} - 180 THEN 'churned' WHEN last_purchase > ${AS_OF} - 90 THEN 'retained' END AS grp
        FROM (${LAST_PURCHASE})),
      c AS (SELECT t.customer_id, count(*) n FROM tickets t JOIN l USING (customer_id)
        WHERE t.type = '投诉' AND CAST(t.opened_at AS DATE) BETWEEN l.last_purchase - 30 AND l.last_purchase GROUP BY 1)
      SELECT grp, count(*)::INT n, avg((coalesce(c.n, 0) >= 2)::INT) pile_share
      FROM l LEFT JOIN c USING (customer_id) WHERE grp IS NOT NULL GROUP BY grp`);
    const churned = rows.find((r) => r.grp === 'churned')!;
    const retained = rows.find((r) => r.grp === 'retained')!;
    expect(churned.n).toBeGreaterThan(1_000);
    expect(churned.pile_share).toBeGreaterThan(0.3);
    expect(churned.pile_share).toBeGreaterThan(3 * retained.pile_share);
  });

  it('story 2: NPS drops in the four months before churners leave, against their own earlier answers and retained customers', async () => {
    const r = await one(`WITH l AS (${LAST_PURCHASE})
      SELECT avg(score) FILTER (WHERE l.last_purchase <= ${AS_OF} - 180 AND n.survey_date > l.last_purchase - 120) before_churn,
        avg(score) FILTER (WHERE l.last_purchase <= ${AS_OF} - 180 AND n.survey_date <= l.last_purchase - 180) churners_earlier,
        avg(score) FILTER (WHERE l.last_purchase > ${AS_OF} - 90) retained
      FROM nps n JOIN l USING (customer_id)`);
    expect(r.churners_earlier - r.before_churn).toBeGreaterThan(1.5);
    expect(r.retained - r.before_churn).toBeGreaterThan(1.5);
  });

  it('story 3: more than twice the average month of contracts come up for renewal next month', async () => {
    const [y, m] = RENEWAL_CLIFF_MONTH.split('-').map(Number);
    const rows = await rowsOf<{ ym: string; n: number }>(qm, `
      SELECT strftime(renewal_date, '%Y-%m') ym, count(*)::INT n FROM subscriptions
      WHERE end_date IS NULL AND renewal_date > ${AS_OF} AND renewal_date <= ${AS_OF} + INTERVAL 1 YEAR GROUP BY 1`);
    expect(rows).toHaveLength(12);
    const cliff = rows.find((r) => r.ym === `${y}-${String(m).padStart(2, '0')}`)!.n;
    const average = rows.reduce((s, r) => s + r.n, 0) / rows.length;
    expect(cliff).toBeGreaterThan(2 * average);
  });

  it('has silent-but-alive customers: no order for 120+ days yet still subscribed and using the product', async () => {
    const r = await one(`SELECT count(*)::INT n FROM (${LAST_PURCHASE}) l
      WHERE l.last_purchase < ${AS_OF} - 120
        AND customer_id IN (SELECT customer_id FROM subscriptions WHERE end_date IS NULL)
        AND customer_id IN (SELECT customer_id FROM activity WHERE CAST(event_date AS DATE) > ${AS_OF} - 30)`);
    expect(r.n).toBeGreaterThan(100);
  });

  it('has customers who came back after a silence longer than the 180-day churn window', async () => {
    const r = await one(`WITH d AS (SELECT DISTINCT customer_id, CAST(order_date AS DATE) d FROM orders WHERE NOT is_return),
      g AS (SELECT customer_id, d - lag(d) OVER (PARTITION BY customer_id ORDER BY d) gap FROM d)
      SELECT count(DISTINCT customer_id)::INT n FROM g WHERE gap > 180`);
    expect(r.n).toBeGreaterThan(200);
  });

  it('has new customers of the last 90 days and single-purchase customers whose purchase is 30+ days old', async () => {
    const r = await one(`SELECT
      (SELECT count(*) FROM customers WHERE signup_date > ${AS_OF} - 90)::INT new_customers,
      (SELECT count(*) FROM (SELECT customer_id, count(*) n, max(CAST(order_date AS DATE)) d FROM orders WHERE NOT is_return GROUP BY 1)
        WHERE n = 1 AND d BETWEEN ${AS_OF} - 90 AND ${AS_OF} - 30)::INT single_purchase`);
    expect(r.new_customers).toBeGreaterThan(800);
    expect(r.single_purchase).toBeGreaterThan(100);
  });

  it('records retention actions with all three outcomes: saved customers keep buying, lost ones do not', async () => {
    const rows = await rowsOf<{ outcome: string; n: number; buys_later: number }>(qm, `
      SELECT i.outcome, count(*)::INT n, avg((l.last_purchase > i.action_date + 30)::INT) buys_later
      FROM interventions i JOIN (${LAST_PURCHASE}) l USING (customer_id) GROUP BY 1`);
    expect(rows.map((r) => r.outcome).sort()).toEqual(['挽回成功', '未挽回', '进行中'].sort());
    const saved = rows.find((r) => r.outcome === '挽回成功')!;
    const lost = rows.find((r) => r.outcome === '未挽回')!;
    expect(saved.n).toBeGreaterThan(100);
    expect(saved.buys_later).toBeGreaterThan(0.7);
    expect(lost.buys_later).toBe(0);
  });
});

describe('demo company at a small size', () => {
  it('loads 2,000 customers in a few seconds into fresh canonical tables', async () => {
    const qm = await createTestEngine();
    const t0 = performance.now();
    const report = await loadDemo(qm, { customers: 2_000, seed: 7 });
    expect(performance.now() - t0).toBeLessThan(5_000);
    const [r] = await rowsOf<{ c: number; o: number }>(qm, 'SELECT (SELECT count(*) FROM customers)::INT c, (SELECT count(*) FROM orders)::INT o');
    expect(r.c).toBe(2_000);
    expect(r.o).toBe(report.rows.orders);
    expect(r.o).toBeGreaterThan(36_000);
    expect(r.o).toBeLessThan(44_000);
  });

  it('stops between chunks when aborted and reports progress per chunk', async () => {
    const qm = await createTestEngine();
    const ctl = new AbortController();
    const seen: number[] = [];
    const run = loadDemo(qm, {
      customers: 3_000,
      chunkCustomers: 1_000,
      signal: ctl.signal,
      onProgress: (p) => {
        seen.push(p.customersDone);
        if (p.customersDone >= 2_000) ctl.abort();
      },
    });
    await expect(run).rejects.toThrow();
    expect(seen).toEqual([1_000, 2_000]);
    const [r] = await rowsOf<{ c: number }>(qm, 'SELECT count(*)::INT c FROM customers');
    expect(r.c).toBe(2_000);
  });
});
