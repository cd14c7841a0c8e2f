import { paletteOf, type ChartTheme } from './palette';

/** The name a chart theme is registered under with ECharts. */
export function echartsThemeName(theme: ChartTheme): string {
  return `churnwatch-${theme}`;
}

function build(theme: ChartTheme): Record<string, unknown> {
  const p = paletteOf(theme);
  const axis = {
    axisLine: { show: true, lineStyle: { color: p.axisLine } },
    axisTick: { show: false, lineStyle: { color: p.axisLine } },
    axisLabel: { color: p.muted, fontSize: 14 },
    splitLine: { show: true, lineStyle: { color: p.splitLine } },
    nameTextStyle: { color: p.muted, fontSize: 14 },
  };
  return {
    color: p.series,
    backgroundColor: 'transparent',
    textStyle: { color: p.text, fontSize: 14 },
    title: { textStyle: { color: p.text }, subtextStyle: { color: p.muted } },
    legend: { textStyle: { color: p.text, fontSize: 14 } },
    tooltip: {
      backgroundColor: p.tooltipBg,
      borderColor: p.tooltipBorder,
      textStyle: { color: p.text, fontSize: 16 },
    },
    categoryAxis: { ...axis, splitLine: { show: false } },
    valueAxis: axis,
    visualMap: { textStyle: { color: p.muted, fontSize: 14 } },
    line: { symbolSize: 8, lineStyle: { width: 3 } },
  };
}

/** The dark big-screen theme and the light alternative, as plain ECharts theme objects. */
export const CHART_THEMES: Record<ChartTheme, Record<string, unknown>> = {
  dark: build('dark'),
  light: build('light'),
};
