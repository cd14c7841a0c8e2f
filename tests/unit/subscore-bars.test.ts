// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import SubScoreBars from '../../src/components/customer/SubScoreBars.vue';
import { createAppI18n } from '../../src/i18n';

/** Sub-scores as the 360 loader hands them over (0-1, null = signal missing), worst to best. */
const SCORES = { recency: 0, frequencyTrend: 0.237, complaints: 0.5, nps: 1, usageTrend: null };

function bars(locale: 'zh-CN' | 'en') {
  return mount(SubScoreBars, { props: { scores: SCORES }, global: { plugins: [createAppI18n(locale)] } });
}

describe('health sub-scores in the customer 360', () => {
  it('draws each sub-score as a bar on 0-100 whose width and meter value are the score', () => {
    const w = bars('en');
    for (const [key, v] of Object.entries(SCORES)) {
      const li = w.find(`[data-testid="c360-sub-${key}"]`);
      expect(li.exists(), key).toBe(true);
      const meter = li.find('[role="meter"]');
      if (v === null) {
        expect(meter.exists(), key).toBe(false);
        expect(li.find('.value').text()).toBe('—');
        continue;
      }
      const score = Math.round(v * 100);
      expect(meter.attributes('aria-valuenow'), key).toBe(String(score));
      expect([meter.attributes('aria-valuemin'), meter.attributes('aria-valuemax')]).toEqual(['0', '100']);
      expect((meter.find('i').element as HTMLElement).style.width, key).toBe(`${score}%`);
      expect(li.find('.value').text()).toBe(String(score));
    }
    // The worst purchase gap is an empty bar, not "no problem".
    expect(w.find('[data-testid="c360-sub-recency"] [role="meter"]').attributes('aria-label')).toBe('Purchase gap: 0 / 100');
  });

  it('states the scale, higher is healthier, in both languages', () => {
    expect(bars('en').find('[data-testid="c360-subscores-scale"]').text()).toBe('Sub-scores on a 0-100 scale: higher is healthier (0 = worst)');
    const zh = bars('zh-CN');
    expect(zh.find('[data-testid="c360-subscores-scale"]').text()).toBe('分项得分 0-100：越高越健康（0 为最差）');
    expect(zh.find('[data-testid="c360-sub-recency"] .name').text()).toBe('购买间隔');
    expect(zh.find('[data-testid="c360-sub-complaints"] [role="meter"]').attributes('aria-valuenow')).toBe('50');
  });
});
