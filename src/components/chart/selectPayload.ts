import type { DrillPayload } from './options/context';

/** What EChart.vue emits on a click on a data item: one drill step with its display label. */
export interface ChartSelect {
  dimension: string;
  value: string;
  label: string;
}

/**
 * The drill step behind an ECharts click: the `drill` the option builder put on the data item,
 * or null for clicks on anything without one (axes, mark lines, empty space).
 */
export function selectFromClick(params: { data?: unknown; name?: string }): ChartSelect | null {
  const data = params.data;
  if (!data || typeof data !== 'object' || !('drill' in data)) return null;
  const drill = (data as { drill?: Partial<DrillPayload> }).drill;
  if (!drill || typeof drill.dimension !== 'string' || drill.value === undefined || drill.value === null) return null;
  const value = String(drill.value);
  const label = typeof drill.label === 'string' && drill.label ? drill.label : params.name || value;
  return { dimension: drill.dimension, value, label };
}
