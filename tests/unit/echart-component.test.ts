// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { ECharts, EChartsOption } from 'echarts';
import EChart from '../../src/components/chart/EChart.vue';
import { liveChartInstances } from '../../src/components/chart/instanceCount';
import type { ChartContext } from '../../src/components/chart/options/context';
import { structuralOption } from '../../src/components/chart/options/structuralOption';
import { trendOption } from '../../src/components/chart/options/trendOption';
import { cohortHeatmapOption } from '../../src/components/chart/options/cohortHeatmapOption';
import { rfmTreemapOption } from '../../src/components/chart/options/rfmTreemapOption';
import { riskTierOption } from '../../src/components/chart/options/riskTierOption';
import { regionOption } from '../../src/components/chart/options/regionOption';

/*
 * happy-dom has no 2D canvas context, so these tests mount with renderer="svg": the same
 * ECharts instance, event handling and hit testing, drawn into an <svg> in the DOM. Clicks are
 * real DOM mouse events on the chart element; zrender hit-tests them against the drawn shapes.
 */

const ctx: ChartContext = { locale: 'zh-CN', theme: 'dark', labels: {} };
const HOSTILE = '<img src=x onerror=alert(1)>';

const structural = structuralOption(
  {
    overallRate: 0.16,
    dimensions: ['region'],
    callouts: [],
    bars: [
      { dimension: 'region', value: '华东', customers: 5859, churned: 1770, rate: 0.302, lift: 1.8, valueShare: 0.3, highlight: true },
      { dimension: 'region', value: '华南', customers: 4000, churned: 480, rate: 0.12, lift: 0.75, valueShare: 0.2, highlight: false },
      { dimension: 'region', value: HOSTILE, customers: 1000, churned: 100, rate: 0.1, lift: 0.6, valueShare: 0.1, highlight: false },
    ],
  },
  'region',
  ctx,
);

const trend = trendOption(
  {
    threshold: 0.05,
    points: ['2025-01', '2025-02', '2025-03'].map((period, i) => ({ period, start: 1000, churned: 30 + 20 * i, rate: (30 + 20 * i) / 1000, valueChurnRate: 0.02, partial: false })),
  },
  ctx,
);
const cohort = cohortHeatmapOption(
  [
    { cohort: '2025-01', size: 100, retention: [0.9, 0.8, 0.7], unbounded: [0.9, 0.85, 0.8] },
    { cohort: '2025-02', size: 100, retention: [0.85, 0.75], unbounded: [0.9, 0.8] },
  ],
  'n-period',
  ctx,
);
const rfm = rfmTreemapOption(
  [
    { segment: 'Lost', customers: 4000, value: 1e5 },
    { segment: 'Champions', customers: 3000, value: 5e6 },
    { segment: 'At Risk', customers: 1500, value: 2e6 },
  ],
  ctx,
);
const risk = riskTierOption({ red: 1234, amber: 3000, green: 15766, topSignals: [] }, ctx);
const region = regionOption(
  [
    { region: '华东', customers: 5859, churned: 1770, rate: 0.302, red: 300, atRiskValue: 1e6 },
    { region: '华北', customers: 3000, churned: 300, rate: 0.1, red: 50, atRiskValue: null },
  ],
  ctx,
);

/** A bar chart option whose every item carries a drill payload (for update tests). */
function bars(values: number[], seriesCount = 1): EChartsOption {
  return {
    animation: false,
    xAxis: { type: 'category', data: values.map((_, i) => `r${i}`) },
    yAxis: { type: 'value' },
    series: Array.from({ length: seriesCount }, (_, s) => ({
      type: 'bar' as const,
      name: `s${s}`,
      data: values.map((value, i) => ({ value, drill: { dimension: 'region', value: `r${i}` } })),
    })),
  };
}

beforeAll(() => {
  // happy-dom does no layout; give elements the size their inline style asks for.
  const size = (prop: 'width' | 'height') =>
    function (this: HTMLElement) {
      return parseFloat(this.style[prop]) || 0;
    };
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: size('width') });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: size('height') });
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

function mountChart(option: EChartsOption, extra: Record<string, unknown> = {}) {
  const wrapper = mount(EChart, {
    attachTo: document.body,
    props: { option, theme: 'dark' as const, label: '结构性流失', testid: 'chart-structural', renderer: 'svg' as const, ...extra },
    attrs: { style: 'width: 800px; height: 400px' },
  });
  mounted.push(wrapper);
  return wrapper;
}

function instanceOf(wrapper: ReturnType<typeof mountChart>): ECharts {
  const chart = wrapper.vm.getInstance();
  if (!chart) throw new Error('no chart instance');
  return chart;
}

/** A real pointer click: mousedown, mouseup, click on the chart's DOM at chart pixel (x, y). */
function clickAt(chart: ECharts, x: number, y: number): void {
  const target = chart.getDom().firstElementChild as HTMLElement;
  for (const type of ['mousedown', 'mouseup', 'click']) {
    const ev = new MouseEvent(type, { bubbles: true, clientX: x, clientY: y });
    // happy-dom does no layout, so offsetX/Y (what zrender reads) are set to the chart pixel.
    Object.defineProperty(ev, 'offsetX', { value: x });
    Object.defineProperty(ev, 'offsetY', { value: y });
    target.dispatchEvent(ev);
  }
}

describe('EChart.vue lifecycle', () => {
  it('creates one instance on mount and reuses it across 10 option changes', async () => {
    expect(liveChartInstances()).toBe(0);
    const wrapper = mountChart(bars([1, 2, 3]));
    const chart = instanceOf(wrapper);
    expect(liveChartInstances()).toBe(1);
    expect(window.__cwCharts).toBe(1);
    for (let i = 1; i <= 10; i++) {
      await wrapper.setProps({ option: bars([i, i * 2, i * 3]) });
      expect(liveChartInstances()).toBe(1);
      expect(instanceOf(wrapper)).toBe(chart);
    }
    const series = chart.getOption().series as { data: { value: number }[] }[];
    expect(series[0].data.map((d) => d.value)).toEqual([10, 20, 30]);
  });

  it('replaces the option instead of merging it (notMerge)', async () => {
    const wrapper = mountChart(bars([1, 2], 3));
    expect((instanceOf(wrapper).getOption().series as unknown[]).length).toBe(3);
    await wrapper.setProps({ option: bars([1, 2], 1) });
    expect((instanceOf(wrapper).getOption().series as unknown[]).length).toBe(1);
  });

  it('disposes the instance on unmount', () => {
    const wrapper = mountChart(bars([1, 2, 3]));
    const chart = instanceOf(wrapper);
    wrapper.unmount();
    mounted.length = 0;
    expect(chart.isDisposed()).toBe(true);
    expect(liveChartInstances()).toBe(0);
    expect(window.__cwCharts).toBe(0);
  });

  it('keeps the count flat over many mount/unmount cycles', () => {
    for (let i = 0; i < 20; i++) mountChart(bars([i])).unmount();
    mounted.length = 0;
    expect(liveChartInstances()).toBe(0);
  });

  it('re-creates the instance only when the theme changes', async () => {
    const wrapper = mountChart(bars([1, 2, 3]));
    const first = instanceOf(wrapper);
    await wrapper.setProps({ theme: 'light' });
    const second = instanceOf(wrapper);
    expect(second).not.toBe(first);
    expect(first.isDisposed()).toBe(true);
    expect(liveChartInstances()).toBe(1);
    expect((second.getOption().series as unknown[]).length).toBe(1);
  });

  it('uses the canvas renderer unless told otherwise', () => {
    const wrapper = mountChart({ series: [] }, { renderer: undefined });
    expect(instanceOf(wrapper).getZr().painter.getType()).toBe('canvas');
  });

  it('labels the chart element for assistive technology and e2e', () => {
    const wrapper = mountChart(bars([1]));
    expect(wrapper.attributes('aria-label')).toBe('结构性流失');
    expect(wrapper.attributes('role')).toBe('img');
    expect(wrapper.attributes('data-testid')).toBe('chart-structural');
  });
});

describe('EChart.vue sizing', () => {
  it('resizes at most once per frame and disconnects its ResizeObserver on unmount', async () => {
    const observers: { cb: () => void; disconnect: ReturnType<typeof vi.fn> }[] = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        cb: () => void;
        disconnect = vi.fn();
        constructor(cb: () => void) {
          this.cb = cb;
          observers.push(this);
        }
        observe() {}
      },
    );
    const wrapper = mountChart(bars([1, 2]));
    const resize = vi.spyOn(instanceOf(wrapper), 'resize');
    expect(observers).toHaveLength(1);
    observers[0].cb();
    observers[0].cb();
    observers[0].cb();
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    await new Promise((r) => setTimeout(r, 0));
    expect(resize).toHaveBeenCalledTimes(1);
    wrapper.unmount();
    mounted.length = 0;
    expect(observers[0].disconnect).toHaveBeenCalledTimes(1);
  });

  it('re-creates the instance at the new device pixel ratio when it changes', async () => {
    const listeners = new Set<() => void>();
    const queries: string[] = [];
    vi.stubGlobal('matchMedia', (query: string) => {
      queries.push(query);
      return { matches: true, media: query, addEventListener: (_: string, l: () => void) => listeners.add(l), removeEventListener: (_: string, l: () => void) => listeners.delete(l) };
    });
    vi.stubGlobal('devicePixelRatio', 1);
    const wrapper = mountChart(bars([1, 2]));
    const first = instanceOf(wrapper);
    expect(first.getDevicePixelRatio()).toBe(1);
    expect(queries).toEqual(['(resolution: 1dppx)']);

    vi.stubGlobal('devicePixelRatio', 2);
    for (const l of [...listeners]) l();
    await nextTick();
    const second = instanceOf(wrapper);
    expect(second).not.toBe(first);
    expect(second.getDevicePixelRatio()).toBe(2);
    expect(liveChartInstances()).toBe(1);
    expect(queries.at(-1)).toBe('(resolution: 2dppx)');
    expect(listeners.size).toBe(1);

    wrapper.unmount();
    mounted.length = 0;
    expect(listeners.size).toBe(0);
  });
});

describe('EChart.vue click -> select', () => {
  it('emits the drill payload of the clicked bar', () => {
    const wrapper = mountChart(structural);
    const chart = instanceOf(wrapper);
    const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [0.06, 1]) as number[];
    clickAt(chart, x, y);
    expect(wrapper.emitted('select')).toEqual([[{ dimension: 'region', value: '华南', label: '华南' }]]);
  });

  it('emits nothing for a click on empty space', () => {
    const wrapper = mountChart(structural);
    const chart = instanceOf(wrapper);
    const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [0.35, 2]) as number[];
    clickAt(chart, x, y);
    clickAt(chart, 795, 395);
    expect(wrapper.emitted('select')).toBeUndefined();
  });

  it('emits for a trend point, a heatmap cell, a region column, a donut slice and a treemap tile', async () => {
    const cases: [EChartsOption, (c: ECharts) => number[], { dimension: string; value: string; label?: string }][] = [
      [trend, (c) => c.convertToPixel({ seriesIndex: 0 }, [1, 0.05]) as number[], { dimension: 'churned_in', value: '2025-02' }],
      [cohort, (c) => c.convertToPixel({ seriesIndex: 0 }, [1, 1]) as number[], { dimension: 'cohort', value: '2025-02' }],
      [region, (c) => c.convertToPixel({ seriesIndex: 0 }, [0, 0.1]) as number[], { dimension: 'region', value: '华东' }],
      // The donut starts at 12 o'clock and runs clockwise: red first. Ring radius 52%-74% of 200px.
      [risk, () => [400 + 126 * Math.sin(0.1), 200 - 126 * Math.cos(0.1)], { dimension: 'risk_tier', value: 'red', label: '高风险' }],
      // Squarified treemaps put the biggest tile (Lost) at the top left.
      [rfm, () => [20, 200], { dimension: 'rfm_segment', value: 'Lost' }],
    ];
    for (const [option, at, expected] of cases) {
      const wrapper = mountChart(option);
      const chart = instanceOf(wrapper);
      const [x, y] = at(chart);
      // Entry animations move shapes (line symbols grow, the donut sweeps); judge the settled chart.
      await vi.waitFor(
        () => {
          clickAt(chart, x, y);
          expect(wrapper.emitted('select')?.at(-1)?.[0]).toMatchObject(expected);
        },
        { timeout: 3000, interval: 50 },
      );
    }
  });
});

describe('EChart.vue with the registered subset of ECharts', () => {
  it('draws what every builder needs: mark lines, legend, title, heatmap, treemap, pie', () => {
    const text = (option: EChartsOption) => {
      const wrapper = mountChart(option);
      return instanceOf(wrapper).getDom().textContent ?? '';
    };
    expect(text(structural)).toContain('整体 16.0%');
    expect(text(trend)).toContain('预警线 5.0%');
    expect(text(trend)).toContain('价值流失率');
    expect(text(region)).toContain('整体');
    expect(text(risk)).toContain('2万');
    expect(text(risk)).toContain('高风险');
    expect(text(rfm)).toContain('重要价值客户');
    expect(text(cohort)).toContain('80%');
  });

  it('shows a hostile name in the tooltip as text, never as an element', async () => {
    const wrapper = mountChart(structural);
    const chart = instanceOf(wrapper);
    chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 2 });
    await new Promise((r) => setTimeout(r, 50));
    expect(document.body.innerHTML).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(document.querySelector('img')).toBeNull();
  });
});
