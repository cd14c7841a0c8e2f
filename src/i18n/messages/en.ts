import type zh from './zh-CN';

/** English interface text; the shape must match zh-CN. */
const en: typeof zh = {
  app: { title: 'Customer Churn Warning Screen', company: 'Demo Company', asOf: 'Data as of', loading: 'Starting the analysis engine…', loadingDemo: 'Generating demo data…', engine: 'Engine', error: 'Something went wrong' },
  kpi: { customers: 'Customers', orders: 'Orders', churned: 'Churned', active: 'Active', silent: 'Silent', new: 'New', churnRule: 'Churn rule' },
  rule: { labeled: 'label', contractual: 'contract end', rule: 'days without purchase', model: 'BG/NBD model' },
  files: {
    demoInfo: 'Demo company: {customers} customers, generated in {generate} ms, loaded in {load} ms',
    title: 'Loaded files', drop: 'Drop CRM exports (CSV / XLSX / Parquet / JSON) here, or', choose: 'choose files', table: 'Detected as', rows: 'Loaded', rejected: 'Rejected',
    encoding: 'Encoding', error: 'Error', none: 'No files loaded yet (showing the demo company)', line: 'line {line}', loading: 'Loading {file}…', cancel: 'Cancel', clear: 'Clear all data',
  },
  table: { customers: 'Customers', orders: 'Orders', subscriptions: 'Subscriptions', activity: 'Activity', tickets: 'Tickets', nps: 'NPS', interventions: 'Interventions' },
  lang: { switch: '中文' },
};
export default en;
