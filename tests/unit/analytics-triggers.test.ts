import { beforeAll, describe, expect, it } from 'vitest';
import type { QueryManager } from '../../src/engine/queryManager';
import { createTestEngine } from '../helpers/engine';
import { buildCustomerFactsSql } from '../../src/analytics/facts/customerFacts';
import { computeTriggers, readTriggers } from '../../src/analytics/triggers/computeTriggers';
import { flagNewTriggers } from '../../src/analytics/triggers/diff';
import { formatTrigger } from '../../src/analytics/triggers/triggerText';
import type { TriggerItem } from '../../src/analytics/triggers/kinds';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';

const settingsAt = (asOf: string) => ({ ...DEFAULT_SETTINGS, asOf });

async function triggersAt(qm: QueryManager, asOf: string) {
  await qm.exec(buildCustomerFactsSql(asOf));
  const counts = await computeTriggers(qm, settingsAt(asOf));
  return { counts, items: await readTriggers(qm) };
}

const who = (items: TriggerItem[], kind: string) => items.filter((t) => t.kind === kind).map((t) => t.customer_id);

describe('key-moment triggers', () => {
  let qm: QueryManager;
  beforeAll(async () => {
    qm = await createTestEngine();
    await qm.exec(`INSERT INTO customers (customer_id, name) VALUES ('P1', '甲公司'), ('R1', 'Acme Ltd')`);
    await qm.exec(`INSERT INTO orders (order_id, customer_id, order_date, amount, is_return) VALUES
      ('1', 'P1', '2024-05-20', 10, false),
      ('2', 'P2', '2024-05-20', 10, false), ('3', 'P2', '2024-06-10', 10, false),
      ('4', 'P3', '2024-06-15', 10, false),
      ('5', 'P4', '2024-03-01', 10, false),
      ('6', 'P5', '2024-05-20', 10, false), ('7', 'P5', '2024-07-05', 10, false),
      ('8', 'P6', '2024-05-31', 10, false)`);
    await qm.exec(`INSERT INTO subscriptions (customer_id, start_date, end_date, renewal_date) VALUES
      ('R1', '2024-01-01', NULL, '2024-07-09'),
      ('R2', '2024-01-01', NULL, '2024-07-09'),
      ('R3', '2024-01-01', '2024-07-20', NULL),
      ('R4', '2024-01-01', '2024-07-15', NULL),
      ('R5', '2024-01-01', '2024-06-20', '2024-07-01')`);
    // The risk tiers come from the risk family; here they are fixed by hand.
    await qm.exec(`CREATE TABLE cw_customer_risk AS SELECT * FROM (VALUES
      ('R1', 32.5, 'red'), ('R2', 85.0, 'green'), ('R3', 50.0, 'amber'), ('R4', 55.0, 'amber'), ('R5', 20.0, 'red'))
      t(customer_id, score, tier)`);
    await qm.exec(`INSERT INTO tickets (ticket_id, customer_id, opened_at, first_response_at, closed_at, type, status) VALUES
      ('k1', 'K1', '2024-06-27 10:00', NULL, NULL, '投诉', '处理中'),
      ('k2', 'K2', '2024-06-28 09:00', NULL, '2024-06-29 00:00', '投诉', NULL),
      ('k3', 'K3', '2024-06-26 09:00', NULL, NULL, 'complaint', '已解决'),
      ('k4a', 'K4', '2024-06-29 09:00', NULL, NULL, '投诉', '未解决'),
      ('k4b', 'K4', '2024-06-25 09:00', NULL, NULL, 'Complaint', 'open'),
      ('k5', 'K5', '2024-06-20 09:00', NULL, NULL, '投诉', 'open'),
      ('k6', 'K6', '2024-06-28 09:00', NULL, '2024-07-02 09:00', '投诉', 'closed'),
      ('u1', 'U1', '2024-06-27 14:00', NULL, NULL, '售后', NULL),
      ('u2', 'U2', '2024-06-29 12:00', NULL, NULL, 'after-sales', NULL),
      ('u3', 'U3', '2024-06-25 09:00', '2024-06-28 09:00', NULL, 'Support', NULL),
      ('u4', 'U4', '2024-06-26 00:00', '2024-07-03 00:00', NULL, '售后', NULL),
      ('u5', 'U5', '2024-06-20 09:00', NULL, NULL, '咨询', NULL)`);
  });

  it('lists one-time buyers whose 30-day mark passed in the last 30 days, ignoring orders after the as-of date', async () => {
    const { items } = await triggersAt(qm, '2024-06-30');
    // P1 and P5 bought once on May 20 (due Jun 19; P5's July order is after the as-of date); P6 on May 31
    // (due today). P2 bought twice, P3's mark is still ahead, P4's passed more than 30 days ago.
    expect(who(items, 'first-purchase-30d')).toEqual(['P1', 'P5', 'P6']);
    const p1 = items.find((t) => t.customer_id === 'P1')!;
    expect(p1).toMatchObject({ name: '甲公司', due_date: '2024-06-19', reason: { params: { firstOrder: '2024-05-20', days: 41 } } });
    expect(formatTrigger(p1, 'en')).toBe('first order on 2024-05-20, no second order after 41 days');
    expect(formatTrigger(p1, 'zh')).toBe('首单（2024-05-20）后41天未复购');
  });

  it('flags renewals and contract ends within 15 days only for amber and red customers with a live subscription', async () => {
    const { items } = await triggersAt(qm, '2024-06-30');
    // R1 renews in 9 days and is red; R4 ends in 15 days (inclusive) and is amber. R2 is green, R3 ends in
    // 20 days, R5's subscription already ended.
    expect(who(items, 'renewal-at-risk')).toEqual(['R1', 'R4']);
    const [r1, r4] = items.filter((t) => t.kind === 'renewal-at-risk');
    expect(formatTrigger(r1, 'en')).toBe('renewal in 9 days (2024-07-09) while red (score 32.5)');
    expect(formatTrigger(r1, 'zh')).toBe('9天后续约（2024-07-09），当前高风险（32.5分）');
    expect(formatTrigger(r4, 'en')).toBe('contract ends in 15 days (2024-07-15) while amber (score 55)');
  });

  it('lists complaints of the last 7 days still unresolved at the as-of date', async () => {
    const { items } = await triggersAt(qm, '2024-06-30');
    // K1 open; K4 has two open ones (a "未解决" status is not resolved); K6 closes only after the as-of date.
    // K2 closed on Jun 29, K3's status says resolved, K5's complaint is 10 days old.
    expect(who(items, 'open-complaint-7d')).toEqual(['K4', 'K1', 'K6']);
    const k4 = items.find((t) => t.customer_id === 'K4')!;
    expect(k4.due_date).toBe('2024-07-02');
    expect(formatTrigger(k4, 'en')).toBe('2 complaints unresolved, oldest 5 days ago');
    expect(formatTrigger(k4, 'zh')).toBe('2条投诉未解决，最早5天前');
  });

  it('lists after-sales tickets without any response 48 hours after opening', async () => {
    const { items } = await triggersAt(qm, '2024-06-30');
    // As of Jul 1 00:00: U1 waited 82 h; U4's reply came after the as-of date (120 h). U2 is 36 h old,
    // U3 was answered (late), U5 is an inquiry.
    expect(who(items, 'unanswered-48h')).toEqual(['U4', 'U1']);
    const u1 = items.find((t) => t.customer_id === 'U1')!;
    expect(u1.due_date).toBe('2024-06-29');
    expect(formatTrigger(u1, 'en')).toBe('after-sales ticket unanswered for 82 h');
    expect(formatTrigger(u1, 'zh')).toBe('售后工单82小时未响应');
  });

  it('counts customers per kind in the analyze contract shape', async () => {
    const { counts } = await triggersAt(qm, '2024-06-30');
    expect(counts.value).toEqual([
      { kind: 'first-purchase-30d', customers: 3 },
      { kind: 'renewal-at-risk', customers: 2 },
      { kind: 'open-complaint-7d', customers: 3 },
      { kind: 'unanswered-48h', customers: 2 },
    ]);
    expect(counts.notes).toEqual([]);
  });

  it('flags as new only the triggers that appeared since the previous refresh', async () => {
    const before = (await triggersAt(qm, '2024-06-29')).items;
    const after = (await triggersAt(qm, '2024-06-30')).items;
    // A day earlier P6's 30-day mark had not come and R4's contract end was 16 days away; every other
    // trigger keeps its kind, customer and due date.
    const flagged = flagNewTriggers(before, after);
    expect(flagged.filter((t) => t.isNew).map((t) => t.customer_id).sort()).toEqual(['P6', 'R4']);
    expect(flagNewTriggers(null, after).some((t) => t.isNew)).toBe(false);
  });
});

describe('trigger diff', () => {
  it('treats the same customer with a new due date as a new trigger', () => {
    const t = (customer_id: string, due_date: string) => ({ kind: 'renewal-at-risk' as const, customer_id, due_date });
    const flagged = flagNewTriggers([t('a', '2024-07-01'), t('b', '2024-07-02')], [t('b', '2024-07-02'), t('b', '2024-08-02'), t('c', '2024-07-03')]);
    expect(flagged.map((x) => x.isNew)).toEqual([false, true, true]);
  });
});

describe('triggers without the data they need', () => {
  it('reports null counts and notes when there are no orders, subscriptions or tickets', async () => {
    const qm = await createTestEngine();
    await qm.exec(`INSERT INTO customers (customer_id, churned) VALUES ('a', true), ('b', false)`);
    await qm.exec(buildCustomerFactsSql('2024-06-30'));
    const counts = await computeTriggers(qm, settingsAt('2024-06-30'));
    expect(counts.value!.map((c) => c.customers)).toEqual([null, null, null, null]);
    expect(counts.notes).toHaveLength(4);
  });
});
