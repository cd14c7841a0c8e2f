declare global {
  interface Window {
    /** Live ECharts instances, read by the e2e wall soak test. */
    __cwCharts?: number;
  }
}

let live = 0;

function publish(): void {
  if (typeof window !== 'undefined') window.__cwCharts = live;
}

/** How many ECharts instances EChart.vue holds right now (flat over days on a wall). */
export function liveChartInstances(): number {
  return live;
}

/** Called by EChart.vue right after `echarts.init`. */
export function chartInstanceCreated(): void {
  live += 1;
  publish();
}

/** Called by EChart.vue right after `dispose`. */
export function chartInstanceDisposed(): void {
  live = Math.max(0, live - 1);
  publish();
}
