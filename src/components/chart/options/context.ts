import type { Locale } from '../../../i18n';
import type { DrillStep } from '../../../analytics/screen/types';
import { paletteOf, type ChartTheme, type Palette } from '../palette';
import { DEFAULT_LABELS } from './defaultLabels';

/** What every option builder needs besides its data. */
export interface ChartContext {
  locale: Locale;
  theme: ChartTheme;
  /** Translated words (series names, axis names ...) by key; missing keys fall back to defaults. */
  labels: Record<string, string>;
  /** Text scale against the 1920x1080 design (2 on a 4K wall); default 1. */
  scale?: number;
}

/** The drill payload every clickable data item carries (`data[i].drill`); EChart.vue reads it. */
export type DrillPayload = DrillStep;

/** A translated word: the caller's label, else the built-in default, else the key itself. */
export function word(ctx: ChartContext, key: string): string {
  return ctx.labels[key] ?? DEFAULT_LABELS[ctx.locale][key] ?? key;
}

/** Font sizes for reading at 3 m on a 1920x1080 screen, scaled for bigger walls. */
export interface FontSizes {
  axis: number;
  value: number;
  tooltip: number;
  legend: number;
}

/** Font sizes for a context: axis labels 14px and values 16px at design size. */
export function fontSizes(ctx: ChartContext): FontSizes {
  const s = ctx.scale && ctx.scale > 0 ? ctx.scale : 1;
  return { axis: Math.round(14 * s), value: Math.round(16 * s), tooltip: Math.round(16 * s), legend: Math.round(14 * s) };
}

/** The palette of the context's theme. */
export function palette(ctx: ChartContext): Palette {
  return paletteOf(ctx.theme);
}

/** Shared top-level option fields: transparent background and a short update animation. */
export function baseOption(ctx: ChartContext) {
  const p = palette(ctx);
  const f = fontSizes(ctx);
  return {
    backgroundColor: 'transparent',
    animationDuration: 600,
    animationDurationUpdate: 300,
    textStyle: { fontSize: f.axis, color: p.text },
    tooltip: {
      confine: true,
      backgroundColor: p.tooltipBg,
      borderColor: p.tooltipBorder,
      textStyle: { color: p.text, fontSize: f.tooltip },
    },
  };
}
