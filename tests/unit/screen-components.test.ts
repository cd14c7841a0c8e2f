// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import KpiStrip from '../../src/components/panels/KpiStrip.vue';
import PanelFrame from '../../src/components/common/PanelFrame.vue';
import RiskBoard from '../../src/components/panels/RiskBoard.vue';
import TriggerTicker from '../../src/components/panels/TriggerTicker.vue';
import { createAppI18n } from '../../src/i18n';
import type { CustomerRow, KpiSet } from '../../src/analytics/screen/types';

const KPIS: KpiSet = {
  asOf: '2026-09-30',
  period: '2026-09',
  customers: { value: 20000, previous: 19440 },
  churnRate: { value: 34 / 5859, previous: 0.008, numerator: 34, denominator: 5859 },
  revenueChurn: { value: 0.0063, previous: 0.005, kind: 'gross-revenue' },
  nrr: null,
  redCustomers: { value: 898, previous: null },
  atRiskValue: { value: 28_741_000, previous: null },
  winBackRate: null,
};

function plugins() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return { global: { plugins: [pinia, createAppI18n('zh-CN')] } };
}

describe('screen components', () => {
  beforeEach(() => localStorage.clear());

  it('KPI strip formats counts in 万, rates in %, shows numerator/denominator and drills on click', async () => {
    const w = mount(KpiStrip, { props: { kpis: KPIS }, ...plugins() });
    expect(w.find('[data-testid="kpi-customers"] [data-testid="kpi-value"]').text()).toBe('2万');
    const churn = w.find('[data-testid="kpi-churn-rate"]');
    expect(churn.find('[data-testid="kpi-value"]').text()).toBe('0.6%');
    expect(churn.attributes('title')).toBe('客户流失率 = 34 / 5,859');
    // On the screen the rate is named by its period, apart from the structural panels' share to date.
    const monthly = mount(KpiStrip, { props: { kpis: KPIS, periodKind: 'month' as const }, ...plugins() });
    expect(monthly.find('[data-testid="kpi-churn-rate"] .label').text()).toBe('月流失率');
    // Churn fell from 0.8% to 0.58%: a good change, shown green with the pp difference.
    expect(churn.find('.change').classes()).toContain('good');
    expect(churn.find('.change').text()).toContain('▼ -0.2 pp');
    // KPIs the data cannot support (NRR without subscriptions) are not drawn.
    expect(w.find('[data-testid="kpi-nrr"]').exists()).toBe(false);
    await w.find('[data-testid="kpi-red-customers"]').trigger('click');
    await w.find('[data-testid="kpi-churn-rate"]').trigger('click');
    await w.find('[data-testid="kpi-customers"]').trigger('click');
    expect(w.emitted('drill')).toEqual([[{ dimension: 'risk_tier', value: 'red' }], [{ dimension: 'churned_in', value: '2026-09' }]]);
    expect(w.emitted('list')).toHaveLength(1);
  });

  it('a labelled snapshot shows its churn rate with numerator and denominator and the value lost, both drilling to the churned', async () => {
    const telco: KpiSet = {
      asOf: '2026-12-07', period: '2026-12', customers: { value: 7043, previous: 7043 }, churnRate: null, revenueChurn: null, nrr: null,
      redCustomers: null, atRiskValue: null, winBackRate: null, unlabeled: 12,
      labelled: {
        churnRate: { value: 1869 / 7043, previous: null, numerator: 1869, denominator: 7043 },
        valueLost: { value: 139130.85 / 456116.6, previous: null, numerator: 139130.85, denominator: 456116.6 },
      },
    };
    const w = mount(KpiStrip, { props: { kpis: telco }, ...plugins() });
    const churn = w.find('[data-testid="kpi-churn-rate"]');
    expect(churn.find('.label').text()).toBe('流失率（标签）');
    expect(churn.find('[data-testid="kpi-value"]').text()).toBe('26.5%');
    expect(churn.find('.ratio').text()).toBe('1,869 / 7,043');
    expect(churn.find('.change').exists()).toBe(false);
    const lost = w.find('[data-testid="kpi-value-lost"]');
    expect(lost.find('.label').text()).toBe('流失月费占比');
    expect(lost.find('[data-testid="kpi-value"]').text()).toBe('30.5%');
    expect(lost.find('.ratio').text()).toBe('13.9万 / 45.6万');
    expect(lost.attributes('title')).toBe('流失月费占比 = 139,130.85 / 456,116.6');
    expect(w.find('[data-testid="kpi-unlabeled"]').text()).toContain('12');
    await churn.trigger('click');
    await lost.trigger('click');
    expect(w.emitted('drill')).toEqual([[{ dimension: 'status', value: 'churned' }], [{ dimension: 'status', value: 'churned' }]]);
    expect(w.find('[data-testid="kpi-of-base"]').exists()).toBe(false);
    // Under a drill to the churned the rate cards say they are the base's; the customer count does not.
    const drilled = mount(KpiStrip, { props: { kpis: { ...telco, customers: { value: 1869, previous: 1869 }, ofBase: true } }, ...plugins() });
    expect(drilled.findAll('[data-testid="kpi-of-base"]').map((x) => x.text())).toEqual(['按流失筛选前的全体计算', '按流失筛选前的全体计算']);
    expect(drilled.find('[data-testid="kpi-customers"] [data-testid="kpi-of-base"]').exists()).toBe(false);
  });

  it('a panel without data says which file would fill it instead of drawing an empty chart', () => {
    const w = mount(PanelFrame, { props: { name: 'rfm', title: 'RFM', loaded: true, empty: true, hint: '需要订单文件' }, slots: { default: '<div class="chart" />' }, ...plugins() });
    expect(w.attributes('data-testid')).toBe('panel-rfm');
    expect(w.find('[data-testid="panel-missing"]').text()).toBe('需要订单文件');
    expect(w.find('.chart').exists()).toBe(false);
  });

  it('risk board and ticker render hostile customer names as text and open the customer on click', async () => {
    const row: CustomerRow = { customer_id: 'H1', name: '<img src=x onerror=alert(1)>', status: 'active', risk_tier: 'red', score: 12, reasons: ['3 complaints'], owner: null, region: null, value_tier: null, play_tier: null, value_before_silence: null, value_12m: null, last_purchase: null, value: 1000, recommended_action: null };
    const board = mount(RiskBoard, { props: { rows: [row] }, ...plugins() });
    expect(board.find('img').exists()).toBe(false);
    expect(board.find('[data-testid="risk-row-H1"] .name').text()).toBe('<img src=x onerror=alert(1)>');
    await board.find('[data-testid="risk-row-H1"]').trigger('click');
    expect(board.emitted('open')).toEqual([['H1']]);
    board.unmount();
    const ticker = mount(TriggerTicker, { props: { rows: [{ kind: 'open-complaint-7d', customer_id: 'H1', name: row.name, due_date: '2026-09-29', reason: '<b>x</b>', isNew: true }] }, ...plugins() });
    expect(ticker.find('b.new').exists()).toBe(true);
    expect(ticker.find('li').attributes('data-new')).toBe('true');
    expect(ticker.find('.reason').text()).toBe('<b>x</b>');
    expect(ticker.find('img').exists()).toBe(false);
  });
});
