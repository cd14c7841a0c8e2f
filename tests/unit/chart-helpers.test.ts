import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/components/chart/escapeHtml';
import { selectFromClick } from '../../src/components/chart/selectPayload';
import { headroomMax } from '../../src/components/chart/options/axisMax';
import { chartInstanceCreated, chartInstanceDisposed, liveChartInstances } from '../../src/components/chart/instanceCount';

describe('escapeHtml', () => {
  it('turns markup into inert text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`a & "b" 'c'`)).toBe('a &amp; &quot;b&quot; &#39;c&#39;');
  });

  it('renders null and undefined as empty text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('selectFromClick', () => {
  it('reads the drill payload from the clicked data item', () => {
    expect(selectFromClick({ name: '华东', data: { value: 0.3, drill: { dimension: 'region', value: '华东' } } })).toEqual({ dimension: 'region', value: '华东', label: '华东' });
  });

  it('prefers the payload label, then the item name, for the breadcrumb', () => {
    expect(selectFromClick({ name: 'x', data: { drill: { dimension: 'risk_tier', value: 'red', label: '高风险' } } })?.label).toBe('高风险');
    expect(selectFromClick({ name: 'Champions 重要价值', data: { drill: { dimension: 'rfm_segment', value: 'Champions' } } })?.label).toBe('Champions 重要价值');
  });

  it('ignores clicks on items without a drill payload', () => {
    expect(selectFromClick({ name: 'markLine', data: { yAxis: 0.05 } })).toBeNull();
    expect(selectFromClick({ data: 0.3 })).toBeNull();
    expect(selectFromClick({})).toBeNull();
    expect(selectFromClick({ data: { drill: { value: 'x' } } })).toBeNull();
  });
});

describe('live chart instance counter', () => {
  it('counts creations and disposals and never goes below zero', () => {
    const start = liveChartInstances();
    chartInstanceCreated();
    chartInstanceCreated();
    expect(liveChartInstances()).toBe(start + 2);
    chartInstanceDisposed();
    chartInstanceDisposed();
    chartInstanceDisposed();
    expect(liveChartInstances()).toBe(Math.max(0, start - 1));
  });
});

describe('headroomMax', () => {
  it('leaves room above the tallest value and rounds up to a round number', () => {
    expect(headroomMax(0.3021, 1.25)).toBe(0.4);
    expect(headroomMax(0.3021, 1.35)).toBe(0.5);
    expect(headroomMax(0.0725, 1.15)).toBe(0.1);
    expect(headroomMax(0.063, 1.15)).toBe(0.08);
  });

  it('falls back to 100% when there is nothing to show', () => {
    expect(headroomMax(0, 1.2)).toBe(1);
    expect(headroomMax(Number.NaN, 1.2)).toBe(1);
  });
});
