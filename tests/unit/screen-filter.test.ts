import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import type { QueryManager } from '../../src/engine/queryManager';
import { loadDemo, DEMO_AS_OF } from '../../src/demo';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { computeCohorts } from '../../src/analytics/cohorts/computeCohorts';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { customerFilterSql, DRILL_DIMENSIONS } from '../../src/analytics/screen/filterSql';
import { loadStructural } from '../../src/analytics/screen/structural';
import type { CustomerFilter } from '../../src/analytics/screen/types';

let qm: QueryManager;
let ctx: ScreenContext;

beforeAll(async () => {
  qm = await createTestEngine();
  await loadDemo(qm, { customers: 2000 });
  // A numeric column with many values, which the structural panel cuts into quantile bands.
  await qm.exec(`INSERT INTO customer_attributes SELECT customer_id, 'seats', NULL, CAST(hash(customer_id) % 97 AS DOUBLE), 'test' FROM customers`);
  ctx = await prepareScreen(qm, DEFAULT_SETTINGS);
}, 120_000);

/** Ids the filter selects, sorted. */
async function idsOf(filter: CustomerFilter): Promise<string[]> {
  const sql = customerFilterSql(filter);
  if (sql === null) throw new Error('empty filter');
  return (await rowsOf<{ customer_id: string }>(qm, `SELECT customer_id FROM (${sql}) ORDER BY 1`)).map((r) => r.customer_id);
}

/** Ids an independent query selects, sorted. */
async function idsBy(sql: string): Promise<string[]> {
  return (await rowsOf<{ customer_id: string }>(qm, `SELECT DISTINCT customer_id FROM (${sql}) ORDER BY 1`)).map((r) => r.customer_id);
}

const count = async (filter: CustomerFilter) => (await idsOf(filter)).length;

describe('customerFilterSql', () => {
  it('is null for the empty drill path and never reads the orders table', () => {
    expect(customerFilterSql([])).toBeNull();
    for (const dimension of [...DRILL_DIMENSIONS, 'attr:contract_type']) {
      expect(customerFilterSql([{ dimension, value: 'x' }])).not.toMatch(/\borders\b/);
    }
  });

  it('selects the customers of a customer column, a status, a value tier and an RFM segment as the prepared tables hold them', async () => {
    expect(ctx.asOf).toBe(DEMO_AS_OF);
    expect(await idsOf([{ dimension: 'region', value: '华东' }])).toEqual(await idsBy(`SELECT customer_id FROM cw_customer_facts WHERE region = '华东'`));
    expect(await count([{ dimension: 'region', value: '华东' }])).toBe(563);
    expect(await idsOf([{ dimension: 'tier', value: '钻石' }])).toEqual(await idsBy(`SELECT customer_id FROM cw_customer_facts WHERE tier = '钻石'`));
    expect(await idsOf([{ dimension: 'status', value: 'silent' }])).toEqual(await idsBy(`SELECT customer_id FROM cw_customer_status WHERE status = 'silent'`));
    expect(await idsOf([{ dimension: 'value_tier', value: '高价值' }])).toEqual(await idsBy(`SELECT customer_id FROM cw_customer_value_tier WHERE value_tier = '高价值'`));
    expect(await idsOf([{ dimension: 'rfm_segment', value: 'At Risk' }])).toEqual(await idsBy(`SELECT customer_id FROM cw_customer_rfm WHERE segment = 'At Risk'`));
    expect(await idsOf([{ dimension: 'trigger', value: 'renewal-at-risk' }])).toEqual(await idsBy(`SELECT customer_id FROM cw_triggers WHERE kind = 'renewal-at-risk'`));
  });

  it('selects a risk tier among the customers not yet churned, as computeRisk counts them', async () => {
    const risk = ctx.families.risk!;
    expect(await count([{ dimension: 'risk_tier', value: 'red' }])).toBe(risk.red);
    expect(await count([{ dimension: 'risk_tier', value: 'amber' }])).toBe(risk.amber);
    expect(await count([{ dimension: 'risk_tier', value: 'green' }])).toBe(risk.green);
  });

  it('selects the churners of a period as the churn family counts them', async () => {
    const rows = ctx.families.churn.churnByPeriod!;
    for (const row of rows.slice(-4)) {
      expect(await idsOf([{ dimension: 'churned_in', value: row.period }])).toEqual(await idsBy(
        `SELECT customer_id FROM cw_period_churners_month WHERE label = '${row.period}' AND kind = 'churned'`));
      expect(await count([{ dimension: 'churned_in', value: row.period }])).toBe(row.churned);
    }
  });

  it('selects a cohort with the cohorts family labels and sizes', async () => {
    const { cohorts } = await computeCohorts(qm, ctx.settings);
    for (const c of cohorts!.slice(-3)) expect(await count([{ dimension: 'cohort', value: c.cohort }])).toBe(c.size);
  });

  it('selects exactly the customers behind each tenure band, plan and attribute bar of the structural panel', async () => {
    const data = (await loadStructural(qm, ctx, [], 'zh-CN'))!;
    const dims = ['tenure_band', 'plan', 'attr:contract_type', 'attr:company_size', 'attr:seats'];
    for (const dimension of dims) expect(data.dimensions).toContain(dimension);
    const bars = data.bars.filter((b) => dims.includes(b.dimension));
    expect(bars.some((b) => b.dimension === 'attr:seats' && /^\d+-\d+$/.test(b.value))).toBe(true);
    for (const b of bars) expect(await count([{ dimension: b.dimension, value: b.value }]), `${b.dimension}=${b.value}`).toBe(b.customers);
  });

  it('selects an attribute by its text as customer_attributes holds it', async () => {
    const [{ value }] = await rowsOf<{ value: string }>(qm, `SELECT min(value_text) AS value FROM customer_attributes WHERE attribute = 'contract_type'`);
    expect(await idsOf([{ dimension: 'attr:contract_type', value }])).toEqual(await idsBy(
      `SELECT customer_id FROM customer_attributes WHERE attribute = 'contract_type' AND value_text = '${value}'`));
  });

  it('intersects the steps of a drill path', async () => {
    const region = await idsOf([{ dimension: 'region', value: '华东' }]);
    const tier = await idsOf([{ dimension: 'value_tier', value: '高价值' }]);
    const both = await idsOf([{ dimension: 'region', value: '华东' }, { dimension: 'value_tier', value: '高价值' }]);
    expect(both).toEqual(region.filter((id) => tier.includes(id)));
    expect(both).toEqual(await idsBy(`SELECT f.customer_id FROM cw_customer_facts f JOIN cw_customer_value_tier v USING (customer_id)
      WHERE f.region = '华东' AND v.value_tier = '高价值'`));
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(Math.min(region.length, tier.length));
  });

  it('throws for an unknown dimension, naming it', () => {
    expect(() => customerFilterSql([{ dimension: 'shoe_size', value: '42' }])).toThrow(/shoe_size/);
    expect(() => customerFilterSql([{ dimension: 'attr:', value: '42' }])).toThrow(/attr:/);
    expect(() => customerFilterSql([{ dimension: 'constructor', value: 'x' }])).toThrow(/constructor/);
  });

  it('matches nothing for a hostile value instead of breaking the SQL', async () => {
    const hostile = "x' OR 1=1 --";
    for (const dimension of ['region', 'status', 'risk_tier', 'churned_in', 'cohort', 'tenure_band', 'attr:contract_type', `attr:${hostile}`]) {
      expect(await idsOf([{ dimension, value: hostile }]), dimension).toEqual([]);
    }
    expect(await idsOf([{ dimension: 'region', value: '华东' }, { dimension: 'tier', value: hostile }])).toEqual([]);
  });
});
