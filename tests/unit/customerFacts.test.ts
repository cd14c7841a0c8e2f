import { describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { buildCustomerFactsSql, customerFactsStatements, FACTS_TABLE, factsPartsFor, latestDataDateSql } from '../../src/analytics/facts/customerFacts';
import { loadDemo } from '../../src/demo/loadDemo';

describe('customer facts', () => {
  it('summarises each customer purchase history as of the as-of date, ignoring later rows and returns', async () => {
    const qm = await createTestEngine();
    await qm.exec(`insert into orders (order_id, customer_id, order_date, amount, is_return, _source, _line) values
      ('o1','A','2024-01-01',100,false,'f',2), ('o2','A','2024-01-11',50,false,'f',3),
      ('o3','A','2024-01-31',30,false,'f',4), ('r1','A','2024-02-01',-20,true,'f',5),
      ('o4','A','2024-07-01',999,false,'f',6), ('o5','B','2024-02-10',10,false,'f',7)`);
    await qm.exec(buildCustomerFactsSql('2024-03-01'));
    const rows = await rowsOf(qm, `select customer_id, order_count::int n, purchase_days::int pd, total_value v,
      median_gap_days::double g, days_since_last_order::int dsl, bg_x::int x, round(bg_tx,4) tx, round(bg_T,4) t from ${FACTS_TABLE} order by 1`);
    // A: purchases on Jan 1, 11, 31 (gaps 10 and 20 -> median 15); the return nets 20 off 180;
    // the July order is after as-of and ignored. t_x = 30/7 = 4.2857, T = 60/7 = 8.5714 weeks.
    expect(rows[0]).toEqual({ customer_id: 'A', n: 3, pd: 3, v: 160, g: 15, dsl: 30, x: 2, tx: 4.2857, t: 8.5714 });
    expect(rows[1]).toMatchObject({ customer_id: 'B', n: 1, x: 0, tx: 0, dsl: 20 });
    const [latest] = await rowsOf(qm, latestDataDateSql('2024-12-31'));
    expect(latest.as_of).toBe('2024-07-01');
    // A mistyped year-9999 order and a scheduled subscription end do not move the as-of date.
    await qm.exec(`insert into orders (order_id, customer_id, order_date, amount, _source, _line) values ('x', 'A', '9999-12-31', 1, 'f', 8)`);
    await qm.exec(`insert into subscriptions (customer_id, start_date, end_date) values ('A', '2024-03-01', '2025-06-30')`);
    expect((await rowsOf(qm, latestDataDateSql('2024-12-31')))[0].as_of).toBe('2024-07-01');
    // Once that end date has passed, it is an event like any other.
    expect((await rowsOf(qm, latestDataDateSql('2025-07-01')))[0].as_of).toBe('2025-06-30');
  });

  it('gives the same facts when built in customer slices, as large data is', async () => {
    const qm = await createTestEngine();
    await loadDemo(qm, { customers: 1500 });
    const asOf = '2026-09-30';
    await qm.exec(buildCustomerFactsSql(asOf));
    await qm.exec(`CREATE TABLE whole AS SELECT * FROM ${FACTS_TABLE}`);
    const statements = customerFactsStatements(asOf, 3);
    expect(statements).toHaveLength(3);
    for (const sql of statements) await qm.exec(sql);
    const [diff] = await rowsOf<{ n: number; missing: number; extra: number }>(qm, `SELECT (SELECT count(*) FROM ${FACTS_TABLE})::int n,
      (SELECT count(*) FROM (SELECT * FROM whole EXCEPT ALL SELECT * FROM ${FACTS_TABLE}))::int missing,
      (SELECT count(*) FROM (SELECT * FROM ${FACTS_TABLE} EXCEPT ALL SELECT * FROM whole))::int extra`);
    expect(diff).toEqual({ n: 1500, missing: 0, extra: 0 });
    // One part up to 2.5M orders (S and M), five at the 10M orders of L.
    expect([factsPartsFor(0), factsPartsFor(2_005_887), factsPartsFor(10_084_177)]).toEqual([1, 1, 5]);
  });
});
