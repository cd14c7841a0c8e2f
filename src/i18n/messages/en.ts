import type zh from './zh-CN';
import { INGEST_MESSAGES as ingest } from '../../ingest/messages';
import analyst from './analyst.en';

/** English interface text; the shape must match zh-CN. */
const en: typeof zh = {
  app: { title: 'Customer Churn Warning Screen', company: 'Demo Company', asOf: 'Data as of', loading: 'Starting the analysis engine…', loadingData: 'Opening the workspace…', revalidating: 'Checking the saved screen against the data…', rebuilding: 'Updating metrics {done}/{total}', otherTab: 'ChurnWatch is open in another tab: this one shows the last saved screen (read-only) and takes over when that tab closes.', storage: { opfs: 'Storage: browser file system (OPFS)', indexeddb: 'Storage: IndexedDB (fallback)', memory: 'Storage: memory only' }, preparing: 'Computing metrics…', loadingDemo: 'Generating demo data…', engine: 'Engine', error: 'Something went wrong' },
  kpi: { customers: 'Customers', orders: 'Orders', churned: 'Churned', active: 'Active', silent: 'Silent', new: 'New', churnRule: 'Churn rule', unlabeled: '{n} customers have no churn label' },
  rule: { labeled: 'label', contractual: 'contract end', rule: 'days without purchase', model: 'BG/NBD model' },
  files: {
    demoInfo: 'Demo company: {customers} customers, generated in {generate} ms, loaded in {load} ms',
    title: 'Loaded files', drop: 'Drop CRM exports (CSV / XLSX / Parquet / JSON) here, or', choose: 'choose files', table: 'Detected as', rows: 'Loaded', rejected: 'Rejected',
    encoding: 'Encoding', error: 'Error', none: 'No files loaded yet (showing the demo company)', line: 'line {line}', loading: 'Loading {file}…', cancel: 'Cancel', clear: 'Clear all data',
  },
  table: { customers: 'Customers', orders: 'Orders', subscriptions: 'Subscriptions', activity: 'Activity', tickets: 'Tickets', nps: 'NPS', interventions: 'Interventions' },
  screen: {
    overview: 'Overview', analysis: 'Analysis', lamp: { red: 'High-risk alert', amber: 'Watch', green: 'All normal' },
    fullscreen: 'Fullscreen', theme: 'Theme', analyst: 'Data & settings', back: 'Back', all: 'All customers', list: 'Customer list',
    paused: 'Carousel paused', refreshed: 'Refreshed {time}', newlyRed: '{n} newly red', newTriggers: '{n} new triggers',
    changeVsPrev: 'vs previous', noData: 'No data', emptyDrill: 'None of the customers in this selection shows here. Step back (Esc) or pick another segment.', needs: 'Upload {what} to fill this', rule: 'Churn rule: {rule}', churnRuleLabel: { labeled: 'churn label', contractual: 'contract ended', rule: 'no purchase for {silent}/{churn} days', model: 'BG/NBD P(alive)' },
  },
  kpiName: { customers: 'Customers', churnRate: 'Churn rate', churnRateBy: { week: 'Weekly churn rate', month: 'Monthly churn rate', quarter: 'Quarterly churn rate', year: 'Yearly churn rate' }, revenueChurn: 'Revenue churn', valueChurn: 'Value churn', nrr: 'Net revenue retention', redCustomers: 'Red-tier customers', atRiskValue: 'At-risk value', winBackRate: 'Win-back rate', labelledChurnRate: 'Churn rate (labelled)', valueLost: 'Monthly value lost' },
  panel: {
    trend: 'Churn trend', structural: 'Structural churn', cohort: 'Cohort retention', rfm: 'RFM segments', risk: 'Risk tiers', riskList: 'At-risk customers', triggers: 'Key-moment alerts', region: 'Churn by region', diagnosis: 'Diagnosis',
    composition: 'Churners by group: each bar is its share of the churners; × is the lift against the base',
    nPeriod: 'N-period', unbounded: 'Unbounded', projected: 'Projected (sBG model)', threshold: 'Threshold', rate: 'Churn rate', valueRate: 'Value churn', lift: 'Lift', overall: 'Overall', topSignals: 'Top warning signals',
    red: 'Red', amber: 'Amber', green: 'Green', score: 'Health', owner: 'Owner', value: 'Value', newFlag: 'NEW',
    drivers: 'Churn drivers', modelWeights: 'Model weights (standardised)', tenureCurve: 'Retention by tenure (Kaplan-Meier)', medianTenure: 'Median tenure {n} months', noMedian: 'Over half remain at every tenure',
  },
  list: { title: 'Customer list', total: '{n} customers', export: 'Export CSV', exportXlsx: 'Export XLSX', id: 'Customer ID', name: 'Name', tier: 'Risk', status: 'Status', score: 'Health', reasons: 'Top reasons', owner: 'Owner', last: 'Last purchase', value: 'Value', action: 'Recommended action', region: 'Region', valueTier: 'Value tier', rfmSegment: 'RFM segment', pAliveBgnbd: 'P(alive) BG/NBD', pAliveParetoNbd: 'P(alive) Pareto/NBD', prev: 'Previous', next: 'Next' },
  c360: {
    kind: { order: 'Order', ticket: 'Ticket', nps: 'NPS', activity: 'Activity', subscription: 'Subscription', intervention: 'Intervention' },
 title: 'Customer 360', timeline: 'Timeline', health: 'Health score and reasons', model: 'Churn probability (model on the labels, out of fold) and reasons', action: 'Recommended action', attributes: 'Attributes', pAlive: 'P(alive)', signup: 'Signup date', firstSeen: 'First seen', value12m: 'Value, last 12 months', valueBeforeSilence: 'Value, 12 months to the last purchase', playTier: 'Play chosen as' },
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
  settings: {
    title: 'Analysis settings', reset: 'Reset to defaults', auto: 'Automatic', periods: { week: 'Week', month: 'Month', quarter: 'Quarter', year: 'Year' },
    group: { churn: 'Churn definition', health: 'Health score and tiers', alerts: 'Alerts', value: 'Customer value' },
    label: {
      asOf: 'As-of date', period: 'Period', churnRule: 'Churn rule', silentDays: 'Silent days W1', minSilentDays: 'Minimum W1 days', churnDays: 'Churn days W2',
      pAliveActive: 'Active P(alive)', pAliveChurned: 'Churned P(alive)', modelMinRepeatCustomers: 'Repeat customers for model', redBelow: 'Red below', greenAbove: 'Green above', modelRedAt: 'Model red from P(churn)', modelAmberAt: 'Model amber from P(churn)',
      churnAlertThreshold: 'Churn alert threshold', renewalWarningDays: 'Renewal warning days', currency: 'Currency', clvHorizonMonths: 'CLV horizon (months)', clvAnnualDiscountRate: 'CLV annual discount rate',
    },
    help: {
      asOf: 'The "today" of every metric; later rows are ignored. Empty = latest date in the data.',
      period: 'Churn rate, trend and cohorts are computed per this period.',
      churnRule: 'How churn is decided; Automatic = picked from the loaded tables.',
      silentDays: 'Silent after this many days without a purchase; empty = 2x the customer\'s own median gap.',
      minSilentDays: 'The lower bound for the automatic W1.',
      churnDays: 'Churned after this many days without a purchase (rule mode).',
      pAliveActive: 'Model mode: P(alive) at or above this is active.',
      pAliveChurned: 'Model mode: P(alive) below this is churned; in between is silent.',
      modelMinRepeatCustomers: 'The BG/NBD model is chosen automatically from this many repeat customers.',
      redBelow: 'Health score below this is red (high risk).',
      greenAbove: 'Health score above this is green (low risk); in between is amber.',
      modelRedAt: 'Labelled data without behaviour: the model\'s out-of-fold churn probability at or above this is red.',
      modelAmberAt: 'Labelled data without behaviour: churn probability at or above this (and below red) is amber; below is green.',
      churnAlertThreshold: 'The header lamp turns red and the trend draws a dashed line above this churn rate per period.',
      renewalWarningDays: 'Alert when a renewal or contract end is this close while the customer is at risk.',
      currency: 'Three-letter currency code for amounts, e.g. CNY, USD.',
      clvHorizonMonths: 'How many future months customer lifetime value covers.',
      clvAnnualDiscountRate: 'Annual rate used to discount CLV (applied monthly).',
      segmentWindows: 'W1/W2 for one segment (industry, tier ...), overriding the global days above.',
    },
    segment: { dimension: 'Dimension', value: 'Value', silentDays: 'W1 days', churnDays: 'W2 days', add: 'Add', remove: 'Remove' },
    weightHelp: {
      recency: 'Weight of days since last activity versus the usual gap.',
      frequencyTrend: 'Weight of purchase frequency, last 90 days versus the previous 90.',
      monetaryTrend: 'Weight of spend, last 90 days versus the previous 90.',
      complaints: 'Weight of complaints in the last 30 days.',
      serviceFailures: 'Weight of service failures (tickets unanswered over 48 h, slow response).',
      nps: 'Weight of an NPS drop or detractor score.',
      usageTrend: 'Weight of the usage depth trend (distinct features / events).',
    },
    error: {
      required: 'Required.', choice: 'Choose an option.', date: 'Enter a valid date (YYYY-MM-DD).', currency: 'Enter a three-letter currency code.',
      number: 'Enter a number.', integer: 'Enter a whole number.', range: 'Enter a value from {min} to {max}.',
      silentBeforeChurn: 'Silent days must be fewer than churn days.', pAliveOrder: 'The churned threshold must be below the active threshold.', tierOrder: 'Red must be below green.', modelTierOrder: 'The amber probability must be below the red one.', weightsZero: 'The weights cannot all be 0.', segmentRequired: 'Enter a dimension and a value.',
    },
  },
  lang: { switch: '中文' },
  engine: { failed: 'The analysis engine stopped', safe: 'It may have run out of memory or failed. The saved workspace (files, mappings and settings) is not lost: reload to restore it.', reload: 'Reload the saved workspace', dismiss: 'Close', autoReload: 'Reloading by itself in {n} s' },
  analyst,
  /** Loader messages by key (src/ingest/messages.ts). */
  ingest,
};
export default en;
