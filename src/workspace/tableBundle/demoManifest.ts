import type { DemoLoadReport } from '../../demo/loadDemo';
import type { BundleTable, BundleView } from './codec';

/** Where the app's build puts the prebuilt demo company, relative to index.html. */
export const DEMO_BUNDLE_DIR = 'demo/';

/**
 * The prebuilt demo company the build ships (scripts/build-demo.ts writes it): every table of its
 * workspace, derived tables and build record included, as Parquet, plus the drawn screen
 * (screen.json). Valid only for the app build whose analytics code computed it.
 */
export interface DemoManifest {
  codeVersion: string;
  customers: number;
  demo: DemoLoadReport;
  tables: BundleTable[];
  views: BundleView[];
}
