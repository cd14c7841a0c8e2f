/** Names of the screen's dimensions in both languages (drill steps, the structural picker, diagnosis lines). */
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
  monthly_value: { zh: '月费', en: 'Monthly value' },
};

/** A dimension's name: "value_tier" -> "价值分层" / "Value tier"; an extra column ("attr:Contract") by its header. */
export function dimensionName(dimension: string, lang: 'zh' | 'en'): string {
  if (dimension.startsWith('attr:')) return dimension.slice(5);
  return DIMENSION_NAMES[dimension]?.[lang] ?? dimension;
}
