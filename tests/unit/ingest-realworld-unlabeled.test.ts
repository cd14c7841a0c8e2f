import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { emptyTables, loadRealWorld } from '../helpers/realWorld';
import type { QueryManager } from '../../src/engine/queryManager';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { computeCustomers } from '../../src/analytics/status/computeCustomers';
import { computeStructural } from '../../src/analytics/structural/computeStructural';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { prepareScreen } from '../../src/analytics/screen/prepareScreen';
import { loadKpis } from '../../src/analytics/screen/kpis';
import { recogniseMessage } from '../../src/ingest/messages';
import { createAppI18n } from '../../src/i18n';
import { unlabeledNote } from '../../src/cli/labelNote';

// Fixtures: tests/fixtures/realworld (npx tsx tests/fixtures/realworld/make-realworld-fixtures.ts).
let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
beforeEach(async () => {
  await emptyTables(qm);
});

const TODAY = { today: '2024-01-01' };

describe('a blank churn label is unknown: in no churn rate, counted apart', () => {
  it('keeps the 224 unlabelled of 7,267 customers out of the churn rate and counts them apart', async () => {
    const [r] = await loadRealWorld(qm, 'telco-blank-labels.json');
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 7267, rowsRejected: 0, error: null });
    expect(r.mapping).toMatchObject({ customer_id: 'customerID', status: 'Churn' });
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS }, TODAY);
    const { customers, churnLabels } = await computeCustomers(qm, prepared.settings);
    // The status contract keeps an unlabelled customer 'active' (analytics-status.test.ts); rates leave it out.
    // The 224 without a label are unknown, never active (issue 13): 5,198 + 1,845 + 224 = 7,267.
    expect(customers).toEqual({ total: 7267, active: 5198, silent: 0, churned: 1845, new: 0, unknown: 224, churnRule: 'labeled' });
    // 1,845 / 7,043 labelled = 0.26196..., not 1,845 / 7,267 = 0.2539.
    expect(churnLabels).toEqual({ labeled: 7043, unlabeled: 224, churned: 1845, rate: 0.262 });
    // Structural churn counts labelled customers only: the Contract rows add up to 7,043.
    const structural = await computeStructural(qm, prepared.settings);
    const contract = (structural.structural ?? []).filter((s) => s.dimension === 'Contract');
    expect(contract.reduce((n, s) => n + s.customers, 0)).toBe(7043);
    expect(contract.reduce((n, s) => n + s.churned, 0)).toBe(1845);
  }, 120_000);

  it('tells the screen and the CLI how many customers have no churn label, in the user language', async () => {
    await loadRealWorld(qm, 'telco-blank-labels.json');
    const ctx = await prepareScreen(qm, { ...DEFAULT_SETTINGS }, TODAY);
    const kpis = (await loadKpis(qm, ctx, [], 'zh-CN'))!;
    expect(kpis.customers.value).toBe(7267);
    expect(kpis.unlabeled).toBe(224);
    const zh = createAppI18n('zh-CN').global;
    expect(zh.t('kpi.unlabeled', { n: kpis.unlabeled })).toBe('224 位客户无流失标签');
    expect(createAppI18n('en').global.t('kpi.unlabeled', { n: kpis.unlabeled })).toBe('224 customers have no churn label');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS }, TODAY);
    expect(unlabeledNote((await computeCustomers(qm, prepared.settings)).churnLabels)).toBe('224 customers have no churn label');
  }, 180_000);
});

describe('a value outside a churn flag domain', () => {
  it('rejects the row with 50000 in a 0/1 churn flag, by file line and reason, and loads the 400 customers', async () => {
    const [r] = await loadRealWorld(qm, 'churn-flag-junk.csv');
    expect(r).toMatchObject({ file: 'churn-flag-junk.csv', table: 'customers', rowsLoaded: 400, rowsRejected: 1, error: null });
    expect(r.rejected).toEqual([{ line: 188, reason: 'churn "50000" is not a churn flag value (yes/no, 1/0): the row is not a customer' }]);
    const [junk] = await rowsOf(qm, `select count(*)::int n from customers where customer_id = 'J0000'`);
    expect(junk.n).toBe(0);
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS }, TODAY);
    const { customers, churnLabels } = await computeCustomers(qm, prepared.settings);
    expect(customers).toMatchObject({ total: 400, churned: 96, churnRule: 'labeled' });
    expect(churnLabels).toEqual({ labeled: 400, unlabeled: 0, churned: 96, rate: 0.24 });
    // The reason in the user's language, as the analyst panel shows it.
    const hit = recogniseMessage(r.rejected[0].reason)!;
    expect(createAppI18n('zh-CN').global.t(`ingest.${hit.key}`, hit.params)).toBe('churn“50000”不是流失标记的取值（是/否、1/0），该行不是客户');
  }, 120_000);
});
