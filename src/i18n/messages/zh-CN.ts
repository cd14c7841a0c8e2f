/** 中文 (default) interface text. Keys are shared with en.ts. */
export default {
  app: { title: '客户流失预警大屏', company: '演示公司', asOf: '数据截至', loading: '正在启动分析引擎…', loadingDemo: '正在生成演示数据…', engine: '引擎', error: '出错了' },
  kpi: { customers: '客户数', orders: '订单数', churned: '流失客户', active: '活跃', silent: '沉默', new: '新客', churnRule: '流失口径' },
  rule: { labeled: '标签', contractual: '合同到期', rule: '未购天数规则', model: 'BG/NBD 模型' },
  files: {
    demoInfo: '演示公司：{customers} 个客户，生成 {generate} ms，载入 {load} ms',
    title: '已加载文件', drop: '拖入 CRM 导出文件（CSV / XLSX / Parquet / JSON），或', choose: '选择文件', table: '识别为', rows: '已加载', rejected: '拒绝行',
    encoding: '编码', error: '错误', none: '尚未加载文件（当前为演示数据）', line: '第 {line} 行', loading: '正在加载 {file}…', cancel: '取消', clear: '清除全部数据',
  },
  table: { customers: '客户', orders: '订单', subscriptions: '订阅/合同', activity: '活跃行为', tickets: '工单', nps: 'NPS 调查', interventions: '挽回措施' },
  lang: { switch: 'English' },
};
