import type { Locale } from '../../i18n/index';

/** Section titles of the text report; a section without one is titled by its key. */
const TITLES: Record<string, { en: string; zh: string }> = {
  tables: { en: 'Tables', zh: '数据表' },
  customers: { en: 'Customers', zh: '客户' },
  churnLabels: { en: 'Churn labels', zh: '流失标签' },
  projection: { en: 'Retention projection (sBG)', zh: '留存预测（sBG）' },
  churnByPeriod: { en: 'Churn by period', zh: '分期流失' },
  churnDefinition: { en: 'Churn definition', zh: '流失口径' },
  structuralOverall: { en: 'Overall churn', zh: '整体流失' },
  structural: { en: 'Churn by dimension', zh: '结构性流失' },
  structuralCallouts: { en: 'Callouts', zh: '提示' },
  cohorts: { en: 'Cohort retention', zh: '同期群留存' },
  cohortAverage: { en: 'Average retention', zh: '平均留存' },
  cohortBasis: { en: 'Cohort basis', zh: '同期群依据' },
  rfm: { en: 'RFM segments', zh: 'RFM 分群' },
  valueTiers: { en: 'Value tiers', zh: '价值分层' },
  plays: { en: 'Retention plays', zh: '挽留策略' },
  risk: { en: 'Risk tiers', zh: '风险分级' },
  triggers: { en: 'Triggers', zh: '触发事件' },
  models: { en: 'Models', zh: '模型' },
  backtest: { en: 'Back-test of the status definitions', zh: '流失口径回测' },
  clv: { en: 'Customer lifetime value', zh: '客户终身价值' },
  service: { en: 'Service', zh: '服务' },
  churnReasons: { en: 'Churn reasons', zh: '流失原因' },
  interventions: { en: 'Interventions', zh: '干预' },
  diagnosis: { en: 'Diagnosis', zh: '诊断' },
  notes: { en: 'Notes', zh: '说明' },
};

/** Words of the header. */
const WORDS = {
  title: { en: 'ChurnWatch analysis', zh: 'ChurnWatch 流失分析' },
  asOf: { en: 'as of', zh: '截至' },
  churnRule: { en: 'churn rule', zh: '流失规则' },
  engine: { en: 'engine', zh: '引擎' },
  files: { en: 'Files', zh: '文件' },
  file: { en: 'file', zh: '文件' },
  table: { en: 'table', zh: '表' },
  loaded: { en: 'rows loaded', zh: '已加载行' },
  rows: { en: 'rows', zh: '行数' },
  rejected: { en: 'rejected', zh: '拒绝行' },
  encoding: { en: 'encoding', zh: '编码' },
  error: { en: 'error', zh: '错误' },
  threads: { en: 'threads', zh: '线程' },
  memoryLimit: { en: 'memory limit', zh: '内存上限' },
  value: { en: 'value', zh: '值' },
  item: { en: 'item', zh: '项' },
} as const;

/** Column headers in Chinese; English keeps the contract's key, which is what `--json` users read. */
const ZH_COLUMNS: Record<string, string> = {
  period: '周期', start: '期初', churned: '流失', rate: '流失率', joinedAndLost: '当期新增即流失', valueLost: '流失价值',
  nrr: '净收入留存', dimension: '维度', value: '取值', customers: '客户数', lift: '提升度', valueShare: '价值占比',
  lostValueShare: '流失价值占比', cohort: '同期群', size: '人数', segment: '分群', tier: '分层', value12m: '近12月价值',
  kind: '类型', message: '说明', total: '总计', active: '活跃', silent: '沉默', new: '新客', unknown: '无流失标签', red: '红', amber: '黄', green: '绿',
  scored: '已评分', check: '检查', status: '状态', text: '内容', group: '类别', label: '原因', share: '占比', atRisk: '风险中',
  healthy: '健康客户', note: '备注',
  t0: '回测起点', asOf: '截至', horizonDays: '回测天数', definition: '口径', cameBack: '后来回流', redTier: '红色预警',
  precision: '精确率', recall: '召回率', flagged: '标红',
};

/** Title of a report section. */
export function titleOf(key: string, lang: Locale): string {
  const t = TITLES[key];
  return t ? (lang === 'zh-CN' ? t.zh : t.en) : key;
}

/** A header word. */
export function word(key: keyof typeof WORDS, lang: Locale): string {
  return lang === 'zh-CN' ? WORDS[key].zh : WORDS[key].en;
}

/** A column header: the key, or its Chinese name. */
export function columnOf(key: string, lang: Locale): string {
  return lang === 'zh-CN' ? (ZH_COLUMNS[key] ?? key) : key;
}
