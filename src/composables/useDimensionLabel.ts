import { useI18n } from 'vue-i18n';
import type { DrillStep } from '../analytics/screen/types';

const DIMENSION_NAMES: Record<string, { zh: string; en: string }> = {
  status: { zh: '状态', en: 'Status' },
  risk_tier: { zh: '风险', en: 'Risk' },
  value_tier: { zh: '价值分层', en: 'Value tier' },
  rfm_segment: { zh: 'RFM', en: 'RFM' },
  region: { zh: '区域', en: 'Region' },
  tier: { zh: '等级', en: 'Tier' },
  segment: { zh: '细分', en: 'Segment' },
  industry: { zh: '行业', en: 'Industry' },
  owner: { zh: '负责人', en: 'Owner' },
  channel: { zh: '渠道', en: 'Channel' },
  tenure_band: { zh: '客龄', en: 'Tenure' },
  cohort: { zh: '同期群', en: 'Cohort' },
  churned_in: { zh: '流失于', en: 'Churned in' },
  trigger: { zh: '触发', en: 'Trigger' },
};

/** Words for a drill step in the current language: "区域: 华东", "Risk: red". */
export function useDimensionLabel(): (step: DrillStep) => string {
  const { t, te, locale } = useI18n();
  return (step) => {
    const zh = locale.value === 'zh-CN';
    const dim = step.dimension.startsWith('attr:') ? step.dimension.slice(5) : (DIMENSION_NAMES[step.dimension]?.[zh ? 'zh' : 'en'] ?? step.dimension);
    let value = step.value;
    if (step.dimension === 'risk_tier' && te(`panel.${value}`)) value = t(`panel.${value}`);
    if (step.dimension === 'status' && te(`status.${value}`)) value = t(`status.${value}`);
    if (step.dimension === 'trigger' && te(`trigger.${value}`)) value = t(`trigger.${value}`);
    return `${dim}: ${value}`;
  };
}
