import { useI18n } from 'vue-i18n';
import type { DrillStep } from '../analytics/screen/types';
import { dimensionName, dimensionValueName } from '../analytics/common/dimensionNames';

/** A dimension's name in the current language ("value_tier" -> "价值分层"; customer attributes by their header). */
export function useDimensionName(): (dimension: string) => string {
  const { locale } = useI18n();
  return (dimension) => dimensionName(dimension, locale.value === 'zh-CN' ? 'zh' : 'en');
}

/** Words for a drill step in the current language: "区域: 华东", "Risk: red". */
export function useDimensionLabel(): (step: DrillStep) => string {
  const { t, te, locale } = useI18n();
  const name = useDimensionName();
  return (step) => {
    const dim = name(step.dimension);
    let value = step.value;
    if (step.dimension === 'risk_tier' && te(`panel.${value}`)) value = t(`panel.${value}`);
    if (step.dimension === 'status' && te(`status.${value}`)) value = t(`status.${value}`);
    if (step.dimension === 'trigger' && te(`trigger.${value}`)) value = t(`trigger.${value}`);
    value = dimensionValueName(step.dimension, value, locale.value === 'zh-CN' ? 'zh' : 'en');
    return `${dim}: ${value}`;
  };
}
