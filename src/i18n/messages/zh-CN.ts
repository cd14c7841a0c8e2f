/** 中文 (default) interface text. Keys are shared with en.ts. */
export default {
  app: { title: '客户流失预警大屏', company: '演示公司', asOf: '数据截至', loading: '正在启动分析引擎…', preparing: '正在计算指标…', loadingDemo: '正在生成演示数据…', engine: '引擎', error: '出错了' },
  kpi: { customers: '客户数', orders: '订单数', churned: '流失客户', active: '活跃', silent: '沉默', new: '新客', churnRule: '流失口径' },
  rule: { labeled: '标签', contractual: '合同到期', rule: '未购天数规则', model: 'BG/NBD 模型' },
  files: {
    demoInfo: '演示公司：{customers} 个客户，生成 {generate} ms，载入 {load} ms',
    title: '已加载文件', drop: '拖入 CRM 导出文件（CSV / XLSX / Parquet / JSON），或', choose: '选择文件', table: '识别为', rows: '已加载', rejected: '拒绝行',
    encoding: '编码', error: '错误', none: '尚未加载文件（当前为演示数据）', line: '第 {line} 行', loading: '正在加载 {file}…', cancel: '取消', clear: '清除全部数据',
  },
  table: { customers: '客户', orders: '订单', subscriptions: '订阅/合同', activity: '活跃行为', tickets: '工单', nps: 'NPS 调查', interventions: '挽回措施' },
  screen: {
    overview: '总览', analysis: '分析', lamp: { red: '高风险预警', amber: '中风险关注', green: '运行正常' },
    fullscreen: '全屏', theme: '切换主题', analyst: '数据与设置', back: '返回', all: '全部客户', list: '客户清单',
    paused: '轮播已暂停', refreshed: '刷新于 {time}', newlyRed: '新增高风险 {n} 户', newTriggers: '新触发 {n} 条',
    changeVsPrev: '较上期', noData: '缺少数据', needs: '上传{what}后显示', rule: '流失口径：{rule}', churnRuleLabel: { labeled: '流失标签', contractual: '合同到期', rule: '{silent}/{churn} 天未购', model: 'BG/NBD P(alive)' },
  },
  kpiName: { customers: '客户总数', churnRate: '客户流失率', revenueChurn: '收入流失率', valueChurn: '价值流失率', nrr: '净收入留存', redCustomers: '高风险客户', atRiskValue: '风险价值', winBackRate: '挽回成功率' },
  panel: {
    trend: '流失趋势', structural: '结构性流失', cohort: '同期群留存', rfm: 'RFM 客户分群', risk: '风险分层', riskList: '风险客户滚动榜', triggers: '关键节点预警', region: '区域流失', diagnosis: '诊断',
    nPeriod: '第 N 期', unbounded: '累计留存', threshold: '预警线', rate: '流失率', valueRate: '价值流失率', lift: '提升度', overall: '整体', topSignals: '主要预警信号',
    red: '高风险', amber: '中风险', green: '低风险', score: '健康分', owner: '负责人', value: '价值', newFlag: '新',
  },
  list: { title: '客户清单', total: '共 {n} 户', export: '导出 CSV', id: '客户ID', name: '客户名称', tier: '风险', status: '状态', score: '健康分', reasons: '主要原因', owner: '负责人', last: '最近购买', value: '价值', action: '建议动作', region: '区域', valueTier: '价值分层', prev: '上一页', next: '下一页' },
  c360: {
    kind: { order: '订单', ticket: '工单', nps: 'NPS', activity: '活跃', subscription: '订阅', intervention: '挽回' },
 title: '客户 360', timeline: '时间线', health: '健康分与原因', action: '建议动作', attributes: '客户属性', pAlive: '存活概率', signup: '注册日期', firstSeen: '首次出现' },
  status: { active: '活跃', silent: '沉默', churned: '流失', new: '新客' },
  signal: { 'frequency-drop': '购买频次下降', 'monetary-drop': '消费金额下降', 'service-failures': '服务失误', 'usage-drop': '使用深度下降', recency: '购买间隔', frequencyTrend: '购买频次下降', monetaryTrend: '消费金额下降', complaints: '投诉', serviceFailures: '服务失误', nps: 'NPS/满意度', usageTrend: '使用深度下降' },
  trigger: { 'first-purchase-30d': '首单后30天未复购', 'renewal-at-risk': '续约临近且有风险', 'open-complaint-7d': '7日内投诉未解决', 'unanswered-48h': '售后48小时未响应' },
  hint: {
    trend: '需要带日期的订单或订阅文件（如订单导出、合同台账）才能画出流失趋势。',
    structural: '需要客户文件中的区域、等级、行业等维度，或带流失标签的客户快照。',
    risk: '需要订单、活跃、工单或 NPS 文件来计算健康分（目前只有标签，没有行为信号）。',
    region: '需要客户文件中的区域/省份列。',
    'risk-list': '需要订单、活跃、工单或 NPS 文件来计算风险客户。',
    triggers: '需要订单（首单）、订阅（续约日期）或工单文件来生成关键节点预警。',
    cohort: '需要带日期的订单或订阅文件才能计算同期群留存。',
    rfm: '需要订单文件（客户、日期、金额）才能计算 RFM。',
    diagnosis: '需要更多数据才能诊断。',
  },
  lang: { switch: 'English' },
};
