/** The two chart themes' names as ECharts knows them. */
export type ChartTheme = 'dark' | 'light';

/** Colours a theme and the option builders share (the builders need them for per-item colours). */
export interface Palette {
  red: string;
  amber: string;
  green: string;
  accent: string;
  accent2: string;
  series: string[];
  text: string;
  muted: string;
  axisLine: string;
  splitLine: string;
  tooltipBg: string;
  tooltipBorder: string;
  heatLow: string;
  heatHigh: string;
}

const STATUS = { red: '#ff4d4f', amber: '#ffb020', green: '#2ed47a' };

/** Big-screen navy: the page paints the background, charts stay transparent. */
const DARK: Palette = {
  ...STATUS,
  accent: '#00d8ff',
  accent2: '#2f7bff',
  series: ['#00d8ff', '#2f7bff', '#7c5cff', '#00c2a8', '#5b8ff9', '#9fb8d9'],
  text: '#d6ebff',
  muted: '#8fb0d3',
  axisLine: '#2b4a6f',
  splitLine: 'rgba(80, 130, 190, 0.18)',
  tooltipBg: 'rgba(6, 22, 48, 0.94)',
  tooltipBorder: '#00d8ff',
  heatLow: '#0b2447',
  heatHigh: '#00d8ff',
};

/** Light alternative for offices and printouts. */
const LIGHT: Palette = {
  ...STATUS,
  accent: '#0077cc',
  accent2: '#2f54eb',
  series: ['#0077cc', '#2f54eb', '#722ed1', '#13a8a8', '#5b8ff9', '#8c8c8c'],
  text: '#1f2d3d',
  muted: '#5a6b7d',
  axisLine: '#c0ccda',
  splitLine: 'rgba(0, 0, 0, 0.08)',
  tooltipBg: 'rgba(255, 255, 255, 0.97)',
  tooltipBorder: '#0077cc',
  heatLow: '#e6f4ff',
  heatHigh: '#0050b3',
};

/** The palette of a chart theme. */
export function paletteOf(theme: ChartTheme): Palette {
  return theme === 'light' ? LIGHT : DARK;
}
