// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import SettingsPanel from '../../src/components/analyst/SettingsPanel.vue';
import { createAppI18n } from '../../src/i18n';
import { useSettingsStore } from '../../src/stores/settings';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';

function setup(locale: 'zh-CN' | 'en' = 'en') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const w = mount(SettingsPanel, { global: { plugins: [pinia, createAppI18n(locale)] } });
  return { w, store: useSettingsStore() };
}

async function type(w: ReturnType<typeof setup>['w'], key: string, value: string): Promise<void> {
  // setValue fires input and change, as a user typing and leaving the field would.
  await w.find(`[data-testid="setting-${key}"]`).setValue(value);
}

describe('settings panel', () => {
  beforeEach(() => localStorage.clear());

  it('shows every setting with an explanation and applies a valid edit to the store', async () => {
    const { w, store } = setup();
    for (const key of ['asOf', 'period', 'churnRule', 'silentDays', 'minSilentDays', 'churnDays', 'pAliveActive', 'pAliveChurned', 'healthWeights-recency', 'healthWeights-usageTrend', 'redBelow', 'greenAbove', 'churnAlertThreshold', 'currency', 'clvHorizonMonths', 'clvAnnualDiscountRate']) {
      expect(w.find(`[data-testid="setting-${key}"]`).exists(), key).toBe(true);
    }
    expect(w.findAll('.help').every((h) => h.text().length > 0)).toBe(true);
    await type(w, 'churnDays', '90');
    expect(store.analytics.churnDays).toBe(90);
    expect(w.find('[data-testid="setting-churnDays-error"]').exists()).toBe(false);
  });

  it('rejects an out-of-range value with a message and leaves the store unchanged', async () => {
    const { w, store } = setup();
    await type(w, 'churnDays', '-5');
    expect(store.analytics.churnDays).toBe(DEFAULT_SETTINGS.churnDays);
    expect(w.find('[data-testid="setting-churnDays-error"]').text()).toBe('Enter a value from 1 to 3650.');
    expect((w.find('[data-testid="setting-churnDays"]').element as HTMLInputElement).value).toBe('-5');
    // Cross-field rule: red must stay below green.
    await type(w, 'redBelow', '80');
    expect(store.analytics.redBelow).toBe(DEFAULT_SETTINGS.redBelow);
    expect(w.find('[data-testid="setting-redBelow-error"]').exists()).toBe(true);
  });

  it('maps empty, percent, weight and select inputs to the stored shape', async () => {
    const { w, store } = setup('zh-CN');
    await type(w, 'silentDays', '45');
    await type(w, 'churnAlertThreshold', '7');
    await type(w, 'healthWeights-nps', '20');
    await w.find('[data-testid="setting-churnRule"]').setValue('rule');
    await w.find('[data-testid="setting-period"]').setValue('quarter');
    expect(store.analytics).toMatchObject({ silentDays: 45, churnAlertThreshold: 0.07, churnRule: 'rule', period: 'quarter' });
    expect(store.analytics.healthWeights).toEqual({ ...DEFAULT_SETTINGS.healthWeights, nps: 20 });
    await type(w, 'silentDays', '');
    await w.find('[data-testid="setting-churnRule"]').setValue('');
    expect(store.analytics.silentDays).toBeNull();
    expect(store.analytics.churnRule).toBeNull();
  });

  it('reset restores the defaults and clears messages', async () => {
    const { w, store } = setup();
    await type(w, 'churnDays', '90');
    await type(w, 'clvHorizonMonths', '0');
    await w.find('[data-testid="settings-reset"]').trigger('click');
    expect(store.analytics).toEqual(DEFAULT_SETTINGS);
    expect(w.find('.error').exists()).toBe(false);
    expect((w.find('[data-testid="setting-churnDays"]').element as HTMLInputElement).value).toBe('180');
    expect((w.find('[data-testid="setting-clvHorizonMonths"]').element as HTMLInputElement).value).toBe('36');
  });

  it('adds and removes a per-segment W1/W2 override, rejecting W1 >= W2', async () => {
    const { w, store } = setup();
    await type(w, 'segmentWindows-dimension', 'industry');
    await type(w, 'segmentWindows-value', 'SaaS');
    await type(w, 'segmentWindows-silentDays', '120');
    await type(w, 'segmentWindows-churnDays', '100');
    await w.find('[data-testid="setting-segmentWindows-add"]').trigger('click');
    expect(store.analytics.segmentWindows).toEqual([]);
    expect(w.find('[data-testid="setting-segmentWindows-error"]').exists()).toBe(true);
    await type(w, 'segmentWindows-churnDays', '365');
    await w.find('[data-testid="setting-segmentWindows-add"]').trigger('click');
    expect(store.analytics.segmentWindows).toEqual([{ dimension: 'industry', value: 'SaaS', silentDays: 120, churnDays: 365 }]);
    expect(w.find('[data-testid="segment-window-0"]').text()).toContain('SaaS');
    await w.find('[data-testid="segment-window-remove-0"]').trigger('click');
    expect(store.analytics.segmentWindows).toEqual([]);
  });
});
