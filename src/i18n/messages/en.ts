import type zh from './zh-CN';

/** English interface text; the shape must match zh-CN. */
const en: typeof zh = {
  app: { title: 'Customer Churn Warning Screen', company: 'Demo Company', asOf: 'Data as of', loading: 'Starting the analysis engine…', preparing: 'Computing metrics…', loadingDemo: 'Generating demo data…', engine: 'Engine', error: 'Something went wrong' },
  kpi: { customers: 'Customers', orders: 'Orders', churned: 'Churned', active: 'Active', silent: 'Silent', new: 'New', churnRule: 'Churn rule' },
  rule: { labeled: 'label', contractual: 'contract end', rule: 'days without purchase', model: 'BG/NBD model' },
  files: {
    demoInfo: 'Demo company: {customers} customers, generated in {generate} ms, loaded in {load} ms',
    title: 'Loaded files', drop: 'Drop CRM exports (CSV / XLSX / Parquet / JSON) here, or', choose: 'choose files', table: 'Detected as', rows: 'Loaded', rejected: 'Rejected',
    encoding: 'Encoding', error: 'Error', none: 'No files loaded yet (showing the demo company)', line: 'line {line}', loading: 'Loading {file}…', cancel: 'Cancel', clear: 'Clear all data',
  },
  table: { customers: 'Customers', orders: 'Orders', subscriptions: 'Subscriptions', activity: 'Activity', tickets: 'Tickets', nps: 'NPS', interventions: 'Interventions' },
  screen: {
    overview: 'Overview', analysis: 'Analysis', lamp: { red: 'High-risk alert', amber: 'Watch', green: 'All normal' },
    fullscreen: 'Fullscreen', theme: 'Switch theme', analyst: 'Data & settings', back: 'Back', all: 'All customers', list: 'Customer list',
    paused: 'Carousel paused', refreshed: 'Refreshed {time}', newlyRed: '{n} newly red', newTriggers: '{n} new triggers',
    changeVsPrev: 'vs previous', noData: 'No data', needs: 'Upload {what} to fill this', rule: 'Churn rule: {rule}', churnRuleLabel: { labeled: 'churn label', contractual: 'contract ended', rule: 'no purchase for {silent}/{churn} days', model: 'BG/NBD P(alive)' },
  },
  kpiName: { customers: 'Customers', churnRate: 'Churn rate', revenueChurn: 'Revenue churn', valueChurn: 'Value churn', nrr: 'Net revenue retention', redCustomers: 'Red-tier customers', atRiskValue: 'At-risk value', winBackRate: 'Win-back rate' },
  panel: {
    trend: 'Churn trend', structural: 'Structural churn', cohort: 'Cohort retention', rfm: 'RFM segments', risk: 'Risk tiers', riskList: 'At-risk customers', triggers: 'Key-moment alerts', region: 'Churn by region', diagnosis: 'Diagnosis',
    nPeriod: 'N-period', unbounded: 'Unbounded', threshold: 'Threshold', rate: 'Churn rate', valueRate: 'Value churn', lift: 'Lift', overall: 'Overall', topSignals: 'Top warning signals',
    red: 'Red', amber: 'Amber', green: 'Green', score: 'Health', owner: 'Owner', value: 'Value', newFlag: 'NEW',
  },
  list: { title: 'Customer list', total: '{n} customers', export: 'Export CSV', id: 'Customer ID', name: 'Name', tier: 'Risk', status: 'Status', score: 'Health', reasons: 'Top reasons', owner: 'Owner', last: 'Last purchase', value: 'Value', action: 'Recommended action', region: 'Region', valueTier: 'Value tier', prev: 'Previous', next: 'Next' },
  c360: {
    kind: { order: 'Order', ticket: 'Ticket', nps: 'NPS', activity: 'Activity', subscription: 'Subscription', intervention: 'Intervention' },
 title: 'Customer 360', timeline: 'Timeline', health: 'Health score and reasons', action: 'Recommended action', attributes: 'Attributes', pAlive: 'P(alive)', signup: 'Signup date', firstSeen: 'First seen' },
  status: { active: 'Active', silent: 'Silent', churned: 'Churned', new: 'New' },
  signal: { 'frequency-drop': 'Fewer purchases', 'monetary-drop': 'Lower spend', 'service-failures': 'Service failures', 'usage-drop': 'Less usage', recency: 'Purchase gap', frequencyTrend: 'Fewer purchases', monetaryTrend: 'Lower spend', complaints: 'Complaints', serviceFailures: 'Service failures', nps: 'NPS / satisfaction', usageTrend: 'Less usage' },
  trigger: { 'first-purchase-30d': 'No repeat 30 days after first order', 'renewal-at-risk': 'Renewal due while at risk', 'open-complaint-7d': 'Complaint open in last 7 days', 'unanswered-48h': 'After-sales ticket unanswered 48 h' },
  hint: {
    trend: 'Needs dated orders or subscriptions (an order export or contract list) to draw the churn trend.',
    structural: 'Needs customer dimensions (region, tier, industry ...) or a labeled customer snapshot.',
    risk: 'Needs orders, activity, tickets or NPS to score health (a label alone carries no behavioural signal).',
    region: 'Needs a region/state column in the customer file.',
    'risk-list': 'Needs orders, activity, tickets or NPS to find at-risk customers.',
    triggers: 'Needs orders (first purchase), subscriptions (renewal dates) or tickets for key-moment alerts.',
    cohort: 'Needs dated orders or subscriptions for cohort retention.',
    rfm: 'Needs an order file (customer, date, amount) for RFM.',
    diagnosis: 'Needs more data to diagnose.',
  },
  lang: { switch: '中文' },
};
export default en;
