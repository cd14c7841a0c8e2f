import type { Locale } from '../../../i18n';

/**
 * Fallback words for the option builders when the caller passes no label for a key. Keys:
 * rate (a period's churn rate), ofBase (the trend under a drill to churners is the base's), shareChurned (the churned share of customers to date), valueRate, threshold, churned, atStart, customers, lift, valueShare, overall, cohortSize,
 * retained, period, nPeriod, unbounded, value, red, amber, green, total, partial, projected, weight,
 * month, atRisk, median;
 * RFM segment names may be passed as `segment:<name>` (e.g. `segment:Champions`).
 */
export const DEFAULT_LABELS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    rate: '流失率', shareChurned: '累计流失占比', churnerShare: '占流失客户', baseShare: '占全体', ofBase: '按流失筛选前的全体计算', valueRate: '价值流失率', threshold: '预警线', churned: '流失', atStart: '期初',
    customers: '客户', lift: '提升度', valueShare: '价值占比', overall: '整体', cohortSize: '同期群规模',
    retained: '留存', period: '期', nPeriod: '第 N 期', unbounded: '累计留存', value: '价值',
    red: '高风险', amber: '中风险', green: '低风险', total: '合计', partial: '（未满期）', projected: '预测（sBG 模型）', weight: '模型权重', month: '个月', atRisk: '在网', median: '中位',
  },
  en: {
    rate: 'Churn rate', shareChurned: 'Churned share to date', churnerShare: 'Share of the churners', baseShare: 'Share of the base', ofBase: 'Of the base before the churner drill', valueRate: 'Value churn rate', threshold: 'Threshold', churned: 'churned', atStart: 'at start',
    customers: 'customers', lift: 'Lift', valueShare: 'Value share', overall: 'Overall', cohortSize: 'Cohort size',
    retained: 'retained', period: 'Period', nPeriod: 'N-period', unbounded: 'Unbounded', value: 'Value',
    red: 'Red', amber: 'Amber', green: 'Green', total: 'Total', partial: ' (partial)', projected: 'Projected (sBG model)', weight: 'Model weight', month: 'Month', atRisk: 'at risk', median: 'Median',
  },
};
