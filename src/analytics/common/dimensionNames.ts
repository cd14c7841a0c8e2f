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

/** A dimension's name: "value_tier" -> "价值分层" / "Value tier"; an extra column ("attr:company_size") by its header, humanised ("Company size"). */
export function dimensionName(dimension: string, lang: 'zh' | 'en'): string {
  if (dimension.startsWith('attr:')) return humaniseHeader(dimension.slice(5));
  if (!Object.hasOwn(DIMENSION_NAMES, dimension) && /[_a-z][A-Z]|_/.test(dimension)) return humaniseHeader(dimension);
  return DIMENSION_NAMES[dimension]?.[lang] ?? dimension;
}

/** Values whose words depend on the language: value tiers (stored in Chinese), RFM segments (stored in English), tenure bands. */
const VALUE_NAMES: Record<string, Record<string, { zh: string; en: string }>> = {
  value_tier: {
    高价值: { zh: '高价值', en: 'High value' },
    成长期: { zh: '成长期', en: 'Growing' },
    新客户: { zh: '新客户', en: 'New' },
    低价值: { zh: '低价值', en: 'Low value' },
  },
  rfm_segment: {
    Champions: { zh: '重要价值客户', en: 'Champions' },
    'Loyal Customers': { zh: '忠诚客户', en: 'Loyal Customers' },
    'Potential Loyalist': { zh: '潜在忠诚客户', en: 'Potential Loyalist' },
    'New Customers': { zh: '新客户', en: 'New Customers' },
    Promising: { zh: '有潜力客户', en: 'Promising' },
    'Need Attention': { zh: '需要关注', en: 'Need Attention' },
    'About To Sleep': { zh: '即将沉睡', en: 'About To Sleep' },
    'At Risk': { zh: '流失风险', en: 'At Risk' },
    "Can't Lose Them": { zh: '不能失去', en: "Can't Lose Them" },
    Lost: { zh: '已流失', en: 'Lost' },
    Others: { zh: '其他', en: 'Others' },
  },
  tenure_band: {
    '0-3m': { zh: '0-3个月', en: '0-3 months' },
    '3-6m': { zh: '3-6个月', en: '3-6 months' },
    '6-12m': { zh: '6-12个月', en: '6-12 months' },
    '1-2y': { zh: '1-2年', en: '1-2 years' },
    '2y+': { zh: '2年以上', en: '2 years +' },
  },
};

/** A dimension value in `lang`: '高价值' -> 'High value', 'At Risk' -> '流失风险'; other values as they are. */
export function dimensionValueName(dimension: string, value: string, lang: 'zh' | 'en'): string {
  const names = Object.hasOwn(VALUE_NAMES, dimension) ? VALUE_NAMES[dimension] : undefined;
  return names && Object.hasOwn(names, value) ? names[value][lang] : value;
}

/**
 * A raw column header as a reader expects it: 'company_size' -> 'Company size', 'PaymentMethod'
 * -> 'Payment method'. Headers with any non-ASCII letter (中文 headers) are kept as written.
 */
export function humaniseHeader(header: string): string {
  if (!/^[\x20-\x7e]+$/.test(header)) return header;
  const words = header.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ').trim().split(/\s+/);
  if (words.length === 0 || words[0] === '') return header;
  // Acronyms (ID, NPS, MRR) stay as they are; other words lower case after the first.
  const shaped = words.map((w, i) => (/^[A-Z0-9]{2,}$/.test(w) ? w : i === 0 ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w.toLowerCase()));
  return shaped.join(' ');
}
