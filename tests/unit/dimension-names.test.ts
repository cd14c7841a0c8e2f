import { describe, expect, it } from 'vitest';
import { dimensionName, dimensionValueName, humaniseHeader } from '../../src/analytics/common/dimensionNames';
import { RFM_OTHERS, RFM_SEGMENTS } from '../../src/analytics/rfm/segments';
import { VALUE_TIERS } from '../../src/analytics/rfm/valueTiers';
import { TENURE_BANDS } from '../../src/analytics/structural/dimensionsSql';
import { structuralOption } from '../../src/components/chart/options/structuralOption';
import type { StructuralData } from '../../src/analytics/screen/types';

// Issue 14 item 7: tier, RFM and dimension names in both languages, extra attributes humanised.
describe('dimension names both ways', () => {
  it('names every value tier in English and every RFM segment and tenure band in Chinese', () => {
    expect(VALUE_TIERS.map((t) => dimensionValueName('value_tier', t, 'en'))).toEqual(['High value', 'New', 'Growing', 'Low value']);
    expect(VALUE_TIERS.map((t) => dimensionValueName('value_tier', t, 'zh'))).toEqual([...VALUE_TIERS]);
    for (const s of [...RFM_SEGMENTS.map((x) => x.segment), RFM_OTHERS]) {
      expect(dimensionValueName('rfm_segment', s, 'zh'), s).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(dimensionValueName('rfm_segment', s, 'en')).toBe(s);
    }
    for (const b of TENURE_BANDS) expect(dimensionValueName('tenure_band', b.label, 'zh')).toMatch(/[个月年]/);
    // Values of other dimensions, and names that are not keys, stay as written.
    expect(dimensionValueName('region', '华东', 'en')).toBe('华东');
    expect(dimensionValueName('value_tier', 'constructor', 'en')).toBe('constructor');
  });

  it('humanises raw headers of extra columns, keeping acronyms and Chinese headers', () => {
    expect(humaniseHeader('company_size')).toBe('Company size');
    expect(humaniseHeader('PaymentMethod')).toBe('Payment method');
    expect(humaniseHeader('MonthlyCharges')).toBe('Monthly charges');
    expect(humaniseHeader('NPS_score')).toBe('NPS score');
    expect(humaniseHeader('客户等级')).toBe('客户等级');
    expect(dimensionName('attr:company_size', 'en')).toBe('Company size');
    expect(dimensionName('InternetService', 'zh')).toBe('Internet service');
    expect(dimensionName('value_tier', 'en')).toBe('Value tier');
    expect(dimensionName('Contract', 'en')).toBe('Contract');
  });

  it('draws value tier bars in the screen language and drills by the stored value', () => {
    const data: StructuralData = {
      dimensions: ['value_tier'], overallRate: 0.1, callouts: [],
      bars: [{ dimension: 'value_tier', value: '高价值', customers: 10, churned: 1, rate: 0.1, lift: 1, valueShare: 0.5, highlight: true }],
    } as unknown as StructuralData;
    const en = structuralOption(data, 'value_tier', { locale: 'en', theme: 'dark', labels: {}, scale: 1 });
    expect((en.yAxis as { data: string[] }).data).toEqual(['High value']);
    const item = ((en.series as { data: { drill: { value: string; label: string } }[] }[])[0].data[0]);
    expect(item.drill).toMatchObject({ value: '高价值', label: 'High value' });
  });
});
