import { describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { buildCustomerFactsSql } from '../../src/analytics/facts/customerFacts';
import { computeChurnReasons, computeService } from '../../src/analytics/service/computeService';
import { churnReasonGroupSql, classifyChurnReason } from '../../src/analytics/service/churnReasons';
import { lit } from '../../src/engine/sql';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';

const AS_OF = '2024-06-30';
const settings = { ...DEFAULT_SETTINGS, asOf: AS_OF };

describe('complaints before churn', () => {
  it('compares the repeated-complaint share of churned customers before their churn date with retained customers before their last order', async () => {
    const qm = await createTestEngine();
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return) VALUES
      ('1', 'X1', '2024-01-10', 10, false), ('2', 'X2', '2024-02-01', 10, false), ('3', 'X3', '2024-01-15', 10, false),
      ('4', 'Y1', '2024-06-20', 10, false), ('5', 'Y2', '2024-04-01', 10, false), ('6', 'Y3', '2024-06-25', 10, false),
      ('7', 'Y4', '2024-06-28', 10, false)`);
    await qm.exec(`INSERT INTO subscriptions (customer_id, start_date, end_date) VALUES ('X3', '2023-06-01', '2024-05-31')`);
    await qm.exec(`INSERT INTO tickets (ticket_id, customer_id, opened_at, type) VALUES
      ('a', 'X1', '2024-01-02 09:00', '投诉'), ('b', 'X1', '2024-01-08 09:00', 'complaint'), ('c', 'X1', '2024-03-01 09:00', '投诉'),
      ('d', 'X2', '2024-01-20 09:00', '投诉'),
      ('e', 'X3', '2024-05-10 09:00', '投诉'), ('f', 'X3', '2024-05-20 09:00', '投诉'),
      ('g', 'X4', '2024-06-29 09:00', '咨询'), ('h', 'X4', '2024-06-29 10:00', '咨询'),
      ('i', 'Y1', '2024-06-01 09:00', '投诉'), ('j', 'Y1', '2024-06-15 09:00', '投诉'),
      ('k', 'Y2', '2024-02-01 09:00', '投诉'), ('l', 'Y2', '2024-03-15 09:00', '投诉')`);
    await qm.exec(`CREATE TABLE cw_customer_status AS SELECT * FROM (VALUES
      ('X1', 'churned', 'rule'), ('X2', 'churned', 'rule'), ('X3', 'churned', 'rule'), ('X4', 'churned', 'rule'),
      ('Y1', 'active', 'rule'), ('Y2', 'silent', 'rule'), ('Y3', 'new', 'rule'), ('Y4', 'active', 'rule')) t(customer_id, status, rule)`);
    await qm.exec(buildCustomerFactsSql(AS_OF));
    const r = await computeService(qm, settings);
    // Churned: X1 has 2 complaints in the 30 days to its last order (Jan 10); X2 only 1 before Feb 1;
    // X3's subscription ended May 31, with 2 complaints in May; X4 has no order (window ends at the as-of
    // date) and only inquiries. -> 2 of 4.
    // Retained: Y1 2 complaints before its last order (Jun 20); Y2 1 in the 30 days to Apr 1 (the other is
    // in February); Y3, Y4 none. -> 1 of 4. Lift 0.5 / 0.25 = 2.
    expect(r.value).toEqual({
      windowDays: 30,
      minComplaints: 2,
      churned: { customers: 4, withRepeatedComplaints: 2, share: 0.5 },
      retained: { customers: 4, withRepeatedComplaints: 1, share: 0.25 },
      lift: 2,
    });
  });

  it('uses the as-of date as the churn date for a labeled status', async () => {
    const qm = await createTestEngine();
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return) VALUES ('1', 'Z2', '2024-01-01', 10, false)`);
    await qm.exec(`INSERT INTO tickets (ticket_id, customer_id, opened_at, type) VALUES
      ('a', 'Z1', '2024-06-10 09:00', '投诉'), ('b', 'Z1', '2024-06-20 09:00', '投诉'),
      ('c', 'Z2', '2023-12-20 09:00', '投诉'), ('d', 'Z2', '2023-12-28 09:00', '投诉'),
      ('e', 'Z3', '2024-06-05 09:00', '投诉'), ('f', 'Z3', '2024-06-25 09:00', '投诉')`);
    await qm.exec(`CREATE TABLE cw_customer_status AS SELECT * FROM (VALUES
      ('Z1', 'churned', 'labeled'), ('Z2', 'churned', 'labeled'), ('Z3', 'active', 'labeled'),
      ('Z4', 'active', 'labeled'), ('Z5', 'active', 'labeled')) t(customer_id, status, rule)`);
    await qm.exec(buildCustomerFactsSql(AS_OF));
    const r = await computeService(qm, settings);
    // Window Jun 1..Jun 30 for everyone: Z1 and Z3 have 2 complaints; Z2's are before its last order only.
    expect(r.value!.churned).toEqual({ customers: 2, withRepeatedComplaints: 1, share: 0.5 });
    expect(r.value!.retained).toEqual({ customers: 3, withRepeatedComplaints: 1, share: 0.3333 });
    expect(r.value!.lift).toBe(1.5);
  });

  it('is null with a note without a status table or without typed tickets', async () => {
    const qm = await createTestEngine();
    await qm.exec(buildCustomerFactsSql(AS_OF));
    expect((await computeService(qm, settings)).notes[0]).toMatch(/cw_customer_status/);
    await qm.exec(`CREATE TABLE cw_customer_status AS SELECT 'a' AS customer_id, 'churned' AS status`);
    const r = await computeService(qm, settings);
    expect(r.value).toBeNull();
    expect(r.notes[0]).toMatch(/tickets with a type/);
  });
});

describe('churn reason groups', () => {
  const cases: [string, string][] = [
    ['Price too high', 'price'],
    ['价格太贵', 'price'],
    ['Competitor offered higher download speeds', 'voluntary'],
    ['支付失败', 'involuntary'],
    ['stopped using the product', 'hidden'],
    ['Attitude of support person', 'experience'],
    ['服务态度差', 'experience'],
    ["Don't know", 'hidden'],
    ['Moved', 'voluntary'],
    ['feature removed', 'experience'],
    ['Reorganised the team', 'other'],
    // The demo company's reasons (src/demo/dimensions.ts CANCEL_REASONS) land in the demo's own groups.
    ['转用竞品', 'voluntary'], ['不再需要', 'voluntary'], ['业务调整', 'voluntary'], ['付款失败', 'involuntary'],
    ['公司倒闭', 'involuntary'], ['长期未使用', 'hidden'], ['无明确原因', 'hidden'], ['价格太高', 'price'],
    ['预算削减', 'price'], ['服务响应慢', 'experience'], ['产品不好用', 'experience'], ['问题长期未解决', 'experience'],
  ];

  it('classifies reason texts in Chinese and English by the keyword table, the same in TypeScript and SQL', async () => {
    for (const [text, group] of cases) expect(classifyChurnReason(text), text).toBe(group);
    expect(classifyChurnReason(null)).toBe('other');
    const qm = await createTestEngine();
    const values = cases.map(([t]) => `(${lit(t)})`).join(', ');
    const rows = await rowsOf<{ t: string; g: string }>(qm, `SELECT t, ${churnReasonGroupSql('t')} AS g FROM (VALUES ${values}) v(t)`);
    for (const r of rows) expect(r.g, r.t).toBe(classifyChurnReason(r.t));
  });

  it('counts customers per group from the latest cancel reason as of the as-of date', async () => {
    const qm = await createTestEngine();
    await qm.exec(`INSERT INTO subscriptions (customer_id, start_date, end_date, cancel_reason) VALUES
      ('S1', '2023-01-01', '2024-01-01', 'Price too high'), ('S2', '2023-01-01', '2024-01-01', '价格太贵'),
      ('S3', '2023-01-01', '2024-01-01', 'Competitor offered higher download speeds'),
      ('S4', '2023-01-01', '2024-01-01', '支付失败'), ('S5', '2023-01-01', '2024-01-01', 'stopped using the product'),
      ('S6', '2023-01-01', '2024-01-01', 'Attitude of support person'), ('S7', '2023-01-01', '2024-01-01', '服务态度差'),
      ('S8', '2023-01-01', '2024-01-01', 'Reorganised the team'), ('S9', '2023-01-01', '2024-07-15', 'Price too high'),
      ('S10', '2021-01-01', '2023-01-01', 'Moved'), ('S10', '2023-02-01', '2024-05-01', 'service outage')`);
    await qm.exec(buildCustomerFactsSql(AS_OF));
    const r = await computeChurnReasons(qm, settings);
    // S9 cancels only after the as-of date; S10's latest reason is the outage; S8's matches no keyword.
    // 9 customers with a reason.
    expect(r.value!.map((g) => [g.group, g.customers])).toEqual([
      ['voluntary', 1], ['involuntary', 1], ['hidden', 1], ['price', 2], ['experience', 3], ['other', 1],
    ]);
    expect(r.value![4]).toMatchObject({ label: { zh: '体验流失', en: 'experience churn' }, share: 0.3333 });
    expect(r.notes[0]).toMatch(/cancel_reason/);
  });

  it('falls back to a reason column of a customer snapshot, and is null without any', async () => {
    const qm = await createTestEngine();
    await qm.exec(buildCustomerFactsSql(AS_OF));
    expect((await computeChurnReasons(qm, settings)).value).toBeNull();
    await qm.exec(`INSERT INTO customer_attributes VALUES
      ('a', 'Churn Reason', 'Price too high', NULL, 'f'), ('b', 'Churn Reason', 'Moved', NULL, 'f'),
      ('c', 'Contract', 'One year', NULL, 'f')`);
    const r = await computeChurnReasons(qm, settings);
    expect(r.value!.filter((g) => g.customers > 0).map((g) => g.group)).toEqual(['voluntary', 'price']);
    expect(r.notes[0]).toMatch(/Churn Reason/);
  });
});
