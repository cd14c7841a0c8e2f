/** The seeded demo company: generate it as Arrow tables, or load it into DuckDB. */
export { generateDemo, generateDemoChunks, resolveDemoOptions, type DemoChunk, type DemoDataset, type DemoOptions } from './generate';
export { loadDemo, type DemoLoadOptions, type DemoLoadProgress, type DemoLoadReport } from './loadDemo';
export { DEMO_TABLES, demoColumns, type DemoTableName } from './tables';
export {
  CAMPAIGN_MONTH,
  DEFAULT_DEMO_CUSTOMERS,
  DEFAULT_DEMO_SEED,
  DEFAULT_ORDERS_PER_CUSTOMER,
  DEMO_AS_OF,
  DEMO_COMPANY,
  DEMO_SOURCE,
  DEMO_START,
  HIGH_VALUE_TIERS,
  RENEWAL_CLIFF_MONTH,
  SLOWDOWN_REGION,
  SLOWDOWN_START,
} from './config';
export { CANCEL_REASONS, REASON_GROUPS } from './dimensions';
