import { describe, expect, it } from 'vitest';
import { numberFormat } from '../../src/analytics/common/numberFormat';
import { fmtNum, fmtPct } from '../../src/analytics/risk/format';
import { formatBytes, formatCompact, formatFull, formatPercent } from '../../src/i18n/formatNumber';

describe('number formatting', () => {
  it('builds one formatter per locale and options and reuses it', () => {
    const a = numberFormat('en-US', { maximumFractionDigits: 1 });
    expect(numberFormat('en-US', { maximumFractionDigits: 1 })).toBe(a);
    expect(numberFormat('en-US', { maximumFractionDigits: 2 })).not.toBe(a);
    expect(numberFormat('zh-CN', { maximumFractionDigits: 1 })).not.toBe(a);
  });

  it('writes screen text numbers with grouping and the requested decimals', () => {
    expect(fmtNum(1234567.891)).toBe('1,234,567.9');
    expect(fmtNum(2.25, 2)).toBe('2.25');
    expect(fmtNum(3)).toBe('3');
    expect(fmtNum(NaN)).toBe('-');
    expect(fmtPct(0.4271)).toBe('42.7%');
    expect(fmtPct(0.5)).toBe('50%');
  });

  it('writes compact, full, percent and byte figures per locale', () => {
    expect(formatCompact(123456, 'zh-CN')).toBe('12.3万');
    expect(formatCompact(2.5e8, 'zh-CN')).toBe('2.5亿');
    expect(formatCompact(123456, 'en')).toBe('123.5K');
    expect(formatCompact(4.2e6, 'en')).toBe('4.2M');
    expect(formatCompact(7.125, 'en')).toBe('7.13');
    expect(formatCompact(null, 'en')).toBe('—');
    expect(formatFull(1234.567, 'en')).toBe('1,234.57');
    expect(formatPercent(0.2654, 'en')).toBe('26.5%');
    expect(formatPercent(0.2, 'zh-CN', 0)).toBe('20%');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(3.2e9, 'en')).toBe('3 GB');
  });
});
