import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeChurn, type ChurnPeriodRow } from '../../src/analytics/churn/computeChurn';
import { revenueRates } from '../../src/analytics/churn/rates';
import { periodLabelSql, periodStartSql } from '../../src/analytics/common/periods';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import type { QueryManager } from '../../src/engine/queryManager';
import { CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE } from '../../src/ingest/schema';

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
// One engine per file (starting one costs seconds); every test starts from empty tables.
beforeEach(async () => {
  for (const t of [...CANONICAL_TABLES, CUSTOMER_ATTRIBUTES_TABLE]) await qm.exec(`DELETE FROM ${t}`);
});

const byLabel = (rows: ChurnPeriodRow[] | null) => Object.fromEntries((rows ?? []).map((r) => [r.period, r]));

/**
 * Transactions, rule mode with W2 = 20 days (a purchase keeps a customer on that day and the 20
 * after), as of 2024-04-30. Spells:
 * A 01-05 ($100), 01-20 ($50)  -> 01-05..02-09      B 01-25 ($40)             -> 01-25..02-14
 * C 02-10 ($70)                -> 02-10..03-01      D 03-02 ($10), 04-20 ($20) -> 03-02..03-22, 04-20..05-10
 * E 02-25 ($30), 04-25 ($60)   -> 02-25..03-16, 04-25..05-15
 * F 03-20 ($25)                -> 03-20..04-09      G 03-15, 04-01, 04-18 ($15 each) -> 03-15..05-08
 * Month  start (day before)  still at end        churned  rate  joined & lost
 * Jan    -                   -                    0        null  0
 * Feb    A, B (01-31)        none (02-29)         2        1     0 (C, E still on at 02-29)
 * Mar    C, E (02-29)        none (03-31)         2        1     1 (D: 03-02..03-22)
 * Apr    F, G (03-31)        G (04-30)            1        0.5   0
 * Value churn, prior 12 months' revenue of the churned / everyone's:
 * Feb (A, B): 190 / 190 = 1; Mar (C, E): 100 / 290; Apr (F): 25 / (290 + 10 + 25 + 15) = 25 / 340.
 */
async function transactionsFixture() {
  const buys: [string, string, number][] = [
    ['A', '2024-01-05', 100], ['A', '2024-01-20', 50], ['B', '2024-01-25', 40], ['C', '2024-02-10', 70],
    ['D', '2024-03-02', 10], ['D', '2024-04-20', 20], ['E', '2024-02-25', 30], ['E', '2024-04-25', 60],
    ['F', '2024-03-20', 25], ['G', '2024-03-15', 15], ['G', '2024-04-01', 15], ['G', '2024-04-18', 15],
  ];
  await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount) VALUES ${buys.map(([c, d, a], i) => `('o${i}', '${c}', '${d}', ${a})`).join(', ')}`);
  const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-04-30', churnDays: 20, churnRule: 'rule' });
  return { prepared };
}

describe('churn by period', () => {

  it('counts logo churn on the same start customers and keeps joined-and-lost apart (monthly)', async () => {
    const { prepared } = await transactionsFixture();
    const { churnByPeriod, churnDefinition } = await computeChurn(qm, prepared.settings);
    expect(churnByPeriod!.map((r) => r.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    const m = byLabel(churnByPeriod);
    expect(m['2024-01']).toMatchObject({ start: 0, churned: 0, rate: null, joinedAndLost: 0 });
    expect(m['2024-02']).toMatchObject({ start: 2, retained: 0, churned: 2, rate: 1, joinedAndLost: 0, periodEnd: '2024-02-29' });
    expect(m['2024-03']).toMatchObject({ start: 2, retained: 0, churned: 2, rate: 1, joinedAndLost: 1 });
    expect(m['2024-04']).toMatchObject({ start: 2, retained: 1, churned: 1, rate: 0.5, joinedAndLost: 0, partial: false });
    expect(m['2024-02'].valueLost).toBe(190);
    expect(m['2024-02'].valueChurnRate).toBe(1);
    expect(m['2024-03'].valueChurnRate).toBeCloseTo(100 / 290, 12);
    expect(m['2024-04']).toMatchObject({ valueLost: 25, valueBase: 340 });
    expect(churnDefinition).toMatch(/churn window/);
    // The drill list behind the rates.
    const drill = await rowsOf(qm, `SELECT label, customer_id, kind FROM cw_period_churners_month ORDER BY label, customer_id`);
    expect(drill).toEqual([
      { label: '2024-02', customer_id: 'A', kind: 'churned' }, { label: '2024-02', customer_id: 'B', kind: 'churned' },
      { label: '2024-03', customer_id: 'C', kind: 'churned' }, { label: '2024-03', customer_id: 'D', kind: 'joined_and_lost' },
      { label: '2024-03', customer_id: 'E', kind: 'churned' }, { label: '2024-04', customer_id: 'F', kind: 'churned' },
    ]);
  });

  it('uses quarters ending at the as-of date and weeks labelled by ISO week', async () => {
    const { prepared } = await transactionsFixture();
    const q = byLabel((await computeChurn(qm, { ...prepared.settings, period: 'quarter' })).churnByPeriod);
    // Q1: nobody before 01-01; A, B, C, D, E all came and went inside it. Q2 runs to 04-30 only.
    expect(q['2024-Q1']).toMatchObject({ start: 0, joinedAndLost: 5 });
    expect(q['2024-Q2']).toMatchObject({ start: 2, churned: 1, rate: 0.5, partial: true, periodEnd: '2024-04-30' });
    const w = (await computeChurn(qm, { ...prepared.settings, period: 'week' })).churnByPeriod!;
    expect(w[0].period).toBe('2024-W01');
    expect(w.at(-1)!.period).toBe('2024-W18'); // Monday 2024-04-29
    const [labels] = await rowsOf(qm, `SELECT ${periodLabelSql('week', periodStartSql('week', "DATE '2021-01-03'"))} AS a,
      ${periodLabelSql('week', periodStartSql('week', "DATE '2024-12-31'"))} AS b, ${periodLabelSql('quarter', periodStartSql('quarter', "DATE '2024-05-17'"))} AS c,
      ${periodLabelSql('year', periodStartSql('year', "DATE '2024-05-17'"))} AS d, ${periodLabelSql('month', periodStartSql('month', "DATE '2024-05-17'"))} AS e`);
    expect(labels).toEqual({ a: '2020-W53', b: '2025-W01', c: '2024-Q2', d: '2024', e: '2024-05' });
  });

  /**
   * Subscriptions as of 2024-03-31; February, MRR on 01-31 vs 02-29:
   * P 100 -> 150 (second sub from 02-10)   expansion 50
   * Q 80 -> 0 (ended 02-15)                churned 80
   * R 60 -> 40 (replaced on 02-01)          contraction 20
   * S 0 -> 30 (first sub 02-05)            new 30
   * T 0 -> 70 (had one until 2023-12-01)   reactivation 70
   * MRR 240 -> 290; gross (80+20)/240; net (100-50-70)/240 = -1/12; NRR 13/12; quick 150/100.
   * Logo: P, Q, R at the start (R's subscriptions touch, one spell); Q lost -> 1/3.
   */
  it('derives MRR movements, revenue churn, NRR and quick ratio from subscriptions', async () => {
    await qm.exec(`INSERT INTO subscriptions (subscription_id, customer_id, start_date, end_date, mrr) VALUES
      ('p1', 'P', '2023-06-01', NULL, 100), ('p2', 'P', '2024-02-10', NULL, 50), ('q1', 'Q', '2023-06-01', '2024-02-15', 80),
      ('r1', 'R', '2023-06-01', '2024-02-01', 60), ('r2', 'R', '2024-02-01', NULL, 40), ('s1', 'S', '2024-02-05', NULL, 30),
      ('t1', 'T', '2023-01-01', '2023-12-01', 70), ('t2', 'T', '2024-02-20', NULL, 70)`);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: '2024-03-31' });
    expect(prepared.periodBasis).toBe('subscriptions');
    const m = byLabel((await computeChurn(qm, prepared.settings)).churnByPeriod);
    expect(m['2024-02']).toMatchObject({
      start: 3, churned: 1, joinedAndLost: 0, mrrStart: 240, mrrEnd: 290,
      newMrr: 30, expansionMrr: 50, contractionMrr: 20, churnedMrr: 80, reactivationMrr: 70, quickRatio: 1.5,
    });
    expect(m['2024-02'].rate).toBeCloseTo(1 / 3, 12);
    expect(m['2024-02'].grossRevenueChurn).toBeCloseTo(100 / 240, 12);
    expect(m['2024-02'].netRevenueChurn).toBeCloseTo(-1 / 12, 12);
    expect(m['2024-02'].nrr).toBeCloseTo(13 / 12, 12);
    expect(m['2024-03']).toMatchObject({ start: 4, churned: 0, rate: 0, mrrStart: 290, grossRevenueChurn: 0, quickRatio: null });
    expect(m['2023-12']).toMatchObject({ start: 4, churned: 1, churnedMrr: 70 }); // T's first subscription ended 12-01
    expect(m['2024-02'].valueLost).toBeNull(); // no orders: no value churn
  });

  it('returns null with a note for a dateless labeled snapshot', async () => {
    await loadSharedFile(qm, 'telco/Telco-Customer-Churn.csv');
    const prepared = await prepareAnalytics(qm, DEFAULT_SETTINGS, { today: '2024-01-01' });
    const res = await computeChurn(qm, prepared.settings);
    expect(res.churnByPeriod).toBeNull();
    expect(res.notes[0]).toMatch(/label has no date/);
  });

  it('refuses a period that is not one of the four instead of inlining it into SQL', async () => {
    const { prepared } = await transactionsFixture();
    const bad = { ...prepared.settings, period: "month') --" as unknown as 'month' };
    await expect(computeChurn(qm, bad)).rejects.toThrow(/Unknown period/);
  });

  it('keeps revenue rates null where the start MRR or the losses are zero', () => {
    expect(revenueRates({ mrrStart: 0, newMrr: 10, expansionMrr: 0, contractionMrr: 0, churnedMrr: 0, reactivationMrr: 0 }))
      .toEqual({ grossRevenueChurn: null, netRevenueChurn: null, nrr: null, quickRatio: null });
  });

  it('agrees on CDNOW_master with start counts and value losses computed straight from the orders', async () => {
    await loadSharedFile(qm, 'cdnow/CDNOW_master.txt');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, churnRule: 'rule' });
    const rows = (await computeChurn(qm, prepared.settings)).churnByPeriod!;
    expect(rows).toHaveLength(18);
    expect(rows[0].period).toBe('1997-01');
    expect(rows.at(-1)!.period).toBe('1998-06');
    for (const r of rows) expect(r.retained + r.churned).toBe(r.start);
    // Everyone's first purchase is in Q1 1997, so nobody can lapse 180 days before July 1997.
    expect(rows.slice(0, 6).every((r) => r.churned === 0)).toBe(true);
    expect(rows[3].start).toBe(23570);
    const apr = byLabel(rows)['1998-04'];
    const within = (d: string) => `SELECT DISTINCT customer_id FROM orders WHERE CAST(order_date AS DATE) BETWEEN DATE '${d}' - 180 AND DATE '${d}'`;
    const [direct] = await rowsOf<{ start: number; churned: number; lost: number }>(qm, `WITH s AS (${within('1998-03-31')}), e AS (${within('1998-04-30')}),
      gone AS (SELECT customer_id FROM s EXCEPT SELECT customer_id FROM e)
      SELECT (SELECT count(*) FROM s)::INTEGER AS start, (SELECT count(*) FROM gone)::INTEGER AS churned,
        (SELECT sum(amount) FROM orders WHERE customer_id IN (SELECT customer_id FROM gone)
          AND CAST(order_date AS DATE) BETWEEN DATE '1997-04-01' AND DATE '1998-03-31')::DOUBLE AS lost`);
    expect(apr.start).toBe(direct.start);
    expect(apr.churned).toBe(direct.churned);
    expect(apr.valueLost).toBeCloseTo(direct.lost, 6);
  }, 30_000);
});
