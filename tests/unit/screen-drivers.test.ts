import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { RAW_TELCO, telcoScreen } from '../helpers/telcoScreen';
import type { QueryManager } from '../../src/engine/queryManager';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { loadDrivers, MIN_DRIVER_CUSTOMERS } from '../../src/analytics/screen/drivers';
import { customerFilterSql } from '../../src/analytics/screen/filterSql';

// The driver panel (流失驱动因素, metrics.md section 14) on Telco: lift by group and the model's weights.
let qm: QueryManager;
let ctx: ScreenContext;

beforeAll(async () => {
  ({ qm, ctx } = await telcoScreen());
}, 180_000);

describe('Telco churn drivers', () => {
  it('ranks Contract = Month-to-month near the top by lift, its lift checked against the raw CSV', async () => {
    const d = (await loadDrivers(qm, ctx, [], 'zh-CN'))!;
    const [raw] = await rowsOf<{ n: number; churned: number }>(qm,
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE Churn = 'Yes')::INTEGER AS churned FROM ${RAW_TELCO} WHERE Contract = 'Month-to-month'`);
    expect(d.overallRate).toBeCloseTo(1869 / 7043, 10);
    const i = d.byLift.findIndex((r) => r.dimension === 'attr:Contract' && r.value === 'Month-to-month');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(i).toBeLessThan(5);
    const row = d.byLift[i];
    expect([row.customers, row.churned]).toEqual([raw.n, raw.churned]);
    expect(row.lift).toBeCloseTo((raw.churned / raw.n) / (1869 / 7043), 3);
    expect(row.lift).toBeGreaterThan(1.5);
    // Its model weight pushes towards churn.
    expect(row.weight!).toBeGreaterThan(0);
    for (let k = 1; k < d.byLift.length; k++) expect(d.byLift[k - 1].lift).toBeGreaterThanOrEqual(d.byLift[k].lift);
    expect(d.byLift.every((r) => r.customers >= MIN_DRIVER_CUSTOMERS)).toBe(true);
  });

  it('ranks model columns by absolute weight, the contract among the top ones', async () => {
    const d = (await loadDrivers(qm, ctx, [], 'en'))!;
    const abs = d.byWeight.map((w) => Math.abs(w.weight));
    for (let k = 1; k < abs.length; k++) expect(abs[k - 1]).toBeGreaterThanOrEqual(abs[k]);
    const i = d.byWeight.findIndex((w) => w.dimension === 'attr:Contract' && w.value === 'Month-to-month');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(i).toBeLessThan(8);
    expect(d.byWeight[0]).toMatchObject({ dimension: 'attr:tenure', value: null });
    expect(d.byWeight[0].weight).toBeLessThan(0);
  });

  it('drills a driver row to exactly its customers', async () => {
    const d = (await loadDrivers(qm, ctx, [], 'en'))!;
    for (const r of d.byLift.slice(0, 3)) {
      const [n] = await rowsOf<{ n: number }>(qm, `SELECT count(*)::INTEGER AS n FROM (${customerFilterSql([{ dimension: r.dimension, value: r.value }])})`);
      expect(n.n).toBe(r.customers);
    }
    // Drilled to month-to-month, the rest is ranked within it: its own rate is the overall one.
    const inside = (await loadDrivers(qm, ctx, [{ dimension: 'attr:Contract', value: 'Month-to-month' }], 'en'))!;
    const [raw] = await rowsOf<{ rate: number }>(qm, `SELECT avg(CASE WHEN Churn = 'Yes' THEN 1 ELSE 0 END)::DOUBLE AS rate FROM ${RAW_TELCO} WHERE Contract = 'Month-to-month'`);
    expect(inside.overallRate).toBeCloseTo(raw.rate, 10);
  });

  it('has no driver panel without a churn label', async () => {
    const q = await createTestEngine();
    await q.exec(`INSERT INTO customers (customer_id, name, tier) VALUES ('X', 'x', 'a'), ('Y', 'y', 'b'), ('Z', 'z', 'a')`);
    const c = await prepareScreen(q, DEFAULT_SETTINGS, { today: '2024-05-01' });
    expect(await loadDrivers(q, c, [], 'en')).toBeNull();
  }, 60_000);
});
