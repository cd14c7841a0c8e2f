import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { RAW_TELCO, telcoScreen } from '../helpers/telcoScreen';
import type { QueryManager } from '../../src/engine/queryManager';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { loadTenureCurve } from '../../src/analytics/screen/tenureCurve';
import { kaplanMeier, medianDuration } from '../../src/analytics/models/kaplanMeier';

// The tenure retention curve (metrics.md section 14): Kaplan-Meier on Telco's tenure and churn label.
let qm: QueryManager;
let ctx: ScreenContext;

beforeAll(async () => {
  ({ qm, ctx } = await telcoScreen());
}, 180_000);

describe('kaplanMeier', () => {
  it('multiplies the survivors\' shares at each duration, the unchurned censored at theirs (worked by hand)', () => {
    // 4 customers: tenure 1 (one churned, one not), tenure 2 (churned), tenure 3 (not churned).
    const km = kaplanMeier([{ t: 3, customers: 1, churned: 0 }, { t: 1, customers: 2, churned: 1 }, { t: 2, customers: 1, churned: 1 }]);
    expect(km).toEqual([
      { t: 1, atRisk: 4, churned: 1, survival: 3 / 4 },
      { t: 2, atRisk: 2, churned: 1, survival: 3 / 8 },
      { t: 3, atRisk: 1, churned: 0, survival: 3 / 8 },
    ]);
    expect(medianDuration(km)).toBe(2);
    expect(medianDuration(kaplanMeier([{ t: 1, customers: 10, churned: 1 }]))).toBeNull();
  });
});

describe('Telco tenure curve', () => {
  it('matches a Kaplan-Meier computed by plain SQL over the raw CSV at every tenure month', async () => {
    const curve = (await loadTenureCurve(qm, ctx, [], 'zh-CN'))!;
    expect(curve.attribute).toBe('tenure');
    const raw = await rowsOf<{ t: number; at_risk: number; churned: number; survival: number }>(qm, `WITH g AS (
        SELECT CAST(tenure AS INTEGER) AS t, count(*) AS n, count(*) FILTER (WHERE Churn = 'Yes') AS d FROM ${RAW_TELCO} GROUP BY 1),
      r AS (SELECT t, d, sum(n) OVER (ORDER BY t DESC) AS at_risk FROM g)
      SELECT t, at_risk::INTEGER AS at_risk, d::INTEGER AS churned, exp(sum(ln(1 - d / at_risk)) OVER (ORDER BY t))::DOUBLE AS survival FROM r ORDER BY t`);
    expect(curve.points.length).toBe(raw.length);
    expect(curve.points[0]).toMatchObject({ t: 0, atRisk: 7043, survival: 1 });
    curve.points.forEach((p, i) => {
      expect([p.t, p.atRisk, p.churned]).toEqual([raw[i].t, raw[i].at_risk, raw[i].churned]);
      expect(p.survival).toBeCloseTo(raw[i].survival, 10);
    });
    const median = raw.find((r) => r.survival <= 0.5)?.t ?? null;
    expect(curve.median).toBe(median);
    // A customer in its first month is the likeliest to leave: the first step is the steepest.
    expect(1 - curve.points[1].survival).toBeGreaterThan(curve.points[1].survival - curve.points[2].survival);
  });

  it('follows the drill: month-to-month customers keep fewer months than everyone', async () => {
    const all = (await loadTenureCurve(qm, ctx, [], 'en'))!;
    const mtm = (await loadTenureCurve(qm, ctx, [{ dimension: 'attr:Contract', value: 'Month-to-month' }], 'en'))!;
    const at = (c: typeof all, t: number) => c.points.filter((p) => p.t <= t).at(-1)!.survival;
    expect(mtm.points[0].atRisk).toBe(3875);
    expect(at(mtm, 24)).toBeLessThan(at(all, 24));
  });

  it('has no curve without a tenure column', async () => {
    const q = await createTestEngine();
    await q.exec(`INSERT INTO customers (customer_id, name, tier, churned) VALUES ('X', 'x', 'a', true), ('Y', 'y', 'b', false), ('Z', 'z', 'a', false)`);
    const c = await prepareScreen(q, DEFAULT_SETTINGS, { today: '2024-05-01' });
    expect(c.churnRule).toBe('labeled');
    expect(await loadTenureCurve(q, c, [], 'en')).toBeNull();
  }, 60_000);
});
